/**
 * Scheduled posts that go out exactly once, on time (decision 006). What is due is never kept in
 * memory or in cron expressions: each tick asks every job which runs fall due in a window ending
 * now, computed from the database and the app's clock, and claims each run in the database before
 * sending it. A unique (kind, target, due time) row decides who sends, across restarts and across
 * app instances on one database; a claim left running past its lease (a crash between claim and
 * done) is taken over once. Runs that fell due while the app was down are sent late within the
 * catch-up window, marked late; older ones are recorded as skipped and never sent.
 */
import type { Database } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Logger } from "../logger.js";

/** One post a job owes: about `target` (e.g. "meeting:42"), due at `dueAt`. */
export type DueRun = { target: string; dueAt: Date };

export type SendContext = {
  /** True when the run is sent more than `lateAfterMinutes` after it was due: say so in the message. */
  late: boolean;
  /** 1 for the first attempt. */
  attempt: number;
  /** "kind:target:dueAt": put it in the message's metadata, so a retry can tell it was already posted. */
  runKey: string;
};

/** Where a sent run's message went: kept to update or find the message again. */
export type SentMessage = { channel?: string; ts?: string };

export type Job = Readonly<{
  /** Names the job in the database and the logs, e.g. "meeting-reminder". */
  kind: string;
  /** The runs due between `from` and `to` (both included), computed from facts, not remembered. */
  dueRuns(window: { from: Date; to: Date }): Promise<readonly DueRun[]>;
  /** Sends one run. A throw marks the attempt failed; it is tried again at later ticks. */
  send(run: DueRun, context: SendContext): Promise<SentMessage | undefined>;
}>;

export type JobRunnerOptions = {
  db: Database;
  logger: Logger;
  jobs: readonly Job[];
  /** How far back a tick sends runs that were missed (default 6 hours). */
  catchUpMinutes?: number;
  /** A run sent this much after it was due is marked late (default 30 minutes). */
  lateAfterMinutes?: number;
  /** A claim still running this long after it was made is taken over (default 10 minutes). */
  leaseMinutes?: number;
  /** Attempts before a failing run is given up (default 3). */
  maxAttempts?: number;
  /** How far before the catch-up window missed runs are looked for, to record them as skipped (default 7 days). */
  skipLookbackMinutes?: number;
  /**
   * A job's runs sent at the same time within a tick (default 1: one after another, in due order).
   * The paced sender keeps each conversation's posts in order and one a second, so more lets the
   * morning's many channels and DMs go out side by side. Jobs still go one after another.
   */
  concurrency?: number;
  /**
   * Told as each attempt of a run starts and ends. The paced sender numbers the run's posts and,
   * when the attempt is a retry (after a failure, or a take-over after a crash whose posts may
   * have reached Slack), looks for each post in its conversation before posting it.
   */
  attempts?: { begin(runKey: string, attempt: number): void; end(runKey: string): void };
};

export type TickReport = { sent: number; failed: number; skipped: number };

/** Names one run everywhere (message metadata, logs): "meeting-reminder:meeting:42:2027-03-16T01:50:00.000Z". */
export function runKeyOf(kind: string, run: DueRun): string {
  return `${kind}:${run.target}:${run.dueAt.toISOString()}`;
}

const minutes = (count: number) => count * 60_000;

