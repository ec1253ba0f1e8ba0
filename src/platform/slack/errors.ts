import { randomBytes } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Logger } from "../logger.js";

/** Short and quotable: the user reads it out to staff, who find it in the logs. */
export function newErrorId(): string {
  return `E-${randomBytes(3).toString("hex").toUpperCase()}`;
}

export function apologyText(errorId: string): string {
  return `:warning: Sorry, something went wrong on our side and your request was not completed. If it happens again, tell your cluster staff the error id \`${errorId}\`.`;
}

/** Where a failed request came from, read from any Slack payload shape (command, interaction, event). */
const replyTarget = z.object({
  response_url: z.string().optional(),
  user_id: z.string().optional(),
  channel_id: z.string().optional(),
  user: z.object({ id: z.string() }).partial().optional(),
  channel: z.object({ id: z.string() }).partial().optional(),
  event: z.object({ user: z.string().optional(), channel: z.string().optional() }).partial().optional(),
});

type Target = { responseUrl?: string; user?: string; channel?: string };

export function replyTargetOf(body: unknown): Target {
  const parsed = replyTarget.safeParse(body);
  if (!parsed.success) return {};
  const b = parsed.data;
  return {
    responseUrl: b.response_url,
    user: b.user_id ?? b.user?.id ?? b.event?.user,
    channel: b.channel_id ?? b.channel?.id ?? b.event?.channel,
  };
}

/**
 * The app's global error handler: logs the error with an id and tells the person who hit it, with
 * the same id, so nothing fails silently. It never throws: a failing apology is only logged.
 */
export function createErrorHandler(logger: Logger, client: () => WebClient) {
  return async ({ error, body }: { error: Error; body?: unknown }): Promise<void> => {
    const errorId = newErrorId();
    const target = replyTargetOf(body);
    logger.error({ err: error, errorId, user: target.user, payload: payloadType(body) }, "listener failed");
    const text = apologyText(errorId);
    try {
      if (target.responseUrl) {
        await fetch(target.responseUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
        });
      } else if (target.user && target.channel) {
        await client().chat.postEphemeral({ channel: target.channel, user: target.user, text });
      } else if (target.user) {
        await client().chat.postMessage({ channel: target.user, text });
      }
    } catch (apologyError) {
      logger.warn({ err: apologyError, errorId }, "could not tell the user about the error");
    }
  };
}

function payloadType(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.command === "string") return `command ${record.command}`;
  if (typeof record.type === "string") return record.type;
  return undefined;
}
