/**
 * Starts the real app as tests and benchmarks drive it: a fresh database (a copy of a migrated
 * template: a SQLite file, or a PostgreSQL database's URL, see copyOfDatabase), the Slack stand-in, and the Bolt app in HTTP mode on a free loopback port.
 * Helpers send it signed Slack requests and return the HTTP ack. Free of vitest, so bench/ uses it.
 */
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { App } from "@slack/bolt";
import pg from "pg";
import { allFeatures } from "../../src/features/index.js";
import { type Clock, ManualClock } from "../../src/platform/clock.js";
import { type Config, parseConfig } from "../../src/platform/config.js";
import { createDatabase, type Database } from "../../src/platform/db/client.js";
import { isPostgresUrl, postgresConnectionFields } from "../../src/platform/db/postgres.js";
import { seedClusters } from "../../src/platform/db/seed.js";
import { createAppJobs, standInJobOptions } from "../../src/platform/jobs/app-jobs.js";
import { createLlm } from "../../src/platform/llm.js";
import { createLogger } from "../../src/platform/logger.js";
import { createSlackApp, finishRunningWork } from "../../src/platform/slack/app.js";
import type { Feature } from "../../src/platform/slack/feature.js";
import {
  type ActionInput,
  blockActionsPayload,
  eventEnvelope,
  interactionBody,
  postSigned,
  type SendOptions,
  type SlackReply,
  slashCommandBody,
  type ViewSubmissionInput,
  viewSubmissionPayload,
} from "../../src/sandbox/slack-requests.js";
import { SlackStandIn } from "../../src/sandbox/slack-stand-in.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99abcd0de85a";

/**
 * Copies a SQLite database as a process killed at this moment would leave it: the file, then its
 * write-ahead log, which holds the latest commits until a checkpoint moves them into the file (the
 * -shm index is rebuilt from the log when the copy is opened).
 */
export function copyDatabaseFiles(fromFile: string, toFile: string): void {
  copyFileSync(fromFile, toFile);
  if (existsSync(`${fromFile}-wal`)) copyFileSync(`${fromFile}-wal`, `${toFile}-wal`);
}

export type DatabaseCopy = { url: string; cleanup: () => Promise<void> };

/**
 * A copy of a migrated template database; the cleanup removes it. The template is a SQLite file
 * (copied into a new temporary folder) or a PostgreSQL database's URL (copied on the same server
 * with CREATE DATABASE ... TEMPLATE, which takes milliseconds; nothing may be connected to the
 * template meanwhile).
 */
