/**
 * How scheduled jobs post to Slack (decision 006): a client of their own, so a burst of morning
 * agenda posts, or a 429 on one of them, never delays a person waiting for a modal or a reply.
 * Listeners keep using the client Bolt gives them.
 *
 * Posts wait in a queue per conversation (a channel, or a person's DM) and go out at about one a
 * second in each, several conversations at once, under a workspace-wide cap. Slack's pacing of
 * chat.postMessage (docs.slack.dev/apis/web-api/rate-limits): "generally allows posting one message
 * per second per channel, while also maintaining a workspace-wide limit"; that limit's number is
 * not published, so the cap (`slackPacing`) stays well under the several hundred a minute Slack
 * takes, leaving room for the listeners' own posts.
 *
 * The SDK's retries are off for the posting client: the sender retries itself, so that between two attempts of a
 * post that may have reached Slack (a 5xx, a lost connection, `internal_error`) it can look for the
 * message in the conversation by the key in its metadata, and return it instead of posting twice.
 */
import { randomUUID } from "node:crypto";
import type { KnownBlock } from "@slack/types";
import { ErrorCode, WebClient, type WebClientOptions } from "@slack/web-api";
import type { Logger } from "../logger.js";
import { webApiRetryPolicy } from "./web-api.js";

export type ScheduledPost = {
  /** A channel id, or a user id for the person's DM with the app. */
  channel: string;
  text: string;
  blocks?: KnownBlock[];
  /** Posts as a reply in this thread. */
  threadTs?: string;
  /**
   * The job run's key (kind:target:dueAt). Carried in the message's metadata, so that a retry after
   * a crash between posting and recording can find the message instead of posting it twice.
   */
  runKey?: string;
};

export type PostedRef = { channel: string; ts: string };

export interface ScheduledSlack {
  post(message: ScheduledPost): Promise<PostedRef>;
  update(message: PostedRef & { text: string; blocks?: KnownBlock[] }): Promise<void>;
  /** For reads (users.info) and uploads: not paced. */
  readonly client: WebClient;
}

/** Slack's message metadata event type that carries a run key. */
export const runKeyEventType = "ec2i_job_run";

export type Pacing = {
  /** Least time between two posts to one conversation. */
  perConversationMs: number;
  /** Posts a second across the workspace, all conversations together... */
  workspacePerSecond: number;
  /** ...after a burst of this many. */
  workspaceBurst: number;
};

/**
 * About one message a second per conversation; 8 a second across the workspace after a burst of 10,
 * so at most 490 in any minute: under the 600 the stand-in assumes for Slack's unpublished cap,
 * with room left for the listeners' own posts.
 */
export const slackPacing: Pacing = { perConversationMs: 1_000, workspacePerSecond: 8, workspaceBurst: 10 };

/**
 * For the Slack stand-in when it does not enforce rate limits (tests, the sandbox): still queued per
 * conversation, in order, without the wait.
 */
export const standInPacing: Pacing = { perConversationMs: 0, workspacePerSecond: 10_000, workspaceBurst: 10_000 };

export type RetryPolicy = {
  /** Attempts of one call that fails with a transient error (5xx, network, internal_error...). */
  attempts: number;
  /** Wait before the second attempt; doubled each time up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** 429s one call waits out before it fails (the job runner tries the run again at a later tick). */
  rateLimitedWaits: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 4,
  firstDelayMs: 1_000,
  maxDelayMs: 8_000,
  rateLimitedWaits: 5,
};

export type ScheduledSlackOptions = {
  /** The Web API client's options (slackApiUrl, logger...); its retries are always off. */
  client?: WebClientOptions;
  pacing?: Pacing;
  retry?: Partial<RetryPolicy>;
  /** How far back a lookup reads a conversation for a message that may already be posted. */
  lookBackHours?: number;
  /** Told of 429s and retries (the app's logger). */
  logger?: Pick<Logger, "warn">;
};

/** What the sender met, for the logs and the fan-out benchmark. */
export type SenderStats = {
  posted: number;
  /** 429s Slack answered. */
  rateLimited: number;
  /** 429s answered to calls made after the first back-off had ended (the pacing should keep this 0). */
  rateLimitedAfterBackOff: number;
  /** Transient failures retried. */
  retried: number;
  /** Posts found already in Slack by their key, not posted again. */
  foundAlreadyPosted: number;
};

/** The sender as the job platform uses it: ScheduledSlack plus what the runner tells it about retries. */
export interface PacedSlack extends ScheduledSlack {
  /**
   * A job run's attempt begins: its posts are numbered again from the first (the key in each
   * message is the run key and this number). When `mayBeInSlack` (a retry after a failure or a
   * crash), each post first looks for its message in the conversation and returns it if found.
   */
  beginRun(runKey: string, mayBeInSlack: boolean): void;
  endRun(runKey: string): void;
  readonly stats: Readonly<SenderStats>;
}

