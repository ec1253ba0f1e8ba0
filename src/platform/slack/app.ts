import { App, type AppOptions } from "@slack/bolt";
import { boltLogger } from "../logger.js";
import { registerCommand } from "./commands.js";
import { createErrorHandler } from "./errors.js";
import type { AppDeps, Feature } from "./feature.js";
import { SlackHttpReceiver } from "./receiver.js";
import { createModalClient, retryPolicyTellingDelays, routeModalOpens, webApiRetryPolicy } from "./web-api.js";

export type Transport = { kind: "http"; signingSecret: string } | { kind: "socket"; appToken: string };

/**
 * Builds the Bolt app in one place: transport, logger, error handler, then every feature's
 * listeners. Starting and stopping are the caller's (main.ts, the tests, the sandbox).
 */
export function createSlackApp(
  deps: AppDeps,
  features: readonly Feature[],
  transport: Transport,
  clientOptions: AppOptions["clientOptions"] = {},
): App {
  const logger = boltLogger(deps.logger);
  const webApiOptions = {
    logger,
    ...(deps.config.slack.apiUrl ? { slackApiUrl: deps.config.slack.apiUrl } : {}),
    ...clientOptions,
    retryConfig: retryPolicyTellingDelays(clientOptions.retryConfig ?? webApiRetryPolicy),
  };
  const common: AppOptions = {
    token: deps.config.slack.botToken,
    logger,
    extendedErrorHandler: true,
    clientOptions: webApiOptions,
  };
  const app =
    transport.kind === "socket"
      ? new App({ ...common, socketMode: true, appToken: transport.appToken })
      : new App({
          ...common,
          receiver: new SlackHttpReceiver({ signingSecret: transport.signingSecret, logger: deps.logger }),
        });

  const modalClient = createModalClient(deps.config.slack.botToken, webApiOptions);
  routeModalOpens(app.client, modalClient);
  app.use(async ({ client, next }) => {
    routeModalOpens(client, modalClient);
    await next();
  });
  app.error(createErrorHandler(deps.logger, () => app.client));
  for (const feature of features) {
    for (const spec of feature.commands ?? []) registerCommand(app, deps, spec);
    feature.register?.(app, deps);
  }
  return app;
}
