import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl, openFreshDatabase } from "../../../test/support/harness.js";
import { ManualClock } from "../clock.js";
import { createDatabase, type Database } from "../db/client.js";
import { createLogger } from "../logger.js";
import { createJobRunner, type DueRun, type Job, type SendContext } from "./job-runner.js";

const logger = createLogger("silent");
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function freshDb(): Promise<Database> {
  const { db, close } = await openFreshDatabase();
  closers.push(close);
  return db;
}

/** A morning post at 07:30 in a zone on each of some local days: due times worked out with luxon. */
function morningPosts(zone: string, days: readonly string[]): DueRun[] {
  return days.map((day) => ({
    target: `day:${day}`,
    dueAt: DateTime.fromISO(`${day}T07:30`, { zone }).toJSDate(),
  }));
}

/** A job whose posts are recorded, like the Slack stand-in records messages. */
function recordingJob(runs: readonly DueRun[], options: { failFirst?: number } = {}) {
  const sent: { target: string; dueAt: Date; context: SendContext }[] = [];
  let failuresLeft = options.failFirst ?? 0;
  const job: Job = {
    kind: "morning-agenda",
    async dueRuns({ from, to }) {
      return runs.filter((run) => run.dueAt >= from && run.dueAt <= to);
    },
    async send(run, context) {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error("Slack said: internal_error");
      }
      sent.push({ ...run, context });
      return { channel: "C0MISSION1", ts: `${sent.length}.000100` };
    },
  };
  return { job, sent };
}

