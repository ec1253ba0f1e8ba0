import { App, type AppOptions } from "@slack/bolt";
import { boltLogger } from "../logger.js";
import { registerCommand } from "./commands.js";
import { createErrorHandler } from "./errors.js";
import type { AppDeps, Feature } from "./feature.js";

const featuresOf = new WeakMap<App, readonly Feature[]>();

/**
 * Graceful shutdown, before the receiver stops: features stop starting new work and finish what is
 * running (bounded); what is left is resumed at the next start-up.
 */
export async function finishRunningWork(app: App, timeoutMs = 10_000): Promise<void> {
  await Promise.all((featuresOf.get(app) ?? []).map((feature) => feature.finishRunningWork?.(timeoutMs)));
}

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
  const common: AppOptions = {
    token: deps.config.slack.botToken,
    logger: boltLogger(deps.logger),
    extendedErrorHandler: true,
    clientOptions: {
      ...(deps.config.slack.apiUrl ? { slackApiUrl: deps.config.slack.apiUrl } : {}),
      ...clientOptions,
    },
  };
  const app =
    transport.kind === "socket"
      ? new App({ ...common, socketMode: true, appToken: transport.appToken })
      : new App({ ...common, signingSecret: transport.signingSecret });

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
