/**
 * Scheduled posts through the real runner, the paced sender and the Slack stand-in: what people see
 * in Slack when the app restarts, crashes, runs twice on one database, or meets a 429.
 */
import type { BlockAction, ButtonAction } from "@slack/bolt";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl, startTestApp } from "../../../test/support/harness.js";
import { SlackStandIn } from "../../sandbox/slack-stand-in.js";
import { ManualClock } from "../clock.js";
import { parseConfig } from "../config.js";
import { createDatabase, type Database } from "../db/client.js";
import { createLogger } from "../logger.js";
import type { AppDeps, Feature } from "../slack/feature.js";
import { type AppJobsOptions, createAppJobs, standInJobOptions } from "./app-jobs.js";
import type { DueRun } from "./job-runner.js";

const logger = createLogger("silent");
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const ZONE = "Asia/Shanghai";
const WEEK = ["2027-03-15", "2027-03-16", "2027-03-17", "2027-03-18", "2027-03-19"];
const utc = (iso: string) => new Date(`${iso}Z`);

/**
 * Each mission channel's agenda at 07:30 in Shanghai on each day, with its details in a thread, as
 * the daily agenda job posts it. `crash` makes the send stop for good after posting (a dead process).
 */
function agendaFeature(channels: readonly string[], crash: { after?: string } = {}): Feature {
  return {
    name: "agenda-probe",
    jobs: ({ slack }) => [
      {
        kind: "agenda",
        async dueRuns({ from, to }) {
          const runs: DueRun[] = channels.flatMap((channel) =>
            WEEK.map((day) => ({
              target: `channel:${channel}:${day}`,
              dueAt: DateTime.fromISO(`${day}T07:30`, { zone: ZONE }).toJSDate(),
            })),
          );
          return runs.filter((run) => run.dueAt >= from && run.dueAt <= to);
        },
        async send(run, context) {
          const [, channel = "", day = ""] = run.target.split(":");
          const agenda = await slack.post({
            channel,
            text: `Agenda for ${day}${context.late ? " (posted late)" : ""}`,
            runKey: context.runKey,
          });
          await slack.post({ channel, text: `Details for ${day}`, threadTs: agenda.ts, runKey: context.runKey });
          if (crash.after === day) await new Promise(() => {});
          return agenda;
        },
      },
    ],
  };
}

/** One app instance's job runner and sender on a database, posting to the stand-in. */
function instance(standIn: SlackStandIn, databaseUrl: string, feature: Feature, options: AppJobsOptions = {}) {
  const config = parseConfig({
    SLACK_BOT_TOKEN: standIn.botToken,
    SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99abcd0de85a",
    SLACK_API_URL: standIn.apiUrl,
    DATABASE_URL: databaseUrl,
  });
  const db = createDatabase(databaseUrl);
  closers.push(() => db.$disconnect());
  const clock = new ManualClock(utc("2027-03-14T12:00:00"));
  const deps: AppDeps = { config, db, logger, clock };
  const { runner, slack } = createAppJobs(deps, [feature], { ...standInJobOptions, ...options });
  const runThrough = (to: Date) => runner.runThrough(clock.now(), to, { beforeTick: (at) => clock.set(at) });
  return { db, clock, runner, slack, runThrough };
}

async function setUp() {
  const standIn = await SlackStandIn.start();
  closers.push(() => standIn.stop());
  for (const n of [1, 2, 3]) standIn.addChannel({ id: `C0MISSION${n}`, name: `mission-${n}` });
  const { url, cleanup } = await freshDatabaseUrl();
  closers.push(async () => cleanup());
  return { standIn, url };
}

const topLevel = (standIn: SlackStandIn) => standIn.messages.filter((message) => !message.threadTs);

async function statuses(db: Database) {
  const rows = await db.jobRun.findMany({ orderBy: { dueAt: "asc" } });
  return rows.map((row) => `${row.target.split(":")[2]} ${row.status}${row.late ? " late" : ""}`);
}

