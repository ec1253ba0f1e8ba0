import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { instantOf } from "../missions/index.js";
import { seedMeeting } from "./meeting-fixtures.test-support.js";
import {
  type ArrivedDm,
  blockTexts,
  LOIRE_USER,
  moveClock,
  NORDIC_CEO,
  NORDIC_USER,
  seedReminderMission,
} from "./reminder-fixtures.test-support.js";

let t: TestApp;
afterEach(async () => t.stop());

const reminders = (dms: ArrivedDm[]) => dms.filter((dm) => dm.text.startsWith(":alarm_clock:"));
/** Reminders and surveys, without the other scheduled DMs (each morning's "Your day"). */
const remindersAndSurveys = (dms: ArrivedDm[]) =>
  dms.filter((dm) => dm.text.startsWith(":alarm_clock:") || dm.text.startsWith(":clipboard: How did"));

describe("meeting reminders", () => {
  it("go out once per meeting even when the mission's minutes change after they went out, and again when it moves", async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2027-04-12T00:00:00Z")) });
    const { mission, nordic, organisation } = await seedReminderMission(t);
    const meeting = await seedMeeting(t.db, {
      mission,
      smeId: nordic.id,
      organisationId: organisation.id,
      day: "2027-04-13",
      time: "10:00",
      table: 4,
    });
    const toNordic = (dms: ArrivedDm[]) => dms.filter((dm) => dm.to === NORDIC_USER).map((dm) => dm.at);
    expect(
      toNordic(
        remindersAndSurveys(await moveClock(t, instantOf("2027-04-13", "09:52", mission.timeZone), mission.timeZone)),
      ),
    ).toEqual(["2027-04-13 09:50"]);
    // Staff change the minutes after the reminder and before the survey went out: neither comes twice.
    await t.db.mission.update({ where: { id: mission.id }, data: { reminderMinutes: 5, surveyMinutes: 30 } });
    expect(
      toNordic(
        remindersAndSurveys(await moveClock(t, instantOf("2027-04-13", "11:10", mission.timeZone), mission.timeZone)),
      ),
    ).toEqual(["2027-04-13 11:00"]);
    await t.db.mission.update({ where: { id: mission.id }, data: { surveyMinutes: 5 } });
    expect(
      remindersAndSurveys(await moveClock(t, instantOf("2027-04-13", "12:00", mission.timeZone), mission.timeZone)),
    ).toEqual([]);
    // The meeting moved to the afternoon: that is a new meeting time, with its own reminder.
    await t.db.meeting.update({
      where: { id: meeting.id },
      data: {
        startsAt: instantOf("2027-04-13", "15:00", mission.timeZone),
        endsAt: instantOf("2027-04-13", "15:30", mission.timeZone),
      },
    });
    expect(
      toNordic(reminders(await moveClock(t, instantOf("2027-04-13", "15:10", mission.timeZone), mission.timeZone))),
    ).toEqual(["2027-04-13 14:55"]);
  });

  it("reach each traveller of both SMEs once, 10 minutes before, in Shanghai time, with the briefing", async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2027-04-12T00:00:00Z")) });
    const { mission, nordic, loire, organisation, request } = await seedReminderMission(t);
    const day = "2027-04-13";
    await seedMeeting(t.db, {
      mission,
      smeId: nordic.id,
      organisationId: organisation.id,
      requestId: request.id,
      day,
      time: "10:00",
      table: 4,
    });
    await seedMeeting(t.db, { mission, smeId: loire.id, targetSmeId: nordic.id, day, time: "11:00", table: 2 });
    await seedMeeting(t.db, {
      mission,
      smeId: loire.id,
      organisationId: organisation.id,
      day,
      time: "14:00",
      table: 5,
      status: "cancelled",
    });

    const dms = reminders(await moveClock(t, instantOf("2027-04-14", "00:00", mission.timeZone), mission.timeZone));
    expect(dms.map((dm) => [dm.to, dm.at])).toEqual([
      [NORDIC_USER, "2027-04-13 09:50"],
      [NORDIC_CEO, "2027-04-13 09:50"],
      [LOIRE_USER, "2027-04-13 10:50"],
      [NORDIC_USER, "2027-04-13 10:50"],
      [NORDIC_CEO, "2027-04-13 10:50"],
    ]);

    // The briefing before the organisation meeting: who they are, what they need, why, and Nordic's BI answers.
    const briefing = blockTexts(dms[0]?.blocks ?? []);
    expect(dms[0]?.text).toContain(
      "In 10 minutes: your meeting with Jiangsu Heat Networks Co. at table 4 (10:00 Shanghai time)",
    );
    for (const fact of [
      "10:00–10:30 Shanghai time",
      "Project owner in Nanjing",
      "Li Wei, li.wei@jhn.example",
      "https://jhn.example.cn",
      "Replacing coal boilers in three district heating networks",
      "You asked for it (must meet): “We would like to show you our 10 MW heat pump for your networks.”",
      "Target price: 120,000 EUR",
      "Price position: similar",
      "Certifications held: CE, ISO 9001",
      "Partner types: distributor",
    ]) {
      expect(briefing).toContain(fact);
    }
    // The SME–SME meeting, seen from each side.
    const loireBriefing = blockTexts(dms[2]?.blocks ?? []);
    expect(loireBriefing).toContain("*With*\\nNordic Heat A/S");
    expect(loireBriefing).toContain("SME of the delegation, from DK");
    expect(blockTexts(dms[3]?.blocks ?? [])).toContain("*With*\\nLoire Controls SAS");

    // Exactly once: the clock moving on, or a tick again, sends nothing more.
    expect(reminders(await moveClock(t, instantOf("2027-04-15", "00:00", mission.timeZone), mission.timeZone))).toEqual(
      [],
    );
    expect(await t.jobs.tick(instantOf("2027-04-13", "10:55", mission.timeZone))).toEqual({
      sent: 0,
      failed: 0,
      skipped: 0,
    });
  });

  it("keep local time across New York's switch to summer time, at the mission's own minutes", async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2027-03-10T00:00:00Z")) });
    const { mission, nordic, organisation } = await seedReminderMission(t, {
      zone: "America/New_York",
      market: "US",
      city: "New York",
      name: "US mission 2027",
    });
    await t.db.mission.update({ where: { id: mission.id }, data: { reminderMinutes: 15 } });
    for (const day of ["2027-03-13", "2027-03-14", "2027-03-15"]) {
      await seedMeeting(t.db, {
        mission,
        smeId: nordic.id,
        organisationId: organisation.id,
        day,
        time: "09:00",
        table: 1,
      });
    }
    const dms = reminders(await moveClock(t, new Date("2027-03-16T00:00:00Z"), mission.timeZone)).filter(
      (dm) => dm.to === NORDIC_USER,
    );
    // 08:45 each morning, New York time: 13:45 UTC before the switch, 12:45 UTC after it.
    expect(dms.map((dm) => dm.at)).toEqual(["2027-03-13 08:45", "2027-03-14 08:45", "2027-03-15 08:45"]);
    const sent = await t.db.jobRun.findMany({
      where: { kind: "meeting-reminder", target: { contains: `:person:${NORDIC_USER}:` } },
      orderBy: { dueAt: "asc" },
    });
    expect(sent.map((run) => run.dueAt.toISOString())).toEqual([
      "2027-03-13T13:45:00.000Z",
      "2027-03-14T12:45:00.000Z",
      "2027-03-15T12:45:00.000Z",
    ]);
    expect(dms[0]?.text).toContain("In 15 minutes");
  });

  it("say so when late after the app was down, and are not sent for a meeting that has started", async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2027-04-12T00:00:00Z")) });
    const { mission, nordic, organisation } = await seedReminderMission(t);
    await t.db.mission.update({ where: { id: mission.id }, data: { reminderMinutes: 60 } });
    const day = "2027-04-13";
    await seedMeeting(t.db, {
      mission,
      smeId: nordic.id,
      organisationId: organisation.id,
      day,
      time: "10:00",
      table: 4,
    });
    await seedMeeting(t.db, {
      mission,
      smeId: nordic.id,
      organisationId: organisation.id,
      day,
      time: "09:30",
      table: 3,
    });
    // The app was down from 08:00 until 09:40: the 10:00 meeting's reminder (09:00) is 40 minutes late,
    // the 09:30 one's (08:30) is for a meeting that has started.
    const clock = t.deps.clock as ManualClock;
    clock.set(instantOf(day, "09:40", mission.timeZone));
    await t.jobs.tick(clock.now());
    // The morning's "Your day" DM is caught up too; of the reminders, only the 10:00 meeting's goes out.
    const sent = t.standIn.messages.filter(
      (m) => m.channel === `D${NORDIC_USER.slice(1)}` && m.text?.startsWith(":alarm_clock:"),
    );
    expect(sent).toHaveLength(1);
    expect(blockTexts(sent[0]?.blocks ?? [])).toContain(
      "This reminder is late: the app was not running when it was due.",
    );
    expect(blockTexts(sent[0]?.blocks ?? [])).toContain("10:00–10:30 Shanghai time");
  });
});

