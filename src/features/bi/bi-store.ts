/** Reads and writes of BI responses: the conversation state, raw messages (saved first) and LLM calls. */

import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { isUniqueViolation } from "../../platform/db/errors.js";
import type { LlmCallReport } from "../../platform/llm.js";
import type { Answers } from "./answers.js";
import type { BiState } from "./conversation.js";

export type BiStatus = "in_progress" | "paused" | "done";

export type StoredResponse = {
  id: number;
  smeId: number;
  templateKey: string;
  status: BiStatus;
  channelId: string | null;
  state: BiState;
  completedAt: Date | null;
  updatedAt: Date;
};

function toStored(row: {
  id: number;
  smeId: number;
  templateKey: string;
  status: BiStatus;
  channelId: string | null;
  state: unknown;
  completedAt: Date | null;
  updatedAt: Date;
}): StoredResponse {
  return { ...row, state: row.state as BiState };
}

export async function findResponse(db: Database, smeId: number, templateKey: string): Promise<StoredResponse | null> {
  const row = await db.biResponse.findUnique({ where: { smeId_templateKey: { smeId, templateKey } } });
  return row ? toStored(row) : null;
}

export async function getResponse(db: Database, id: number): Promise<StoredResponse | null> {
  const row = await db.biResponse.findUnique({ where: { id } });
  return row ? toStored(row) : null;
}

/** The conversation an SME member is having in a DM channel, if any (most recently active first). */
export async function activeResponseIn(db: Database, smeId: number, channelId: string): Promise<StoredResponse | null> {
  const row = await db.biResponse.findFirst({
    where: { smeId, channelId, status: { in: ["in_progress", "paused"] } },
    orderBy: { updatedAt: "desc" },
  });
  return row ? toStored(row) : null;
}

/** The conversation a person is having in a DM channel: one indexed read, fast enough before the ack. */
export async function activeResponseOf(
  db: Database,
  slackUserId: string,
  channelId: string,
): Promise<StoredResponse | null> {
  const row = await db.biResponse.findFirst({
    where: { channelId, status: { in: ["in_progress", "paused"] }, sme: { members: { some: { slackUserId } } } },
    orderBy: { updatedAt: "desc" },
  });
  return row ? toStored(row) : null;
}

/** Starts a response, or starts it over; one per SME and template. */
export async function startResponse(
  db: Database,
  input: { smeId: number; state: BiState; channelId: string; bySlackId: string; now: Date },
): Promise<StoredResponse> {
  const { template } = input.state;
  const data = {
    templateVersion: template.version,
    status: "in_progress" as const,
    answers: input.state.answers,
    state: input.state,
    channelId: input.channelId,
    completedAt: null,
  };
  const row = await db.$transaction(async (tx) => {
    const saved = await tx.biResponse.upsert({
      where: { smeId_templateKey: { smeId: input.smeId, templateKey: template.key } },
      create: { smeId: input.smeId, templateKey: template.key, ...data, startedAt: input.now },
      update: { ...data, startedAt: input.now },
    });
    await tx.biMessage.deleteMany({ where: { responseId: saved.id } });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "bi.start",
        target: { type: "sme", id: input.smeId },
        details: { template: template.key, version: template.version },
      },
      input.now,
    );
    return saved;
  });
  return toStored(row);
}

/** A finished response opened again with its answers (`/bi start` on a finished template). */
export async function reopenResponse(db: Database, id: number, state: BiState, channelId: string): Promise<void> {
  await db.biResponse.update({
    where: { id },
    data: { state, answers: state.answers as Answers, status: "in_progress", completedAt: null, channelId },
  });
}

export async function saveState(
  db: Pick<Prisma.TransactionClient, "biResponse">,
  id: number,
  state: BiState,
  now: Date,
): Promise<void> {
  const status: BiStatus = state.finished ? "done" : state.paused ? "paused" : "in_progress";
  await db.biResponse.update({
    where: { id },
    data: { state, answers: state.answers as Answers, status, ...(state.finished ? { completedAt: now } : {}) },
  });
}

/**
 * Saves an SME's message as typed, before anything else happens to it. Returns undefined when this
 * message (by its Slack ts) was saved already: a retried delivery.
 */
