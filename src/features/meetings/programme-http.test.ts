import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { refusalMessage } from "../../platform/auth.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import type { MissionRecord } from "../missions/index.js";
import { seedProgrammeItem } from "./meeting-fixtures.test-support.js";
import type { RawProgrammeItem } from "./programme.js";
import { programmeActionIds, programmeModalCallbackId } from "./programme-views.js";

const STAFF = "U0STAFF001";
const SME_USER = "U0SMEUSER1";

let t: TestApp;
let mission: MissionRecord;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
  mission = await seedMission(t.db, { name: "China mission 2027" });
});
afterEach(async () => t.stop());

async function listFor(userId: string, text: string) {
  const reply = await t.command(userId, "/mission", `programme ${text}`);
  return t.responseTo(reply.responseUrl);
}

/** Slack's view.state.values for the programme form. */
function formState(raw: RawProgrammeItem) {
  const text = (value: string | undefined) => ({ value: { type: "plain_text_input", value: value || null } });
  const option = (value: string) => ({ text: { type: "plain_text", text: value }, value });
  return {
    title: text(raw.title),
    kind: { value: { type: "static_select", selected_option: raw.kind ? option(raw.kind) : null } },
    day: { value: { type: "datepicker", selected_date: raw.day || null } },
    start: { value: { type: "timepicker", selected_time: raw.start || null } },
    end: { value: { type: "timepicker", selected_time: raw.end || null } },
    location: text(raw.location),
    notes: text(raw.notes),
  };
}

const briefing: RawProgrammeItem = {
  title: "Briefing: how the B2B meetings run",
  kind: "session",
  day: "2027-04-13",
  start: "08:15",
  end: "08:50",
  location: "Meeting hall",
  notes: "Bring business cards.",
};

function submit(values: RawProgrammeItem, privateMetadata: string, userId = STAFF) {
  return t.submitView({ userId, callbackId: programmeModalCallbackId, values: formState(values), privateMetadata });
}

function dmsTo(userId: string): string[] {
  return t.standIn
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === userId)
    .map((call) => String(call.args.text));
}

describe("/mission programme", () => {
  it("lists an empty programme, with Add item for staff only", async () => {
    const forSme = await listFor(SME_USER, "china");
    expect(forSme.text).toBe("*China mission 2027* has nothing on its programme yet.");
    expect(JSON.stringify(forSme.blocks)).not.toContain(programmeActionIds.add);
    const forStaff = await listFor(STAFF, "china");
    expect(JSON.stringify(forStaff.blocks)).toContain(programmeActionIds.add);
    expect(String((await listFor(STAFF, "boston")).text)).toContain("No mission is called “boston”.");
    // An archived mission is read-only: its programme is listed without the staff's buttons.
    await t.db.mission.update({ where: { id: mission.id }, data: { archivedAt: new Date("2027-05-01T00:00:00Z") } });
    expect(JSON.stringify((await listFor(STAFF, "China mission 2027")).blocks)).not.toContain(programmeActionIds.add);
  });

  it("lists the items by day in the mission's zone, and finds the only mission when none is named", async () => {
    await seedProgrammeItem(t.db, {
      mission,
      kind: "visit",
      title: "Lingang plant",
      day: "2027-04-16",
      start: "08:30",
      end: "12:30",
      location: "Lingang",
    });
    await seedProgrammeItem(t.db, {
      mission,
      kind: "reception",
      title: "Opening reception",
      day: "2027-04-12",
      start: "18:30",
      end: "20:30",
    });
    const list = await listFor(SME_USER, "");
    const blocks = JSON.stringify(list.blocks);
    expect(list.text).toContain("Programme of *China mission 2027*: 2 items");
    expect(blocks.indexOf("Monday 12 Apr 2027")).toBeLessThan(blocks.indexOf("Friday 16 Apr 2027"));
    expect(blocks).toContain("`18:30–20:30` :clinking_glasses: Reception: *Opening reception*");
    expect(blocks).toContain("`08:30–12:30` :factory: Site visit: *Lingang plant* · Lingang");
    expect(blocks).toContain("Times in Asia/Shanghai (UTC+8)");
    expect(blocks).not.toContain(programmeActionIds.edit);
  });

  it("shows a long programme in one message Slack accepts, and says what it left out", async () => {
    for (let i = 0; i < 30; i++) {
      const day = `2027-04-${String(12 + (i % 5)).padStart(2, "0")}`;
      const hour = String(8 + Math.floor(i / 5)).padStart(2, "0");
      await seedProgrammeItem(t.db, {
        mission,
        title: `Session ${i + 1}`,
        day,
        start: `${hour}:00`,
        end: `${hour}:45`,
      });
    }
    const list = await listFor(STAFF, "china");
    expect(list.text).toContain("30 items");
    expect(JSON.stringify(list.blocks)).toMatch(/\d+ more items not shown: see the day in `\/mission agenda <date>`\./);
    // t.stop() fails the test if Slack would have refused the message (more than 50 blocks).
  });
});

