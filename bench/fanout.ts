/**
 * One mission morning's fan-out: 4 missions × 25 SMEs at 07:30 in Shanghai, each mission's agenda
 * in its channel with a thread reply per SME, and each traveller's schedule by DM, through the real
 * job runner and the paced scheduled sender, against the Slack stand-in enforcing Slack's limits
 * (about one message a second per channel with a short burst, and a workspace-wide minute cap).
 * The same morning sent without pacing (each post as soon as the one before in its run was
 * answered) is the baseline. Prints the time, the 429s, the duplicates (which must be 0) and the
 * time against the least Slack's limits allow.
 *
 * The jobs are shaped like the daily agenda and personal schedule jobs (issue 12): one channel post
 * and its thread per mission, one DM per traveller.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { ManualClock } from "../src/platform/clock.js";
import { parseConfig } from "../src/platform/config.js";
import { createDatabase } from "../src/platform/db/client.js";
import { migrate } from "../src/platform/db/migrate-cli.js";
import { type AppJobsOptions, createAppJobs } from "../src/platform/jobs/app-jobs.js";
import type { DueRun } from "../src/platform/jobs/job-runner.js";
import { createLogger } from "../src/platform/logger.js";
import type { Feature } from "../src/platform/slack/feature.js";
import { type Pacing, slackPacing, standInPacing } from "../src/platform/slack/scheduled-sender.js";
import { SlackStandIn, type StandInRateLimits } from "../src/sandbox/slack-stand-in.js";

const MISSIONS = 4;
const SMES_PER_MISSION = 25;
const TRAVELLERS_PER_SME = 2;
const MORNING = DateTime.fromISO("2027-03-16T07:30", { zone: "Asia/Shanghai" }).toJSDate();
/** Slack's pacing as the stand-in enforces it (its workspace cap is an assumption: Slack does not publish it). */
const SLACK_LIMITS: Partial<StandInRateLimits> = { channelBurst: 3, channelPerSecond: 1, workspacePerMinute: 600 };

type Mission = { channel: string; smes: { name: string; travellers: string[] }[] };

function missions(): Mission[] {
  return Array.from({ length: MISSIONS }, (_, m) => ({
    channel: `C0MISSION${m + 1}`,
    smes: Array.from({ length: SMES_PER_MISSION }, (_, s) => ({
      name: `SME ${m + 1}.${s + 1}`,
      travellers: Array.from(
        { length: TRAVELLERS_PER_SME },
        (_, t) => `U0T${String(m * 1000 + s * 10 + t).padStart(7, "0")}`,
      ),
    })),
  }));
}

/** The morning's jobs, shaped like the daily agenda (channel post + thread) and personal schedule DMs. */
function morningFeature(all: readonly Mission[]): Feature {
  const due = (target: string): DueRun => ({ target, dueAt: MORNING });
  const inWindow = (runs: DueRun[], window: { from: Date; to: Date }) =>
    runs.filter((run) => run.dueAt >= window.from && run.dueAt <= window.to);
  return {
    name: "fanout-bench",
    jobs: ({ slack }) => [
      {
        kind: "daily-agenda",
        dueRuns: async (window) =>
          inWindow(
            all.map((mission) => due(`mission:${mission.channel}`)),
            window,
          ),
        async send(run, context) {
          const mission = all.find((candidate) => `mission:${candidate.channel}` === run.target);
          if (!mission) return undefined;
          const { channel } = mission;
          const agenda = await slack.post({
            channel,
            text: `Today's agenda: ${mission.smes.length} SMEs`,
            runKey: context.runKey,
          });
          for (const sme of mission.smes) {
            await slack.post({ channel, text: `${sme.name}: 4 meetings`, threadTs: agenda.ts, runKey: context.runKey });
          }
          return agenda;
        },
      },
      {
        kind: "personal-schedule",
        dueRuns: async (window) =>
          inWindow(
            all.flatMap((mission) =>
              mission.smes.flatMap((sme) => sme.travellers.map((person) => due(`person:${person}`))),
            ),
            window,
          ),
        send: (run, context) =>
          slack.post({
            channel: run.target.slice("person:".length),
            text: "Your meetings today",
            runKey: context.runKey,
          }),
      },
    ],
  };
}