export async function copyOfDatabase(template: string): Promise<DatabaseCopy> {
  if (isPostgresUrl(template)) return copyOfPostgresDatabase(template);
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-test-"));
  const file = path.join(dir, "test.db");
  copyDatabaseFiles(template, file);
  return { url: `file:${file}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one statement on the server of `url`, connected to its maintenance database (postgres). */
async function onPostgresServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ ...postgresConnectionFields(url), database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A copy of the database as a process killed at this moment leaves it, for a restart test to start
 * a new app on (`reuseDatabase`); the cleanup removes the copy. SQLite: the file and its log.
 * PostgreSQL: what is committed when the app's connections are cut, as a crash cuts them (an open
 * transaction rolls back). The database first refuses new connections, so the app's pool cannot
 * reconnect and write on after the "kill" (the app under test is as good as dead: stop it next);
 * the copy is then made at leisure (nothing may be connected to a database being copied).
 */
export async function copyAsKilledProcessLeavesIt(databaseUrl: string): Promise<DatabaseCopy> {
  if (!isPostgresUrl(databaseUrl)) {
    const dir = mkdtempSync(path.join(tmpdir(), "ec2i-killed-"));
    const file = path.join(dir, "kept.db");
    copyDatabaseFiles(databaseUrl.slice("file:".length), file);
    return { url: `file:${file}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = postgresConnectionFields(databaseUrl).database ?? "";
  // Two statements, so the first is committed (no new connections) before the second cuts the
  // open ones; the second waits (up to 5 s) for each to be gone, so the copy below finds none.
  await onPostgresServer(databaseUrl, `ALTER DATABASE ${pg.escapeIdentifier(database)} ALLOW_CONNECTIONS false`);
  await onPostgresServer(
    databaseUrl,
    `SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
      WHERE datname = ${pg.escapeLiteral(database)} AND pid <> pg_backend_pid()`,
  );
  return copyOfPostgresDatabase(databaseUrl);
}

async function copyOfPostgresDatabase(templateUrl: string): Promise<DatabaseCopy> {
  const template = postgresConnectionFields(templateUrl).database;
  const name = `ec2i_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await onPostgresServer(templateUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: () => onPostgresServer(templateUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export type AppUnderTest = Awaited<ReturnType<typeof startAppUnderTest>>;

export type AppUnderTestOptions = {
  /** A migrated database to copy (see global-setup.ts): a SQLite file or a PostgreSQL database's URL. */
  templateDatabase: string;
  admins?: string[];
  clock?: Clock;
  logLevel?: "debug" | "info" | "silent";
  /** An OpenAI-compatible endpoint (the stand-in): sets OPENAI_API_KEY so the app uses an LLM. */
  openaiBaseUrl?: string;
  /** Another run's DATABASE_URL, to start the app again on the same data (a restart); not removed on stop. */
  reuseDatabase?: string;
  /** Keep the database file when stopping (for a restart test). */
  keepDatabase?: boolean;
  /** Features registered after the app's own, to test platform code through a listener of the test's. */
  extraFeatures?: readonly Feature[];
  /** One Slack workspace for several instances of the app (multi-instance tests); its owner stops it. */
  slackStandIn?: SlackStandIn;
};

export async function startAppUnderTest(options: AppUnderTestOptions) {
  const standIn = options.slackStandIn ?? (await SlackStandIn.start());
  const database = options.reuseDatabase
    ? { url: options.reuseDatabase, cleanup: async () => {} }
    : await copyOfDatabase(options.templateDatabase);
  const config: Config = parseConfig({
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    DATABASE_URL: database.url,
    EC2I_ADMINS: (options.admins ?? []).join(","),
    LOG_LEVEL: "debug",
    ...(options.openaiBaseUrl
      ? { OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: options.openaiBaseUrl, OPENAI_TIMEOUT_MS: "500" }
      : {}),
  });
  const logLines: string[] = [];
  const logSink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger(options.logLevel ?? "debug", logSink);
  const db: Database = createDatabase(config.databaseUrl, { postgresPoolSize: config.postgresPoolSize });
  await seedClusters(db);
  const clock = options.clock ?? new ManualClock(new Date("2027-03-15T08:00:00Z"));
  const deps = { config, db, logger, clock, llm: createLlm(config, logger) };
  // Fast retries: the stand-in's Retry-After is one second, and tests should not wait minutes.
  const features = [...allFeatures(), ...(options.extraFeatures ?? [])];
  const fastRetries = { retries: 2, factor: 1, minTimeout: 50, maxTimeout: 100 };
  // Nothing ticks on its own: a test moves its manual clock and runs what fell due (jobs.runThrough).
  const { runner: jobs } = createAppJobs(deps, features, {
    ...standInJobOptions,
    client: { retryConfig: fastRetries },
    retry: { attempts: 3, firstDelayMs: 50, maxDelayMs: 100 },
  });
  const app: App = await createSlackApp(
    deps,
    features,
    { kind: "http", signingSecret: SIGNING_SECRET },
    { retryConfig: fastRetries },
  );
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const signed = (extra: Partial<SendOptions> = {}): SendOptions => ({ secret: SIGNING_SECRET, ...extra });

  return {
    url,
    standIn,
    db,
    config,
    deps,
    jobs,
    logLines,
    /** Sends a slash command; returns the ack and the response_url the app may post to later. */
    async command(
      userId: string,
      command: string,
      text = "",
      extra: Partial<SendOptions> & { channelId?: string } = {},
    ) {
      const responseUrl = standIn.newResponseUrl();
      const body = slashCommandBody({
        command,
        text,
        userId,
        responseUrl,
        ...(extra.channelId ? { channelId: extra.channelId } : {}),
      });
      const reply = await postSigned(url, body, "application/x-www-form-urlencoded", signed(extra));
      standIn.checkAcknowledgement(`ack of ${command} ${text}`, reply.json);
      return { ...reply, responseUrl };
    },
    /** The next post the app makes to this response_url. */
    async responseTo(responseUrl: string, timeoutMs = 5000) {
      const pathOf = new URL(responseUrl).pathname;
      const found = await standIn.waitFor(
        () => standIn.responses.find((r) => r.path === pathOf),
        `a reply on ${responseUrl}`,
        timeoutMs,
      );
      return found.body;
    },
    async action(input: ActionInput, extra: Partial<SendOptions> = {}): Promise<SlackReply> {
      const payload = blockActionsPayload({ responseUrl: standIn.newResponseUrl(), ...input });
      return postSigned(url, interactionBody(payload), "application/x-www-form-urlencoded", signed(extra));
    },
    async submitView(input: ViewSubmissionInput, extra: Partial<SendOptions> = {}): Promise<SlackReply> {
      const reply = await postSigned(
        url,
        interactionBody(viewSubmissionPayload(input)),
        "application/x-www-form-urlencoded",
        signed(extra),
      );
      standIn.checkAcknowledgement(`ack of view_submission ${input.callbackId}`, reply.json);
      return reply;
    },
    async event(event: Record<string, unknown>, extra: Partial<SendOptions> & { eventId?: string } = {}) {
      return postSigned(url, JSON.stringify(eventEnvelope(event, extra.eventId)), "application/json", signed(extra));
    },
    /** Graceful shutdown's first step, as main.ts takes it on SIGTERM. */
    finishRunningWork: (timeoutMs?: number) => finishRunningWork(app, timeoutMs),
    async stop(): Promise<void> {
      // In this order, so nothing reaches a server that has gone: the receiver stops taking requests
      // and waits for the listeners of those it took; then the stand-in goes quiet; then both close.
      await finishRunningWork(app);
      await app.stop();
      await standIn.settle();
      await db.$disconnect();
      if (!options.slackStandIn) await standIn.stop();
      if (!options.keepDatabase) await database.cleanup();
      // Slack would have refused these: the test fails even when nothing waited for the message.
      if (standIn.limitViolations.length > 0) {
        throw new Error(`Slack would refuse what the app sent: ${JSON.stringify(standIn.limitViolations, null, 2)}`);
      }
    },
  };
}
