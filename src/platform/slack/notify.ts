import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger.js";

export type DirectMessage = { text: string; blocks?: KnownBlock[] };

/**
 * Sends the same DM to several people, one after another. Sequential on purpose: chat.postMessage
 * is rate-limited per workspace, and the Web API client waits out a 429 by itself (Retry-After),
 * so a burst to a whole cluster's staff slows down instead of failing. A person who cannot be
 * reached is logged and skipped; the others still get the message.
 */
export async function sendDirectMessages(
  client: WebClient,
  logger: Logger,
  userIds: readonly string[],
  message: DirectMessage,
): Promise<{ sent: { userId: string; channel: string; ts: string }[] }> {
  const sent: { userId: string; channel: string; ts: string }[] = [];
  for (const userId of new Set(userIds)) {
    try {
      const result = await client.chat.postMessage({ channel: userId, ...message });
      sent.push({ userId, channel: String(result.channel), ts: String(result.ts) });
    } catch (error) {
      logger.warn({ err: error, user: userId }, "could not send a direct message");
    }
  }
  return { sent };
}