export async function saveRawMessage(db: Database, responseId: number, slackTs: string, text: string) {
  try {
    return await db.biMessage.create({ data: { responseId, slackTs, text } });
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
}

/** The saved message to handle next: the oldest by Slack ts, whatever order they arrived in. */
export async function oldestUnprocessedMessage(db: Database, responseId: number) {
  const rows = await db.biMessage.findMany({ where: { responseId, processedAt: null } });
  // Slack ts strings order by time when compared as numbers.
  return rows.sort((a, b) => Number(a.slackTs) - Number(b.slackTs))[0];
}

/** Responses with saved messages nobody handled yet (the process stopped first): resumed at start-up. */
export async function responsesWithUnprocessedMessages(db: Database): Promise<number[]> {
  const rows = await db.biMessage.findMany({
    where: { processedAt: null },
    select: { responseId: true },
    distinct: ["responseId"],
  });
  return rows.map((row) => row.responseId);
}

/**
 * Takes (or renews) the lease on a response's saved messages for `holder` until `expiresAt`: one
 * conditional write, so two instances asking at once get one yes. Free means no row, a row that
 * expired, or a row of this holder. False when another instance holds it, or the response is gone.
 */
export async function takeResponseLease(
  db: Database,
  input: { responseId: number; holder: string; now: Date; expiresAt: Date },
): Promise<boolean> {
  const { responseId, holder, now, expiresAt } = input;
  const renewed = await db.biResponseLease.updateMany({
    where: { responseId, OR: [{ holder }, { expiresAt: { lte: now } }] },
    data: { holder, expiresAt },
  });
  if (renewed.count === 1) return true;
  try {
    await db.biResponseLease.create({ data: { responseId, holder, expiresAt } });
    return true;
  } catch (error) {
    // P2002: another instance holds it (or took it just now); P2003: the response was deleted.
    const code = (error as { code?: string }).code;
    if (code === "P2002" || code === "P2003") return false;
    throw error;
  }
}

/** Gives the lease up (only if `holder` still has it). */
export async function releaseResponseLease(db: Database, responseId: number, holder: string): Promise<void> {
  await db.biResponseLease.deleteMany({ where: { responseId, holder } });
}

/**
 * A handled message's turn: the new state and the message marked handled, in one transaction, so a
 * process that dies between the two never applies the message again (to the next question).
 */
export async function saveTurn(
  db: Database,
  input: { responseId: number; state: BiState; messageId: number; filled: readonly string[]; now: Date },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await saveState(tx, input.responseId, input.state, input.now);
    await markProcessed(tx, input.messageId, input.filled, input.now);
  });
}

export async function markProcessed(
  db: Pick<Prisma.TransactionClient, "biMessage">,
  messageId: number,
  filled: readonly string[],
  now: Date,
) {
  await db.biMessage.update({
    where: { id: messageId },
    data: { processedAt: now, filledFields: JSON.stringify(filled) },
  });
}

/** An edited Slack message: new text on the saved message; returns it with the fields it had filled. */
export async function editRawMessage(db: Database, responseId: number, slackTs: string, text: string, now: Date) {
  const message = await db.biMessage.findUnique({ where: { responseId_slackTs: { responseId, slackTs } } });
  if (!message) return undefined;
  await db.biMessage.update({ where: { id: message.id }, data: { text, editedAt: now } });
  return { ...message, text, filled: JSON.parse(message.filledFields) as string[] };
}

export async function recordLlmCall(db: Database, responseId: number | null, call: LlmCallReport): Promise<void> {
  await db.llmCall.create({ data: { ...call, responseId, error: call.error ?? null } });
}

export type UsageFigures = {
  calls: number;
  failedCalls: number;
  promptTokens: number;
  completionTokens: number;
  medianLatencyMs: number;
  completed: number;
  byModel: { model: string; promptTokens: number; completionTokens: number }[];
};

export async function usageFigures(db: Database): Promise<UsageFigures> {
  const calls = await db.llmCall.findMany({
    select: { model: true, promptTokens: true, completionTokens: true, latencyMs: true, ok: true },
  });
  const completed = await db.biResponse.count({ where: { status: "done" } });
  const latencies = calls.map((c) => c.latencyMs).sort((a, b) => a - b);
  const models = new Map<string, { promptTokens: number; completionTokens: number }>();
  for (const call of calls) {
    const m = models.get(call.model) ?? { promptTokens: 0, completionTokens: 0 };
    m.promptTokens += call.promptTokens;
    m.completionTokens += call.completionTokens;
    models.set(call.model, m);
  }
  return {
    calls: calls.length,
    failedCalls: calls.filter((c) => !c.ok).length,
    promptTokens: calls.reduce((n, c) => n + c.promptTokens, 0),
    completionTokens: calls.reduce((n, c) => n + c.completionTokens, 0),
    medianLatencyMs: latencies[Math.floor(latencies.length / 2)] ?? 0,
    completed,
    byModel: [...models].map(([model, m]) => ({ model, ...m })),
  };
}

/** One SME's responses, most recently active first. */
export async function responsesOf(db: Database, smeId: number): Promise<StoredResponse[]> {
  return (await db.biResponse.findMany({ where: { smeId }, orderBy: { updatedAt: "desc" } })).map(toStored);
}

/** The SMEs expected to fill a template: every approved SME, and any that started one. */
export async function smesExpectedToFill(db: Database): Promise<number[]> {
  const rows = await db.sme.findMany({
    where: { OR: [{ status: "approved" }, { biResponses: { some: {} } }] },
    select: { id: true },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => row.id);
}

/** Each SME's responses, for /bi status: which template, how far, done or not. */
export async function responsesBySme(db: Database): Promise<Map<number, StoredResponse[]>> {
  const rows = await db.biResponse.findMany({ orderBy: { updatedAt: "desc" } });
  const bySme = new Map<number, StoredResponse[]>();
  for (const row of rows) bySme.set(row.smeId, [...(bySme.get(row.smeId) ?? []), toStored(row)]);
  return bySme;
}
