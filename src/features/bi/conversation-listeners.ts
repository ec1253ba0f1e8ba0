/**
 * The BI conversation in a DM: each message is saved raw before Slack's ack, then handled in ts
 * order, one at a time per response (a queue per response within an instance, a lease per response
 * across instances; a retried delivery finds its message saved and handles whatever is still
 * unhandled), with the LLM when there is one and without it otherwise or when it fails.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { z } from "zod";
import { foldText } from "../../domain/text.js";
import { firstDelivery } from "../../platform/db/deliveries.js";
import { yieldToPendingAcks } from "../../platform/slack/commands.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { uploadToDirectMessage } from "../../platform/slack/files.js";
import { peopleOfSme } from "../core/index.js";
import { getSme, smeOfMember } from "../directory/index.js";
import { checkExtracted } from "./answers.js";
import {
  activeResponseOf,
  editRawMessage,
  getResponse,
  markProcessed,
  oldestUnprocessedMessage,
  recordLlmCall,
  releaseResponseLease,
  responsesOf,
  responsesWithUnprocessedMessages,
  type StoredResponse,
  saveRawMessage,
  saveState,
  saveTurn,
  takeResponseLease,
} from "./bi-store.js";
import {
  answerConfirmation,
  answerExtracted,
  answerTyped,
  type BiState,
  control,
  fieldLabel,
  type Mode,
  openFields,
  outsideTemplateReply,
  readControl,
  reaskAfterLostReply,
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

  /** Settles when every task queued so far has finished. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }
}

const modeOf = (deps: AppDeps): Mode => (deps.llm ? "batch" : "single");

function extract(deps: AppDeps, response: StoredResponse, state: BiState, fields: readonly BiField[], text: string) {
  if (!deps.llm) return Promise.resolve(undefined);
  return runExtraction(deps.llm, state, fields, text, (call) => recordLlmCall(deps.db, response.id, call));
}

/** One message → one turn of the state machine. */
async function takeTurn(deps: AppDeps, response: StoredResponse, text: string): Promise<Turn> {
  const state = response.state;
  const mode = modeOf(deps);
  const command = readControl(text);
  if (state.confirming && !command) return answerConfirmation(state, text, mode);
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

/** Waits between attempts to post a reply: Slack's own errors (`fatal_error`) are not retried by the client. */
const postRetryDelaysMs = [300, 1_000];
/** When even asking again fails, the next try is this much later. */
const reaskAfterMs = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long a lease on a response's messages lasts. The holder renews it before each message and
 * every third of it while a turn runs (an LLM call can take OPENAI_TIMEOUT_MS), so a live holder
 * keeps it; the messages of a holder that died wait at most this long for another instance.
 */
const leaseMs = 30_000;
/**
 * A message is handled once it has been saved this long: one the SME sent just before it may still
 * be on its way (parsed by this instance, or landing on another one), and ts order must win.
 */
const arrivalWindowMs = 150;
/** An edit waits this long at most for another instance to finish with the response. */
const editWaitMs = 10_000;

/** Posts the replies, retrying each; false when one could not be posted. */
async function post(client: WebClient, channel: string, replies: readonly string[]): Promise<boolean> {
  for (const text of replies) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.chat.postMessage({ channel, text, mrkdwn: true });
        break;
      } catch {
        const delay = postRetryDelaysMs[attempt];
        if (delay === undefined) return false;
        await pause(delay);
      }
    }
  }
  return true;
}

/** `Wallonie Hydrogène SA` → `wallonie-hydrogene-sa`: accents transliterated, not dropped. */
export function fileSlug(name: string): string {
  return foldText(name).replace(/ /g, "-") || "company";
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
    filename: `${template.key}-${fileSlug(name)}.md`,
    content: reportMarkdown({ template, answers, smeName: name, completedOn }),
    title: `${template.title}: ${name}`,
    comment: "Your Business Intelligence report. Cluster staff can read it too.",
  });
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
    `:pencil2: Updated from your edited message: ${updated.map((k) => `*${fieldLabel(state, k)}*`).join(", ")}.`,
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

const directMessageDelivery = z.object({ type: z.literal("event_callback"), event: directMessage });

const editedMessage = z.object({
  type: z.literal("message"),
  subtype: z.literal("message_changed"),
  channel_type: z.literal("im"),
  channel: z.string(),
  message: z.object({ user: z.string(), text: z.string().default(""), ts: z.string() }),
});

/**
 * The DM conversations of one running app: each message is saved before Slack's ack, then handled
 * after it, oldest ts first, one response at a time. A turn's new state is saved only once its
 * reply is posted, so the SME never answers a question they did not see. At shutdown no new turn
 * starts; running ones finish (bounded) and the rest is resumed at the next start-up.
 */
