/**
 * How the app talks to Slack's Web API when Slack is slow or refuses.
 *
 * The SDK's WebClient queues every call, and a 429 on any method pauses that whole queue for the
 * Retry-After seconds; its default policy retries ten times over about 30 minutes. So:
 * - ordinary calls retry a few times within a bounded time (`webApiRetryPolicy`), and each retry
 *   lets the person waiting be told (delayed-reply.ts);
 * - modal opens (views.open / views.push) go through a client of their own, without queue pauses
 *   or retries: their trigger_id expires 3 s after the click, so a late open can only fail.
 */
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { tellReplyDelayed } from "./delayed-reply.js";

type RetryPolicy = NonNullable<WebClientOptions["retryConfig"]>;

/** At most 3 retries, backing off 1 s, 2 s, 4 s, and no retry begun after 15 s. */
export const webApiRetryPolicy: RetryPolicy = {
  retries: 3,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 4_000,
  randomize: true,
  maxRetryTime: 15_000,
};

/**
 * The policy the app's client uses: `policy` plus the delay notice on every failed attempt
 * (p-retry, which runs the SDK's retries, calls onFailedAttempt before each retry).
 */
export function retryPolicyTellingDelays(policy: RetryPolicy): RetryPolicy {
  return { ...policy, onFailedAttempt: tellReplyDelayed } as RetryPolicy;
}

/** A client for modal opens only: its own queue, a 429 fails at once, no retries. */
export function createModalClient(token: string | undefined, options: WebClientOptions): WebClient {
  return new WebClient(token, { ...options, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

/**
 * Makes `client.views.open` and `client.views.push` use the modal client, so every listener's
 * existing `client.views.open(...)` stays off the shared queue without knowing about it.
 */
export function routeModalOpens(client: WebClient, modalClient: WebClient): void {
  client.views.open = modalClient.views.open;
  client.views.push = modalClient.views.push;
}
