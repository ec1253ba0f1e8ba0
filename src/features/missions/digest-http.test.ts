import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { nordicHeat, profileFormState, seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "./fixtures.test-support.js";

const ADMIN = "U0ADMIN001";
/** CLEAN's staff member, in Copenhagen. */
const STAFF_DK = "U0STAFFDK1";
/** TWEED's staff member, in Brussels: nothing happened in TWEED. */
const STAFF_BE = "U0STAFFBE1";
/** Registers Fjord Batteries (a CLEAN company) herself during the week. */
const FJORD = "U0FJORD001";

const dm = (userId: string) => `D${userId.slice(1)}`;

let t: TestApp;
let clock: ManualClock;
let sent: { channel: string; text: string; at: Date }[];

beforeEach(async () => {
  // Wednesday 17 March 2027.
  clock = new ManualClock(new Date("2027-03-17T10:00:00Z"));
  t = await startTestApp({ clock, admins: [ADMIN] });
  t.standIn.addUser({ id: ADMIN, name: "ana", realName: "Ana Admin", tz: "America/New_York" });
  t.standIn.addUser({ id: STAFF_DK, name: "mette", realName: "Mette Staff", tz: "Europe/Copenhagen" });
  t.standIn.addUser({ id: STAFF_BE, name: "luc", realName: "Luc Staff", tz: "Europe/Brussels" });
  t.standIn.addUser({ id: FJORD, name: "ida", realName: "Ida Fjord", tz: "Europe/Copenhagen" });
  await t.db.person.create({
    data: { slackUserId: STAFF_DK, role: "staff", cluster: { connect: { key: "clean-dk" } } },
  });
  await t.db.person.create({
    data: { slackUserId: STAFF_BE, role: "staff", cluster: { connect: { key: "tweed-be" } } },
  });
  sent = [];
});
afterEach(async () => t.stop());

async function runUntil(to: string) {
  await t.jobs.runThrough(clock.now(), new Date(to), {
    beforeTick: (at) => clock.set(at),
    afterTick: async (at) => {
      for (const message of t.standIn.messages.slice(sent.length)) {
        sent.push({ channel: message.channel, text: message.text ?? "", at });
      }
    },
  });
}

/** Fjord Batteries registers itself through the profile form, as a person does in Slack. */
async function registerFjord() {
  await t.db.person.create({ data: { slackUserId: FJORD, role: "sme" } });
  await t.command(FJORD, "/sme", "register");
  const open = await t.standIn.waitForCall("views.open");
  const view = open.args.view as { callback_id: string; private_metadata: string };
  await t.submitView({
    userId: FJORD,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: profileFormState({ ...nordicHeat, name: "Fjord Batteries ApS", contactSlackUserId: FJORD }),
  });
  await t.standIn.waitFor(
    async () => (await t.db.sme.count({ where: { name: "Fjord Batteries ApS" } })) > 0 || undefined,
    "Fjord Batteries saved",
  );
}

/** A China mission with two CLEAN SMEs confirmed (one finished its template) and one asking to join. */
async function seedMissionWeek() {
  const mission = await seedMission(t.db, { startDate: "2027-04-12", endDate: "2027-04-16" });
  const nordic = await seedSme(t.db, { name: "Nordic Heat A/S" });
  const aarhus = await seedSme(t.db, { name: "Aarhus Wind ApS" });
  const odense = await seedSme(t.db, { name: "Odense Solar ApS" });
  await t.db.missionParticipant.createMany({
    data: [
      { missionId: mission.id, smeId: nordic.id, status: "confirmed" },
      { missionId: mission.id, smeId: aarhus.id, status: "confirmed" },
      { missionId: mission.id, smeId: odense.id, status: "requested" },
    ],
  });
  await t.db.biResponse.create({
    data: {
      smeId: nordic.id,
      templateKey: "china-market-entry",
      templateVersion: 1,
      status: "done",
      answers: {},
      state: { template: { key: "china-market-entry", market: "CN", title: "China market entry" } },
    },
  });
  const organisation = await t.db.localOrganisation.create({
    data: {
      name: "Jiangsu Heat Networks Co.",
      type: "project_owner",
      market: "CN",
      country: "CN",
      city: "Nanjing",
      sectors: [],
    },
  });
  await t.db.meetingRequest.create({
    data: { missionId: mission.id, smeId: nordic.id, organisationId: organisation.id, status: "accepted" },
  });
  return mission;
}

describe("the weekly staff digest", () => {
  it("reaches each staff member on Monday at 09:00 their time, once a week", async () => {
    await runUntil("2027-03-30T00:00:00Z");
    const local = (userId: string, zone: string) =>
      sent
        .filter((m) => m.channel === dm(userId))
        .map((m) => DateTime.fromJSDate(m.at, { zone }).toFormat("ccc yyyy-MM-dd HH:mm"));
    expect(local(STAFF_DK, "Europe/Copenhagen")).toEqual(["Mon 2027-03-22 09:00", "Mon 2027-03-29 09:00"]);
    expect(local(ADMIN, "America/New_York")).toEqual(["Mon 2027-03-22 09:00", "Mon 2027-03-29 09:00"]);
    // Across Europe's switch to summer time on 28 March: 08:00 UTC, then 07:00 UTC.
    expect(sent.filter((m) => m.channel === dm(STAFF_BE)).map((m) => m.at.toISOString())).toEqual([
      "2027-03-22T08:00:00.000Z",
      "2027-03-29T07:00:00.000Z",
    ]);
    await runUntil("2027-03-30T12:00:00Z");
    expect(sent).toHaveLength(6);
  });

  it("tells cluster staff their new SMEs, what waits for approval, BI completion and meeting requests", async () => {
    await seedMissionWeek();
    await registerFjord();
    // What registering sent (the thank-you, the review request) is not the digest.
    sent = t.standIn.messages.map((m) => ({ channel: m.channel, text: m.text ?? "", at: clock.now() }));
    // The admin is in New York: 09:00 there is 13:00 UTC.
    await runUntil("2027-03-22T14:00:00Z");

    const clean = sent.filter((m) => m.channel === dm(STAFF_DK)).at(-1)?.text ?? "";
    expect(clean.split("\n")).toEqual([
      ":bar_chart: *Weekly digest, CLEAN* (15–21 Mar 2027)",
      "*New SMEs (1)*: Fjord Batteries ApS (waiting for review)",
      "*Waiting for approval (2)*:",
      "• 1 profile to review: Fjord Batteries ApS (`/sme pending`)",
      "• 1 request to join *China mission 2027*: Odense Solar ApS (`/mission delegation China mission 2027`)",
      "*China mission 2027* (Shanghai, 12–16 Apr 2027): 2 SMEs confirmed",
      "  BI China market entry: 1 of 2 done, 0 under way, 1 not started (`/bi status`)",
      "  Meeting requests: 1 made (1 accepted, 0 waiting, 0 declined); 1 SME without any (`/meet overview China mission 2027`)",
    ]);
    // The admin's digest covers every cluster: the same figures here, as all these SMEs are CLEAN's.
    const all = sent.filter((m) => m.channel === dm(ADMIN)).at(-1)?.text ?? "";
    expect(all).toContain("*Weekly digest, all clusters*");
    expect(all).toContain("2 SMEs confirmed");
  });

  it("says an empty week in one line", async () => {
    await seedMissionWeek();
    await runUntil("2027-03-22T12:00:00Z");
    const tweed = sent.filter((m) => m.channel === dm(STAFF_BE));
    expect(tweed.map((m) => m.text)).toEqual([
      ":bar_chart: *Weekly digest, TWEED* (15–21 Mar 2027): a quiet week. No new SMEs, nothing waiting for approval, no mission coming up.",
    ]);
  });

  it("is not sent to staff who turned reminders off", async () => {
    await t.db.reminderSetting.create({ data: { slackUserId: STAFF_DK, off: true } });
    await runUntil("2027-03-23T00:00:00Z");
    expect(sent.filter((m) => m.channel === dm(STAFF_DK))).toEqual([]);
    expect(sent.filter((m) => m.channel === dm(STAFF_BE))).toHaveLength(1);
  });
});
