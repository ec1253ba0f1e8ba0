import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { refusalMessage } from "../../platform/auth.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { readStoredDraft } from "./schedule-draft-store.js";
import { unplacedReasonText } from "./schedule-preview.js";
import { scheduleActionIds, scheduleUsage } from "./schedule-views.js";

const STAFF = "U0STAFF001";
const STAFF_2 = "U0STAFF002";
/** Speaks for Loire Controls in the app (no travellers named: it is told as the SME's member). */
const LOIRE_USER = "U0LOIRE001";
/** Nordic Heat's member, who does not travel. */
const NORDIC_USER = "U0NORDIC01";
/** Travels for Nordic Heat: the one who is told Nordic Heat's schedule. */
const NORDIC_TRAVELLER = "U0NORDICT1";
const BALTIC_USER = "U0BALTIC01";

let t: TestApp;
let data: Awaited<ReturnType<typeof seedScheduling>>;
beforeEach(async () => {
  t = await startTestApp();
  data = await seedScheduling(t);
});
afterEach(async () => t.stop());

/**
 * One session morning in Shanghai (13 Apr 2027): three 30-minute slots, one table. Jiangsu Heat
 * meets everyone who asks, Huadong HVAC only on 14 Apr (no session then), Gobi Solar at its own
 * stand (table 5), Wuxi Storage wherever a table is left.
 */
async function seedScheduling(app: TestApp) {
  const db = app.db;
  for (const [slackUserId, role] of [
    [STAFF, "staff"],
    [STAFF_2, "staff"],
    [NORDIC_USER, "sme"],
    [LOIRE_USER, "sme"],
    [BALTIC_USER, "sme"],
  ] as const) {
    await db.person.create({ data: { slackUserId, role } });
  }
  const mission = await seedMission(db, {
    sessionPlan: { days: ["2027-04-13"], start: "09:00", end: "10:30", slotMinutes: 30, breaks: [], tables: 1 },
  });
  const nordic = await seedSme(db, { name: "Nordic Heat A/S" }, "approved", NORDIC_USER);
  const loire = await seedSme(
    db,
    { name: "Loire Controls SAS", country: "FR", cluster: "tenerrdis-fr" },
    "approved",
    LOIRE_USER,
  );
  const baltic = await seedSme(
    db,
    { name: "Baltic Storage AB", country: "SE", cluster: "sbh-se" },
    "approved",
    BALTIC_USER,
  );
  for (const sme of [nordic, loire, baltic]) {
    await db.missionParticipant.create({
      data: {
        missionId: mission.id,
        smeId: sme.id,
        status: "confirmed",
        travellers: sme.id === nordic.id ? [NORDIC_TRAVELLER] : [],
      },
    });
  }
  const organisation = async (name: string, extra: { available?: string[]; standTable?: number } = {}) => {
    const row = await db.localOrganisation.create({
      data: {
        name,
        normalizedName: name.toLowerCase(),
        type: "project_owner",
        country: "CN",
        market: "CN",
        city: "Shanghai",
        sectors: [],
        available: extra.available ?? [],
      },
    });
    await db.missionOrganisation.create({
      data: { missionId: mission.id, organisationId: row.id, standTable: extra.standTable ?? null },
    });
    return row;
  };
  const jiangsu = await organisation("Jiangsu Heat Networks Co.");
  const huadong = await organisation("Huadong HVAC Distribution", { available: ["2027-04-14"] });
  const gobi = await organisation("Gobi Solar Farms", { standTable: 5 });
  const wuxi = await organisation("Wuxi Storage Park");
  const request = (
    smeId: number,
    counterpart: { organisationId: number } | { targetSmeId: number },
    priority: "must" | "want" | "nice",
    status: "accepted" | "requested" = "accepted",
  ) => db.meetingRequest.create({ data: { missionId: mission.id, smeId, ...counterpart, priority, status } });
  const requests = {
    nordicJiangsu: await request(nordic.id, { organisationId: jiangsu.id }, "must"),
    loireJiangsu: await request(loire.id, { organisationId: jiangsu.id }, "want"),
    nordicHuadong: await request(nordic.id, { organisationId: huadong.id }, "want"),
    loireGobi: await request(loire.id, { organisationId: gobi.id }, "nice"),
    loireNordic: await request(loire.id, { targetSmeId: nordic.id }, "want"),
    balticWuxi: await request(baltic.id, { organisationId: wuxi.id }, "nice"),
    pending: await request(baltic.id, { organisationId: jiangsu.id }, "must", "requested"),
  };
  return { mission, nordic, loire, baltic, jiangsu, huadong, gobi, wuxi, requests };
}