describe("scheduled posts", () => {
  it("go out once each, at their local time, however often the clock ticks", async () => {
    const db = await freshDb();
    const days = ["2027-03-15", "2027-03-16", "2027-03-17"];
    const { job, sent } = recordingJob(morningPosts("Asia/Shanghai", days));
    const runner = createJobRunner({ db, logger, jobs: [job] });
    const clock = new ManualClock(new Date("2027-03-14T12:00:00Z"));
    // Every ten minutes for four days.
    while (clock.now() < new Date("2027-03-18T12:00:00Z")) {
      await runner.tick(clock.now());
      clock.set(new Date(clock.now().getTime() + 10 * 60_000));
    }
    expect(sent.map((post) => post.target)).toEqual(days.map((day) => `day:${day}`));
    // 07:30 in Shanghai is 23:30 UTC the day before; each went out at the first tick after it.
    expect(sent[0]?.dueAt.toISOString()).toBe("2027-03-14T23:30:00.000Z");
    expect(sent.every((post) => !post.context.late)).toBe(true);
    const rows = await db.jobRun.findMany({ orderBy: { dueAt: "asc" } });
    expect(rows.map((row) => [row.status, row.messageTs])).toEqual([
      ["done", "1.000100"],
      ["done", "2.000100"],
      ["done", "3.000100"],
    ]);
  });

  it("keep 07:30 local across a daylight-saving switch (New York, 14 March 2027)", async () => {
    const db = await freshDb();
    const { job, sent } = recordingJob(morningPosts("America/New_York", ["2027-03-13", "2027-03-14", "2027-03-15"]));
    const runner = createJobRunner({ db, logger, jobs: [job] });
    for (let hour = 0; hour < 4 * 24; hour += 1) {
      await runner.tick(new Date(Date.parse("2027-03-13T00:00:00Z") + hour * 3_600_000));
    }
    expect(
      sent.map((post) => DateTime.fromJSDate(post.dueAt, { zone: "America/New_York" }).toFormat("dd HH:mm")),
    ).toEqual(["13 07:30", "14 07:30", "15 07:30"]);
    expect(sent.map((post) => post.dueAt.toISOString().slice(11, 16))).toEqual(["12:30", "11:30", "11:30"]);
  });

  it("are caught up after the app was down, marked late; older than the window, skipped and never sent", async () => {
    const db = await freshDb();
    const { job, sent } = recordingJob(morningPosts("Asia/Shanghai", ["2027-03-15", "2027-03-16", "2027-03-17"]));
    const runner = createJobRunner({ db, logger, jobs: [job], catchUpMinutes: 30 * 60 });
    // Down until 02:00 UTC on the 17th (10:00 in Shanghai): the 15th's post (23:30 UTC on the 14th)
    // is 50 hours old, past the 6-hour window; the 16th's is 26.5 hours old... also past it. So the
    // window is widened to 30 hours here, and only the 15th's is skipped.
    const report = await runner.tick(new Date("2027-03-17T02:00:00Z"));
    expect(report).toEqual({ sent: 2, failed: 0, skipped: 1 });
    expect(sent.map((post) => [post.target, post.context.late])).toEqual([
      ["day:2027-03-16", true],
      ["day:2027-03-17", true],
    ]);
    const skipped = await db.jobRun.findMany({ where: { status: "skipped" } });
    expect(skipped.map((row) => row.target)).toEqual(["day:2027-03-15"]);
    // Nothing more on the next ticks.
    expect(await runner.tick(new Date("2027-03-17T02:01:00Z"))).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  it("are sent once when two app instances share one database and tick together", async () => {
    const { url, cleanup } = await freshDatabaseUrl();
    const shared = createDatabase(url);
    const other = createDatabase(url);
    closers.push(async () => {
      await shared.$disconnect();
      await other.$disconnect();
      await cleanup();
    });
    const runs = morningPosts("Asia/Shanghai", ["2027-03-15", "2027-03-16"]);
    const a = recordingJob(runs);
    const b = recordingJob(runs);
    const now = new Date("2027-03-16T00:00:00Z");
    await Promise.all([
      createJobRunner({ db: shared, logger, jobs: [a.job], catchUpMinutes: 48 * 60 }).tick(now),
      createJobRunner({ db: other, logger, jobs: [b.job], catchUpMinutes: 48 * 60 }).tick(now),
    ]);
    expect([...a.sent, ...b.sent].map((post) => post.target).sort()).toEqual(["day:2027-03-15", "day:2027-03-16"]);
  });

  it("are retried after a failure and after a crash between claim and send, without a second copy", async () => {
    const db = await freshDb();
    const runs = morningPosts("Asia/Shanghai", ["2027-03-15"]);
    const failing = recordingJob(runs, { failFirst: 1 });
    const runner = createJobRunner({ db, logger, jobs: [failing.job] });
    expect(await runner.tick(new Date("2027-03-14T23:31:00Z"))).toEqual({ sent: 0, failed: 1, skipped: 0 });
    expect(await runner.tick(new Date("2027-03-14T23:32:00Z"))).toEqual({ sent: 1, failed: 0, skipped: 0 });
    expect(failing.sent.map((post) => post.context.attempt)).toEqual([2]);

    // A claim whose process died before sending: taken over once its lease has passed.
    const db2 = await freshDb();
    await db2.jobRun.create({
      data: {
        kind: "morning-agenda",
        target: "day:2027-03-15",
        dueAt: runs[0]?.dueAt ?? new Date(),
        startedAt: new Date("2027-03-14T23:30:30Z"),
      },
    });
    const afterCrash = recordingJob(runs);
    const restarted = createJobRunner({ db: db2, logger, jobs: [afterCrash.job], leaseMinutes: 10 });
    await restarted.tick(new Date("2027-03-14T23:35:00Z"));
    expect(afterCrash.sent).toHaveLength(0);
    await restarted.tick(new Date("2027-03-14T23:45:00Z"));
    await restarted.tick(new Date("2027-03-14T23:46:00Z"));
    expect(afterCrash.sent.map((post) => post.context.attempt)).toEqual([2]);
  });

  it("give up a post that keeps failing after three attempts", async () => {
    const db = await freshDb();
    const { job, sent } = recordingJob(morningPosts("Asia/Shanghai", ["2027-03-15"]), { failFirst: 5 });
    const runner = createJobRunner({ db, logger, jobs: [job] });
    for (let minute = 31; minute < 40; minute += 1) await runner.tick(new Date(`2027-03-14T23:${minute}:00Z`));
    expect(sent).toHaveLength(0);
    const row = await db.jobRun.findFirstOrThrow();
    expect([row.status, row.attempts, row.error]).toEqual(["failed", 3, "Slack said: internal_error"]);
  });
});

describe("runThrough (the sandbox's `clock +1d`, the tests' moving clock)", () => {
  it("ticks at each due time in order, then at the end: each post at its own time, none late, none skipped", async () => {
    const db = await freshDb();
    const days = ["2027-03-15", "2027-03-16", "2027-03-17"];
    const { job, sent } = recordingJob([
      ...morningPosts("Asia/Shanghai", days),
      {
        target: "evening:2027-03-15",
        dueAt: DateTime.fromISO("2027-03-15T18:00", { zone: "Asia/Shanghai" }).toJSDate(),
      },
    ]);
    const runner = createJobRunner({ db, logger, jobs: [job] });
    const clock = new ManualClock(new Date("2027-03-14T12:00:00Z"));
    const ticks: string[] = [];
    const reports: number[] = [];
    // A whole week at once: far longer than the 6-hour catch-up window.
    const total = await runner.runThrough(clock.now(), new Date("2027-03-21T12:00:00Z"), {
      beforeTick: (at) => {
        clock.set(at);
        ticks.push(at.toISOString().slice(5, 16));
      },
      afterTick: async (_at, report) => {
        reports.push(report.sent);
      },
    });
    expect(ticks).toEqual(["03-14T23:30", "03-15T10:00", "03-15T23:30", "03-16T23:30", "03-21T12:00"]);
    expect(reports).toEqual([1, 1, 1, 1, 0]);
    expect(total).toEqual({ sent: 4, failed: 0, skipped: 0 });
    expect(sent.map((post) => [post.target, post.context.late])).toEqual([
      ["day:2027-03-15", false],
      ["evening:2027-03-15", false],
      ["day:2027-03-16", false],
      ["day:2027-03-17", false],
    ]);
  });

  it("sends nothing due at or before `from` again, and two runs due at one time in one tick", async () => {
    const db = await freshDb();
    const dueAt = new Date("2027-03-14T23:30:00Z");
    const { job, sent } = recordingJob([
      { target: "mission:1", dueAt },
      { target: "mission:2", dueAt },
    ]);
    const runner = createJobRunner({ db, logger, jobs: [job] });
    const ticks: Date[] = [];
    await runner.runThrough(new Date("2027-03-14T23:00:00Z"), dueAt, { beforeTick: (at) => ticks.push(at) });
    expect(ticks).toEqual([dueAt]);
    expect(sent.map((post) => post.target)).toEqual(["mission:1", "mission:2"]);
    // The next move starts where this one ended: nothing is due in it.
    expect(await runner.runThrough(dueAt, new Date("2027-03-15T01:00:00Z"))).toEqual({
      sent: 0,
      failed: 0,
      skipped: 0,
    });
    expect(sent).toHaveLength(2);
  });

  it("sends a job's runs of one tick side by side when allowed, each once, and the next job after them", async () => {
    const db = await freshDb();
    const dueAt = new Date("2027-03-14T23:30:00Z");
    const targets = Array.from({ length: 6 }, (_, n) => `mission:${n + 1}`);
    let inFlight = 0;
    let mostAtOnce = 0;
    const job: Job = {
      kind: "morning-agenda",
      dueRuns: async () => targets.map((target) => ({ target, dueAt })),
      async send() {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        return undefined;
      },
    };
    // A thread reply's job, declared after the agenda's: it starts once every agenda is done.
    const agendasInFlightWhenRepliesBegan: number[] = [];
    const replies: Job = {
      kind: "sme-details",
      dueRuns: async () => [{ target: "sme:1", dueAt }],
      async send() {
        agendasInFlightWhenRepliesBegan.push(inFlight);
        return undefined;
      },
    };
    const runner = createJobRunner({ db, logger, jobs: [job, replies], concurrency: 3 });
    expect(await runner.tick(dueAt)).toEqual({ sent: 7, failed: 0, skipped: 0 });
    expect(mostAtOnce).toBe(3);
    expect(agendasInFlightWhenRepliesBegan).toEqual([0]);
    expect(await db.jobRun.count({ where: { status: "done" } })).toBe(7);
  });
});
