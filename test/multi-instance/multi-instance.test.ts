/**
 * Issue 14: two instances of the app behind a round-robin load balancer, on one database. What
 * Slack and the people in it would notice if the instances stepped on each other: a scheduled post
 * sent twice, a retried delivery handled twice, a BI conversation answered out of order, a load
 * balancer that keeps sending requests to instances whose database is gone.
 */
import { rmSync } from "node:fs";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { botTexts, DM, SME_USER, smeWithMember, waitForReplies } from "../../src/features/bi/fixtures.test-support.js";
import { seedSme } from "../../src/features/directory/fixtures.test-support.js";
import { seedMeeting } from "../../src/features/meetings/meeting-fixtures.test-support.js";
import { seedMission } from "../../src/features/missions/fixtures.test-support.js";
import { freshDatabaseUrl, testDialect } from "../support/harness.js";
import { startTcpRelay } from "./tcp-relay.js";
import { startTwoInstances, type TwoInstances } from "./two-instances.js";

let two: TwoInstances;
afterEach(async () => two.stop());

const CHANNEL = "C0CHINA001";
const NORDIC_TRAVELLER = "U0NORDICT1";
const LOIRE_TRAVELLER = "U0LOIRET01";

describe("scheduled posts with two instances ticking", () => {
  it("sends each agenda, thread reply, DM, reminder and survey once", { timeout: 60_000 }, async () => {
    two = await startTwoInstances({ at: "2027-04-12T20:00:00Z" });
    two.standIn.addChannel({ id: CHANNEL, name: "china-mission-2027" });
    const db = two.db;
    const mission = await seedMission(db, { channelId: CHANNEL });
    const nordic = await seedSme(db, { name: "Nordic Heat A/S", markets: ["CN"] });
    const loire = await seedSme(db, { name: "Loire Controls SAS", country: "FR", cluster: "tenerrdis-fr" });
    for (const [smeId, traveller] of [
      [nordic.id, NORDIC_TRAVELLER],
      [loire.id, LOIRE_TRAVELLER],
    ] as const) {
      await db.missionParticipant.create({
        data: { missionId: mission.id, smeId, status: "confirmed", travellers: [traveller] },
      });
    }
    await seedMeeting(db, {
      mission,
      smeId: loire.id,
      targetSmeId: nordic.id,
      day: "2027-04-13",
      time: "09:00",
      table: 2,
    });

    // Both job runners tick at the same moments, as two every-minute tickers on synchronised clocks
    // would: 07:30 (the day's posts) and the minute after, 08:50 (reminders), 09:45 (surveys).
    const postsBy = new Map<string, number>();
    for (const time of ["07:30", "07:31", "08:50", "09:45", "10:00"]) {
      const at = DateTime.fromISO(`2027-04-13T${time}`, { zone: "Asia/Shanghai" }).toJSDate();
      for (const clock of two.clocks) clock.set(at);
      await Promise.all(two.instances.map((instance) => instance.jobs.tick(at)));
      postsBy.set(time, two.standIn.callsTo("chat.postMessage").length);
    }
    // The agenda, its two thread replies and the two travellers' days: all out by 07:31. (A reply
    // whose agenda the other instance is still posting waits for the next minute's tick.)
    expect(postsBy.get("07:31")).toBe(5);
    await two.standIn.settle();

    const posts = two.standIn.callsTo("chat.postMessage").map((call) => {
      const where =
        call.args.channel === CHANNEL ? (call.args.thread_ts ? "thread" : "channel") : String(call.args.channel);
      return `${where}: ${String(call.args.text)}`;
    });
    expect([...posts].sort()).toEqual(
      [
        "channel: Today's agenda, Tuesday 13 Apr 2027 (China mission 2027): 1 meeting, 0 programme items",
        "thread: Loire Controls SAS: 1 meeting on Tuesday 13 Apr 2027",
        "thread: Nordic Heat A/S: 1 meeting on Tuesday 13 Apr 2027",
        `${NORDIC_TRAVELLER}: Your day, Tuesday 13 Apr 2027 (China mission 2027): 1 meeting`,
        `${LOIRE_TRAVELLER}: Your day, Tuesday 13 Apr 2027 (China mission 2027): 1 meeting`,
        `${NORDIC_TRAVELLER}: :alarm_clock: In 10 minutes: your meeting with Loire Controls SAS at table 2 (09:00 Shanghai time).`,
        `${LOIRE_TRAVELLER}: :alarm_clock: In 10 minutes: your meeting with Nordic Heat A/S at table 2 (09:00 Shanghai time).`,
        `${NORDIC_TRAVELLER}: :clipboard: How did the meeting with Loire Controls SAS go? One tap answers for Nordic Heat A/S.`,
        `${LOIRE_TRAVELLER}: :clipboard: How did the meeting with Nordic Heat A/S go? One tap answers for Loire Controls SAS.`,
      ].sort(),
    );
    // Every run was claimed by one instance or the other and finished. (Skipped: the day before's
    // previews, older than the catch-up window, as on one instance.)
    const runs = await db.jobRun.findMany({ select: { status: true, channel: true } });
    expect(runs.filter((run) => run.channel !== null)).toHaveLength(posts.length);
    expect(runs.filter((run) => run.status === "running" || run.status === "failed")).toEqual([]);
  });
});