/** What the app said on a response_url, as text. */
async function replyText(responseUrl: string): Promise<string> {
  const body = await t.responseTo(responseUrl);
  return String(body.text ?? "");
}

/** The schedule message as it stands (progress, preview, or decided), by the draft's channel and ts. */
function scheduleMessage(draft: { channelId: string | null; messageTs: string | null }) {
  const message = t.standIn.messages.find((m) => m.ts === draft.messageTs && m.channel === draft.channelId);
  return JSON.stringify(message?.blocks ?? []);
}

/** Runs `/mission schedule` as staff and waits until its draft is ready and its preview shown. */
async function runSchedule(user = STAFF) {
  const count = (await t.db.scheduleDraft.count()) + 1;
  await t.command(user, "/mission", `schedule ${data.mission.name}`);
  // The draft is in the database and the preview in the stand-in: poll the one, wait on the other.
  // The engine runs in a worker thread; on a busy machine starting one takes a few seconds.
  for (let tries = 0; tries < 1200; tries += 1) {
    const draft = (await t.db.scheduleDraft.findMany({ orderBy: { id: "asc" } }))[count - 1];
    if (draft?.status === "ready") {
      await t.standIn.waitFor(() => scheduleMessage(draft).includes(scheduleActionIds.publish), "the preview");
      return draft;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the schedule run never finished");
}

function click(user: string, actionId: string, draftId: number) {
  const responseUrl = t.standIn.newResponseUrl();
  const reply = t.action({ userId: user, actionId, value: String(draftId), responseUrl });
  return { reply, responseUrl };
}

function dmsTo(userId: string): string[] {
  return t.standIn
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === userId)
    .map((call) => String(call.args.text ?? ""));
}

describe("/mission schedule: usage and empty states", () => {
  it("answers a missing, unknown or archived mission with the next step", async () => {
    const missing = await t.command(STAFF, "/mission", "schedule");
    expect(await replyText(missing.responseUrl)).toBe(scheduleUsage);
    const unknown = await t.command(STAFF, "/mission", "schedule atlantis");
    expect(await replyText(unknown.responseUrl)).toContain("No mission is called “atlantis”");
    await t.db.mission.update({ where: { id: data.mission.id }, data: { archivedAt: new Date("2027-03-01") } });
    const archived = await t.command(STAFF, "/mission", "schedule china mission");
    expect(await replyText(archived.responseUrl)).toContain("is archived, so it is read-only");
    expect(await t.db.scheduleDraft.count()).toBe(0);
  });

  it("says to add session days to a mission without any, and where to find requests when none is accepted", async () => {
    const empty = await seedMission(t.db, {
      name: "US mission 2027",
      market: "US",
      city: "Boston",
      timeZone: "America/New_York",
      sessionPlan: { days: [], start: "09:00", end: "17:00", slotMinutes: 30, breaks: [], tables: 10 },
    });
    const noDays = await t.command(STAFF, "/mission", "schedule us mission");
    expect(await replyText(noDays.responseUrl)).toContain(`has no B2B session slots yet`);
    expect(await replyText(noDays.responseUrl)).toContain("`/mission edit US mission 2027`");
    await t.db.mission.update({
      where: { id: empty.id },
      data: {
        sessionPlan: { days: ["2027-06-08"], start: "09:00", end: "12:00", slotMinutes: 30, breaks: [], tables: 4 },
      },
    });
    const noRequests = await t.command(STAFF, "/mission", "schedule us mission");
    expect(await replyText(noRequests.responseUrl)).toContain("has no accepted meeting requests to schedule yet");
    expect(await replyText(noRequests.responseUrl)).toContain("`/meet overview US mission 2027`");
    expect(await t.db.scheduleDraft.count()).toBe(0);
  });

  it("says what is wrong with stored data that makes no valid problem, and starts no run", async () => {
    await t.db.mission.update({ where: { id: data.mission.id }, data: { timeZone: "Mars/Olympus_Mons" } });
    const asked = await t.command(STAFF, "/mission", `schedule ${data.mission.name}`);
    const text = await replyText(asked.responseUrl);
    expect(text).toContain("*China mission 2027* cannot be scheduled as its data stands:");
    expect(text).toContain("• timeZone: must be an IANA time zone like Asia/Shanghai");
    expect(await t.db.scheduleDraft.count()).toBe(0);
  });

  it("refuses SME members, for the command and for the Publish button", async () => {
    const asked = await t.command(NORDIC_USER, "/mission", `schedule ${data.mission.name}`);
    expect(await replyText(asked.responseUrl)).toBe(refusalMessage("sme", "meetings.manage"));
    const draft = await runSchedule();
    const { reply, responseUrl } = click(NORDIC_USER, scheduleActionIds.publish, draft.id);
    await reply;
    expect(await replyText(responseUrl)).toBe(refusalMessage("sme", "meetings.manage"));
    expect(await t.db.meeting.count()).toBe(0);
    expect((await t.db.scheduleDraft.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("ready");
  });

  it("makes one run per mission at a time: a second command while one runs is told who started it", async () => {
    await t.db.scheduleDraft.create({
      data: { missionId: data.mission.id, createdBySlackId: STAFF_2, createdAt: new Date("2027-03-15T07:58:00Z") },
    });
    const second = await t.command(STAFF, "/mission", `schedule ${data.mission.name}`);
    expect(await replyText(second.responseUrl)).toContain(
      "A schedule for *China mission 2027* is already being made (started by <@U0STAFF002> on 15 Mar 2027, 15:58 Shanghai time (UTC+8))",
    );
    expect(await t.db.scheduleDraft.count()).toBe(1);
  });
});

describe("/mission schedule: the preview", () => {
  it("posts a progress message where the command came from and turns it into the preview of the problem", async () => {
    const draft = await runSchedule();
    expect(draft.channelId).toBe("C0GENERAL1");
    const progress = t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === "C0GENERAL1");
    expect(String(progress?.args.text)).toContain(
      "Making a schedule for *China mission 2027*: 6 accepted requests, 3 slots, 1 table per slot.",
    );
    const stored = readStoredDraft(draft);
    if (!stored) throw new Error("the draft has no result");
    const preview = scheduleMessage(draft);
    // Huadong meets on no session day; Baltic–Wuxi has every shared slot's one table taken.
    expect(stored.result.placed).toHaveLength(4);
    expect(preview).toContain("*4 of 6* meetings placed");
    const percent = Math.floor((1000 * stored.result.objective) / stored.result.bound) / 10;
    expect(preview).toContain(`*${percent.toFixed(1)}% of the best possible* (bound)`);
    expect(preview).toContain("Must-haves placed: *1 of 1*");
    expect(preview).toContain(
      `• *Nordic Heat A/S* with *Huadong HVAC Distribution* (want): ${unplacedReasonText["no-common-free-slot"]}`,
    );
    expect(preview).toContain(
      `• *Baltic Storage AB* with *Wuxi Storage Park* (nice): ${unplacedReasonText["table-shortage"]}`,
    );
    expect(preview).toContain(
      "*Meetings per SME, fewest first* (aim: at least 1 meeting each)\\n• Baltic Storage AB: 0 meetings\\n• Nordic Heat A/S: 2 meetings\\n• Loire Controls SAS: 3 meetings",
    );
    expect(preview).toContain(`Idle gaps between meetings: *${stored.result.idleGaps}*`);
    expect(preview).not.toContain("published meeting");
    expect(preview).toContain(scheduleActionIds.publish);
    expect(await t.db.meeting.count()).toBe(0);
  });

  it("posts to the person's DM when the app cannot post in the channel", async () => {
    t.standIn.failNext("chat.postMessage", "not_in_channel");
    const draft = await runSchedule();
    expect(draft.channelId).toBe("D0STAFF001");
    expect(scheduleMessage(draft)).toContain("*4 of 6* meetings placed");
  });

  it("marks a run that cannot be shown as failed, tells the person with an error id, and lets the next run start", async () => {
    t.standIn.failNext("chat.postMessage", "channel_not_found", 2);
    const asked = await t.command(STAFF, "/mission", `schedule ${data.mission.name}`);
    const text = await replyText(asked.responseUrl);
    expect(text).toMatch(
      /The schedule for \*China mission 2027\* could not be made \(error id `[^`]+`\)\. Nothing was published/,
    );
    const failed = await t.db.scheduleDraft.findFirstOrThrow();
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain(/`([^`]+)`/.exec(text)?.[1] ?? "?");
    const next = await runSchedule();
    expect(next.status).toBe("ready");
  });
});

describe("publishing a schedule", () => {
  it("writes the meetings without double booking, marks the mission scheduled, DMs each SME, and says who published", async () => {
    const draft = await runSchedule();
    const { reply } = click(STAFF, scheduleActionIds.publish, draft.id);
    await reply;
    await t.standIn.waitFor(() => scheduleMessage(draft).includes("Published by"), "the published message");
    const meetings = await t.db.meeting.findMany({ orderBy: { startsAt: "asc" } });
    expect(meetings).toHaveLength(4);
    expect(new Set(meetings.map((m) => m.requestId))).toEqual(
      new Set([
        data.requests.nordicJiangsu.id,
        data.requests.loireJiangsu.id,
        data.requests.loireGobi.id,
        data.requests.loireNordic.id,
      ]),
    );
    // Nobody in two places at once, no table used twice in a slot, every meeting in a session slot.
    const seen = new Set<string>();
    for (const meeting of meetings) {
      const slot = meeting.startsAt.toISOString();
      const sides = [
        `sme:${meeting.smeId}`,
        meeting.organisationId ? `org:${meeting.organisationId}` : `sme:${meeting.targetSmeId}`,
        `table:${meeting.tableNumber}`,
      ];
      for (const side of sides) {
        expect(seen.has(`${side}@${slot}`), `${side} twice at ${slot}`).toBe(false);
        seen.add(`${side}@${slot}`);
      }
      expect(meeting.endsAt.getTime() - meeting.startsAt.getTime()).toBe(30 * 60_000);
      expect(["2027-04-13T01:00:00.000Z", "2027-04-13T01:30:00.000Z", "2027-04-13T02:00:00.000Z"]).toContain(slot);
    }
    expect(meetings.find((m) => m.organisationId === data.gobi.id)?.tableNumber).toBe(5);
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: data.mission.id } })).status).toBe("scheduled");
    expect((await t.db.scheduleDraft.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("published");
    expect(scheduleMessage(draft)).toContain(
      "Published by <@U0STAFF001> on 15 Mar 2027, 16:00 Shanghai time (UTC+8). 2 SMEs told their schedule by DM.",
    );

    // Nordic Heat's traveller is told (not its member who stays home); Loire has no travellers, so its member is.
    await t.standIn.waitFor(() => dmsTo(LOIRE_USER).length > 0, "Loire's DM");
    expect(dmsTo(NORDIC_USER)).toEqual([]);
    const nordicDm = dmsTo(NORDIC_TRAVELLER).join("\n");
    expect(nordicDm).toContain(
      "*Your meetings on China mission 2027* for Nordic Heat A/S (Shanghai time):\n*13 Apr 2027*",
    );
    const nordicJiangsu = meetings.find((m) => m.requestId === data.requests.nordicJiangsu.id);
    const localTime = (at: Date | undefined) =>
      at ? new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16) : "";
    expect(nordicDm).toContain(
      `• ${localTime(nordicJiangsu?.startsAt)}–${localTime(nordicJiangsu?.endsAt)} · table ${nordicJiangsu?.tableNumber} · Jiangsu Heat Networks Co.`,
    );
    expect(nordicDm).toContain("· Loire Controls SAS");
    expect(dmsTo(LOIRE_USER).join("\n")).toContain("· Nordic Heat A/S");
    // Baltic Storage has no meeting: nothing to tell it yet.
    expect(dmsTo(BALTIC_USER)).toEqual([]);
  });

  it("writes once when Publish is clicked twice at the same moment", async () => {
    const draft = await runSchedule();
    const first = click(STAFF, scheduleActionIds.publish, draft.id);
    const second = click(STAFF_2, scheduleActionIds.publish, draft.id);
    await Promise.all([first.reply, second.reply]);
    const answer = await Promise.race([replyText(first.responseUrl), replyText(second.responseUrl)]);
    expect(answer).toBe("This schedule is already published; nothing was written twice.");
    await t.standIn.waitFor(() => scheduleMessage(draft).includes("Published by"), "the published message");
    expect(await t.db.meeting.count()).toBe(4);
    expect(await t.db.auditLog.count({ where: { action: "schedule.publish" } })).toBe(1);
    await t.standIn.settle();
    expect(dmsTo(NORDIC_TRAVELLER)).toHaveLength(1);
  });

  it("discards a draft: nothing is written, the message says who discarded it, and it cannot be published after", async () => {
    const draft = await runSchedule();
    await click(STAFF, scheduleActionIds.discard, draft.id).reply;
    await t.standIn.waitFor(() => scheduleMessage(draft).includes("Discarded by"), "the discarded message");
    expect(scheduleMessage(draft)).toContain("Discarded by <@U0STAFF001>");
    expect(scheduleMessage(draft)).not.toContain(scheduleActionIds.publish);
    expect((await t.db.scheduleDraft.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("discarded");
    const late = click(STAFF, scheduleActionIds.publish, draft.id);
    await late.reply;
    expect(await replyText(late.responseUrl)).toContain("This schedule is discarded");
    expect(await t.db.meeting.count()).toBe(0);
  });

  it("refuses a draft made for other accepted requests, one a newer draft replaced, or one of an archived mission", async () => {
    const older = await runSchedule();
    await t.db.meetingRequest.update({ where: { id: data.requests.pending.id }, data: { status: "accepted" } });
    const changed = click(STAFF, scheduleActionIds.publish, older.id);
    await changed.reply;
    expect(await replyText(changed.responseUrl)).toContain(
      "The accepted meeting requests of *China mission 2027* changed since this schedule was made",
    );
    expect(await replyText(changed.responseUrl)).toContain("run `/mission schedule China mission 2027` again");
    const newer = await runSchedule();
    const replaced = click(STAFF, scheduleActionIds.publish, older.id);
    await replaced.reply;
    expect(await replyText(replaced.responseUrl)).toContain("A newer schedule was made for *China mission 2027*");
    expect(await t.db.meeting.count()).toBe(0);
    expect((await t.db.scheduleDraft.findUniqueOrThrow({ where: { id: older.id } })).status).toBe("ready");
    expect(newer.status).toBe("ready");
    await t.db.mission.update({ where: { id: data.mission.id }, data: { archivedAt: new Date("2027-03-15") } });
    const archived = click(STAFF, scheduleActionIds.publish, newer.id);
    await archived.reply;
    expect(await replyText(archived.responseUrl)).toContain("is archived, so it is read-only");
    expect(await t.db.meeting.count()).toBe(0);
  });
});

describe("re-planning a published schedule", () => {
  it("reports how many published meetings move, and tells only the SMEs whose meetings changed, what changed", async () => {
    const first = await runSchedule();
    await click(STAFF, scheduleActionIds.publish, first.id).reply;
    await t.standIn.waitFor(() => scheduleMessage(first).includes("Published by"), "the first publication");
    const before = await t.db.meeting.findMany();
    const dmCalls = t.standIn.callsTo("chat.postMessage").length;

    // Loire withdraws its request to Jiangsu; Baltic's request to Jiangsu is accepted.
    await t.db.meetingRequest.update({ where: { id: data.requests.loireJiangsu.id }, data: { status: "withdrawn" } });
    await t.db.meetingRequest.update({ where: { id: data.requests.pending.id }, data: { status: "accepted" } });
    const second = await runSchedule();
    const stored = readStoredDraft(second);
    expect(stored?.result.moved).toBeDefined();
    const moved = stored?.result.moved ?? -1;
    expect(scheduleMessage(second)).toContain(
      `Changes to the published schedule: *${moved} published meeting${moved === 1 ? "" : "s"} move${moved === 1 ? "s" : ""}*, *1 is cancelled* (request no longer accepted)`,
    );

    // The mission has begun: re-publishing does not take its status back to scheduled.
    await t.db.mission.update({ where: { id: data.mission.id }, data: { status: "running" } });
    await click(STAFF, scheduleActionIds.publish, second.id).reply;
    await t.standIn.waitFor(() => scheduleMessage(second).includes("Published by"), "the second publication");
    expect((await t.db.mission.findUniqueOrThrow({ where: { id: data.mission.id } })).status).toBe("running");
    await t.standIn.settle();
    const after = await t.db.meeting.findMany();
    expect(after.some((m) => m.requestId === data.requests.loireJiangsu.id)).toBe(false);
    // A meeting row that did not move is the same row.
    for (const meeting of after) {
      const was = before.find((m) => m.requestId === meeting.requestId);
      if (was && was.startsAt.getTime() === meeting.startsAt.getTime() && was.tableNumber === meeting.tableNumber) {
        expect(meeting.id).toBe(was.id);
      }
    }
    // Moved meetings are the published ones still requested now elsewhere or left out, as the preview said.
    const movedRows = before.filter((was) => {
      if (was.requestId === data.requests.loireJiangsu.id) return false;
      const now = after.find((m) => m.requestId === was.requestId);
      return !now || now.startsAt.getTime() !== was.startsAt.getTime();
    });
    expect(movedRows).toHaveLength(moved);

    const changedSmes = new Set<number>();
    const sidesOf = (m: { smeId: number; targetSmeId: number | null }) => [
      m.smeId,
      ...(m.targetSmeId ? [m.targetSmeId] : []),
    ];
    for (const was of before) {
      const now = after.find((m) => m.requestId === was.requestId);
      if (!now || now.startsAt.getTime() !== was.startsAt.getTime() || now.tableNumber !== was.tableNumber) {
        for (const id of sidesOf(was)) changedSmes.add(id);
      }
    }
    for (const now of after)
      if (!before.some((was) => was.requestId === now.requestId)) for (const id of sidesOf(now)) changedSmes.add(id);
    const people = new Map([
      [data.nordic.id, NORDIC_TRAVELLER],
      [data.loire.id, LOIRE_USER],
      [data.baltic.id, BALTIC_USER],
    ]);
    const toldNow = new Set(
      t.standIn
        .callsTo("chat.postMessage")
        .slice(dmCalls)
        .map((call) => String(call.args.channel))
        .filter((channel) => channel.startsWith("U")),
    );
    expect(toldNow).toEqual(new Set([...changedSmes].map((id) => people.get(id))));
    // Loire lost its Jiangsu meeting: it is told so, with its meetings now.
    const loireDm = dmsTo(LOIRE_USER).at(-1) ?? "";
    expect(loireDm).toContain("*The schedule of China mission 2027 changed for Loire Controls SAS*");
    expect(loireDm).toContain("• Cancelled: *Jiangsu Heat Networks Co.*, was 13 Apr 2027,");
    expect(loireDm).toContain("*Your meetings now* (Shanghai time):");
  });
});
