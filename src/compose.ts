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
import { databaseReadiness, startHealthServer } from "./platform/health.js";
import { type AppJobsOptions, createAppJobs, standInJobOptions } from "./platform/jobs/app-jobs.js";
import type { JobRunner } from "./platform/jobs/job-runner.js";
import { startJobTicker } from "./platform/jobs/ticker.js";
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
  /**
   * "every-minute" (the default): node-cron ticks the job runner once started. "by-caller": the
   * caller moves a manual clock and runs the jobs itself (the sandbox's `clock`).
   */
  jobTicks?: "every-minute" | "by-caller";
  /** How scheduled posts are paced and sent: Slack's pacing, or standInJobOptions when jobTicks is "by-caller". */
  scheduledPosts?: AppJobsOptions;
};

export type ComposedApp = Readonly<{
  app: App;
  deps: AppDeps;
  features: readonly Feature[];
  templates: TemplateCatalog;
  transport: Transport;
  /** Scheduled posts (decision 006). */
  jobs: JobRunner;
  /**
   * Starts taking requests. In HTTP mode it listens on `listen` (the configured PORT by default)
   * and returns the URL Slack posts to; in Socket Mode only /healthz and /readyz listen there.
   */
  start(listen?: { port: number; host?: string }): Promise<string | undefined>;
  /** Resolves once no request is being handled (listeners and the error handler included). */
  idle(): Promise<void>;
  /**
   * Stops taking requests, lets the ones being handled and the features' running work finish, then
   * closes the database; all within one budget (10 s unless given).
   */
  shutdown(budget?: ShutdownBudget): Promise<void>;
}>;

/** The whole shutdown's budget: work still running after it is left to the next start-up's resume. */
const shutdownGraceMs = 10_000;

/** One time budget shared by every wait of a shutdown, so the waits cannot add up. */
export type ShutdownBudget = Readonly<{
  /** Settles once the budget is spent. */
  spent: Promise<void>;
  /** What is left, for steps that take a timeout in milliseconds. */
  remainingMs(): number;
}>;

export function shutdownBudget(ms: number): ShutdownBudget {
  const endsAt = Date.now() + ms;
  // unref: a spent budget must not be what keeps the process alive once everything else is done.
  const spent = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  return { spent, remainingMs: () => Math.max(0, endsAt - Date.now()) };
}

export type ShutdownSteps = Readonly<{
  /** Stops taking requests before it first awaits; resolves when those taken are handled or `spent` settles. */
  stopReceiving(spent: Promise<void>): Promise<void>;
  /** Features stop starting work and finish what is running, within `timeoutMs`. */
  finishRunningWork(timeoutMs: number): Promise<void>;
  /** Resolves once no request is being handled (the error handler's apologies included). */
  idle(): Promise<void>;
  closeDatabase(): Promise<void>;
}>;

/**
 * Graceful shutdown in order: no new requests (Slack redelivers DMs, which the next start-up saves
 * and handles), then running work finishes within what is left of the budget, then the database
 * closes. Returns false when the budget ran out first.
 */
export async function shutDownWithin(budget: ShutdownBudget, steps: ShutdownSteps): Promise<boolean> {
  const receiving = steps.stopReceiving(budget.spent);
  try {
    return await Promise.race([
      Promise.all([receiving, steps.finishRunningWork(budget.remainingMs())])
        .then(() => steps.idle())
        .then(() => true),
      budget.spent.then(() => false),
    ]);
  } finally {
    await steps.closeDatabase();
  }
}

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
  const db = createDatabase(config.databaseUrl, { postgresPoolSize: config.postgresPoolSize });
  const deps: AppDeps = { config, db, logger, clock: options.clock ?? systemClock, llm: createLlm(config, logger) };
  const features = allFeatures({ templates });
  const transport: Transport =
    mode === "socket"
      ? { kind: "socket", appToken: config.slack.appToken ?? "" }
      : { kind: "http", signingSecret: config.slack.signingSecret ?? "" };
  const app = await createSlackApp(deps, features, transport);
  const work = trackRequests(app);
  // A caller that moves time itself (the sandbox) is not held to Slack's pace in real time, and
  // sees each tick's posts in due order.
  const scheduledPosts = options.scheduledPosts ?? (options.jobTicks === "by-caller" ? standInJobOptions : {});
  const { runner: jobs } = createAppJobs(deps, features, scheduledPosts);
  let ticker: { stop(): Promise<void> } | undefined;
  /** Socket Mode only: the health endpoints on PORT (in HTTP mode the receiver serves them). */
  let healthServer: { stop(): Promise<void> } | undefined;

  return {
    app,
    deps,
    features,
    templates,
    transport,
    jobs,
    async start(listen) {
      if ((options.jobTicks ?? "every-minute") === "every-minute") ticker = startJobTicker(jobs, deps.clock, logger);
      if (transport.kind === "socket") {
        await app.start();
        const readiness = databaseReadiness({ databaseUrl: config.databaseUrl, db, logger });
        healthServer = await startHealthServer(listen ?? { port: config.slack.port }, readiness);
        return undefined;
      }
      const server = (await app.start(listen ?? config.slack.port)) as Server;
      const { port } = server.address() as AddressInfo;
      return `http://${listen?.host ?? "localhost"}:${port}/slack/events`;
    },
    idle: work.idle,
    async shutdown(budget = shutdownBudget(shutdownGraceMs)) {
      const finished = await shutDownWithin(budget, {
        stopReceiving: (spent) =>
          Promise.all([
            (app.stop(spent) as Promise<void>).catch((error: unknown) => {
              logger.warn({ err: error }, "the Slack receiver did not stop cleanly");
            }),
            healthServer?.stop(),
          ]).then(() => undefined),
        finishRunningWork: async (timeoutMs) => {
          await Promise.all([finishRunningWork(app, timeoutMs), ticker?.stop()]);
        },
        idle: work.idle,
        closeDatabase: () => db.$disconnect(),
      });
      if (!finished) logger.warn("stopped with work still running: saved messages are resumed at the next start-up");
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
