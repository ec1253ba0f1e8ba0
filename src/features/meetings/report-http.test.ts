import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import type { MissionRecord } from "../missions/index.js";
import { seedMeeting } from "./meeting-fixtures.test-support.js";
import { pngSignature } from "./report-render.js";

const STAFF = "U0STAFF001";
const NORDIC_USER = "U0NORDIC01";

let t: TestApp;
let mission: MissionRecord;

type Party = { id: number; name: string };
let nordic: Party;
let loire: Party;
let fjord: Party;
let jiangsu: { id: number };

beforeEach(async () => {
  // 15 Apr 2027, 18:00 in Shanghai, during the China mission (12–16 Apr): the 13th and 14th are over.
  t = await startTestApp({ clock: new ManualClock(new Date("2027-04-15T10:00:00Z")) });
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  mission = await seedMission(t.db, { name: "China mission 2027", channelId: "C0CHINA001" });
  nordic = await seedSme(t.db, { name: "Nordic Heat A/S", markets: ["CN"] }, "approved", NORDIC_USER);
  fjord = await seedSme(t.db, { name: "Fjord Water ApS", markets: ["CN"] });
  loire = await seedSme(
    t.db,
    { name: "Loire Controls SAS", country: "FR", cluster: "tenerrdis-fr", sectors: ["smart-city"], markets: ["CN"] },
    "approved",
  );
  for (const sme of [nordic, loire, fjord]) {
    await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status: "confirmed" } });
  }
  jiangsu = await t.db.localOrganisation.create({
    data: {
      name: "Jiangsu Heat Networks Co.",
      type: "project_owner",
      country: "CN",
      market: "CN",
      city: "Nanjing",
      sectors: [],
    },
  });
  await t.db.missionOrganisation.create({ data: { missionId: mission.id, organisationId: jiangsu.id } });
});
afterEach(async () => t.stop());

async function answer(meetingId: number, smeId: number, outcome: string, note?: string) {
  await t.db.meetingOutcome.create({
    data: { meetingId, smeId, outcome, note: note ?? null, answeredBySlackId: NORDIC_USER },
  });
}

/** Six meetings over three days: answered, unanswered, missed, cancelled, an SME–SME one both answered, one to come. */
async function seedOutcomes() {
  const request = await t.db.meetingRequest.create({
    data: { missionId: mission.id, smeId: nordic.id, organisationId: jiangsu.id, priority: "must", status: "accepted" },
  });
  const promising = await seedMeeting(t.db, {
    mission,
    smeId: nordic.id,
    organisationId: jiangsu.id,
    requestId: request.id,
    day: "2027-04-13",
    time: "10:00",
    table: 4,
  });
  await answer(promising.id, nordic.id, "cooperation_possible", "Pilot at the Nanjing plant, quote by May");
  // Loire met Nordic: Loire found it informative, Nordic not interested; the meeting counts as informative.
  const smeToSme = await seedMeeting(t.db, {
    mission,
    smeId: loire.id,
    targetSmeId: nordic.id,
    day: "2027-04-13",
    time: "09:00",
    table: 2,
  });
  await answer(smeToSme.id, loire.id, "informative", "Shared controls roadmap");
  await answer(smeToSme.id, nordic.id, "not_enough_interest");
  await seedMeeting(t.db, {
    mission,
    smeId: fjord.id,
    organisationId: jiangsu.id,
    day: "2027-04-14",
    time: "11:00",
    table: 1,
  });
  await seedMeeting(t.db, {
    mission,
    smeId: loire.id,
    organisationId: jiangsu.id,
    day: "2027-04-14",
    time: "14:00",
    table: 3,
    status: "no_show",
  });
  await seedMeeting(t.db, {
    mission,
    smeId: fjord.id,
    organisationId: jiangsu.id,
    day: "2027-04-14",
    time: "15:00",
    table: 5,
    status: "cancelled",
  });
  // Tomorrow morning in Shanghai: still to come.
  await seedMeeting(t.db, {
    mission,
    smeId: nordic.id,
    organisationId: jiangsu.id,
    day: "2027-04-17",
    time: "09:30",
    table: 4,
  });
}

async function report(userId: string, text: string) {
  const reply = await t.command(userId, "/mission", `report ${text}`.trim(), { channelId: "C0CHINA001" });
  const body = await t.responseTo(reply.responseUrl, 15_000);
  return { ack: reply, text: String(body.text) };
}

/** The files of the report's upload, by name, with their bytes. */
async function uploadedFiles() {
  const complete = await t.standIn.waitForCall("files.completeUploadExternal");
  const files = complete.args.files as { id: string; title: string }[];
  return {
    channel: String(complete.args.channel_id),
    comment: String(complete.args.initial_comment),
    files: files.map((file) => {
      const upload = t.standIn.uploads.get(file.id);
      if (!upload) throw new Error(`no upload ${file.id}`);
      return { ...upload, title: file.title };
    }),
  };
}

