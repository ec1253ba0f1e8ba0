import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import type { MissionRecord } from "../missions/index.js";
import { agendaActionIds } from "./agenda-views.js";
import { seedMeeting, seedProgrammeItem } from "./meeting-fixtures.test-support.js";

const STAFF = "U0STAFF001";
const NORDIC_USER = "U0NORDIC01";
const LOIRE_USER = "U0LOIRE001";

let t: TestApp;
let mission: MissionRecord;
let nordic: { id: number };
let loire: { id: number };
let jiangsu: { id: number };

beforeEach(async () => {
  // The test clock is 2027-03-15, before the China mission (12–16 Apr 2027, Shanghai).
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  mission = await seedMission(t.db, { name: "China mission 2027", channelId: "C0CHINA001" });
  nordic = await seedSme(t.db, { name: "Nordic Heat A/S", markets: ["CN"] }, "approved", NORDIC_USER);
  loire = await seedSme(
    t.db,
    { name: "Loire Controls SAS", country: "FR", cluster: "tenerrdis-fr", sectors: ["smart-city"], markets: ["CN"] },
    "approved",
    LOIRE_USER,
  );
  for (const sme of [nordic, loire]) {
    await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status: "confirmed" } });
  }
  jiangsu = await t.db.localOrganisation.create({
    data: {
      name: "Jiangsu Heat Networks Co.",
      type: "project_owner",
      country: "CN",
      market: "CN",
      city: "Nanjing",
      sectors: ["district-heating-cooling"],
      needs: "Replacing coal boilers in three district heating networks with large heat pumps.",
      contactName: "Li Wei",
      contactEmail: "li.wei@jhn.example",
    },
  });
  await t.db.missionOrganisation.create({ data: { missionId: mission.id, organisationId: jiangsu.id } });
  await seedProgrammeItem(t.db, {
    mission,
    kind: "reception",
    title: "Opening reception",
    day: "2027-04-12",
    start: "18:30",
    end: "20:30",
  });
  await seedProgrammeItem(t.db, {
    mission,
    kind: "session",
    title: "Briefing",
    day: "2027-04-13",
    start: "08:15",
    end: "08:50",
  });
});
afterEach(async () => t.stop());

/** The published schedule, as publishing writes it. */
async function publishMeetings() {
  await seedMeeting(t.db, {
    mission,
    smeId: nordic.id,
    organisationId: jiangsu.id,
    day: "2027-04-13",
    time: "10:00",
    table: 4,
  });
  // Loire asked to meet Nordic: on both their agendas.
  await seedMeeting(t.db, {
    mission,
    smeId: loire.id,
    targetSmeId: nordic.id,
    day: "2027-04-13",
    time: "09:00",
    table: 2,
  });
  await seedMeeting(t.db, {
    mission,
    smeId: loire.id,
    organisationId: jiangsu.id,
    day: "2027-04-13",
    time: "11:00",
    table: 1,
  });
  await seedMeeting(t.db, {
    mission,
    smeId: nordic.id,
    organisationId: jiangsu.id,
    day: "2027-04-15",
    time: "09:30",
    table: 3,
  });
  // A cancelled meeting is on nobody's agenda.
  await seedMeeting(t.db, {
    mission,
    smeId: nordic.id,
    organisationId: jiangsu.id,
    day: "2027-04-13",
    time: "14:00",
    table: 5,
    status: "cancelled",
  });
}

async function agenda(userId: string, text = "", channelId?: string) {
  const reply = await t.command(userId, "/mission", `agenda ${text}`.trim(), channelId ? { channelId } : {});
  const body = await t.responseTo(reply.responseUrl);
  return { text: String(body.text), blocks: JSON.stringify(body.blocks ?? []), body };
}

describe("/mission agenda before the schedule is published", () => {
  it("shows an SME the programme of the mission's first day and says the meetings come later", async () => {
    const day = await agenda(NORDIC_USER);
    expect(day.blocks).toContain("*Monday 12 Apr 2027* · Nordic Heat A/S · China mission 2027");
    expect(day.blocks).toContain("The meeting schedule of *China mission 2027* is not published yet");
    expect(day.blocks).toContain("`18:30–20:30` :clinking_glasses: Reception: *Opening reception*");
    expect(day.blocks).toContain("Times in Asia/Shanghai (UTC+8)");
  });
});