describe("/mission reminders", () => {
  async function reply(userId: string, text: string) {
    const { responseUrl } = await t.command(userId, "/mission", text);
    return String((await t.responseTo(responseUrl)).text);
  }

  it("shows the setting, turns reminders and surveys off and on, and snoozes them, decided when each falls due", async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2027-04-12T00:00:00Z")) });
    const { mission, nordic, organisation } = await seedReminderMission(t);
    for (const day of ["2027-04-13", "2027-04-14", "2027-04-15", "2027-04-16"]) {
      await seedMeeting(t.db, {
        mission,
        smeId: nordic.id,
        organisationId: organisation.id,
        day,
        time: "10:00",
        table: 4,
      });
    }
    expect(await reply(NORDIC_USER, "reminders")).toContain("are *on* for you");

    const off = await reply(NORDIC_USER, "reminders off");
    expect(off).toContain("are *off* for you");
    expect(off).toContain("Changes and cancellations of your meetings still reach you");
    let dms = await moveClock(t, instantOf("2027-04-13", "23:00", mission.timeZone), mission.timeZone).then(
      remindersAndSurveys,
    );
    // NORDIC_USER gets neither the reminder nor the survey; the other traveller gets both.
    expect(dms.filter((dm) => dm.to === NORDIC_USER)).toEqual([]);
    expect(dms.filter((dm) => dm.to === NORDIC_CEO)).toHaveLength(2);

    expect(await reply(NORDIC_USER, "reminders on")).toContain("are *on* for you");
    dms = remindersAndSurveys(await moveClock(t, instantOf("2027-04-14", "12:00", mission.timeZone), mission.timeZone));
    // The next meeting's reminder and survey arrive; the ones due while off never do, not even late.
    expect(dms.filter((dm) => dm.to === NORDIC_USER).map((dm) => dm.at)).toEqual([
      "2027-04-14 09:50",
      "2027-04-14 10:45",
    ]);

    const snoozed = await reply(NORDIC_USER, "reminders snooze 1");
    expect(snoozed).toContain("*snoozed* until 15 Apr 2027, 04:00 UTC time");
    expect(await reply(NORDIC_USER, "reminders")).toContain("*snoozed*");
    dms = remindersAndSurveys(await moveClock(t, instantOf("2027-04-16", "12:00", mission.timeZone), mission.timeZone));
    // Quiet on the 15th (snoozed until 12:00 Shanghai time), back on the 16th by itself.
    expect(dms.filter((dm) => dm.to === NORDIC_USER).map((dm) => dm.at)).toEqual([
      "2027-04-16 09:50",
      "2027-04-16 10:45",
    ]);
    // Told in the person's own Slack zone when Slack knows it.
    t.standIn.addUser({ id: NORDIC_CEO, name: "ceo", realName: "Nordic CEO", tz: "Europe/Copenhagen" });
    expect(await reply(NORDIC_CEO, "reminders snooze 3")).toContain("until 19 Apr 2027, 06:00 Copenhagen time (UTC+2)");
  });

  it("explains what it takes, and changes nothing, when the words are wrong", async () => {
    t = await startTestApp();
    await seedReminderMission(t);
    await reply(NORDIC_USER, "reminders off");
    for (const [text, says] of [
      ["reminders snooze 45", "at most 30 days"],
      ["reminders snooze 0", "at least 1 day"],
      ["reminders snooze", "for how many days"],
      ["reminders snooze two", "whole number"],
      ["reminders loud", "I did not understand that"],
    ] as const) {
      const answer = await reply(NORDIC_USER, text);
      expect(answer).toContain(says);
      expect(answer).toContain("`/mission reminders snooze <days>` (1–30 days)");
    }
    expect(await reply(NORDIC_USER, "reminders")).toContain("are *off* for you");
  });
});
