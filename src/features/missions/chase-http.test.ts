import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "./fixtures.test-support.js";

/** Travels for Nordic Heat; Slack says Copenhagen. */
const COPENHAGEN = "U0TRAVCPH1";
/** Travels for Nordic Heat; Slack says New York. */
const NEW_YORK = "U0TRAVNYC1";
/** Speaks for Loire Controls, which has done everything. */
const LOIRE = "U0LOIRE001";
/** Speaks for Gobi Sun, whose profile lacks a website and certifications; Slack does not know them. */
const GOBI = "U0GOBISUN1";

const dm = (userId: string) => `D${userId.slice(1)}`;

let t: TestApp;
let clock: ManualClock;
/** Each DM the app sent, with the tick (the app's time) it went out at. */
let sent: { channel: string; text: string; at: Date }[];

beforeEach(async () => {
  clock = new ManualClock(new Date("2027-03-20T00:00:00Z"));
  t = await startTestApp({ clock });
  t.standIn.addUser({ id: COPENHAGEN, name: "freja", realName: "Freja Holm", tz: "Europe/Copenhagen" });
  t.standIn.addUser({ id: NEW_YORK, name: "ole", realName: "Ole Berg", tz: "America/New_York" });
  t.standIn.addUser({ id: LOIRE, name: "claire", realName: "Claire Roux", tz: "Europe/Paris" });
  sent = [];
});
afterEach(async () => t.stop());

/**
 * A China mission in Shanghai from Sunday 4 April 2027: chasers are due 7 days before, on 28 March,
 * the day Europe moves its clocks forward (02:00 → 03:00). New York moved on 14 March.
 */
async function seedDelegation() {
  const mission = await seedMission(t.db, {
    startDate: "2027-04-04",
    endDate: "2027-04-08",
    requestDeadline: new Date("2027-04-01T10:00:00Z"),
  });
  const nordic = await seedSme(t.db, { name: "Nordic Heat A/S", contactSlackUserId: COPENHAGEN });
  const loire = await seedSme(
    t.db,
    { name: "Loire Controls SAS", country: "FR", contactSlackUserId: LOIRE },
    "approved",
    LOIRE,
  );
  const gobi = await seedSme(
    t.db,
    { name: "Gobi Sun & Co", website: "", certifications: [], contactSlackUserId: GOBI },
    "approved",
    GOBI,
  );
  await t.db.missionParticipant.create({
    data: { missionId: mission.id, smeId: nordic.id, status: "confirmed", travellers: [COPENHAGEN, NEW_YORK] },
  });
  for (const sme of [loire, gobi]) {
    await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status: "confirmed" } });
  }
  // Loire and Gobi finished the China template and asked for a meeting; Nordic Heat did neither.
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
  for (const sme of [loire, gobi]) {
    await t.db.biResponse.create({
      data: {
        smeId: sme.id,
        templateKey: "china-market-entry",
        templateVersion: 1,
        status: "done",
        answers: {},
        state: { template: { key: "china-market-entry", market: "CN", title: "China market entry" } },
      },
    });
    await t.db.meetingRequest.create({
      data: { missionId: mission.id, smeId: sme.id, organisationId: organisation.id, status: "requested" },
    });
  }
  return { mission, nordic, loire, gobi };
}

/** Moves the app's clock to `to`, ticking at every due time as the minute ticker would. */
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

const localTime = (at: Date | undefined, zone: string) =>
  at ? DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd HH:mm") : "never";

