import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { instantOf, type MissionRecord } from "../missions/index.js";
import { seedMeeting } from "./meeting-fixtures.test-support.js";
import {
  type ArrivedDm,
  blockTexts,
  LOIRE_USER,
  moveClock,
  NORDIC_CEO,
  NORDIC_USER,
  OUTSIDER,
  STAFF,
  seedReminderMission,
} from "./reminder-fixtures.test-support.js";
import { surveyActionIds, surveyNoteBlockId, surveyNoteCallbackId } from "./survey-views.js";

let t: TestApp;
let mission: MissionRecord;
let nordic: { id: number };
let loire: { id: number };
let meetingId: number;
let smeMeetingId: number;
const day = "2027-04-13";

beforeEach(async () => {
  t = await startTestApp({ clock: new ManualClock(new Date("2027-04-12T00:00:00Z")) });
  const seeded = await seedReminderMission(t);
  ({ mission, nordic, loire } = seeded);
  const meeting = await seedMeeting(t.db, {
    mission,
    smeId: nordic.id,
    organisationId: seeded.organisation.id,
    requestId: seeded.request.id,
    day,
    time: "10:00",
    table: 4,
  });
  meetingId = meeting.id;
  smeMeetingId = (
    await seedMeeting(t.db, { mission, smeId: loire.id, targetSmeId: nordic.id, day, time: "11:00", table: 2 })
  ).id;
  await seedMeeting(t.db, {
    mission,
    smeId: loire.id,
    organisationId: seeded.organisation.id,
    day,
    time: "14:00",
    table: 5,
    status: "cancelled",
  });
});
afterEach(async () => t.stop());

const surveys = (dms: ArrivedDm[]) => dms.filter((dm) => dm.text.startsWith(":clipboard:"));
const clock = () => t.deps.clock as ManualClock;

/** A tap on one of the survey's answers; returns what the app said in place (if anything). */
async function answer(userId: string, value: { m: number; s: number; o: string }, expectReply = false) {
  const responseUrl = t.standIn.newResponseUrl();
  await t.action({
    userId,
    actionId: `${surveyActionIds.answer}.${value.o}`,
    value: JSON.stringify(value),
    channelId: `D${userId.slice(1)}`,
    responseUrl,
  });
  if (expectReply) return String((await t.responseTo(responseUrl)).text);
  await t.standIn.settle();
  return undefined;
}

/** The survey message as it stands now in a person's DM. */
function surveyIn(userId: string, dm: ArrivedDm) {
  const message = t.standIn.messages.find((m) => m.channel === `D${userId.slice(1)}` && m.ts === dm.ts);
  return { text: message?.text ?? "", blocks: blockTexts(message?.blocks ?? []) };
}