describe("/mission agenda once the schedule is published", () => {
  beforeEach(publishMeetings);

  it("shows an SME's day: programme and meetings in time order, with tables and counterparts", async () => {
    const day = await agenda(NORDIC_USER, "13 Apr");
    const lines = day.blocks;
    const briefing = lines.indexOf("`08:15–08:50`");
    const withLoire = lines.indexOf(
      "`09:00–09:30` :handshake: *table 2* · *Loire Controls SAS* · SME · Tenerrdis · Smart city",
    );
    const withJiangsu = lines.indexOf(
      "`10:00–10:30` :handshake: *table 4* · *Jiangsu Heat Networks Co.* · Project owner",
    );
    expect(briefing).toBeGreaterThan(-1);
    expect(withLoire).toBeGreaterThan(briefing);
    expect(withJiangsu).toBeGreaterThan(withLoire);
    expect(lines).toContain("Contact: Li Wei, li.wei@jhn.example · Needs: Replacing coal boilers");
    expect(lines).not.toContain("11:00"); // Loire's meeting with Jiangsu
    expect(lines).not.toContain("14:00"); // cancelled
    expect(lines).toContain(agendaActionIds.calendar);
    expect(day.text).toBe("Tuesday 13 Apr 2027: 2 meetings, 1 programme item for Nordic Heat A/S (China mission 2027)");
  });

  it("says which days have meetings when the day has none", async () => {
    const day = await agenda(NORDIC_USER, "2027-04-14");
    expect(day.blocks).toContain(
      "No meetings for *Nordic Heat A/S* on 14 Apr 2027. Meetings on 13 Apr 2027, 15 Apr 2027.",
    );
    // The next day has meetings: Next day goes there, no other button is needed.
    expect(day.blocks).not.toContain(`${agendaActionIds.day}.meetings`);
    // After the last day with meetings, a button goes back to the first.
    const last = await agenda(NORDIC_USER, "16 Apr");
    expect(last.blocks).toContain(`"Meetings on 13 Apr"`);
    expect(day.blocks).toContain("Nothing on the programme that day.");
    const outside = await agenda(NORDIC_USER, "1 May");
    expect(outside.blocks).toContain(":warning: 1 May 2027 is not a day of *China mission 2027* (12–16 Apr 2027).");
    expect(outside.blocks).toContain(`${agendaActionIds.day}.first`);
  });

  it("keeps an SME member to their own company's agenda", async () => {
    expect((await agenda(NORDIC_USER, "13 Apr all")).text).toBe(
      "Only staff see everyone's agenda: `/mission agenda` shows your company's.",
    );
    expect((await agenda(NORDIC_USER, "13 Apr Loire")).text).toBe(
      "You see your own company's agenda only: `/mission agenda` shows it.",
    );
    expect((await agenda(LOIRE_USER, "13 Apr me")).blocks).toContain("*Nordic Heat A/S* · SME · CLEAN");
  });

  it("shows staff everyone's day, any SME's day, and close names for an unknown SME", async () => {
    const all = await agenda(STAFF, "2027-04-13");
    expect(all.blocks).toContain("*Tuesday 13 Apr 2027* · everyone · China mission 2027");
    expect(all.blocks).toContain("`09:00–09:30` :handshake: *table 2* · Loire Controls SAS with Nordic Heat A/S (SME)");
    expect(all.blocks).toContain(
      "`11:00–11:30` :handshake: *table 1* · Loire Controls SAS with Jiangsu Heat Networks Co. (Project owner)",
    );
    expect(all.blocks).not.toContain(agendaActionIds.calendar);

    const named = await agenda(STAFF, "china 15 Apr nordic heat");
    expect(named.blocks).toContain("*Thursday 15 Apr 2027* · Nordic Heat A/S · China mission 2027");
    expect(named.blocks).toContain("`09:30–10:00` :handshake: *table 3* · *Jiangsu Heat Networks Co.*");

    expect((await agenda(STAFF, "13 Apr Nordik")).text).toBe(
      "No company of *China mission 2027* is called “Nordik”. Did you mean *Nordic Heat A/S*? `/mission delegation China mission 2027` lists the delegation.",
    );
    expect((await agenda(STAFF, "31 Feb")).text).toBe(
      "“31 Feb” is not a date. Write a date as 2027-04-13, 13 Apr, today or tomorrow.",
    );
    expect((await agenda(STAFF, "me")).text).toBe("You do not speak for a company: name one, or ask for `all`.");
  });

  it("fits a busy day of everyone's meetings in one message Slack accepts", async () => {
    const start = new Date("2027-04-14T01:00:00Z"); // 09:00 in Shanghai
    const data = Array.from({ length: 240 }, (_, i) => ({
      missionId: mission.id,
      smeId: i % 2 ? nordic.id : loire.id,
      organisationId: jiangsu.id,
      startsAt: new Date(start.getTime() + Math.floor(i / 12) * 20 * 60_000),
      endsAt: new Date(start.getTime() + (Math.floor(i / 12) + 1) * 20 * 60_000),
      tableNumber: (i % 12) + 1,
    }));
    await t.db.meeting.createMany({ data });
    const day = await agenda(STAFF, "14 Apr all");
    expect(day.text).toContain("240 meetings");
    expect(day.blocks).toContain("`15:20–15:40` :handshake: *table 12*");
    // t.stop() fails the test if Slack would have refused the message (more than 50 blocks, or a section over 3000 characters).
  });

  it("moves a day with the buttons", async () => {
    const day = await agenda(NORDIC_USER, "13 Apr");
    expect(day.blocks).toContain(`${agendaActionIds.day}.next`);
    await t.action({
      userId: NORDIC_USER,
      actionId: `${agendaActionIds.day}.next`,
      value: JSON.stringify({ m: mission.id, d: "2027-04-14", s: nordic.id }),
    });
    const next = await t.standIn.waitForResponse(2);
    expect(next.body).toMatchObject({ replace_original: true });
    expect(JSON.stringify(next.body.blocks)).toContain("*Wednesday 14 Apr 2027* · Nordic Heat A/S");
    // Another company's agenda is refused, even from a forged button.
    await t.action({
      userId: NORDIC_USER,
      actionId: `${agendaActionIds.day}.next`,
      value: JSON.stringify({ m: mission.id, d: "2027-04-14", s: loire.id }),
    });
    const refused = await t.standIn.waitForResponse(3);
    expect(refused.body.text).toBe("You see your own company's agenda only.");
  });
});