describe("chasers before a mission", () => {
  it("DM each incomplete SME's people once, at 09:00 in their own zone, across Europe's switch to summer time", async () => {
    await seedDelegation();
    await runUntil("2027-04-03T00:00:00Z");

    const toCopenhagen = sent.filter((m) => m.channel === dm(COPENHAGEN));
    const toNewYork = sent.filter((m) => m.channel === dm(NEW_YORK));
    const toGobi = sent.filter((m) => m.channel === dm(GOBI));
    expect([toCopenhagen.length, toNewYork.length, toGobi.length]).toEqual([1, 1, 1]);
    // 09:00 in Copenhagen on the switch day is 07:00 UTC (summer time); the winter offset would give 08:00.
    expect(toCopenhagen[0]?.at.toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(localTime(toCopenhagen[0]?.at, "Europe/Copenhagen")).toBe("2027-03-28 09:00");
    expect(toNewYork[0]?.at.toISOString()).toBe("2027-03-28T13:00:00.000Z");
    expect(localTime(toNewYork[0]?.at, "America/New_York")).toBe("2027-03-28 09:00");
    // Slack has no zone for Gobi's contact: the mission's zone (09:00 Shanghai).
    expect(localTime(toGobi[0]?.at, "Asia/Shanghai")).toBe("2027-03-28 09:00");
    // Loire Controls has nothing missing: nothing is sent to it.
    expect(sent.filter((m) => m.channel === dm(LOIRE))).toEqual([]);
    expect(sent).toHaveLength(3);
    // Slack's zone is kept, so Slack is asked once per person.
    expect((await t.db.person.findUnique({ where: { slackUserId: NEW_YORK } }))?.timeZone).toBe("America/New_York");

    // Ticking again, and the week after, sends nothing more.
    await runUntil("2027-04-10T00:00:00Z");
    expect(sent).toHaveLength(3);
    expect(await t.db.jobRun.count({ where: { kind: "mission-chaser" } })).toBe(3);
  });

  it("say exactly what is missing and the command that fixes it", async () => {
    await seedDelegation();
    await runUntil("2027-03-29T00:00:00Z");

    const nordic = sent.find((m) => m.channel === dm(COPENHAGEN))?.text ?? "";
    expect(nordic).toContain("*China mission 2027* starts on 4 Apr 2027");
    expect(nordic).toContain("*Nordic Heat A/S*");
    expect(nordic).toContain("*Answer the China market entry template*: not started yet. Start it with `/bi start cn`");
    expect(nordic).toContain("*Ask for meetings*: no meeting request yet");
    expect(nordic).toContain("`/meet suggest`");
    expect(nordic).toContain("before 1 Apr 2027, 18:00 Shanghai time (UTC+8)");
    expect(nordic).not.toContain("/sme edit");

    const gobi = sent.find((m) => m.channel === dm(GOBI))?.text ?? "";
    expect(gobi).toContain("*Gobi Sun &amp; Co*");
    expect(gobi).toContain(
      "*Complete the company profile*: website, certifications missing. Add them with `/sme edit`.",
    );
    expect(gobi).not.toContain("/bi start");
    expect(gobi).not.toContain("/meet");
  });

  it("leave out what was finished before 09:00, and people who turned reminders off or snoozed them", async () => {
    const { mission, nordic } = await seedDelegation();
    await t.db.reminderSetting.create({ data: { slackUserId: NEW_YORK, off: true } });
    await t.db.reminderSetting.create({
      data: { slackUserId: GOBI, snoozedUntil: new Date("2027-03-30T00:00:00Z") },
    });
    // Nordic Heat asks for a meeting on the morning of the switch day, before 09:00 in Copenhagen.
    await runUntil("2027-03-28T06:00:00Z");
    const organisation = await t.db.localOrganisation.findFirstOrThrow();
    await t.db.meetingRequest.create({
      data: { missionId: mission.id, smeId: nordic.id, organisationId: organisation.id, status: "requested" },
    });
    await runUntil("2027-04-03T00:00:00Z");

    expect(sent.map((m) => m.channel)).toEqual([dm(COPENHAGEN)]);
    expect(sent[0]?.text).toContain("/bi start cn");
    expect(sent[0]?.text).not.toContain("Ask for meetings");
  });

  it("say so when the app was down at 09:00 and the chaser goes out late", async () => {
    await seedDelegation();
    // The app was down from before 09:00 Copenhagen time until 10:00: one tick at 10:00 catches up.
    clock.set(new Date("2027-03-28T08:00:00Z"));
    await t.jobs.tick(clock.now());
    const late = t.standIn.messages.find((m) => m.channel === dm(COPENHAGEN));
    expect(late?.text).toContain("This reminder is late: it was due at 09:00 your time");
  });
});
