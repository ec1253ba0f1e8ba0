/**
 * The BI conversation in a DM: each message is saved raw first, then handled in order, one at a
 * time per response (a queue per response; Slack retries are dropped by the message's ts), with
 * the LLM when there is one and without it otherwise or when it fails.
 */
import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { z } from "zod";
import type { AppDeps } from "../../platform/slack/feature.js";
import { uploadToDirectMessage } from "../../platform/slack/files.js";
import { getSme } from "../directory/directory-store.js";
import { checkExtracted, readYesNo } from "./answers.js";
import {
  activeResponseIn,
  editRawMessage,
  getResponse,
  markProcessed,
  recordLlmCall,
  type StoredResponse,
  saveRawMessage,
  saveState,
  unprocessedMessages,
} from "./bi-store.js";
import {
  answerExtracted,
  answerTyped,
  type BiState,
  control,
  finish,
  type Mode,
  openFields,
  readControl,
  type Turn,
} from "./conversation.js";
import { runExtraction } from "./extraction.js";
import { reportBlocks, reportMarkdown } from "./report.js";
import { allFields, type BiField } from "./template.js";

/** Runs tasks for one response one after another: two quick messages never interleave. */
export class ResponseQueues {
  #tails = new Map<number, Promise<void>>();
  run(responseId: number, task: () => Promise<void>): Promise<void> {
    const next = (this.#tails.get(responseId) ?? Promise.resolve()).then(task, task);
    const tail = next.catch(() => {});
    this.#tails.set(responseId, tail);
    void tail.then(() => {
      if (this.#tails.get(responseId) === tail) this.#tails.delete(responseId);
    });
    return next;
  }
}

const modeOf = (deps: AppDeps): Mode => (deps.llm ? "batch" : "single");

function extract(deps: AppDeps, response: StoredResponse, state: BiState, fields: readonly BiField[], text: string) {
  if (!deps.llm) return Promise.resolve(undefined);
  return runExtraction(deps.llm, state, fields, text, (call) => recordLlmCall(deps.db, response.id, call));
}

/** One message → one turn of the state machine. */
async function takeTurn(deps: AppDeps, response: StoredResponse, text: string): Promise<Turn> {
  let state = response.state;
  const mode = modeOf(deps);
  const command = readControl(text);
  if (state.confirming && !command) {
    if (readYesNo(text) === true) return finish(state);
    state = { ...state, confirming: false };
  }
  if (state.paused && !command) return control(state, { kind: "start" }, mode);
  if (command) return control({ ...state, paused: false }, command, mode);
  const focus = [state.editing, state.followUp?.field].filter((k): k is string => !!k);
  const fields = allFields(state.template).filter((f) => focus.includes(f.key) || openFields(state).includes(f));
  const extraction = await extract(deps, response, state, fields, text);
  if (extraction) return answerExtracted(state, extraction, checkExtracted);
  const typed = answerTyped(state, text);
  if (!deps.llm) return typed;
  const note = "_(The assistant is unavailable right now, so I read your answer myself.)_";
  return { ...typed, replies: typed.replies.map((reply, i) => (i === 0 ? `${note}\n\n${reply}` : reply)) };
}

async function post(client: WebClient, channel: string, replies: readonly string[]): Promise<void> {
  for (const text of replies) await client.chat.postMessage({ channel, text, mrkdwn: true });
}

/** The finished template: a summary in the DM and the Markdown report as a file. */
export async function deliverReport(
  deps: AppDeps,
  client: WebClient,
  response: StoredResponse,
  toUserId: string,
): Promise<void> {
  const sme = await getSme(deps.db, response.smeId);
  const name = sme?.name ?? "your company";
  const { template, answers } = response.state;
  const completedOn = DateTime.fromJSDate(response.completedAt ?? deps.clock.now(), { zone: "utc" }).toISODate() ?? "";
  await client.chat.postMessage({ channel: toUserId, ...reportBlocks({ template, answers, smeName: name }) });
  await uploadToDirectMessage(client, toUserId, {
    filename: `${template.key}-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.md`,
    content: reportMarkdown({ template, answers, smeName: name, completedOn }),
    title: `${template.title}: ${name}`,
    comment: "Your Business Intelligence report. Cluster staff can read it too.",
  });
}

/** Handles every saved, unprocessed message of a response, oldest first. */
async function drain(deps: AppDeps, client: WebClient, responseId: number, userId: string): Promise<void> {
  for (const message of await unprocessedMessages(deps.db, responseId)) {
    const response = await getResponse(deps.db, responseId);
    if (!response || response.status === "done") {
      await markProcessed(deps.db, message.id, [], deps.clock.now());
      continue;
    }
    const turn = await takeTurn(deps, response, message.text);
    await saveState(deps.db, responseId, turn.state, deps.clock.now());
    await markProcessed(deps.db, message.id, turn.filled, deps.clock.now());
    await post(client, response.channelId ?? userId, turn.replies);
    if (turn.finished) {
      await post(client, response.channelId ?? userId, [":tada: Thank you! Here is your report."]);
      const done = await getResponse(deps.db, responseId);
      if (done) await deliverReport(deps, client, done, userId);
    }
  }
}

/** An edited message: redo the fields it had filled, with the new text. */
async function redo(
  deps: AppDeps,
  client: WebClient,
  response: StoredResponse,
  slackTs: string,
  text: string,
): Promise<void> {
  const message = await editRawMessage(deps.db, response.id, slackTs, text, deps.clock.now());
  if (!message || message.filled.length === 0) return;
  const fields = allFields(response.state.template).filter((f) => message.filled.includes(f.key));
  const extraction = await extract(deps, response, response.state, fields, text);
  let state = response.state;
  const updated: string[] = [];
  for (const field of fields) {
    const value = extraction ? checkExtracted(field, extraction.fields[field.key]) : undefined;
    const turn = value === undefined ? answerTyped({ ...state, editing: field.key }, text) : undefined;
    const next = value !== undefined ? value : turn?.state.answers[field.key];
    if (next === undefined || (turn && !turn.filled.includes(field.key))) continue;
    state = { ...state, answers: { ...state.answers, [field.key]: next } };
    updated.push(field.key);
  }
  if (updated.length === 0) return;
  await saveState(deps.db, response.id, state, deps.clock.now());
  await post(client, response.channelId ?? "", [
    `:pencil2: Updated from your edited message: ${updated.map((k) => `*${k}*`).join(", ")}.`,
  ]);
}

const directMessage = z.object({
  type: z.literal("message"),
  channel_type: z.literal("im"),
  channel: z.string(),
  user: z.string(),
  text: z.string().default(""),
  ts: z.string(),
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

const editedMessage = z.object({
  type: z.literal("message"),
  subtype: z.literal("message_changed"),
  channel_type: z.literal("im"),
  channel: z.string(),
  message: z.object({ user: z.string(), text: z.string().default(""), ts: z.string() }),
});

export function registerConversationListeners(app: App, deps: AppDeps, queues: ResponseQueues): void {
  app.event("message", async ({ event, client }) => {
    const plain = directMessage.safeParse(event);
    if (plain.success) {
      const { user, channel, ts, text } = plain.data;
      const person = await deps.db.person.findUnique({ where: { slackUserId: user }, select: { smeId: true } });
      const response = person?.smeId ? await activeResponseIn(deps.db, person.smeId, channel) : null;
      if (!response) return;
      // Saved before anything else: if the LLM or Slack fails later, what the SME typed is kept.
      const saved = await saveRawMessage(deps.db, response.id, ts, text);
      if (!saved) return;
      await queues.run(response.id, () => drain(deps, client, response.id, user));
      return;
    }
    const edited = editedMessage.safeParse(event);
    if (edited.success) {
      const { channel, message } = edited.data;
      const person = await deps.db.person.findUnique({ where: { slackUserId: message.user }, select: { smeId: true } });
      const response = person?.smeId ? await activeResponseIn(deps.db, person.smeId, channel) : null;
      if (!response) return;
      await queues.run(response.id, async () => {
        const fresh = await getResponse(deps.db, response.id);
        if (fresh) await redo(deps, client, fresh, message.ts, message.text);
      });
    }
  });
}