describe("which mission /mission agenda is about", () => {
  beforeEach(async () => {
    await seedMission(t.db, {
      name: "US mission Boston 2027",
      market: "US",
      city: "Boston",
      timeZone: "America/New_York",
      startDate: "2027-06-07",
      endDate: "2027-06-11",
      requestDeadline: new Date("2027-05-28T21:00:00Z"),
    });
  });

  it("is the channel's mission, else the SME's, else staff are asked", async () => {
    expect((await agenda(STAFF)).text).toBe(
      "Which mission? *China mission 2027*, *US mission Boston 2027*. Name it first: `/mission agenda [mission] [date] [me|<company>|all]`, or `/mission agenda ics [me|<company>]`",
    );
    expect((await agenda(STAFF, "", "C0CHINA001")).blocks).toContain("· everyone · China mission 2027");
    expect((await agenda(NORDIC_USER)).blocks).toContain("· Nordic Heat A/S · China mission 2027");
    expect((await agenda(STAFF, "us mission")).blocks).toContain(
      "*Monday 7 Jun 2027* · everyone · US mission Boston 2027",
    );
  });
});

describe("/mission agenda ics", () => {
  beforeEach(publishMeetings);

  it("sends the SME's calendar file to the person's DM, and again from the agenda's button", async () => {
    const reply = await agenda(NORDIC_USER, "ics");
    expect(reply.text).toBe(
      ":calendar: Sent the calendar file of *Nordic Heat A/S* (3 meetings and 2 programme items) to our direct message.",
    );
    const [file] = [...t.standIn.uploads.values()];
    expect(file?.filename).toBe("ec2i-china-mission-2027-nordic-heat-a-s.ics");
    const ics = file?.content.toString() ?? "";
    // 10:00 in Shanghai is 02:00 UTC.
    expect(ics).toContain("DTSTART:20270413T020000Z");
    expect(ics).toContain("SUMMARY:Meeting: Jiangsu Heat Networks Co. (table 4)");
    expect(ics).toContain("SUMMARY:Meeting: Loire Controls SAS (table 2)");
    expect(ics).not.toContain("DTSTART:20270413T030000Z"); // Loire's meeting with Jiangsu

    await t.action({
      userId: NORDIC_USER,
      actionId: agendaActionIds.calendar,
      value: JSON.stringify({ m: mission.id, s: nordic.id }),
    });
    await t.standIn.waitFor(() => t.standIn.uploads.size === 2, "the second upload");
    await t.action({
      userId: LOIRE_USER,
      actionId: agendaActionIds.calendar,
      value: JSON.stringify({ m: mission.id, s: nordic.id }),
    });
    const refused = await t.standIn.waitFor(
      () => t.standIn.responses.find((r) => r.body.text === "You see your own company's agenda only."),
      "the refusal",
    );
    expect(refused).toBeTruthy();
    expect(t.standIn.uploads.size).toBe(2);
  });

  it("asks staff which company, since a calendar file is one company's", async () => {
    expect((await agenda(STAFF, "ics all")).text).toBe(
      "A calendar file is one company's: `/mission agenda ics <company>`.",
    );
    expect((await agenda(STAFF, "ics Loire Controls")).text).toContain(
      "Sent the calendar file of *Loire Controls SAS*",
    );
  });
});