describe("the outcome survey", () => {
  it("reaches each traveller 15 minutes after the end, once; one tap answers for the SME and shows on every copy", async () => {
    const dms = surveys(await moveClock(t, instantOf(day, "12:00", mission.timeZone), mission.timeZone));
    expect(dms.map((dm) => [dm.to, dm.at])).toEqual([
      [NORDIC_USER, "2027-04-13 10:45"],
      [NORDIC_CEO, "2027-04-13 10:45"],
      [LOIRE_USER, "2027-04-13 11:45"],
      [NORDIC_USER, "2027-04-13 11:45"],
      [NORDIC_CEO, "2027-04-13 11:45"],
    ]);
    expect(dms[0]?.text).toContain("How did the meeting with Jiangsu Heat Networks Co. go?");
    const [toUser, toCeo] = dms as [ArrivedDm, ArrivedDm];

    await answer(NORDIC_USER, { m: meetingId, s: nordic.id, o: "cooperation_possible" });
    const stored = await t.db.meetingOutcome.findMany();
    expect(stored.map((row) => [row.meetingId, row.smeId, row.outcome, row.answeredBySlackId])).toEqual([
      [meetingId, nordic.id, "cooperation_possible", NORDIC_USER],
    ]);
    // Both travellers' copies show the answer and until when it can be changed.
    for (const [userId, dm] of [
      [NORDIC_USER, toUser],
      [NORDIC_CEO, toCeo],
    ] as const) {
      const shown = surveyIn(userId, dm);
      expect(shown.text).toBe("Outcome of the meeting with Jiangsu Heat Networks Co.: Cooperation possible.");
      expect(shown.blocks).toContain(`*Cooperation possible*, answered by <@${NORDIC_USER}>`);
      expect(shown.blocks).toContain("can change it until 15 Apr 2027, 12:00 Shanghai time (UTC+8)");
    }

    // Both SMEs of an SME–SME meeting answer, each for itself.
    const smeSurveys = dms.filter((dm) => dm.at === "2027-04-13 11:45");
    expect(smeSurveys).toHaveLength(3);
    await answer(LOIRE_USER, { m: smeMeetingId, s: loire.id, o: "informative" });
    await answer(NORDIC_CEO, { m: smeMeetingId, s: nordic.id, o: "not_enough_interest" });
    const bySme = await t.db.meetingOutcome.findMany({ where: { meetingId: smeMeetingId }, orderBy: { smeId: "asc" } });
    expect(bySme.map((row) => [row.smeId, row.outcome])).toEqual([
      [nordic.id, "not_enough_interest"],
      [loire.id, "informative"],
    ]);

    // Exactly once: nothing more as the clock moves on.
    expect(surveys(await moveClock(t, instantOf("2027-04-16", "00:00", mission.timeZone), mission.timeZone))).toEqual(
      [],
    );
  });

  it("takes a note in a form, can be changed for 48 hours after the first answer, then refuses clearly", async () => {
    const dms = surveys(await moveClock(t, instantOf(day, "10:46", mission.timeZone), mission.timeZone));
    const toCeo = dms.find((dm) => dm.to === NORDIC_CEO) as ArrivedDm;
    await answer(NORDIC_USER, { m: meetingId, s: nordic.id, o: "informative" });

    // The note button opens a form with the note so far; what is submitted shows on the survey.
    await t.action({
      userId: NORDIC_CEO,
      actionId: surveyActionIds.note,
      value: JSON.stringify({ m: meetingId, s: nordic.id }),
      channelId: `D${NORDIC_CEO.slice(1)}`,
    });
    const opened = await t.standIn.waitForCall("views.open");
    const view = opened.args.view as { private_metadata: string; callback_id: string };
    expect(view.callback_id).toBe(surveyNoteCallbackId);
    const note = (text: string | null) =>
      t.submitView({
        userId: NORDIC_CEO,
        callbackId: surveyNoteCallbackId,
        privateMetadata: view.private_metadata,
        values: { [surveyNoteBlockId]: { value: { type: "plain_text_input", value: text } } },
      });
    const refused = await note("Pilot\u0000 next year");
    expect(JSON.stringify(refused.json)).toContain("control characters");
    await note("They want a pilot in Nanjing next winter <3");
    await t.standIn.settle();
    const row = await t.db.meetingOutcome.findFirstOrThrow({ where: { meetingId } });
    expect(row.note).toBe("They want a pilot in Nanjing next winter <3");
    expect(surveyIn(NORDIC_CEO, toCeo).blocks).toContain("Note: _They want a pilot in Nanjing next winter &lt;3_");

    // 47 hours later another traveller changes the answer: the 48 hours still count from the first.
    clock().set(instantOf("2027-04-15", "09:40", mission.timeZone));
    await answer(NORDIC_CEO, { m: meetingId, s: nordic.id, o: "cooperation_possible" });
    const changed = await t.db.meetingOutcome.findFirstOrThrow({ where: { meetingId } });
    expect([changed.outcome, changed.answeredBySlackId, changed.answeredAt]).toEqual([
      "cooperation_possible",
      NORDIC_CEO,
      row.answeredAt,
    ]);
    expect(surveyIn(NORDIC_CEO, toCeo).blocks).toContain(`*Cooperation possible*, answered by <@${NORDIC_CEO}>`);

    // Past 48 hours: a clear refusal, and the answer stays.
    clock().set(instantOf("2027-04-15", "10:47", mission.timeZone));
    const late = await answer(NORDIC_USER, { m: meetingId, s: nordic.id, o: "not_held" }, true);
    expect(late).toContain("can no longer be changed");
    expect((await t.db.meetingOutcome.findFirstOrThrow({ where: { meetingId } })).outcome).toBe("cooperation_possible");
  });

  it("is answered only by the SME's travellers or staff, never with forged values, and not before the meeting ends", async () => {
    clock().set(instantOf(day, "10:15", mission.timeZone));
    expect(await answer(NORDIC_USER, { m: meetingId, s: nordic.id, o: "informative" }, true)).toContain("not over yet");
    clock().set(instantOf(day, "10:50", mission.timeZone));
    // Someone travelling for another company, or for none.
    expect(await answer(LOIRE_USER, { m: meetingId, s: nordic.id, o: "not_held" }, true)).toContain(
      "Only the people travelling for this company (or staff)",
    );
    expect(await answer(OUTSIDER, { m: meetingId, s: nordic.id, o: "not_held" }, true)).toContain("Only the people");
    // Loire is not at this meeting; an answer that is not one of the four; a meeting that does not exist.
    expect(await answer(LOIRE_USER, { m: meetingId, s: loire.id, o: "not_held" }, true)).toContain(
      "not about that company's meeting",
    );
    expect(await answer(NORDIC_USER, { m: meetingId, s: nordic.id, o: "fantastic" }, true)).toContain(
      "not one the app made",
    );
    expect(await answer(NORDIC_USER, { m: 9999, s: nordic.id, o: "not_held" }, true)).toContain("no longer exists");
    expect(await t.db.meetingOutcome.count()).toBe(0);
    // Staff may answer for the SME.
    await answer(STAFF, { m: meetingId, s: nordic.id, o: "not_held" });
    expect((await t.db.meetingOutcome.findFirstOrThrow({ where: { meetingId } })).answeredBySlackId).toBe(STAFF);
  });
});
