/**
 * How scheduled jobs post to Slack (decision 006): a client of their own, so a burst of morning
 * agenda posts, or a 429 on one of them, never delays a person waiting for a modal or a reply.
 * Listeners keep using the client Bolt gives them.
 */
import type { KnownBlock } from "@slack/types";
import { WebClient, type WebClientOptions } from "@slack/web-api";

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

export function createScheduledSlack(token: string | undefined, options: WebClientOptions): ScheduledSlack {
  const client = new WebClient(token, options);
  return {
    client,
    async post(message) {
      const answer = await client.chat.postMessage({
        channel: message.channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        ...(message.runKey
          ? { metadata: { event_type: runKeyEventType, event_payload: { run: message.runKey } } }
          : {}),
      });
      return { channel: String(answer.channel), ts: String(answer.ts) };
    },
    async update(message) {
      await client.chat.update({
        channel: message.channel,
        ts: message.ts,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      });
    },
  };
}
