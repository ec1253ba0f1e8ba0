/**
 * What a request must be before Bolt sees it: recent (signed within five minutes either way) and a
 * JSON object of a kind Bolt can route. Pure, so the rules are tested without a server.
 */
import { z } from "zod";

/** Slack's replay window: a signature older, or newer, than this is refused. */
export const requestMaxSkewSeconds = 5 * 60;

export type TimestampCheck = { ok: true } | { ok: false; reason: string };

/**
 * Refuses a missing timestamp and one more than five minutes away from now in either direction.
 * Bolt only refuses old ones; a timestamp in the future would make a captured request replayable
 * until that moment.
 */
export function checkRequestTimestamp(header: string | undefined, nowSeconds: number): TimestampCheck {
  const timestamp = Number(header);
  if (header === undefined || header.trim() === "" || !Number.isInteger(timestamp)) {
    return { ok: false, reason: "x-slack-request-timestamp is missing or not a whole number" };
  }
  if (timestamp < nowSeconds - requestMaxSkewSeconds) return { ok: false, reason: "the request is stale" };
  if (timestamp > nowSeconds + requestMaxSkewSeconds) return { ok: false, reason: "the request is from the future" };
  return { ok: true };
}

/** Who acted: every interaction carries the user, and listeners read `user.id`. */
const actingUser = z.looseObject({ id: z.string() });

/** A modal as listeners read it: submitted values are `state.values[block_id][action_id]`. */
const submittedView = z.looseObject({
  id: z.string(),
  callback_id: z.string(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), z.looseObject({}))) }),
});
const closedView = z.looseObject({ id: z.string(), callback_id: z.string() });

/**
 * The request kinds Bolt routes (mirrors its getTypeAndConversation), each with the fields Bolt and
 * the listeners read. Anything else would fail inside a listener or wait for Bolt's three-second
 * "unhandled request" timer, so it is refused at once. Loose objects: Slack adds fields over time.
 */
const routableBody = z.union([
  z.looseObject({ type: z.literal("url_verification"), challenge: z.string() }),
  z.looseObject({ type: z.literal("event_callback"), event: z.looseObject({ type: z.string() }) }),
  // Slack always sends `text`, empty when the person typed nothing after the command.
  z.looseObject({ command: z.string().startsWith("/"), user_id: z.string(), text: z.string() }),
  z.looseObject({
    type: z.literal("block_actions"),
    user: actingUser,
    actions: z.array(z.looseObject({ action_id: z.string() })),
  }),
  z.looseObject({ type: z.literal("block_suggestion"), user: actingUser, action_id: z.string() }),
  z.looseObject({ type: z.literal("view_submission"), user: actingUser, view: submittedView }),
  z.looseObject({ type: z.literal("view_closed"), user: actingUser, view: closedView }),
  z.looseObject({ type: z.enum(["shortcut", "message_action"]), user: actingUser, callback_id: z.string() }),
]);

export type BodyCheck = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string };

/** Accepts a parsed body only when it is one of the routable kinds above. */
export function checkRequestBody(parsed: unknown): BodyCheck {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: "the body is not a JSON object" };
  }
  if (!routableBody.safeParse(parsed).success) {
    return { ok: false, reason: "the body is not a Slack request this app handles" };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}