export class BiConversations {
  readonly #queues = new ResponseQueues();
  /** Who holds a lease: this running instance of the app, among others sharing the database. */
  readonly #instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #reasks = new Set<NodeJS.Timeout>();
  /** Responses another instance was handling: looked at again once its lease could have expired. */
  readonly #lookAgain = new Map<number, NodeJS.Timeout>();
  /** Saves under way before their ack: a turn waits for them, so an older message is never overtaken. */
  readonly #saving = new Set<Promise<void>>();
  #stopping = false;

  /** Before the ack: one read and one insert, so a process that dies after the ack loses nothing. */
  async saveBeforeAck(body: unknown, deps: AppDeps): Promise<void> {
    const delivery = directMessageDelivery.safeParse(body);
    if (!delivery.success) return;
    const { user, channel, ts, text } = delivery.data.event;
    const saving = (async () => {
      const response = await activeResponseOf(deps.db, user, channel);
      // A retried delivery finds its message saved already (unique ts): nothing to add.
      if (response) await saveRawMessage(deps.db, response.id, ts, text);
    })();
    this.#saving.add(saving);
    try {
      await saving;
    } finally {
      this.#saving.delete(saving);
    }
  }

  register(app: App, deps: AppDeps): void {
    app.event("message", async ({ event, client }) => {
      const plain = directMessage.safeParse(event);
      if (plain.success) {
        const { user, channel, ts } = plain.data;
        const response = await activeResponseOf(deps.db, user, channel);
        if (response) return this.handle(deps, client, response.id, user);
        if (await firstDelivery(deps.db, `bi.dm:${channel}:${ts}`)) await this.#outsideTemplate(deps, client, user);
        return;
      }
      const edited = editedMessage.safeParse(event);
      if (edited.success) {
        const { channel, message } = edited.data;
        const response = await activeResponseOf(deps.db, message.user, channel);
        if (!response || this.#stopping) return;
        await this.#queues.run(response.id, async () => {
          if (!(await this.#waitForLease(deps, response.id))) {
            deps.logger.warn(
              { responseId: response.id },
              "an edited BI message was not applied: the response stayed busy",
            );
            return;
          }
          try {
            const fresh = await getResponse(deps.db, response.id);
            if (fresh) await redo(deps, client, fresh, message.ts, message.text);
          } finally {
            await releaseResponseLease(deps.db, response.id, this.#instance);
          }
        });
      }
    });
    void this.#resumeAll(deps, app.client);
  }

  /** Handles every saved, unhandled message of a response (a new one, a retried one, older ones). */
  handle(deps: AppDeps, client: WebClient, responseId: number, userId?: string): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return this.#queues.run(responseId, () => this.#drainWhileHolding(deps, client, responseId, userId));
  }

