/** Issue 10, path 1: staff create, list, show, edit and archive missions, through the Slack stand-in. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { seedMission } from "./fixtures.test-support.js";
import type { RawMissionForm } from "./mission-form.js";
import { missionActionIds, missionModalCallbackId } from "./mission-views.js";

const STAFF = "U0STAFFDK1";
const SME_USER = "U0SMEUSER1";
const GUEST = "U0GUEST001";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  t.standIn.addUser({ id: STAFF, name: "alice", realName: "Alice Sørensen" });
  await t.db.person.create({
    data: { slackUserId: STAFF, role: "staff", cluster: { connect: { key: "clean-dk" } } },
  });
  await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
});
afterEach(async () => t.stop());

/** The form as a person fills it for a China mission in Shanghai. */
const shanghai: RawMissionForm = {
  name: "China mission 2027",
  market: "CN",
  city: "Shanghai",
  timeZone: "",
  startDate: "2027-04-12",
  endDate: "2027-04-16",
  capacity: "25",
  deadlineDate: "2027-04-05",
  deadlineTime: "18:00",
  requestLimit: "10",
  channel: "",
  createChannel: false,
  channelName: "",
  sessionDays: "2027-04-13, 2027-04-14",
  sessionStart: "09:00",
  sessionEnd: "17:00",
  slotMinutes: "30",
  breaks: "12:00-13:30",
  tables: "10",
};

/** What Slack sends in view.state.values for that form: each element type with its own value key. */
function formState(raw: RawMissionForm) {
  const option = (value: string | undefined) => (value ? { text: { type: "plain_text", text: value }, value } : null);
  const text = (type: string, value: string | undefined) => ({ value: { type, value: value || null } });
  const select = (value: string | undefined) => ({ value: { type: "static_select", selected_option: option(value) } });
  const date = (value: string | undefined) => ({ value: { type: "datepicker", selected_date: value || null } });
  const time = (value: string | undefined) => ({ value: { type: "timepicker", selected_time: value || null } });
  return {
    name: text("plain_text_input", raw.name),
    market: select(raw.market),
    city: text("plain_text_input", raw.city),
    timeZone: select(raw.timeZone),
    startDate: date(raw.startDate),
    endDate: date(raw.endDate),
    capacity: text("number_input", raw.capacity),
    deadlineDate: date(raw.deadlineDate),
    deadlineTime: time(raw.deadlineTime),
    requestLimit: text("number_input", raw.requestLimit),
    channel: { value: { type: "conversations_select", selected_conversation: raw.channel || null } },
    createChannel: {
      value: { type: "checkboxes", selected_options: raw.createChannel ? [option("yes")] : [] },
    },
    channelName: text("plain_text_input", raw.channelName),
    sessionDays: text("plain_text_input", raw.sessionDays),
    sessionStart: time(raw.sessionStart),
    sessionEnd: time(raw.sessionEnd),
    slotMinutes: select(raw.slotMinutes),
    breaks: text("plain_text_input", raw.breaks),
    tables: text("number_input", raw.tables),
    agendaPostTime: time(raw.agendaPostTime),
    previewPostTime: time(raw.previewPostTime),
    reminderMinutes: text("number_input", raw.reminderMinutes),
    surveyMinutes: text("number_input", raw.surveyMinutes),
    chaseDaysBefore: text("number_input", raw.chaseDaysBefore),
  };
}

function submit(raw: RawMissionForm, meta: object = { mode: "new" }, userId = STAFF) {
  return t.submitView({
    userId,
    callbackId: missionModalCallbackId,
    values: formState(raw),
    privateMetadata: JSON.stringify(meta),
  });
}

function dmsTo(userId: string) {
  return t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === userId);
}

/** The text and blocks a command answered on its response_url, as one string to search. */
async function answerTo(userId: string, text: string): Promise<string> {
  const sent = await t.command(userId, "/mission", text);
  return JSON.stringify(await t.responseTo(sent.responseUrl));
}