type MessageKey = { run: string; part: number };
type SlackMessage = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

const transientErrors = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** A failure after which the call may or may not have reached Slack: worth another attempt. */
function isTransient(error: unknown): boolean {
  const failure = error as { code?: string; statusCode?: number; data?: { error?: string } };
  if (failure.code === ErrorCode.RequestError) return true;
  if (failure.code === ErrorCode.HTTPError) return (failure.statusCode ?? 0) >= 500;
  if (failure.code === ErrorCode.PlatformError) return transientErrors.has(String(failure.data?.error));
  return false;
}

function retryAfterSeconds(error: unknown): number | undefined {
  const failure = error as { code?: string; retryAfter?: number };
  return failure.code === ErrorCode.RateLimitedError ? (failure.retryAfter ?? 1) : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export function createScheduledSlack(token: string | undefined, options: ScheduledSlackOptions = {}): PacedSlack {
  // Posts and updates: the SDK neither retries nor waits out a 429; this sender does, between lookups.
  const sending = new WebClient(token, {
    ...options.client,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  // Reads and uploads (users.info...): the SDK's own bounded retries, as the rest of the app has them.
  const client = new WebClient(token, { retryConfig: webApiRetryPolicy, ...options.client });
  const pacing = options.pacing ?? slackPacing;
  const retry = { ...defaultRetryPolicy, ...options.retry };
  const lookBackSeconds = (options.lookBackHours ?? 30) * 3600;
  const stats: SenderStats = {
    posted: 0,
    rateLimited: 0,
    rateLimitedAfterBackOff: 0,
    retried: 0,
    foundAlreadyPosted: 0,
  };

  // Each conversation's queue: the tail of its chain of posts, and when its last post was answered.
  const queues = new Map<string, Promise<unknown>>();
  const lastPostAt = new Map<string, number>();
  // The workspace-wide cap: a token bucket whose tokens may go negative (turns already promised).
  let workspaceTokens = pacing.workspaceBurst;
  let tokensCountedAt = Date.now();
  // A 429 pauses every call of this sender (never the listeners' client) until then.
  let pausedUntil = 0;
  let firstBackOffEndedAt: number | undefined;

  // Per run attempt: how many posts each conversation has had, and what lookups already read.
  const runs = new Map<
    string,
    { mayBeInSlack: boolean; parts: Map<string, number>; read: Map<string, SlackMessage[]> }
  >();

  /** The key a post carries: its run's key and its number among the run's posts to that conversation. */
  function nextKey(message: ScheduledPost): MessageKey {
    if (!message.runKey) return { run: `post:${randomUUID()}`, part: 0 };
    let run = runs.get(message.runKey);
    if (!run) {
      // Posted outside the job runner: numbered all the same, so two posts never share a key.
      run = { mayBeInSlack: false, parts: new Map(), read: new Map() };
      runs.set(message.runKey, run);
    }
    const part = run.parts.get(message.channel) ?? 0;
    run.parts.set(message.channel, part + 1);
    return { run: message.runKey, part };
  }

  function inQueue<T>(conversation: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(conversation) ?? Promise.resolve();
    const result = previous.then(async () => {
      await sleep((lastPostAt.get(conversation) ?? 0) + pacing.perConversationMs - Date.now());
      try {
        return await task();
      } finally {
        lastPostAt.set(conversation, Date.now());
      }
    });
    const tail = result.catch(() => undefined);
    queues.set(conversation, tail);
    void tail.then(() => {
      if (queues.get(conversation) === tail) queues.delete(conversation);
    });
    return result;
  }

  async function workspaceTurn(): Promise<void> {
    const now = Date.now();
    workspaceTokens = Math.min(
      pacing.workspaceBurst,
      workspaceTokens + ((now - tokensCountedAt) / 1000) * pacing.workspacePerSecond,
    );
    tokensCountedAt = now;
    workspaceTokens -= 1;
    if (workspaceTokens < 0) await sleep((-workspaceTokens / pacing.workspacePerSecond) * 1000);
  }

  /**
   * One Web API call with this sender's retries: a 429 pauses the sender for Retry-After and tries
   * again; a transient failure waits, asks `beforeRetry` (which may find that the call had worked),
   * and tries again, a bounded number of times.
   */
  async function withRetries<T>(call: () => Promise<T>, beforeRetry?: () => Promise<T | undefined>): Promise<T> {
    let failures = 0;
    let rateLimitedWaits = 0;
    for (;;) {
      while (Date.now() < pausedUntil) await sleep(pausedUntil - Date.now());
      const calledAt = Date.now();
      try {
        return await call();
      } catch (error) {
        const retryAfter = retryAfterSeconds(error);
        if (retryAfter !== undefined) {
          stats.rateLimited += 1;
          if (firstBackOffEndedAt !== undefined && calledAt >= firstBackOffEndedAt) stats.rateLimitedAfterBackOff += 1;
          pausedUntil = Math.max(pausedUntil, Date.now() + retryAfter * 1000);
          options.logger?.warn({ retryAfter }, "Slack asked the scheduled posts to wait (429)");
          firstBackOffEndedAt ??= pausedUntil;
          rateLimitedWaits += 1;
          if (rateLimitedWaits > retry.rateLimitedWaits) throw error;
          continue;
        }
        failures += 1;
        if (!isTransient(error) || failures >= retry.attempts) throw error;
        stats.retried += 1;
        options.logger?.warn({ err: error, failures }, "a scheduled post's call failed: trying again");
        await sleep(Math.min(retry.firstDelayMs * 2 ** (failures - 1), retry.maxDelayMs));
        const alreadyDone = await beforeRetry?.();
        if (alreadyDone !== undefined) return alreadyDone;
      }
    }
  }

  /** The DM channel for a user id (conversations.history takes channel ids only). */
  async function conversationId(channel: string): Promise<string> {
    if (!/^[UW]/.test(channel)) return channel;
    const opened = await withRetries(() => sending.conversations.open({ users: channel }));
    return String(opened.channel?.id ?? channel);
  }

  /** The recent messages of a channel's top level, or of a thread, with their metadata. */
  async function recentMessages(channel: string, threadTs: string | undefined): Promise<SlackMessage[]> {
    const oldest = String(Math.floor(Date.now() / 1000 - lookBackSeconds));
    const found: SlackMessage[] = [];
    let cursor: string | undefined;
    // A few pages: a message looked for was posted minutes to hours ago.
    for (let page = 0; page < 5; page += 1) {
      const common = { channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
      const answer = await withRetries(() =>
        threadTs ? sending.conversations.replies({ ...common, ts: threadTs }) : sending.conversations.history(common),
      );
      found.push(...((answer.messages ?? []) as SlackMessage[]));
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) break;
    }
    return found;
  }

  async function findPosted(
    message: ScheduledPost,
    key: MessageKey,
    cache?: Map<string, SlackMessage[]>,
  ): Promise<PostedRef | undefined> {
    const channel = await conversationId(message.channel);
    const scope = `${channel}:${message.threadTs ?? ""}`;
    const messages = cache?.get(scope) ?? (await recentMessages(channel, message.threadTs));
    cache?.set(scope, messages);
    const match = messages.find(
      (candidate) =>
        candidate.metadata?.event_type === runKeyEventType &&
        candidate.metadata.event_payload?.run === key.run &&
        Number(candidate.metadata.event_payload.part ?? 0) === key.part,
    );
    if (!match?.ts) return undefined;
    stats.foundAlreadyPosted += 1;
    return { channel, ts: match.ts };
  }

  return {
    client,
    stats,
    beginRun(runKey, mayBeInSlack) {
      runs.set(runKey, { mayBeInSlack, parts: new Map(), read: new Map() });
    },
    endRun(runKey) {
      runs.delete(runKey);
    },
    async post(message) {
      // Without a run key the post still carries a key of its own, so its own retries can find it.
      const key = nextKey(message);
      const run = message.runKey ? runs.get(message.runKey) : undefined;
      return inQueue(message.channel, async () => {
        if (run?.mayBeInSlack) {
          const found = await findPosted(message, key, run.read);
          if (found) return found;
        }
        await workspaceTurn();
        return withRetries(
          async (): Promise<PostedRef> => {
            const answer = await sending.chat.postMessage({
              channel: message.channel,
              text: message.text,
              ...(message.blocks ? { blocks: message.blocks } : {}),
              ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
              metadata: { event_type: runKeyEventType, event_payload: { ...key } },
            });
            stats.posted += 1;
            return { channel: String(answer.channel), ts: String(answer.ts) };
          },
          () => findPosted(message, key),
        );
      });
    },
    async update(message) {
      // An update is the same whether it is made once or twice: retried without a lookup.
      await inQueue(message.channel, () =>
        withRetries(() =>
          sending.chat.update({
            channel: message.channel,
            ts: message.ts,
            text: message.text,
            ...(message.blocks ? { blocks: message.blocks } : {}),
          }),
        ),
      );
    },
  };
}