  async finishRunningWork(timeoutMs: number): Promise<void> {
    this.#stopping = true;
    for (const timer of [...this.#reasks, ...this.#lookAgain.values()]) clearTimeout(timer);
    this.#reasks.clear();
    this.#lookAgain.clear();
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#queues.idle(),
      new Promise((resolve) => {
        timeout = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timeout);
  }

  /** At start-up: messages saved by a process that stopped before handling them. */
  async #resumeAll(deps: AppDeps, client: WebClient): Promise<void> {
    try {
      const ids = await responsesWithUnprocessedMessages(deps.db);
      await Promise.all(ids.map((id) => this.handle(deps, client, id)));
    } catch (error) {
      deps.logger.error({ err: error }, "could not resume the saved BI messages");
    }
  }

  #takeLease(deps: AppDeps, responseId: number): Promise<boolean> {
    const now = deps.clock.now();
    return takeResponseLease(deps.db, {
      responseId,
      holder: this.#instance,
      now,
      expiresAt: new Date(now.getTime() + leaseMs),
    });
  }

  /**
   * Drains a response's messages while holding its lease. Without it, another instance is draining
   * them, this one's message included (it was saved before that instance looks again). The holder
   * looks again after giving the lease up, so a message saved just before that is not left behind.
   */
  async #drainWhileHolding(deps: AppDeps, client: WebClient, responseId: number, userId?: string): Promise<void> {
    while (!this.#stopping) {
      if (!(await this.#takeLease(deps, responseId))) {
        this.#lookAgainLater(deps, client, responseId);
        return;
      }
      const heartbeat = setInterval(() => {
        this.#takeLease(deps, responseId).catch((error) =>
          deps.logger.warn({ err: error, responseId }, "could not renew the lease on a BI response"),
        );
      }, leaseMs / 3);
      heartbeat.unref();
      try {
        await this.#drain(deps, client, responseId, userId);
      } finally {
        clearInterval(heartbeat);
        await releaseResponseLease(deps.db, responseId, this.#instance);
      }
      if (!(await oldestUnprocessedMessage(deps.db, responseId))) return;
    }
  }

  /** In case the instance holding the lease dies with messages unhandled: try again once it expired. */
  #lookAgainLater(deps: AppDeps, client: WebClient, responseId: number): void {
    if (this.#lookAgain.has(responseId)) return;
    const timer = setTimeout(() => {
      this.#lookAgain.delete(responseId);
      this.handle(deps, client, responseId).catch((error) =>
        deps.logger.error({ err: error, responseId }, "could not handle the saved BI messages"),
      );
    }, leaseMs + 1_000);
    timer.unref();
    this.#lookAgain.set(responseId, timer);
  }

  /** An edit must not interleave with another instance's turn: wait (bounded) for the lease. */
  async #waitForLease(deps: AppDeps, responseId: number): Promise<boolean> {
    for (let waited = 0; waited <= editWaitMs; waited += 200) {
      if (this.#stopping) return false;
      if (await this.#takeLease(deps, responseId)) return true;
      await pause(200);
    }
    return false;
  }

  async #drain(deps: AppDeps, client: WebClient, responseId: number, userId?: string): Promise<void> {
    let waitedFor: number | undefined;
    while (!this.#stopping) {
      // Renewed before each turn; lost only if this instance stalled for a whole lease: then the
      // instance that took over handles the rest.
      if (!(await this.#takeLease(deps, responseId))) return;
      // Messages that arrived together are all saved before the first is handled: ts order wins.
      await yieldToPendingAcks();
      await Promise.allSettled([...this.#saving]);
      const message = await oldestUnprocessedMessage(deps.db, responseId);
      if (!message) return;
      // Saved a moment ago: give an older message still on its way the time to be saved, then
      // take the oldest again (real time, as receivedAt is; once per message, whatever the clocks say).
      const wait = arrivalWindowMs - (Date.now() - message.receivedAt.getTime());
      if (wait > 0 && waitedFor !== message.id) {
        waitedFor = message.id;
        await pause(Math.min(wait, arrivalWindowMs));
        continue;
      }
      const response = await getResponse(deps.db, responseId);
      if (!response?.channelId || response.status === "done") {
        await markProcessed(deps.db, message.id, [], deps.clock.now());
        continue;
      }
      const turn = await takeTurn(deps, response, message.text);
      if (!(await post(client, response.channelId, turn.replies))) {
        // The turn is dropped (the raw message stays saved): the SME answers the question they saw.
        deps.logger.warn({ responseId }, "could not post a BI reply: the question stays pending");
        await markProcessed(deps.db, message.id, [], deps.clock.now());
        await this.#reask(deps, client, responseId);
        continue;
      }
      await saveTurn(deps.db, {
        responseId,
        state: turn.state,
        messageId: message.id,
        filled: turn.filled,
        now: deps.clock.now(),
      });
      if (turn.finished) {
        await post(client, response.channelId, [":tada: Thank you! Here is your report."]);
        const done = await getResponse(deps.db, responseId);
        const respondent = userId ?? (await respondentOf(deps, response));
        if (done && respondent) await deliverReport(deps, client, done, respondent);
      }
    }
  }

  /** Asks the pending question again; while Slack refuses, tries again later. */
  async #reask(deps: AppDeps, client: WebClient, responseId: number): Promise<void> {
    const response = await getResponse(deps.db, responseId);
    if (!response?.channelId || response.status === "done" || this.#stopping) return;
    if (await post(client, response.channelId, [reaskAfterLostReply(response.state)])) return;
    const timer = setTimeout(() => {
      this.#reasks.delete(timer);
      this.#queues
        .run(responseId, () => this.#reask(deps, client, responseId))
        .catch((error) => deps.logger.error({ err: error, responseId }, "could not ask the BI question again"));
    }, reaskAfterMs);
    timer.unref();
    this.#reasks.add(timer);
  }

  /** A DM with no template going on: say what the person can do instead of staying silent. */
  async #outsideTemplate(deps: AppDeps, client: WebClient, userId: string): Promise<void> {
    const sme = await smeOfMember(deps.db, userId);
    const responses = sme ? await responsesOf(deps.db, sme.id) : [];
    await client.chat.postMessage({
      channel: userId,
      text: outsideTemplateReply({
        isSmeMember: !!sme,
        finished: responses.filter((r) => r.status === "done").map((r) => r.state.template),
      }),
    });
  }
}

/** Who a resumed conversation's report goes to when the message's sender is not known. */
async function respondentOf(deps: AppDeps, response: StoredResponse): Promise<string | undefined> {
  const sme = await getSme(deps.db, response.smeId);
  return sme ? (await peopleOfSme(deps.db, sme))[0] : undefined;
}