describe("/mission new", () => {
  it("opens the form with the house defaults, and stores the mission with its deadline as an instant", async () => {
    await t.command(STAFF, "/mission", "new");
    const open = await t.standIn.waitForCall("views.open");
    const view = open.args.view as { callback_id: string; blocks: { block_id?: string; element?: object }[] };
    expect(view.callback_id).toBe(missionModalCallbackId);
    const element = (id: string) => view.blocks.find((block) => block.block_id === id)?.element;
    expect(element("capacity")).toMatchObject({ type: "number_input", initial_value: "25" });
    expect(element("requestLimit")).toMatchObject({ initial_value: "10" });
    expect(element("startDate")).toMatchObject({ type: "datepicker" });
    expect(element("channel")).toMatchObject({ type: "conversations_select" });

    const reply = await submit(shanghai);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("");
    const stored = await t.db.mission.findFirstOrThrow();
    expect(stored).toMatchObject({
      name: "China mission 2027",
      nameKey: "china mission 2027",
      timeZone: "Asia/Shanghai",
      startDate: "2027-04-12",
      capacity: 25,
      status: "open",
      channelId: null,
    });
    // 18:00 in Shanghai (UTC+8) is 10:00 UTC.
    expect(stored.requestDeadline?.toISOString()).toBe("2027-04-05T10:00:00.000Z");
    const told = await t.standIn.waitFor(() => dmsTo(STAFF)[0], "the confirmation DM");
    expect(String(told.args.text)).toContain("Meeting requests close 5 Apr 2027, 18:00 Shanghai time (UTC+8).");
    expect(String(told.args.text)).toContain("13 slots a day × 10 tables on 2 days: at most 260 meetings.");
  });

  it("shows a plan that does not fit the dates inline, and saves nothing", async () => {
    const reply = await submit({ ...shanghai, sessionDays: "2027-04-13, 2027-04-20" });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: { sessionDays: "20 Apr 2027 is not a day of the mission (12–16 Apr 2027)." },
    });
    expect(await t.db.mission.count()).toBe(0);
  });

  it("shows a deadline after the start inline on the deadline", async () => {
    const reply = await submit({ ...shanghai, deadlineDate: "2027-04-13", deadlineTime: "09:00" });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        deadlineDate:
          "Meeting requests must close before the mission starts (12 Apr 2027, 00:00 in Asia/Shanghai): pick an earlier day.",
      },
    });
    expect(await t.db.mission.count()).toBe(0);
  });

  it("refuses, for a new mission, a deadline that has already passed", async () => {
    // The test clock says 15 March 2027, 08:00 UTC.
    const reply = await submit({ ...shanghai, deadlineDate: "2027-03-10" });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        deadlineDate:
          "This deadline has passed (it is now 15 Mar 2027, 16:00 Shanghai time (UTC+8)): SMEs could not request a single meeting. Pick a later day.",
      },
    });
  });

  it("refuses a name another mission has, whatever its case", async () => {
    await seedMission(t.db, { name: "China mission 2027" });
    const reply = await submit({ ...shanghai, name: "CHINA Mission 2027" });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        name: "There is already a mission called China mission 2027 (12–16 Apr 2027): choose another name, or open it with /mission show China mission 2027.",
      },
    });
    expect(await t.db.mission.count()).toBe(1);
  });

  it("creates the mission's channel, named after the mission, and invites its creator", async () => {
    const reply = await submit({ ...shanghai, createChannel: true });
    expect(reply.text).toBe("");
    const created = await t.standIn.waitForCall("conversations.create");
    expect(created.args.name).toBe("china-mission-2027");
    const channelId = String((created.result?.channel as { id?: string } | undefined)?.id);
    expect((await t.db.mission.findFirstOrThrow()).channelId).toBe(channelId);
    await t.standIn.waitForCall("conversations.invite");
    expect(t.standIn.channels.get(channelId)?.members.has(STAFF)).toBe(true);
    const told = await t.standIn.waitFor(() => dmsTo(STAFF)[0], "the confirmation DM");
    expect(String(told.args.text)).toContain(`I created <#${channelId}> for it.`);
  });

  it("says inline when the channel's name is taken, and saves nothing", async () => {
    t.standIn.addChannel({ name: "china-mission-2027" });
    const reply = await submit({ ...shanghai, createChannel: true });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        channelName:
          "#china-mission-2027 is already taken: type another name here, or pick that channel above instead of ticking “create”.",
      },
    });
    expect(await t.db.mission.count()).toBe(0);
    const renamed = await submit({ ...shanghai, createChannel: true, channelName: "china-2027-delegation" });
    expect(renamed.text).toBe("");
    expect(await t.db.mission.count()).toBe(1);
  });

  it("is for staff: an SME and a guest are refused, and a forged form saves nothing", async () => {
    const asSme = await answerTo(SME_USER, "new");
    expect(asSme).toContain("Only admins and cluster staff can do that, and you are an SME member.");
    const asGuest = await answerTo(GUEST, "list");
    expect(asGuest).toContain("you have no role yet");
    expect(t.standIn.callsTo("views.open")).toHaveLength(0);
    const forged = await submit(shanghai, { mode: "new" }, SME_USER);
    expect(forged.json).toMatchObject({
      response_action: "errors",
      errors: { name: expect.stringContaining("Only admins") },
    });
    expect(await t.db.mission.count()).toBe(0);
  });
});

