/**
 * Telling a person that their reply is delayed. A request's work runs inside `whileTellingDelays`;
 * when a Web API call in it fails and is about to be retried (Slack answered 5xx or 429, see
 * web-api.ts), `tellReplyDelayed` sends the request's notice once. The notice must not go through
 * the Web API (which is what is slow): for a slash command it is the response_url.
 *
 * AsyncLocalStorage carries the notice from the listener to the retry policy, which the Web API
 * client calls in the context of the call that failed.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../logger.js";

export const replyDelayedText =
  ":hourglass_flowing_sand: Slack is answering slowly right now, so your reply is delayed. It is on its way; there is no need to try again.";

type DelayNotice = { tell: () => Promise<unknown>; told: boolean; logger: Logger };

const currentNotice = new AsyncLocalStorage<DelayNotice>();

/** Runs `work`; the first retried Web API call inside it calls `tell` (once). */
export function whileTellingDelays<T>(
  logger: Logger,
  tell: () => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  return currentNotice.run({ tell, told: false, logger }, work);
}

/** Sends the current request's delay notice, if it has one and has not sent it yet. Never throws. */
export function tellReplyDelayed(): void {
  const notice = currentNotice.getStore();
  if (!notice || notice.told) return;
  notice.told = true;
  notice.tell().catch((error: unknown) => notice.logger.warn({ err: error }, "could not say that a reply is delayed"));
}
