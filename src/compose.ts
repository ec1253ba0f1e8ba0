/**
 * Builds the running app from the environment in one place: config, database, clock, logger, LLM,
 * BI templates, the features and the Bolt app. `src/main.ts` and the sandbox both call it, so the
 * app a person tries locally can never run on other dependencies than the one connected to Slack.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import { loadTemplates, type TemplateCatalog } from "./features/bi/template-files.js";
import { allFeatures } from "./features/index.js";
import { type Clock, systemClock } from "./platform/clock.js";
import { parseConfig, slackMode } from "./platform/config.js";
import { createDatabase } from "./platform/db/client.js";
import { createLlm } from "./platform/llm.js";
import { createLogger } from "./platform/logger.js";
import { createSlackApp, finishRunningWork, type Transport } from "./platform/slack/app.js";
import type { AppDeps, Feature } from "./platform/slack/feature.js";

export type ComposeOptions = {
  /** A clock the caller moves (the sandbox); the system clock otherwise. */
  clock?: Clock;
  /** Where log lines go; standard output otherwise. */
  logDestination?: NodeJS.WritableStream;
  /** Already loaded BI templates; read from prompts/bi otherwise. */
  templates?: TemplateCatalog;
};

export type ComposedApp = Readonly<{
  app: App;
  deps: AppDeps;
  features: readonly Feature[];
  templates: TemplateCatalog;
  transport: Transport;
  /**
   * Starts taking requests. In HTTP mode it listens on `listen` (the configured PORT by default)
   * and returns the URL Slack posts to.
   */
  start(listen?: { port: number; host?: string }): Promise<string | undefined>;
  /** Resolves once no request is being handled (listeners and the error handler included). */
  idle(): Promise<void>;
  /** Stops taking requests, lets the ones being handled finish (bounded), closes the database. */
  shutdown(): Promise<void>;
}>;

/** How long shutdown waits for requests being handled before it closes the database anyway. */
const shutdownGraceMs = 10_000;

/**
 * Throws ConfigError for a bad environment and TemplateError for a bad BI template file; the
 * environment must configure Slack (HTTP or Socket Mode): without tokens, main.ts opens the sandbox.
 */
export async function composeApp(env: NodeJS.ProcessEnv, options: ComposeOptions = {}): Promise<ComposedApp> {
  const config = parseConfig(env);
  const mode = slackMode(config);
  if (mode === "unconfigured") throw new Error("composeApp needs SLACK_BOT_TOKEN with a signing secret or app token");
  const templates = options.templates ?? loadTemplates();
  const logger = createLogger(config.logLevel, options.logDestination);
  const db = createDatabase(config.databaseUrl);
  const deps: AppDeps = { config, db, logger, clock: options.clock ?? systemClock, llm: createLlm(config, logger) };
  const features = allFeatures({ templates });
  const transport: Transport =
    mode === "socket"
      ? { kind: "socket", appToken: config.slack.appToken ?? "" }
      : { kind: "http", signingSecret: config.slack.signingSecret ?? "" };
  const app = await createSlackApp(deps, features, transport);
  const work = trackRequests(app);

  return {
    app,
    deps,
    features,
    templates,
    transport,
    async start(listen) {
      if (transport.kind === "socket") {
        await app.start();
        return undefined;
      }
      const server = (await app.start(listen ?? config.slack.port)) as Server;
      const { port } = server.address() as AddressInfo;
      return `http://${listen?.host ?? "localhost"}:${port}/slack/events`;
    },
    idle: work.idle,
    async shutdown() {
      // Running conversations finish first (bounded); messages that arrive meanwhile are saved and
      // handled at the next start-up.
      await finishRunningWork(app, shutdownGraceMs);
      try {
        await app.stop();
      } catch (error) {
        logger.warn({ err: error }, "the Slack receiver did not stop cleanly");
      }
      const finished = await Promise.race([
        work.idle().then(() => true),
        new Promise<false>((resolve) => setTimeout(resolve, shutdownGraceMs, false).unref()),
      ]);
      if (!finished) logger.warn({ graceMs: shutdownGraceMs }, "stopped while requests were still being handled");
      await db.$disconnect();
      logger.flush();
    },
  };
}

/**
 * Counts the requests Bolt is handling. It wraps `processEvent` (what every receiver calls) rather
 * than adding a global middleware, because Bolt runs the error handler after the middleware chain
 * has returned, and an apology to the user is work in flight too.
 */
function trackRequests(app: App): { idle(): Promise<void> } {
  let running = 0;
  const waiting: Array<() => void> = [];
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    running += 1;
    try {
      return await processEvent(event);
    } finally {
      running -= 1;
      if (running === 0) for (const wake of waiting.splice(0)) wake();
    }
  };
  return {
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
