/**
 * One mission morning's fan-out: 4 missions × 25 SMEs at 07:30 in Shanghai on a mission day, sent
 * by the app's own daily jobs (each mission's agenda in its channel, a thread reply per SME with
 * its meetings, each traveller's schedule by DM) through the real job runner and the paced
 * scheduled sender, against the Slack stand-in enforcing Slack's limits (about one message a second
 * per channel with a short burst, and a workspace-wide minute cap). The same morning sent without
 * pacing (each post as soon as the one before in its queue was answered) is the baseline. Prints
 * the time, the 429s, the duplicates (which must be 0) and the time against the least Slack's
 * limits allow.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { seedSme } from "../src/features/directory/fixtures.test-support.js";
import { allFeatures } from "../src/features/index.js";
import { seedMeeting } from "../src/features/meetings/meeting-fixtures.test-support.js";
import { seedMission } from "../src/features/missions/fixtures.test-support.js";
import { ManualClock } from "../src/platform/clock.js";
import { parseConfig } from "../src/platform/config.js";
import { createDatabase, type Database } from "../src/platform/db/client.js";
import { migrate } from "../src/platform/db/migrate-cli.js";
import { seedClusters } from "../src/platform/db/seed.js";
import { type AppJobsOptions, createAppJobs } from "../src/platform/jobs/app-jobs.js";
import { createLogger } from "../src/platform/logger.js";
import type { Feature } from "../src/platform/slack/feature.js";
import { type Pacing, slackPacing, standInPacing } from "../src/platform/slack/scheduled-sender.js";
import { SlackStandIn, type StandInRateLimits } from "../src/sandbox/slack-stand-in.js";

const MISSIONS = 4;
const SMES_PER_MISSION = 25;
const TRAVELLERS_PER_SME = 2;
const MORNING = DateTime.fromISO("2027-04-13T07:30", { zone: "Asia/Shanghai" }).toJSDate();
/** Slack's pacing as the stand-in enforces it (its workspace cap is an assumption: Slack does not publish it). */
const SLACK_LIMITS: Partial<StandInRateLimits> = { channelBurst: 3, channelPerSecond: 1, workspacePerMinute: 600 };

const DAY = "2027-04-13";
const MEETING_TIMES = ["09:00", "10:00", "11:00", "14:00"];

/** The missions, their delegations (two travellers each), an organisation and 4 meetings per SME on DAY. */
async function seedMorning(db: Database): Promise<string[]> {
  const channels: string[] = [];
  const organisation = await db.localOrganisation.create({
    data: {
      name: "Jiangsu Heat Networks Co.",
      normalizedName: "jiangsu heat networks co",
      type: "project_owner",
      country: "CN",
      market: "CN",
      city: "Nanjing",
      sectors: [],
      needs: "Replacing coal boilers with large heat pumps.",
      contactName: "Li Wei",
    },
  });
  for (let m = 1; m <= MISSIONS; m += 1) {
    const channelId = `C0MISSION${m}`;
    channels.push(channelId);
    const mission = await seedMission(db, { name: `China mission ${m}`, channelId });
    await db.missionOrganisation.create({ data: { missionId: mission.id, organisationId: organisation.id } });
    for (let s = 1; s <= SMES_PER_MISSION; s += 1) {
      const sme = await seedSme(db, { name: `Heat Pumps ${m}-${s} ApS` });
      const travellers = Array.from(
        { length: TRAVELLERS_PER_SME },
        (_, t) => `U0T${String(m * 1000 + s * 10 + t).padStart(7, "0")}`,
      );
      await db.missionParticipant.create({
        data: { missionId: mission.id, smeId: sme.id, status: "confirmed", travellers },
      });
      for (const time of MEETING_TIMES) {
        await seedMeeting(db, { mission, smeId: sme.id, organisationId: organisation.id, day: DAY, time, table: s });
      }
    }
  }
  return channels;
}

type MorningResult = { posts: number; seconds: number; duplicates: number; rateLimited: number; afterBackOff: number };

async function sendMorning(pacing: Pacing, features: readonly Feature[]): Promise<MorningResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-fanout-"));
  const databaseUrl = `file:${path.join(dir, "fanout.db")}`;
  migrate(databaseUrl);
  const standIn = await SlackStandIn.start();
  standIn.enforceRateLimits(SLACK_LIMITS);
  const db = createDatabase(databaseUrl);
  try {
    await seedClusters(db);
    for (const channel of await seedMorning(db)) standIn.addChannel({ id: channel, name: channel.toLowerCase() });
    const config = parseConfig({
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99abcd0de85a",
      SLACK_API_URL: standIn.apiUrl,
      DATABASE_URL: databaseUrl,
    });
    const clock = new ManualClock(MORNING);
    const options: AppJobsOptions = { pacing };
    const { runner, slack } = createAppJobs({ config, db, logger: createLogger("silent"), clock }, features, options);
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
  const features = allFeatures();
  const unpaced = await sendMorning(standInPacing, features);
  console.log(
    `without pacing: ${unpaced.posts} posts in ${unpaced.seconds.toFixed(1)} s, ${unpaced.rateLimited} 429s ` +
      `(after the first back-off ${unpaced.afterBackOff}), ${unpaced.duplicates} duplicates`,
  );
  const paced = await sendMorning(slackPacing, features);
  console.log(
    `paced (${slackPacing.perConversationMs} ms per conversation, ${slackPacing.workspacePerSecond}/s workspace): ` +
      `${paced.posts} posts in ${paced.seconds.toFixed(1)} s, ${paced.rateLimited} 429s`,
  );
  const capBound = (expected - slackPacing.workspaceBurst) / slackPacing.workspacePerSecond;
  console.log(
    `least time Slack's limits allow: ${bound.toFixed(0)} s, and the sender's own workspace cap ${capBound.toFixed(0)} s; ` +
      `paced took ${(paced.seconds / bound).toFixed(2)}× the first; 429s paced/unpaced ${paced.rateLimited}/${unpaced.rateLimited}`,
  );
  if (paced.posts !== expected) throw new Error(`expected ${expected} posts, Slack has ${paced.posts}`);
  console.log(
    `fanout: ${paced.posts} posts in ${Math.round(paced.seconds)} s, ${paced.duplicates} duplicates, ` +
      `${paced.rateLimited} 429 (after back-off ${paced.afterBackOff})`,
  );
}