describe("/mission list and show", () => {
  it("lists missions with city, dates, status and delegation; archived ones only with `all`", async () => {
    await seedMission(t.db);
    await seedMission(t.db, {
      name: "Boston 2026",
      market: "US",
      city: "Boston",
      timeZone: "America/New_York",
      startDate: "2026-10-05",
      endDate: "2026-10-09",
      archivedAt: new Date("2026-11-01T00:00:00Z"),
    });
    const list = await answerTo(SME_USER, "list");
    expect(list).toContain("*China mission 2027*\\nShanghai · 12–16 Apr 2027 · Open · delegation 0/25");
    expect(list).not.toContain("Boston 2026");
    expect(list).toContain("1 archived mission not shown");
    const all = await answerTo(SME_USER, "list all");
    expect(all).toContain("*Boston 2026*\\nBoston · 5–9 Oct 2026 · Archived · delegation 0/25");
  });

  it("shows times in the mission's zone with its offset; staff get Edit and Archive", async () => {
    await seedMission(t.db);
    const shown = await answerTo(STAFF, "show china");
    expect(shown).toContain("Asia/Shanghai (UTC+8)");
    expect(shown).toContain("5 Apr 2027, 18:00 Shanghai time (UTC+8)");
    expect(shown).toContain("09:00–17:00 Shanghai time, 30-minute slots, breaks 12:00-13:30, 10 tables");
    expect(shown).toContain(missionActionIds.edit);
    expect(shown).toContain(missionActionIds.archive);
    const bySme = await answerTo(SME_USER, "show china mission 2027");
    expect(bySme).toContain("5 Apr 2027, 18:00 Shanghai time (UTC+8)");
    expect(bySme).not.toContain(missionActionIds.edit);
  });

  it("shows a Boston week across the clock change with both offsets, sessions at 09:00 local", async () => {
    await seedMission(t.db, {
      name: "Boston 2027",
      market: "US",
      city: "Boston",
      timeZone: "America/New_York",
      startDate: "2027-03-10",
      endDate: "2027-03-16",
      requestDeadline: new Date("2027-03-01T23:00:00Z"),
      sessionPlan: {
        days: ["2027-03-10", "2027-03-11", "2027-03-12", "2027-03-13", "2027-03-14", "2027-03-15", "2027-03-16"],
        start: "09:00",
        end: "12:00",
        slotMinutes: 30,
        breaks: [],
        tables: 5,
      },
    });
    const shown = await answerTo(STAFF, "show boston");
    expect(shown).toContain("America/New_York (UTC-5; UTC-4 from 14 Mar 2027)");
    expect(shown).toContain("1 Mar 2027, 18:00 New York time (UTC-5)");
    expect(shown).toContain("Every day of the mission\\n09:00–12:00 New York time");
  });

  it("answers an unknown or ambiguous name with what it could mean, and a missing one with usage", async () => {
    await seedMission(t.db);
    await seedMission(t.db, { name: "China pilot 2028", startDate: "2028-04-10", endDate: "2028-04-14" });
    expect(await answerTo(STAFF, "show china")).toContain(
      "Several missions match “china”. Did you mean *China mission 2027* or *China pilot 2028*?",
    );
    expect(await answerTo(STAFF, "show mars")).toContain("No mission is called “mars”.");
    expect(await answerTo(STAFF, "show")).toContain("Usage: `/mission show <mission name>`");
    expect(await answerTo(STAFF, "edit")).toContain("Usage: `/mission edit <mission name>`");
    expect(await answerTo(STAFF, "archive")).toContain("Usage: `/mission archive <mission name>`");
  });
});

