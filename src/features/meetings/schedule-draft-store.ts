/**
 * Schedule drafts: one run of the engine for a mission, from running to ready (or failed), then
 * published or discarded. One run per mission at a time, even with two instances of the app.
 */
import { z } from "zod";
import type { Prisma, ScheduleDraft } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { isUniqueViolation } from "../../platform/db/errors.js";
import { type ScheduleProblem, type ScheduleResult, scheduleProblemSchema } from "./engine/schedule-problem.js";
import type { SchedulePreview } from "./schedule-preview.js";

/** What a ready draft keeps: the problem it solved, the engine's result, the preview, and the requests it was made for. */
export type StoredDraft = {
  problem: ScheduleProblem;
  result: ScheduleResult;
  preview: SchedulePreview;
  requestsKey: string;
};

const storedDraftSchema = z.object({
  problem: scheduleProblemSchema,
  result: z
    .object({ placed: z.array(z.object({ meeting: z.string(), slot: z.string(), table: z.number().int() })) })
    .loose(),
  preview: z.custom<SchedulePreview>((value) => typeof value === "object" && value !== null),
  requestsKey: z.string(),
});

/** The stored result of a draft, or undefined when it has none (running, failed) or it is unreadable. */
export function readStoredDraft(draft: Pick<ScheduleDraft, "result">): StoredDraft | undefined {
  const parsed = storedDraftSchema.safeParse(draft.result);
  return parsed.success ? (parsed.data as StoredDraft) : undefined;
}

/** A run still marked running after this long died with its process: it no longer blocks a new one. */
export const abandonedRunMs = 10 * 60_000;

export type DraftStart = { started: ScheduleDraft } | { running: ScheduleDraft };

/**
 * Starts a run for a mission, unless one is running. The claim is keyed by the mission's latest
 * draft, in the same transaction as the new draft: two commands at the same moment make one run.
 */
export async function startDraft(
  db: Database,
  input: { missionId: number; bySlackId: string; now: Date },
): Promise<DraftStart> {
  const latest = await latestDraft(db, input.missionId);
  if (latest?.status === "running") {
    if (input.now.getTime() - latest.createdAt.getTime() < abandonedRunMs) return { running: latest };
    await failDraft(db, latest.id, "The run stopped without finishing (the app restarted).", input.now);
  }
  try {
    const [, draft] = await db.$transaction([
      db.processedDelivery.create({ data: { key: `schedule-run:${input.missionId}:after:${latest?.id ?? 0}` } }),
      db.scheduleDraft.create({
        data: { missionId: input.missionId, createdBySlackId: input.bySlackId, createdAt: input.now },
      }),
    ]);
    return { started: draft };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const running = await latestDraft(db, input.missionId);
    if (!running) throw error;
    return { running };
  }
}

export function latestDraft(db: Database, missionId: number): Promise<ScheduleDraft | null> {
  return db.scheduleDraft.findFirst({ where: { missionId }, orderBy: { id: "desc" } });
}

export async function getDraft(db: Database, id: number): Promise<ScheduleDraft | undefined> {
  return (await db.scheduleDraft.findUnique({ where: { id } })) ?? undefined;
}

export async function setDraftMessage(db: Database, id: number, message: { channelId: string; messageTs: string }) {
  await db.scheduleDraft.update({ where: { id }, data: message });
}

export async function finishDraft(db: Database, id: number, stored: StoredDraft, now: Date): Promise<void> {
  await db.scheduleDraft.update({
    where: { id },
    data: { status: "ready", result: stored as unknown as Prisma.InputJsonObject, finishedAt: now },
  });
}

export async function failDraft(db: Database, id: number, error: string, now: Date): Promise<void> {
  await db.scheduleDraft.updateMany({
    where: { id, status: "running" },
    data: { status: "failed", error, finishedAt: now },
  });
}

/** Discards a ready draft; false when it was already published or discarded (a second click). */
export async function discardDraft(db: Database, id: number, bySlackId: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.scheduleDraft.updateMany({
      where: { id, status: "ready" },
      data: { status: "discarded", decidedAt: now, decidedBySlackId: bySlackId },
    });
    if (count === 0) return false;
    await writeAudit(
      tx,
      { by: bySlackId, action: "schedule.discard", target: { type: "scheduleDraft", id }, details: {} },
      now,
    );
    return true;
  });
}