/** A DM the SME types, as Slack wraps it. */
function dm(text: string, ts: string) {
  return two.envelope({
    type: "message",
    channel: DM,
    channel_type: "im",
    user: SME_USER,
    text,
    ts,
    team: "T0EC2I000",
  });
}

async function startTemplate(): Promise<void> {
  await smeWithMember(two.instances[0]);
  await two.command(SME_USER, "/bi", "start cn");
  expect(await waitForReplies(two.instances[0], 1)).toContain("Which product or solution would you bring to China");
}

describe("a BI conversation through the load balancer", () => {
  it("is answered once per message, in order, while its messages alternate between instances", async () => {
    two = await startTwoInstances();
    await startTemplate();
    // The first reply needs a second attempt: the next messages arrive while it is still being handled.
    two.standIn.failNext("chat.postMessage", "fatal_error", 1);
    const messages = [
      dm("Large heat pumps for district heating", "1800000700.000100"),
      dm("Cheaper to run than local units", "1800000700.000200"),
      dm("no", "1800000700.000300"),
    ];
    const instances: number[] = [];
    for (const message of messages) {
      // Each is sent as soon as the previous one is acknowledged, as Slack delivers a quick typist.
      const ack = await two.deliver(message);
      expect(ack.status).toBe(200);
      instances.push(ack.instance);
    }
    expect(instances).toEqual([1, 0, 1]);
    await waitForReplies(two.instances[0], 4);
    await two.standIn.settle();
    const replies = botTexts(two.instances[0]);
    expect(replies).toHaveLength(4);
    expect(replies[1]).toContain("Got it: *Product and the problem it solves* — Large heat pumps for district heating");
    expect(replies[2]).toContain("Cheaper to run than local units");
    expect(replies[3]).toContain("Got it");
    const response = await two.db.biResponse.findFirstOrThrow();
    expect(response.answers).toMatchObject({
      product_offer: "Large heat pumps for district heating",
      china_advantage: "Cheaper to run than local units",
      adaptation_needed: false,
    });
    // Nothing is left holding the conversation once its messages are handled.
    expect(await two.db.biResponseLease.count()).toBe(0);
  });

  it("takes a Slack retry that lands on the other instance as the same message", async () => {
    two = await startTwoInstances();
    await startTemplate();
    // Slack retries when the ack is late; here the retry comes while the first reply is still being tried.
    two.standIn.failNext("chat.postMessage", "fatal_error", 1);
    const message = dm("Large heat pumps", "1800000800.000100");
    const first = await two.deliver(message);
    const retry = await two.deliver(message, 1);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.instance).not.toBe(first.instance);
    await waitForReplies(two.instances[0], 2);
    await two.standIn.settle();
    expect(botTexts(two.instances[0])).toHaveLength(2);
    expect(await two.db.biMessage.count()).toBe(1);
  });
});

describe("the health endpoints behind the load balancer", () => {
  it("say ready on both instances, then not ready on both once the database is gone", async () => {
    // PostgreSQL: the instances reach the server through a relay the test cuts, as if it stopped.
    const postgres = testDialect() === "postgresql" ? await freshDatabaseUrl() : undefined;
    const server = postgres ? new URL(postgres.url) : undefined;
    const relay = server ? await startTcpRelay({ host: server.hostname, port: Number(server.port) }) : undefined;
    const throughRelay = server && relay ? Object.assign(new URL(server), { port: String(relay.port) }) : undefined;
    onTestFinished(async () => {
      await relay?.close();
      await postgres?.cleanup();
    });
    two = await startTwoInstances(throughRelay ? { databaseUrl: throughRelay.toString() } : {});
    const ready = [await two.probe("/readyz"), await two.probe("/readyz")];
    expect(ready.map((probe) => [probe.instance, probe.status, probe.body.status])).toEqual([
      [0, 200, "ready"],
      [1, 200, "ready"],
    ]);

    const databaseUrl = two.instances[0].config.databaseUrl;
    if (relay) await relay.stop();
    else rmSync(databaseUrl.slice("file:".length));
    const reason = relay ? "the database cannot be reached" : "the database file cannot be opened";
    const gone = [await two.probe("/readyz"), await two.probe("/readyz")];
    expect(gone.map((probe) => [probe.instance, probe.status, probe.body.reason])).toEqual([
      [0, 503, reason],
      [1, 503, reason],
    ]);
    // Still alive: a liveness probe must not get them restarted for the database's sake.
    expect([(await two.probe("/healthz")).status, (await two.probe("/healthz")).status]).toEqual([200, 200]);
    // Back before the instances stop, so they close their connections cleanly.
    await relay?.start();
  });
});