type MorningResult = { posts: number; seconds: number; duplicates: number; rateLimited: number; afterBackOff: number };

async function sendMorning(pacing: Pacing): Promise<MorningResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-fanout-"));
  const databaseUrl = `file:${path.join(dir, "fanout.db")}`;
  migrate(databaseUrl);
  const standIn = await SlackStandIn.start();
  standIn.enforceRateLimits(SLACK_LIMITS);
  const db = createDatabase(databaseUrl);
  try {
    const all = missions();
    for (const mission of all) standIn.addChannel({ id: mission.channel, name: mission.channel.toLowerCase() });
    const config = parseConfig({
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99abcd0de85a",
      SLACK_API_URL: standIn.apiUrl,
      DATABASE_URL: databaseUrl,
    });
    const clock = new ManualClock(MORNING);
    const options: AppJobsOptions = { pacing };
    const { runner, slack } = createAppJobs(
      { config, db, logger: createLogger("silent"), clock },
      [morningFeature(all)],
      options,
    );
    const started = performance.now();
    const report = await runner.tick(clock.now());
    const seconds = (performance.now() - started) / 1000;
    if (report.failed > 0) throw new Error(`${report.failed} runs failed`);
    // A duplicate is a second message carrying the same run key and part in the same conversation.
    const keys = standIn.messages.map((message) => {
      const payload = (message.metadata?.event_payload ?? {}) as Record<string, unknown>;
      return `${message.channel}|${message.threadTs ?? ""}|${payload.run}|${payload.part}`;
    });
    return {
      posts: standIn.messages.length,
      seconds,
      duplicates: keys.length - new Set(keys).size,
      rateLimited: slack.stats.rateLimited,
      afterBackOff: slack.stats.rateLimitedAfterBackOff,
    };
  } finally {
    await db.$disconnect();
    await standIn.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchFanout(): Promise<void> {
  const expected = MISSIONS * (1 + SMES_PER_MISSION + SMES_PER_MISSION * TRAVELLERS_PER_SME);
  // The least time Slack's limits allow: a channel's posts after its burst at one a second, and
  // the whole morning under the workspace's minute cap.
  const perChannel = 1 + SMES_PER_MISSION - (SLACK_LIMITS.channelBurst ?? 0);
  const bound = Math.max(perChannel / (SLACK_LIMITS.channelPerSecond ?? 1), expected > 600 ? 60 : 0);
  console.log(
    `${MISSIONS} missions × ${SMES_PER_MISSION} SMEs (${TRAVELLERS_PER_SME} travellers each): ${expected} posts at 07:30 Shanghai`,
  );
  const unpaced = await sendMorning(standInPacing);
  console.log(
    `without pacing: ${unpaced.posts} posts in ${unpaced.seconds.toFixed(1)} s, ${unpaced.rateLimited} 429s ` +
      `(after the first back-off ${unpaced.afterBackOff}), ${unpaced.duplicates} duplicates`,
  );
  const paced = await sendMorning(slackPacing);
  console.log(
    `paced (${slackPacing.perConversationMs} ms per conversation, ${slackPacing.workspacePerSecond}/s workspace): ` +
      `${paced.posts} posts in ${paced.seconds.toFixed(1)} s, ${paced.rateLimited} 429s`,
  );
  console.log(
    `least time Slack's limits allow: ${bound.toFixed(0)} s; paced took ${(paced.seconds / bound).toFixed(2)}× that; ` +
      `429s paced/unpaced ${paced.rateLimited}/${unpaced.rateLimited}`,
  );
  if (paced.posts !== expected) throw new Error(`expected ${expected} posts, Slack has ${paced.posts}`);
  console.log(
    `fanout: ${paced.posts} posts in ${Math.round(paced.seconds)} s, ${paced.duplicates} duplicates, ` +
      `${paced.rateLimited} 429 (after back-off ${paced.afterBackOff})`,
  );
}
