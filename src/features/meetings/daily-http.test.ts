/**
 * Issue 12, the daily posts: a mission week run through with the manual clock and the real job
 * runner, posting to the Slack stand-in. Each morning the channel's agenda with each SME's meetings
 * in its thread and each traveller's day by DM; each evening before a mission day its preview.
 */
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { smeDayTarget } from "./daily-schedule.js";
import { seedMeeting, seedProgrammeItem } from "./meeting-fixtures.test-support.js";
import { scheduleActionIds } from "./schedule-views.js";

const CHANNEL = "C0CHINA001";
/** Travel for Nordic Heat; the second asked for no reminders. */
const NORDIC_TRAVELLER = "U0NORDICT1";
const NORDIC_QUIET = "U0NORDICT2";
/** Travels for Loire Controls, with reminders snoozed until 13 Apr 20:00 Shanghai time. */
const LOIRE_TRAVELLER = "U0LOIRET01";
/** Travels for Baltic Storage, which has no meetings. */
const BALTIC_TRAVELLER = "U0BALTICT1";

let t: TestApp;
let clock: ManualClock;
afterEach(async () => t.stop());

async function start(at: string) {
  clock = new ManualClock(new Date(at));
  t = await startTestApp({ clock });
  t.standIn.addChannel({ id: CHANNEL, name: "china-mission-2027" });
}

/** A post the app made, with the time of the tick that sent it in the mission's zone. */
type Sent = { at: string; to: string; thread: string | undefined; ts: string; text: string; blocks: string };

/** Runs the job runner from the clock's time to `until` as a ticker would; returns what was posted, in order. */
async function runUntil(until: string, zone: string): Promise<Sent[]> {
  const sent: Sent[] = [];
  let seen = t.standIn.callsTo("chat.postMessage").length;
  await t.jobs.runThrough(clock.now(), new Date(until), {
    beforeTick: (at) => clock.set(at),
    async afterTick(at) {
      const calls = t.standIn.callsTo("chat.postMessage");
      for (const call of calls.slice(seen)) {
        sent.push({
          at: DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL HH:mm"),
          to: String(call.args.channel),
          thread: call.args.thread_ts === undefined ? undefined : String(call.args.thread_ts),
          ts: String(call.result?.ts),
          text: String(call.args.text),
          blocks: JSON.stringify(call.args.blocks ?? []),
        });
      }
      seen = calls.length;
    },
  });
  clock.set(new Date(until));
  return sent;
}