export function createJobRunner(options: JobRunnerOptions) {
  const { db, logger, jobs } = options;
  const catchUp = minutes(options.catchUpMinutes ?? 6 * 60);
  const lateAfter = minutes(options.lateAfterMinutes ?? 30);
  const lease = minutes(options.leaseMinutes ?? 10);
  const maxAttempts = options.maxAttempts ?? 3;
  const lookback = minutes(options.skipLookbackMinutes ?? 7 * 24 * 60);
  const concurrency = options.concurrency ?? 1;

  /** Claims a run for this tick: true when this caller may send it now. */
  async function claim(kind: string, run: DueRun, now: Date): Promise<{ attempt: number; id: number } | undefined> {
    const late = now.getTime() - run.dueAt.getTime() > lateAfter;
    try {
      const created = await db.jobRun.create({
        data: { kind, target: run.target, dueAt: run.dueAt, startedAt: now, late },
      });
      return { attempt: 1, id: created.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db.jobRun.findUnique({
      where: { kind_target_dueAt: { kind, target: run.target, dueAt: run.dueAt } },
    });
    if (!existing || existing.attempts >= maxAttempts) return undefined;
    const abandoned = existing.status === "running" && now.getTime() - existing.startedAt.getTime() > lease;
    if (existing.status !== "failed" && !abandoned) return undefined;
    // Compare-and-set on what was read: of two ticks taking over the same run, one wins.
    const { count } = await db.jobRun.updateMany({
      where: { id: existing.id, status: existing.status, attempts: existing.attempts },
      data: { status: "running", attempts: existing.attempts + 1, startedAt: now, late, error: null },
    });
    return count === 1 ? { attempt: existing.attempts + 1, id: existing.id } : undefined;
  }

  async function recordSkipped(kind: string, run: DueRun, now: Date): Promise<boolean> {
    try {
      await db.jobRun.create({
        data: { kind, target: run.target, dueAt: run.dueAt, status: "skipped", startedAt: now, finishedAt: now },
      });
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    logger.warn({ kind, target: run.target, dueAt: run.dueAt }, "a scheduled post fell due too long ago: skipped");
    return true;
  }

  /**
   * The runs of a job between `from` and `now` that nothing more is to be done about: sent, skipped,
   * being sent within their lease, or out of attempts. Read once per tick, so a tick does not try to
   * claim again, one by one, every run of the last days.
   */
  async function settledRuns(kind: string, from: Date, now: Date): Promise<Set<string>> {
    const rows = await db.jobRun.findMany({
      where: { kind, dueAt: { gte: from, lte: now } },
      select: { target: true, dueAt: true, status: true, startedAt: true, attempts: true },
    });
    const settled = rows.filter(
      (row) =>
        row.status === "done" ||
        row.status === "skipped" ||
        row.attempts >= maxAttempts ||
        (row.status === "running" && now.getTime() - row.startedAt.getTime() <= lease),
    );
    return new Set(settled.map((row) => `${row.target}@${row.dueAt.getTime()}`));
  }

  /** Claims and sends one run; counts what happened in `report`. */
  async function sendRun(job: Job, run: DueRun, now: Date, report: TickReport): Promise<void> {
    const claimed = await claim(job.kind, run, now);
    if (!claimed) return;
    const runKey = runKeyOf(job.kind, run);
    options.attempts?.begin(runKey, claimed.attempt);
    try {
      const late = now.getTime() - run.dueAt.getTime() > lateAfter;
      const sent = await job.send(run, { late, attempt: claimed.attempt, runKey });
      await db.jobRun.update({
        where: { id: claimed.id },
        data: { status: "done", finishedAt: now, channel: sent?.channel ?? null, messageTs: sent?.ts ?? null },
      });
      report.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.jobRun.update({
        where: { id: claimed.id },
        data: { status: "failed", error: message.slice(0, 500) },
      });
      logger.error({ err: error, kind: job.kind, target: run.target }, "a scheduled post could not be sent");
      report.failed += 1;
    } finally {
      options.attempts?.end(runKey);
    }
  }

  /**
   * Sends every run due up to `now` that nobody has sent. Called every minute, and after the clock
   * moves. Jobs go in the order they are declared, each after the one before has finished (a
   * thread reply's job may need its parent's run done); a job's own runs go side by side.
   */
  async function tick(now: Date): Promise<TickReport> {
    const report: TickReport = { sent: 0, failed: 0, skipped: 0 };
    const windowStart = new Date(now.getTime() - catchUp);
    for (const job of jobs) {
      const lookbackStart = new Date(windowStart.getTime() - lookback);
      const runs = await job.dueRuns({ from: lookbackStart, to: now });
      const settled = await settledRuns(job.kind, lookbackStart, now);
      const inOrder = runs
        .filter((run) => run.dueAt <= now && !settled.has(`${run.target}@${run.dueAt.getTime()}`))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const toSend: DueRun[] = [];
      for (const run of inOrder) {
        if (run.dueAt >= windowStart) toSend.push(run);
        else if (await recordSkipped(job.kind, run, now)) report.skipped += 1;
      }
      // A few workers take the runs in due order; with one, each run is sent after the one before.
      let next = 0;
      const worker = async () => {
        for (let run = toSend[next++]; run; run = toSend[next++]) await sendRun(job, run, now, report);
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, toSend.length)) }, worker));
    }
    return report;
  }

  /**
   * What a ticker running every minute would have sent between `from` (excluded) and `to`: a tick at
   * each due time in order, then one at `to`. The sandbox's `clock +1d` and the tests move time
   * with it, so every post goes out at its own time, none late, none skipped. `beforeTick` sets the
   * caller's manual clock to each tick's time; `afterTick` shows what it sent.
   */
  async function runThrough(
    from: Date,
    to: Date,
    hooks: { beforeTick?(at: Date): void; afterTick?(at: Date, report: TickReport): Promise<void> } = {},
  ): Promise<TickReport> {
    const dueTimes = new Set<number>();
    for (const job of jobs) {
      for (const run of await job.dueRuns({ from, to })) {
        if (run.dueAt > from && run.dueAt <= to) dueTimes.add(run.dueAt.getTime());
      }
    }
    const total: TickReport = { sent: 0, failed: 0, skipped: 0 };
    dueTimes.add(to.getTime());
    for (const time of [...dueTimes].sort((a, b) => a - b)) {
      const at = new Date(time);
      hooks.beforeTick?.(at);
      const report = await tick(at);
      await hooks.afterTick?.(at, report);
      total.sent += report.sent;
      total.failed += report.failed;
      total.skipped += report.skipped;
    }
    return total;
  }

  return { tick, runThrough };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
