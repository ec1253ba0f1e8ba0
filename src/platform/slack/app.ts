import { App, type AppOptions } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { databaseReadiness } from "../health.js";
import { boltLogger } from "../logger.js";
import { registerCommand } from "./commands.js";
import { createErrorHandler } from "./errors.js";
import type { AppDeps, Feature } from "./feature.js";
import { SlackHttpReceiver } from "./receiver.js";
import { createModalClient, retryPolicyTellingDelays, routeModalOpens, webApiRetryPolicy } from "./web-api.js";

const featuresOf = new WeakMap<App, readonly Feature[]>();

/**
 * Graceful shutdown, before the receiver stops: features stop starting new work and finish what is
 * running (bounded); what is left is resumed at the next start-up.
 */
export async function finishRunningWork(app: App, timeoutMs = 10_000): Promise<void> {
  await Promise.all((featuresOf.get(app) ?? []).map((feature) => feature.finishRunningWork?.(timeoutMs)));
}

/** Slack could not be reached or refused the bot token at start-up: said in one sentence, not a stack. */
export class SlackConnectionError extends Error {
  constructor(cause: unknown) {
    const reason =
      typeof cause === "object" && cause !== null && "data" in cause
        ? `Slack answered "${String((cause as { data?: { error?: unknown } }).data?.error)}"`
        : `Slack could not be reached (${cause instanceof Error ? cause.message : String(cause)})`;
    super(
      `Could not connect to Slack with SLACK_BOT_TOKEN: ${reason}. Check the token (OAuth & Permissions → Bot User OAuth Token) and the network, then start again.`,
    );
    this.name = "SlackConnectionError";
  }
}

export type Transport = { kind: "http"; signingSecret: string } | { kind: "socket"; appToken: string };

/**
 * Builds the Bolt app in one place: the bot's identity, transport, logger, error handler, then
 * every feature's listeners. Starting and stopping are the caller's (main.ts, the tests, the
 * sandbox). Rejects, with Slack's reason, when Slack refuses the bot token or cannot be reached.
 */
export async function createSlackApp(
  deps: AppDeps,
  features: readonly Feature[],
  transport: Transport,
  clientOptions: AppOptions["clientOptions"] = {},
): Promise<App> {
  const logger = boltLogger(deps.logger);
  const webApiOptions = {
    logger,
    ...(deps.config.slack.apiUrl ? { slackApiUrl: deps.config.slack.apiUrl } : {}),
    ...clientOptions,
    retryConfig: retryPolicyTellingDelays(clientOptions.retryConfig ?? webApiRetryPolicy),
  };
  // Given a token alone, Bolt starts auth.test while constructing the App and awaits it only at the
  // first request: if Slack cannot be reached before then, nothing handles that rejection. Asking
  // here, awaited, and passing the answer on means Bolt never makes that call.
  const identity = await new WebClient(deps.config.slack.botToken, webApiOptions).auth
    .test()
    .catch((error: unknown) => {
      throw new SlackConnectionError(error);
    });
  const common: AppOptions = {
    token: deps.config.slack.botToken,
    botId: identity.bot_id,
    botUserId: identity.user_id,
    logger,
    extendedErrorHandler: true,
    clientOptions: webApiOptions,
  };
  const app =
    transport.kind === "socket"
      ? new App({ ...common, socketMode: true, appToken: transport.appToken })
      : new App({
          ...common,
          receiver: new SlackHttpReceiver({
            signingSecret: transport.signingSecret,
            logger: deps.logger,
            readiness: databaseReadiness({ databaseUrl: deps.config.databaseUrl, db: deps.db, logger: deps.logger }),
          }),
        });

  const modalClient = createModalClient(deps.config.slack.botToken, webApiOptions);
  routeModalOpens(app.client, modalClient);
  app.use(async ({ client, next }) => {
    routeModalOpens(client, modalClient);
    await next();
  });
  app.error(createErrorHandler(deps.logger, () => app.client));
  // Both receivers (HTTP and Socket Mode) hand every request to processEvent, which acks events first.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    for (const feature of features) await feature.beforeAck?.(event.body, deps);
    return processEvent(event);
  };
  featuresOf.set(app, features);
  for (const feature of features) {
    for (const spec of feature.commands ?? []) registerCommand(app, deps, spec);
    feature.register?.(app, deps);
  }
  return app;
}