describe("/mission report", () => {
  it("sends staff the figures, two PNG charts and a CSV of every meeting in their DM", async () => {
    await seedOutcomes();
    await t.db.biResponse.create({
      data: {
        smeId: nordic.id,
        templateKey: "china-market-entry",
        templateVersion: 1,
        status: "done",
        answers: {},
        state: { template: { market: "CN" } },
      },
    });
    await t.db.consortium.create({
      data: {
        missionId: mission.id,
        name: "Nanjing heat pumps",
        status: "bidding",
        members: { create: [{ smeId: nordic.id }, { smeId: loire.id }, { organisationId: jiangsu.id }] },
      },
    });
    // A proposal nobody formed yet is not a consortium of the mission.
    await t.db.consortium.create({
      data: {
        missionId: mission.id,
        name: "Nanjing proposal B",
        status: "proposed",
        members: { create: [{ smeId: loire.id }] },
      },
    });

    const { ack, text } = await report(STAFF, "china");
    expect(ack.status).toBe(200);
    expect(text).toContain("The report of *China mission 2027* (5 meetings planned, 2 held) is in our direct message");

    const summary = t.standIn.messages.find((m) => m.text?.startsWith("Mission report"));
    expect(summary?.channel).toMatch(/^D/);
    const blocks = JSON.stringify(summary?.blocks);
    expect(blocks).toContain(
      "*5* planned · *2* held · *1* did not take place · *1* cancelled · *1* without an answer yet · *1* still to come",
    );
    // Cooperation possible, informative and the missed one have an answer: 3 meetings.
    expect(blocks).toContain(
      "Cooperation possible 1 (33%) · Informative 1 (33%) · Not enough interest 0 (0%) · Did not take place 1 (33%)",
    );
    // Nordic's own answers: one lead, one not interested, one to come.
    expect(blocks).toContain("*Nordic Heat A/S* (");
    expect(blocks).toMatch(
      /Nordic Heat A\/S\* \([^)]+\): 3 meetings · 1 cooperation possible · 1 not enough interest · 1 upcoming/,
    );
    expect(blocks).toContain("1 of 3 SMEs of the delegation (33%) finished the China market-entry template");
    expect(blocks).toContain("Not finished: Fjord Water ApS, Loire Controls SAS");
    expect(blocks).toContain("*Consortia:* 1 bidding, 1 with a local organisation, 0 of SMEs only.");
    expect(blocks).toContain("• *Nanjing heat pumps* (bidding, 2 SMEs, 1 organisation)");

    const upload = await uploadedFiles();
    expect(upload.channel).toBe(summary?.channel);
    expect(upload.files.map((f) => f.filename)).toEqual([
      "ec2i-china-mission-2027-meetings-per-day.png",
      "ec2i-china-mission-2027-outcomes-per-cluster.png",
      "ec2i-china-mission-2027-meetings.csv",
    ]);
    for (const png of upload.files.slice(0, 2)) {
      expect(png.content.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(png.content.length).toBeGreaterThan(3_000);
      expect(png.content.length).toBeLessThan(1_000_000);
    }

    const csv = upload.files[2]?.content.toString("utf8") ?? "";
    const rows: Record<string, string>[] = parse(csv, { columns: true });
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({
      date: "2027-04-13",
      start: "09:00",
      end: "09:30",
      table: "2",
      sme: "Loire Controls SAS",
      cluster: expect.any(String),
      counterpart: "Nordic Heat A/S",
      "counterpart type": "SME",
      priority: "",
      status: "scheduled",
      outcome: "Informative",
      "counterpart's answer": "Not enough interest",
      note: "Loire Controls SAS: Shared controls roadmap",
    });
    expect(rows[1]).toMatchObject({
      start: "10:00",
      counterpart: "Jiangsu Heat Networks Co.",
      "counterpart type": "Project owner",
      priority: "must",
      outcome: "Cooperation possible",
      note: "Pilot at the Nanjing plant, quote by May",
    });
    expect(rows.map((row) => row.outcome)).toEqual([
      "Informative",
      "Cooperation possible",
      "No answer yet",
      "Did not take place",
      "",
      "Upcoming",
    ]);
    expect(rows[4]?.status).toBe("cancelled");
  });

  it("refuses SME members: the report is for staff", async () => {
    await seedOutcomes();
    const { text } = await report(NORDIC_USER, "china");
    expect(text).toContain("Only admins and cluster staff can do that");
    expect(t.standIn.callsTo("files.getUploadURLExternal")).toHaveLength(0);
  });

  it("shows the consortia before any meeting is published: the project's organisation and who moved each, when", async () => {
    // Built for Jiangsu's project (no organisation among its members), proposed, formed, then bidding.
    await t.db.consortium.create({
      data: {
        missionId: mission.id,
        organisationId: jiangsu.id,
        name: "Nanjing heat pumps consortium A",
        status: "bidding",
        members: { create: [{ smeId: nordic.id }, { smeId: loire.id }] },
        statusChanges: {
          create: [
            { from: null, to: "proposed", bySlackId: STAFF, at: new Date("2027-03-01T02:00:00Z") },
            { from: "proposed", to: "formed", bySlackId: STAFF, at: new Date("2027-03-01T02:30:00Z") },
            { from: "formed", to: "bidding", bySlackId: NORDIC_USER, at: new Date("2027-03-20T08:15:00Z") },
          ],
        },
      },
    });
    const sent = await t.command(STAFF, "/mission", "report china");
    const reply = JSON.stringify(await t.responseTo(sent.responseUrl));
    expect(reply).toContain("has no published meetings yet");
    expect(reply).toContain("*Consortia:* 1 bidding, 1 with a local organisation, 0 of SMEs only.");
    expect(reply).toContain(
      `• *Nanjing heat pumps consortium A* for Jiangsu Heat Networks Co. (bidding, 2 SMEs, 1 organisation): proposed by <@${STAFF}> on 1 Mar 2027, 10:00 Shanghai time (UTC+8); formed by <@${STAFF}> on 1 Mar 2027, 10:30 Shanghai time (UTC+8); bidding by <@${NORDIC_USER}> on 20 Mar 2027, 16:15 Shanghai time (UTC+8)`,
    );
  });

  it("says in one line that there is nothing to report before the schedule is published", async () => {
    const { text } = await report(STAFF, "China mission 2027");
    expect(text).toBe(
      "*China mission 2027* has no published meetings yet, so there is nothing to report. `/mission schedule China mission 2027` plans them; the report fills in once they are published and the surveys come back.",
    );
    expect(t.standIn.callsTo("chat.postMessage")).toHaveLength(0);
    expect(t.standIn.callsTo("files.getUploadURLExternal")).toHaveLength(0);
  });

  it("draws no chart when every meeting was cancelled", async () => {
    await seedMeeting(t.db, {
      mission,
      smeId: fjord.id,
      organisationId: jiangsu.id,
      day: "2027-04-14",
      time: "15:00",
      table: 5,
      status: "cancelled",
    });
    const { text } = await report(STAFF, "china");
    expect(text).toContain("*China mission 2027*: its only meeting was cancelled, so there is nothing to chart.");
    expect(t.standIn.callsTo("files.getUploadURLExternal")).toHaveLength(0);
  });

  it("names the missions when none is named or the name finds none", async () => {
    await seedMission(t.db, { name: "US mission 2027", market: "US", city: "Boston", timeZone: "America/New_York" });
    const none = await report(STAFF, "");
    expect(none.text).toBe(
      "Name the mission: `/mission report <mission>`. Missions: *China mission 2027*, *US mission 2027*.",
    );
    const unknown = await report(STAFF, "japan");
    expect(unknown.text).toContain("No mission is called “japan”.");
    expect(unknown.text).toContain(
      "Missions: *China mission 2027*, *US mission 2027*. Usage: `/mission report <mission>`.",
    );
  });
});