/** The China week: Nordic and Loire meet Jiangsu and each other; Baltic has no meetings. */
async function seedChinaWeek() {
  const mission = await seedMission(t.db, { channelId: CHANNEL });
  const nordic = await seedSme(t.db, { name: "Nordic Heat A/S", markets: ["CN"] });
  const loire = await seedSme(t.db, { name: "Loire Controls SAS", country: "FR", cluster: "tenerrdis-fr" });
  const baltic = await seedSme(t.db, { name: "Baltic Storage AB", country: "SE", cluster: "sbh-se" });
  const travellers = new Map([
    [nordic.id, [NORDIC_TRAVELLER, NORDIC_QUIET]],
    [loire.id, [LOIRE_TRAVELLER]],
    [baltic.id, [BALTIC_TRAVELLER]],
  ]);
  for (const [smeId, people] of travellers) {
    await t.db.missionParticipant.create({
      data: { missionId: mission.id, smeId, status: "confirmed", travellers: people },
    });
  }
  // Waiting SMEs are not in the delegation: their travellers get nothing.
  const waiting = await seedSme(t.db, { name: "Fjord Pumps AS", country: "NO" });
  await t.db.missionParticipant.create({
    data: { missionId: mission.id, smeId: waiting.id, status: "waiting", travellers: ["U0WAITING1"] },
  });
  await t.db.reminderSetting.create({ data: { slackUserId: NORDIC_QUIET, off: true } });
  await t.db.reminderSetting.create({
    data: { slackUserId: LOIRE_TRAVELLER, snoozedUntil: new Date("2027-04-13T12:00:00Z") },
  });
  const jiangsu = await t.db.localOrganisation.create({
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
  await t.db.missionOrganisation.create({ data: { missionId: mission.id, organisationId: jiangsu.id } });
  const meet = (smeId: number, day: string, time: string, table: number, other: object) =>
    seedMeeting(t.db, { mission, smeId, day, time, table, ...other });
  await meet(loire.id, "2027-04-13", "09:00", 2, { targetSmeId: nordic.id });
  await meet(nordic.id, "2027-04-13", "10:00", 4, { organisationId: jiangsu.id });
  await meet(loire.id, "2027-04-13", "11:00", 1, { organisationId: jiangsu.id });
  await meet(nordic.id, "2027-04-14", "09:30", 3, { organisationId: jiangsu.id });
  await meet(loire.id, "2027-04-15", "14:00", 1, { organisationId: jiangsu.id });
  await meet(nordic.id, "2027-04-15", "15:00", 2, { organisationId: jiangsu.id, status: "cancelled" });
  const programme = [
    { kind: "reception", title: "Opening reception", day: "2027-04-12", start: "18:30", end: "20:30" },
    { kind: "session", title: "Briefing at the consulate", day: "2027-04-13", start: "08:15", end: "08:50" },
    { kind: "visit", title: "Site visit: Lingang heat plant", day: "2027-04-16", start: "09:00", end: "12:00" },
  ];
  for (const item of programme) await seedProgrammeItem(t.db, { mission, ...item });
  return { mission, nordic, loire, baltic };
}

describe("a 5-day mission in Shanghai", () => {
  it("posts each agenda, thread reply, preview and DM once, at 07:30 and 18:00 Shanghai time", {
    timeout: 120_000,
  }, async () => {
    await start("2027-04-10T00:00:00Z");
    await seedChinaWeek();
    const sent = await runUntil("2027-04-17T00:00:00Z", "Asia/Shanghai");

    const where = (post: Sent) => (post.to === CHANNEL ? (post.thread ? "thread" : "channel") : `DM ${post.to}`);
    // The whole week as the travellers live it: the daily posts, and between them the reminders and
    // surveys of each meeting (Loire's traveller is snoozed on the 13th, so gets neither that day).
    expect(sent.map((post) => `${post.at} ${where(post)}: ${post.text}`)).toEqual([
      "Sun 11 Apr 18:00 channel: Tomorrow's agenda, Monday 12 Apr 2027 (China mission 2027): 0 meetings, 1 programme item",
      "Mon 12 Apr 07:30 channel: Today's agenda, Monday 12 Apr 2027 (China mission 2027): 0 meetings, 1 programme item",
      "Mon 12 Apr 18:00 channel: Tomorrow's agenda, Tuesday 13 Apr 2027 (China mission 2027): 3 meetings, 1 programme item",
      "Tue 13 Apr 07:30 channel: Today's agenda, Tuesday 13 Apr 2027 (China mission 2027): 3 meetings, 1 programme item",
      // Each company's reply in the thread, in the agenda's order: by name.
      "Tue 13 Apr 07:30 thread: Loire Controls SAS: 2 meetings on Tuesday 13 Apr 2027",
      "Tue 13 Apr 07:30 thread: Nordic Heat A/S: 2 meetings on Tuesday 13 Apr 2027",
      `Tue 13 Apr 07:30 DM ${NORDIC_TRAVELLER}: Your day, Tuesday 13 Apr 2027 (China mission 2027): 2 meetings`,
      `Tue 13 Apr 08:50 DM ${NORDIC_TRAVELLER}: :alarm_clock: In 10 minutes: your meeting with Loire Controls SAS at table 2 (09:00 Shanghai time).`,
      `Tue 13 Apr 09:45 DM ${NORDIC_TRAVELLER}: :clipboard: How did the meeting with Loire Controls SAS go? One tap answers for Nordic Heat A/S.`,
      `Tue 13 Apr 09:50 DM ${NORDIC_TRAVELLER}: :alarm_clock: In 10 minutes: your meeting with Jiangsu Heat Networks Co. at table 4 (10:00 Shanghai time).`,
      `Tue 13 Apr 10:45 DM ${NORDIC_TRAVELLER}: :clipboard: How did the meeting with Jiangsu Heat Networks Co. go? One tap answers for Nordic Heat A/S.`,
      "Tue 13 Apr 18:00 channel: Tomorrow's agenda, Wednesday 14 Apr 2027 (China mission 2027): 1 meeting, 0 programme items",
      "Wed 14 Apr 07:30 channel: Today's agenda, Wednesday 14 Apr 2027 (China mission 2027): 1 meeting, 0 programme items",
      "Wed 14 Apr 07:30 thread: Nordic Heat A/S: 1 meeting on Wednesday 14 Apr 2027",
      `Wed 14 Apr 07:30 DM ${NORDIC_TRAVELLER}: Your day, Wednesday 14 Apr 2027 (China mission 2027): 1 meeting`,
      `Wed 14 Apr 09:20 DM ${NORDIC_TRAVELLER}: :alarm_clock: In 10 minutes: your meeting with Jiangsu Heat Networks Co. at table 3 (09:30 Shanghai time).`,
      `Wed 14 Apr 10:15 DM ${NORDIC_TRAVELLER}: :clipboard: How did the meeting with Jiangsu Heat Networks Co. go? One tap answers for Nordic Heat A/S.`,
      "Wed 14 Apr 18:00 channel: Tomorrow's agenda, Thursday 15 Apr 2027 (China mission 2027): 1 meeting, 0 programme items",
      "Thu 15 Apr 07:30 channel: Today's agenda, Thursday 15 Apr 2027 (China mission 2027): 1 meeting, 0 programme items",
      "Thu 15 Apr 07:30 thread: Loire Controls SAS: 1 meeting on Thursday 15 Apr 2027",
      // Loire's traveller snoozed until the 13th's evening: the 15th's schedule reaches them.
      `Thu 15 Apr 07:30 DM ${LOIRE_TRAVELLER}: Your day, Thursday 15 Apr 2027 (China mission 2027): 1 meeting`,
      `Thu 15 Apr 13:50 DM ${LOIRE_TRAVELLER}: :alarm_clock: In 10 minutes: your meeting with Jiangsu Heat Networks Co. at table 1 (14:00 Shanghai time).`,
      `Thu 15 Apr 14:45 DM ${LOIRE_TRAVELLER}: :clipboard: How did the meeting with Jiangsu Heat Networks Co. go? One tap answers for Loire Controls SAS.`,
      "Thu 15 Apr 18:00 channel: Tomorrow's agenda, Friday 16 Apr 2027 (China mission 2027): 0 meetings, 1 programme item",
      "Fri 16 Apr 07:30 channel: Today's agenda, Friday 16 Apr 2027 (China mission 2027): 0 meetings, 1 programme item",
    ]);
    // Each reply is in the thread of its own day's agenda.
    const agendaOf = (day: string) => sent.find((post) => post.text.startsWith(`Today's agenda, ${day}`));
    for (const reply of sent.filter((post) => post.thread)) {
      const day = /on (\w+ \d+ Apr 2027)/.exec(reply.text)?.[1] ?? "";
      expect(reply.thread).toBe(agendaOf(day)?.ts);
    }

    const tuesday = agendaOf("Tuesday 13 Apr 2027");
    expect(tuesday?.blocks).toContain(":sunrise: *Today, Tuesday 13 Apr 2027* · China mission 2027 (day 2 of 5)");
    expect(tuesday?.blocks).toContain("Times in Asia/Shanghai (UTC+8)");
    expect(tuesday?.blocks).toContain("`08:15–08:50`");
    expect(tuesday?.blocks).toContain("*Briefing at the consulate*");
    expect(tuesday?.blocks).toContain("• *Loire Controls SAS*: 2 meetings, 09:00–11:30");
    expect(tuesday?.blocks).toContain("• *Nordic Heat A/S*: 2 meetings, 09:00–10:30");
    expect(tuesday?.blocks).toContain("Each company's meetings, with tables and counterparts, are in the thread.");
    const nordicReply = sent.find((post) => post.thread && post.text.startsWith("Nordic Heat A/S: 2"));
    expect(nordicReply?.blocks).toContain("`09:00–09:30` :handshake: *table 2* · *Loire Controls SAS* · SME");
    expect(nordicReply?.blocks).toContain("`10:00–10:30` :handshake: *table 4* · *Jiangsu Heat Networks Co.*");
    expect(nordicReply?.blocks).toContain("Contact: Li Wei");
    const nordicDm = sent.find((post) => post.to === NORDIC_TRAVELLER);
    // The traveller's day: the programme and their meetings in time order.
    const dm = nordicDm?.blocks ?? "";
    expect(dm).toContain("2 meetings for *Nordic Heat A/S*. Times in Shanghai time.");
    expect(dm.indexOf("Briefing at the consulate")).toBeLessThan(dm.indexOf("*Loire Controls SAS*"));
    expect(dm.indexOf("*Loire Controls SAS*")).toBeLessThan(dm.indexOf("*Jiangsu Heat Networks Co.*"));
    const friday = agendaOf("Friday 16 Apr 2027");
    expect(friday?.blocks).toContain("No meetings today.");
    expect(friday?.blocks).toContain("*Site visit: Lingang heat plant*");
    const preview = sent.find((post) => post.text.startsWith("Tomorrow's agenda, Tuesday"));
    expect(preview?.blocks).toContain(":crescent_moon: *Tomorrow, Tuesday 13 Apr 2027*");

    // The week run through again (a second ticker, a restart): nothing is sent twice.
    clock.set(new Date("2027-04-10T00:00:00Z"));
    expect(await runUntil("2027-04-17T00:00:00Z", "Asia/Shanghai")).toEqual([]);
  });

  it("posts nothing to a mission without a channel and says so in the log; travellers still get their day", async () => {
    await start("2027-04-12T09:00:00Z");
    const { mission } = await seedChinaWeek();
    await t.db.mission.update({ where: { id: mission.id }, data: { channelId: null } });
    const sent = await runUntil("2027-04-13T01:00:00Z", "Asia/Shanghai");
    // The traveller's day, then the first meeting's reminder: DMs do not need the channel.
    expect(sent.map((post) => `${post.at} ${post.to}`)).toEqual([
      `Tue 13 Apr 07:30 ${NORDIC_TRAVELLER}`,
      `Tue 13 Apr 08:50 ${NORDIC_TRAVELLER}`,
    ]);
    expect(t.logLines.filter((line) => line.includes("the mission has no channel: no daily post"))).toHaveLength(2);
  });

  it("does not post a day again when staff move the agenda time after it went out", async () => {
    await start("2027-04-12T23:00:00Z");
    const { mission } = await seedChinaWeek();
    const morning = await runUntil("2027-04-12T23:45:00Z", "Asia/Shanghai");
    expect(morning.filter((post) => post.to === CHANNEL && !post.thread)).toHaveLength(1);
    await t.db.mission.update({ where: { id: mission.id }, data: { agendaPostTime: "08:00" } });
    expect(await runUntil("2027-04-13T00:30:00Z", "Asia/Shanghai")).toEqual([]);
    // The next morning follows the new time.
    const next = await runUntil("2027-04-14T01:00:00Z", "Asia/Shanghai");
    expect(next.find((post) => post.text.startsWith("Today's agenda"))?.at).toBe("Wed 14 Apr 08:00");
  });

  it("marks an agenda sent after the app was down as late, and posts it once", async () => {
    await start("2027-04-12T12:00:00Z");
    await seedChinaWeek();
    // Down from before 18:00 until 08:40 on the 13th: the ticker's first tick sends what is owed.
    clock.set(new Date("2027-04-13T00:40:00Z"));
    await t.jobs.tick(clock.now());
    await t.jobs.tick(clock.now());
    const channelPosts = t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === CHANNEL);
    const agenda = channelPosts.find((call) => String(call.args.text).startsWith("Today's agenda"));
    expect(JSON.stringify(agenda?.args.blocks)).toContain(
      ":warning: Sent late: the app was down at 07:30 Shanghai time, when this was due.",
    );
    expect(channelPosts.filter((call) => String(call.args.text).startsWith("Today's agenda"))).toHaveLength(1);
  });
});

describe("a New York mission across the switch to summer time (14 March 2027)", () => {
  it("posts the agenda at 07:30 and the preview at 18:00 New York time on both sides of the switch", async () => {
    await start("2027-03-11T00:00:00Z");
    await seedMission(t.db, {
      name: "US mission New York 2027",
      market: "US",
      city: "New York",
      timeZone: "America/New_York",
      startDate: "2027-03-12",
      endDate: "2027-03-16",
      requestDeadline: new Date("2027-03-01T23:00:00Z"),
      channelId: CHANNEL,
    });
    const sent = await runUntil("2027-03-17T00:00:00Z", "America/New_York");
    const utc = (post: Sent) => `${post.at} (${post.text.split(" (")[0]})`;
    expect(sent.map(utc)).toEqual([
      "Thu 11 Mar 18:00 (Tomorrow's agenda, Friday 12 Mar 2027)",
      "Fri 12 Mar 07:30 (Today's agenda, Friday 12 Mar 2027)",
      "Fri 12 Mar 18:00 (Tomorrow's agenda, Saturday 13 Mar 2027)",
      "Sat 13 Mar 07:30 (Today's agenda, Saturday 13 Mar 2027)",
      "Sat 13 Mar 18:00 (Tomorrow's agenda, Sunday 14 Mar 2027)",
      "Sun 14 Mar 07:30 (Today's agenda, Sunday 14 Mar 2027)",
      "Sun 14 Mar 18:00 (Tomorrow's agenda, Monday 15 Mar 2027)",
      "Mon 15 Mar 07:30 (Today's agenda, Monday 15 Mar 2027)",
      "Mon 15 Mar 18:00 (Tomorrow's agenda, Tuesday 16 Mar 2027)",
      "Tue 16 Mar 07:30 (Today's agenda, Tuesday 16 Mar 2027)",
    ]);
    // The same local times are an hour apart in UTC across the switch.
    const runs = await t.db.jobRun.findMany({ where: { kind: "daily-agenda" }, orderBy: { dueAt: "asc" } });
    expect(runs.map((run) => run.dueAt.toISOString())).toEqual([
      "2027-03-12T12:30:00.000Z",
      "2027-03-13T12:30:00.000Z",
      "2027-03-14T11:30:00.000Z",
      "2027-03-15T11:30:00.000Z",
      "2027-03-16T11:30:00.000Z",
    ]);
    expect(sent.find((post) => post.text.startsWith("Today's agenda, Monday"))?.blocks).toContain(
      "Times in America/New_York (UTC-4)",
    );
  });
});

describe("changes on the day", () => {
  const STAFF = "U0STAFF001";

  /** Runs `/mission schedule` as staff, waits for its draft, and publishes it. */
  async function scheduleAndPublish(missionName: string) {
    const count = (await t.db.scheduleDraft.count()) + 1;
    await t.command(STAFF, "/mission", `schedule ${missionName}`);
    let draft: Awaited<ReturnType<typeof t.db.scheduleDraft.findMany>>[number] | undefined;
    for (let tries = 0; tries < 1200 && draft?.status !== "ready"; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      draft = (await t.db.scheduleDraft.findMany({ orderBy: { id: "asc" } }))[count - 1];
    }
    if (draft?.status !== "ready") throw new Error("the schedule run never finished");
    const ready = draft;
    const shown = () => t.standIn.messages.find((m) => m.ts === ready.messageTs && m.channel === ready.channelId);
    await t.standIn.waitFor(() => JSON.stringify(shown()?.blocks).includes(scheduleActionIds.publish), "the preview");
    await t.action({
      userId: STAFF,
      actionId: scheduleActionIds.publish,
      value: String(ready.id),
      responseUrl: t.standIn.newResponseUrl(),
    });
    await t.standIn.waitFor(() => JSON.stringify(shown()?.blocks).includes("Published by"), "the publication");
    await t.standIn.settle();
  }

  it("updates the morning's agenda, replies and DMs in place when a re-publish cancels a meeting; those concerned are told, reminders off or not", {
    timeout: 120_000,
  }, async () => {
    await start("2027-03-15T08:00:00Z");
    await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
    const mission = await seedMission(t.db, {
      channelId: CHANNEL,
      sessionPlan: { days: ["2027-04-13"], start: "09:00", end: "10:30", slotMinutes: 30, breaks: [], tables: 1 },
    });
    const nordic = await seedSme(t.db, { name: "Nordic Heat A/S" });
    const loire = await seedSme(t.db, { name: "Loire Controls SAS", country: "FR", cluster: "tenerrdis-fr" });
    for (const [smeId, traveller] of [
      [nordic.id, NORDIC_TRAVELLER],
      [loire.id, LOIRE_TRAVELLER],
    ] as const) {
      await t.db.missionParticipant.create({
        data: { missionId: mission.id, smeId, status: "confirmed", travellers: [traveller] },
      });
    }
    // Loire's traveller turned reminders off: no morning DM, but changes still reach them.
    await t.db.reminderSetting.create({ data: { slackUserId: LOIRE_TRAVELLER, off: true } });
    const jiangsu = await t.db.localOrganisation.create({
      data: {
        name: "Jiangsu Heat Networks Co.",
        normalizedName: "jiangsu heat networks co",
        type: "project_owner",
        country: "CN",
        market: "CN",
        city: "Nanjing",
        sectors: [],
      },
    });
    await t.db.missionOrganisation.create({ data: { missionId: mission.id, organisationId: jiangsu.id } });
    const request = (smeId: number, counterpart: object) =>
      t.db.meetingRequest.create({
        data: { missionId: mission.id, smeId, ...counterpart, priority: "want", status: "accepted" },
      });
    await request(nordic.id, { organisationId: jiangsu.id });
    const loireJiangsu = await request(loire.id, { organisationId: jiangsu.id });
    await request(loire.id, { targetSmeId: nordic.id });
    await scheduleAndPublish(mission.name);

    // The morning of 13 April: the agenda, Nordic's and Loire's replies, Nordic's traveller's DM.
    clock.set(new Date("2027-04-12T23:00:00Z"));
    const morning = await runUntil("2027-04-13T00:00:00Z", "Asia/Shanghai");
    expect(morning.map((post) => (post.thread ? "reply" : post.to))).toEqual([
      CHANNEL,
      "reply",
      "reply",
      NORDIC_TRAVELLER,
    ]);
    const agendaRun = await t.db.jobRun.findFirstOrThrow({ where: { kind: "daily-agenda", status: "done" } });
    expect(morning[0]?.blocks).toContain("• *Loire Controls SAS*: 2 meetings");

    // At 08:00 Loire withdraws its request to Jiangsu; staff re-plan and publish.
    const postsBefore = t.standIn.callsTo("chat.postMessage").length;
    await t.db.meetingRequest.update({ where: { id: loireJiangsu.id }, data: { status: "withdrawn" } });
    await scheduleAndPublish(mission.name);

    const message = (ts: string | null) => t.standIn.messages.find((m) => m.channel === CHANNEL && m.ts === ts);
    const agenda = JSON.stringify(message(agendaRun.messageTs)?.blocks);
    expect(agenda).toContain(":arrows_counterclockwise: Updated at 08:00 Shanghai time: the meeting schedule changed.");
    expect(agenda).toContain("• *Loire Controls SAS*: 1 meeting");
    const loireRun = await t.db.jobRun.findFirstOrThrow({
      where: { kind: "daily-agenda-sme", target: smeDayTarget(mission.id, "2027-04-13", loire.id) },
    });
    const loireReply = JSON.stringify(message(loireRun.messageTs)?.blocks);
    expect(loireReply).toContain("*Loire Controls SAS*: 1 meeting today");
    expect(loireReply).not.toContain("Jiangsu");
    // Nothing posted to the channel again: the changes are in the messages already there.
    const since = t.standIn.callsTo("chat.postMessage").slice(postsBefore);
    expect(since.filter((call) => call.args.channel === CHANNEL)).toEqual([]);
    const updated = t.standIn.callsTo("chat.update").map((call) => call.args.ts);
    expect(updated).toContain(agendaRun.messageTs);
    // Loire's traveller is told at once what changed, reminders off or not.
    const toLoire = since.filter((call) => call.args.channel === LOIRE_TRAVELLER).map((call) => String(call.args.text));
    expect(toLoire.join("\n")).toContain("• Cancelled: *Jiangsu Heat Networks Co.*, was 13 Apr 2027,");

    // The next ticks send nothing more for the morning.
    expect(await runUntil("2027-04-13T00:30:00Z", "Asia/Shanghai")).toEqual([]);
  });
});