describe("scheduled posts in Slack", () => {
  it("restart in the middle of the week: what fell due while down is caught up once, marked late; nothing twice", async () => {
    const { standIn, url } = await setUp();
    const feature = agendaFeature(["C0MISSION1"]);
    const before = instance(standIn, url, feature);
    // Up until Tuesday noon UTC (Tuesday's agenda went out at 23:30 UTC on Monday), then down.
    await before.runThrough(utc("2027-03-16T12:00:00"));
    // Back at 02:00 UTC on Thursday (10:00 in Shanghai): Wednesday's agenda (23:30 UTC Tuesday) is
    // 26.5 hours old, past the 6-hour window; Thursday's (23:30 UTC Wednesday) 2.5 hours, sent late.
    const after = instance(standIn, url, feature);
    after.clock.set(utc("2027-03-18T02:00:00"));
    expect(await after.runner.tick(after.clock.now())).toEqual({ sent: 1, failed: 0, skipped: 1 });
    await after.runThrough(utc("2027-03-20T00:00:00"));

    expect(topLevel(standIn).map((message) => message.text)).toEqual([
      "Agenda for 2027-03-15",
      "Agenda for 2027-03-16",
      "Agenda for 2027-03-18 (posted late)",
      "Agenda for 2027-03-19",
    ]);
    expect(standIn.messages).toHaveLength(8);
    expect(await statuses(after.db)).toEqual([
      "2027-03-15 done",
      "2027-03-16 done",
      "2027-03-17 skipped",
      "2027-03-18 done late",
      "2027-03-19 done",
    ]);
  });

  it("two app instances on one database, ticking at the same times, post each agenda once", async () => {
    const { standIn, url } = await setUp();
    const channels = ["C0MISSION1", "C0MISSION2", "C0MISSION3"];
    const a = instance(standIn, url, agendaFeature(channels), { concurrency: 4 });
    const b = instance(standIn, url, agendaFeature(channels), { concurrency: 4 });
    await Promise.all([a.runThrough(utc("2027-03-20T00:00:00")), b.runThrough(utc("2027-03-20T00:00:00"))]);

    const posted = topLevel(standIn).map((message) => `${message.channel} ${message.text}`);
    expect(posted.sort()).toEqual(
      channels.flatMap((channel) => WEEK.map((day) => `${channel} Agenda for ${day}`)).sort(),
    );
    expect(standIn.messages).toHaveLength(2 * channels.length * WEEK.length);
    expect(a.slack.stats.posted + b.slack.stats.posted).toBe(standIn.messages.length);
  });

  it("a crash after posting, before the run was marked done: the take-over after the lease posts nothing new", async () => {
    const { standIn, url } = await setUp();
    const crashed = instance(standIn, url, agendaFeature(["C0MISSION1"], { after: "2027-03-15" }));
    crashed.clock.set(utc("2027-03-14T23:30:00"));
    void crashed.runner.tick(crashed.clock.now());
    await standIn.waitFor(() => standIn.messages.length === 2, "the agenda and its details");
    const [agenda] = standIn.messages;
    expect(await statuses(crashed.db)).toEqual(["2027-03-15 running"]);

    const restarted = instance(standIn, url, agendaFeature(["C0MISSION1"]));
    // Within the lease (10 minutes) the claim is still the first process's.
    expect(await restarted.runner.tick(utc("2027-03-14T23:35:00"))).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(await restarted.runner.tick(utc("2027-03-14T23:41:00"))).toEqual({ sent: 1, failed: 0, skipped: 0 });

    expect(standIn.messages.map((message) => message.text)).toEqual([
      "Agenda for 2027-03-15",
      "Details for 2027-03-15",
    ]);
    expect(restarted.slack.stats).toMatchObject({ posted: 0, foundAlreadyPosted: 2 });
    const run = await restarted.db.jobRun.findFirstOrThrow();
    expect([run.status, run.attempts, run.channel, run.messageTs]).toEqual(["done", 2, "C0MISSION1", agenda?.ts]);
  });

  it("a run that failed after its post reached Slack is retried at the next tick, posting only what is missing", async () => {
    const { standIn, url } = await setUp();
    // This sender tries each call once: the run fails, and the job runner tries it again.
    const app = instance(standIn, url, agendaFeature(["C0MISSION1"]), { retry: { attempts: 1 } });
    standIn.loseNextAnswer("chat.postMessage", "internal_error");
    expect(await app.runner.tick(utc("2027-03-14T23:30:00"))).toEqual({ sent: 0, failed: 1, skipped: 0 });
    expect(standIn.messages.map((message) => message.text)).toEqual(["Agenda for 2027-03-15"]);

    expect(await app.runner.tick(utc("2027-03-14T23:31:00"))).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(standIn.messages.map((message) => message.text)).toEqual([
      "Agenda for 2027-03-15",
      "Details for 2027-03-15",
    ]);
    const run = await app.db.jobRun.findFirstOrThrow();
    expect([run.status, run.attempts, run.messageTs]).toEqual(["done", 2, standIn.messages[0]?.ts]);
  });
});

describe("a 429 on scheduled posts", () => {
  it("is waited out by the scheduled sender alone: a person's click is answered meanwhile", async () => {
    const clicked = "pace-probe.ping";
    const probe: Feature = {
      ...agendaFeature(["C0GENERAL1"]),
      register(app) {
        app.action<BlockAction<ButtonAction>>(clicked, async ({ ack, client, body }) => {
          await ack();
          await client.chat.postMessage({ channel: body.user.id, text: "Here is your answer" });
        });
      },
    };
    const clock = new ManualClock(utc("2027-03-14T23:00:00"));
    const t = await startTestApp({ extraFeatures: [probe], clock });
    closers.push(() => t.stop());
    // Long enough for the click to be answered however loaded the machine is.
    t.standIn.rateLimitNext("chat.postMessage", 4);

    const sending = t.jobs.runThrough(clock.now(), utc("2027-03-14T23:30:00"), { beforeTick: (at) => clock.set(at) });
    await t.standIn.waitFor(() => t.standIn.calls.some((call) => call.failedWith === "ratelimited"), "the 429");
    await t.action({ userId: "U0BOB00001", actionId: clicked });
    await t.standIn.waitFor(() => t.standIn.messages.some((m) => m.text === "Here is your answer"), "the answer");
    // The answer went out while the agenda still waited for its Retry-After.
    expect(t.standIn.messages.map((message) => message.text)).toEqual(["Here is your answer"]);

    expect(await sending).toMatchObject({ sent: 1, failed: 0 });
    expect(t.standIn.messages.map((message) => message.text)).toEqual([
      "Here is your answer",
      "Agenda for 2027-03-15",
      "Details for 2027-03-15",
    ]);
  });
});