describe("hostile text in the report", () => {
  const HOSTILE = "<!channel> <http://evil.example|Re-verify> <@U0EVIL0001>";

  it("is escaped in every mrkdwn text the report sends", async () => {
    const evil = await seedSme(t.db, { name: `Evil ${HOSTILE} Heat`, markets: ["CN"] });
    await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: evil.id, status: "confirmed" } });
    await t.db.consortium.create({
      data: { missionId: mission.id, name: `Consortium ${HOSTILE}`, members: { create: [{ smeId: evil.id }] } },
    });
    await seedMeeting(t.db, {
      mission,
      smeId: evil.id,
      organisationId: jiangsu.id,
      day: "2027-04-13",
      time: "10:00",
      table: 1,
    });
    await report(STAFF, "china");
    await t.standIn.waitForCall("files.completeUploadExternal");
    const texts = t.standIn.calls
      .filter((call) => call.method === "chat.postMessage" || call.method === "files.completeUploadExternal")
      .flatMap((call) => [call.args.text, call.args.initial_comment, JSON.stringify(call.args.blocks ?? [])]);
    const sent = texts.filter((text): text is string => typeof text === "string").join("\n");
    expect(sent).toContain("Evil &lt;!channel&gt;");
    for (const markup of ["<!channel", "<http://evil.example", "<@U0EVIL0001"]) expect(sent).not.toContain(markup);
  });
});