describe("/mission edit and archive", () => {
  it("opens the same form filled in, and saves the change", async () => {
    const mission = await seedMission(t.db);
    await t.command(STAFF, "/mission", "edit china mission 2027");
    const open = await t.standIn.waitForCall("views.open");
    const view = open.args.view as { private_metadata: string; blocks: { block_id?: string; element?: object }[] };
    expect(JSON.parse(view.private_metadata)).toEqual({ mode: "edit", missionId: mission.id });
    const element = (id: string) => view.blocks.find((block) => block.block_id === id)?.element;
    expect(element("name")).toMatchObject({ initial_value: "China mission 2027" });
    expect(element("deadlineDate")).toMatchObject({ initial_date: "2027-04-05" });
    expect(element("deadlineTime")).toMatchObject({ initial_time: "18:00" });
    expect(element("sessionDays")).toMatchObject({ initial_value: "2027-04-13, 2027-04-14" });

    const reply = await submit({ ...shanghai, capacity: "30" }, { mode: "edit", missionId: mission.id });
    expect(reply.text).toBe("");
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } })).capacity).toBe(30);
    const told = await t.standIn.waitFor(() => dmsTo(STAFF)[0], "the confirmation DM");
    expect(String(told.args.text)).toContain("Saved *China mission 2027*. Changed: capacity.");
  });

  it("sets when the mission's posts go out, shows them, and refuses a time or a count it cannot use inline", async () => {
    const mission = await seedMission(t.db);
    await t.command(STAFF, "/mission", "edit china mission 2027");
    const open = await t.standIn.waitForCall("views.open");
    const view = open.args.view as { blocks: { block_id?: string; element?: object }[] };
    const element = (id: string) => view.blocks.find((block) => block.block_id === id)?.element;
    expect(element("agendaPostTime")).toMatchObject({ type: "timepicker", initial_time: "07:30" });
    expect(element("previewPostTime")).toMatchObject({ type: "timepicker", initial_time: "18:00" });
    expect(element("reminderMinutes")).toMatchObject({ type: "number_input", initial_value: "10" });
    expect(element("surveyMinutes")).toMatchObject({ initial_value: "15" });
    expect(element("chaseDaysBefore")).toMatchObject({ initial_value: "7" });

    const edit = { mode: "edit", missionId: mission.id };
    const refused = await submit(
      { ...shanghai, agendaPostTime: "7h", reminderMinutes: "0", surveyMinutes: "999" },
      edit,
    );
    expect(refused.json).toEqual({
      response_action: "errors",
      errors: {
        agendaPostTime: "Write the time of the daily agenda as HH:MM, e.g. 07:30.",
        reminderMinutes: "The minutes before a meeting is at least 1.",
        surveyMinutes: "The minutes after a meeting is at most 240.",
      },
    });
    expect(await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } })).toMatchObject({
      agendaPostTime: "07:30",
      reminderMinutes: 10,
    });

    const saved = await submit(
      { ...shanghai, agendaPostTime: "07:00", previewPostTime: "19:30", reminderMinutes: "5", chaseDaysBefore: "10" },
      edit,
    );
    expect(saved.text).toBe("");
    expect(await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } })).toMatchObject({
      agendaPostTime: "07:00",
      previewPostTime: "19:30",
      reminderMinutes: 5,
      surveyMinutes: 15,
      chaseDaysBefore: 10,
    });
    const told = await t.standIn.waitFor(() => dmsTo(STAFF)[0], "the confirmation DM");
    expect(String(told.args.text)).toContain("Changed: agenda time, preview time, reminder minutes, chase days.");
    const shown = await answerTo(STAFF, "show china");
    expect(shown).toContain(
      "Agenda and personal schedules at 07:00 each mission day, the preview of the next day at 19:30 (Shanghai time).",
    );
    expect(shown).toContain(
      "Reminders 5 minutes before each meeting, outcome surveys 15 minutes after it; missing profiles and requests chased 10 days before the start.",
    );
  });

  it("counts the confirmed delegation, and keeps the capacity from going below it", async () => {
    const mission = await seedMission(t.db);
    for (const [index, status] of (["confirmed", "confirmed", "waiting", "requested"] as const).entries()) {
      const sme = await t.db.sme.create({
        data: { name: `Heat ${index}`, normalizedName: `heat ${index}`, country: "DK", status: "approved" },
      });
      await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status } });
    }
    expect(await answerTo(STAFF, "list")).toContain("delegation 2/25");
    expect(await answerTo(STAFF, "show china")).toContain("*Delegation*\\n2 of 25 SMEs");
    const reply = await submit({ ...shanghai, capacity: "1" }, { mode: "edit", missionId: mission.id });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        capacity:
          "2 SMEs are already confirmed in the delegation: the capacity cannot be lower. Withdraw SMEs first, or keep at least 2.",
      },
    });
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } })).capacity).toBe(25);
  });

  it("archives after a confirmation, offers Undo, and keeps an archived mission read-only", async () => {
    const mission = await seedMission(t.db);
    expect(await answerTo(STAFF, "archive china mission 2027")).toContain(missionActionIds.confirmArchive);
    expect(await t.db.mission.count({ where: { archivedAt: { not: null } } })).toBe(0);

    const confirmUrl = t.standIn.newResponseUrl();
    await t.action({
      userId: STAFF,
      actionId: missionActionIds.confirmArchive,
      value: String(mission.id),
      responseUrl: confirmUrl,
    });
    const archived = JSON.stringify(await t.responseTo(confirmUrl));
    expect(archived).toContain("is archived and read-only");
    expect(archived).toContain(missionActionIds.unarchive);
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } })).archivedAt).not.toBeNull();

    expect(await answerTo(STAFF, "edit china mission 2027")).toContain("is archived, so it is read-only");
    const forged = await submit(shanghai, { mode: "edit", missionId: mission.id });
    expect(forged.json).toMatchObject({
      response_action: "errors",
      errors: { name: expect.stringContaining("read-only") },
    });

    const undoUrl = t.standIn.newResponseUrl();
    await t.action({
      userId: STAFF,
      actionId: missionActionIds.unarchive,
      value: String(mission.id),
      responseUrl: undoUrl,
    });
    expect(JSON.stringify(await t.responseTo(undoUrl))).toContain("is back in `/mission list`");
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } })).archivedAt).toBeNull();
    const audit = await t.db.auditLog.findMany({ where: { entityType: "mission" }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["mission.archive", "mission.unarchive"]);
  });

  it("finds an archived mission by part of its name to show or restore it", async () => {
    await seedMission(t.db, {
      name: "Boston 2026",
      market: "US",
      city: "Boston",
      timeZone: "America/New_York",
      startDate: "2026-10-05",
      endDate: "2026-10-09",
      archivedAt: new Date("2026-11-01T00:00:00Z"),
    });
    expect(await answerTo(STAFF, "show boston")).toContain("Archived: read-only until staff unarchive it.");
    expect(await answerTo(STAFF, "unarchive boston")).toContain("*Boston 2026* is back in `/mission list`");
    expect((await t.db.mission.findFirstOrThrow()).archivedAt).toBeNull();
  });

  it("never lets a mission's name ping, link or mention in Slack", async () => {
    const hostile = "Evil <!channel> <http://evil.example|click> <@U0EVIL0001> 2027";
    expect((await submit({ ...shanghai, name: hostile })).text).toBe("");
    const told = await t.standIn.waitFor(() => dmsTo(STAFF)[0], "the confirmation DM");
    // Slack reads markup in a message's text and in mrkdwn objects; plain_text (the header) shows it as typed.
    const mrkdwnOf = (json: string): string[] => {
      const found: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) for (const item of node) walk(item);
        else if (typeof node === "object" && node !== null) {
          const object = node as Record<string, unknown>;
          if (object.type === "mrkdwn" && typeof object.text === "string") found.push(object.text);
          for (const child of Object.values(object)) walk(child);
        }
      };
      const message = JSON.parse(json) as { text?: string; blocks?: unknown };
      walk(message.blocks);
      return [message.text ?? "", ...found];
    };
    const texts = [
      String(told.args.text),
      ...mrkdwnOf(await answerTo(STAFF, "list")),
      ...mrkdwnOf(await answerTo(STAFF, "show evil")),
      ...mrkdwnOf(await answerTo(STAFF, "archive evil")),
    ];
    expect(texts.join("\n")).toContain("Evil &lt;!channel&gt;");
    for (const text of texts) {
      expect(text).not.toContain("<!channel");
      expect(text).not.toContain("<http://evil");
      expect(text).not.toContain("<@U0EVIL");
    }
  });

  it("refuses an SME's forged Archive click", async () => {
    const mission = await seedMission(t.db);
    const url = t.standIn.newResponseUrl();
    await t.action({
      userId: SME_USER,
      actionId: missionActionIds.confirmArchive,
      value: String(mission.id),
      responseUrl: url,
    });
    expect(JSON.stringify(await t.responseTo(url))).toContain("Only admins and cluster staff can do that");
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } })).archivedAt).toBeNull();
  });
});