describe("adding, editing and removing programme items", () => {
  it("adds an item through the form, with errors inline and nothing lost", async () => {
    const list = await listFor(STAFF, "china");
    expect(JSON.stringify(list.blocks)).toContain(programmeActionIds.add);
    await t.action({ userId: STAFF, actionId: programmeActionIds.add, value: JSON.stringify({ m: mission.id }) });
    const opened = await t.standIn.waitForCall("views.open");
    const view = opened.args.view as { private_metadata: string; callback_id: string };
    expect(view.callback_id).toBe(programmeModalCallbackId);

    const bad = await submit({ ...briefing, day: "2027-04-20", end: "08:00" }, view.private_metadata);
    expect(bad.json).toEqual({
      response_action: "errors",
      errors: { day: "20 Apr 2027 is outside the mission (12–16 Apr 2027): pick a day within it." },
    });
    const backwards = await submit({ ...briefing, end: "08:00" }, view.private_metadata);
    expect(backwards.json).toEqual({
      response_action: "errors",
      errors: { end: "It must end after it starts (08:15)." },
    });
    expect(await t.db.agendaItem.count()).toBe(0);

    const good = await submit(briefing, view.private_metadata);
    expect(good.json).toBeUndefined();
    const told = await t.standIn.waitFor(() => dmsTo(STAFF)[0], "the confirmation");
    expect(told).toContain("Added *Briefing: how the B2B meetings run* to the programme of *China mission 2027*");
    const [stored] = await t.db.agendaItem.findMany();
    expect(stored).toMatchObject({
      kind: "session",
      location: "Meeting hall",
      notes: "Bring business cards.",
      startsAt: new Date("2027-04-13T00:15:00Z"),
      endsAt: new Date("2027-04-13T00:50:00Z"),
    });
    expect(await t.db.auditLog.count({ where: { action: "programme.add" } })).toBe(1);
  });

  it("refuses a time that does not exist in the mission's zone that day", async () => {
    const boston = await seedMission(t.db, {
      name: "US mission March 2027",
      market: "US",
      city: "Boston",
      timeZone: "America/New_York",
      startDate: "2027-03-12",
      endDate: "2027-03-16",
      requestDeadline: new Date("2027-03-01T12:00:00Z"),
    });
    const meta = JSON.stringify({ missionId: boston.id });
    const reply = await submit({ ...briefing, day: "2027-03-14", start: "02:15", end: "04:00" }, meta);
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        start: "02:15 does not exist on 14 Mar 2027 in America/New_York (the clocks change): pick another time.",
      },
    });
  });

  it("edits an item in a form filled with its values, and removes one after a confirmation", async () => {
    const item = await seedProgrammeItem(t.db, {
      mission,
      kind: "session",
      title: "Briefing",
      day: "2027-04-13",
      start: "08:15",
      end: "08:50",
    });
    const list = await listFor(STAFF, "china");
    const blocks = JSON.stringify(list.blocks);
    expect(blocks).toContain(programmeActionIds.edit);
    expect(blocks).toContain("Remove from the programme?");

    const value = JSON.stringify({ m: mission.id, i: item.id });
    await t.action({ userId: STAFF, actionId: programmeActionIds.edit, value });
    const opened = await t.standIn.waitForCall("views.open");
    const view = opened.args.view as {
      private_metadata: string;
      blocks: { block_id?: string; element?: Record<string, unknown> }[];
    };
    const element = (id: string) => view.blocks.find((block) => block.block_id === id)?.element;
    expect(element("start")?.initial_time).toBe("08:15");
    expect(element("day")?.initial_date).toBe("2027-04-13");
    expect(element("title")?.initial_value).toBe("Briefing");

    await submit({ ...briefing, title: "Morning briefing", start: "08:00" }, view.private_metadata);
    await t.standIn.waitFor(() => dmsTo(STAFF)[0], "the confirmation");
    expect(await t.db.agendaItem.findUnique({ where: { id: item.id } })).toMatchObject({
      title: "Morning briefing",
      startsAt: new Date("2027-04-13T00:00:00Z"),
    });

    await t.action({ userId: STAFF, actionId: programmeActionIds.remove, value });
    const after = await t.standIn.waitForResponse(2);
    expect(after.body).toMatchObject({ replace_original: true });
    expect(String(after.body.text)).toBe(":white_check_mark: Removed *Morning briefing* from the programme.");
    expect(await t.db.agendaItem.count()).toBe(0);
    // A second click on the same button finds nothing to remove and says so.
    await t.action({ userId: STAFF, actionId: programmeActionIds.remove, value });
    const again = await t.standIn.waitForResponse(3);
    expect(String(again.body.text)).toBe("That item is no longer on the programme.");
  });

  it("refuses the staff buttons and form to an SME member", async () => {
    await t.action({ userId: SME_USER, actionId: programmeActionIds.add, value: JSON.stringify({ m: mission.id }) });
    const refused = await t.standIn.waitForResponse(1);
    expect(refused.body.text).toBe(refusalMessage("sme", "missions.manage"));
    const reply = await submit(briefing, JSON.stringify({ missionId: mission.id }), SME_USER);
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: { title: refusalMessage("sme", "missions.manage") },
    });
    expect(await t.db.agendaItem.count()).toBe(0);
  });
});
