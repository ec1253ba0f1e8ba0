import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SIGNING_SECRET, startTestApp, type TestApp } from "../../../test/support/harness.js";
import { blockSuggestionPayload, interactionBody, postSigned } from "../../sandbox/slack-requests.js";
import { BOT_USER_ID } from "../../sandbox/slack-stand-in.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import {
  addSmesCallbackId,
  delegationActionIds,
  smePickerBlockId,
  travellersBlockId,
  travellersCallbackId,
} from "./delegation-views.js";
import { seedMission } from "./fixtures.test-support.js";

const STAFF_DK = "U0STAFFDK1";
const STAFF_DK2 = "U0STAFFDK2";
const STAFF_FR = "U0STAFFFR1";
const NORDIC = "U0NORDIC01";
const AQUA = "U0AQUA0001";
const BIOCHAR = "U0BIOCHAR1";
const WIND = "U0WIND0001";
const CHANNEL = "C0MISSION1";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  // The mission's channel, with the app in it, and the people who may be invited to it.
  t.standIn.addChannel({ id: CHANNEL, name: "china-mission-2027" });
  for (const id of [NORDIC, AQUA, BIOCHAR, WIND, "U0TRAVEL01", "U0FREJA001"]) {
    t.standIn.addUser({ id, name: id.toLowerCase(), realName: id });
  }
  for (const [slackUserId, cluster] of [
    [STAFF_DK, "clean-dk"],
    [STAFF_DK2, "clean-dk"],
    [STAFF_FR, "tenerrdis-fr"],
  ] as const) {
    await t.db.person.create({ data: { slackUserId, role: "staff", cluster: { connect: { key: cluster } } } });
  }
});
afterEach(async () => t.stop());

/** An approved SME of the CLEAN cluster (Denmark) targeting China, with one member who speaks for it. */
async function smeWithMember(name: string, member: string, extra: Partial<Parameters<typeof seedSme>[1]> = {}) {
  await t.db.person.create({ data: { slackUserId: member, role: "sme" } });
  return seedSme(t.db, { ...extra, name, contactSlackUserId: member }, "approved", member);
}

function dmTexts(userId: string): string[] {
  return t.standIn
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === userId)
    .map((call) => String(call.args.text));
}

function waitForDm(userId: string, containing: string) {
  return t.standIn.waitFor(
    () => dmTexts(userId).find((text) => text.includes(containing)),
    `a DM to ${userId} saying “${containing}”`,
  );
}

function waitForResponse(containing: string) {
  return t.standIn.waitFor(
    () => t.standIn.responses.find((r) => JSON.stringify(r.body).includes(containing))?.body,
    `a reply saying “${containing}”`,
  );
}

async function statuses(missionId: number) {
  const rows = await t.db.missionParticipant.findMany({
    where: { missionId },
    include: { sme: { select: { name: true } } },
    // Confirmed (no waiting place) first: NULLs sort first on SQLite and last on PostgreSQL unless told.
    orderBy: [{ waitingPlace: { sort: "asc", nulls: "first" } }, { smeId: "asc" }],
  });
  return rows.map((row) => `${row.sme.name}: ${row.status}${row.waitingPlace ? ` ${row.waitingPlace}` : ""}`);
}

function submitAdd(userId: string, missionId: number, smeIds: number[]) {
  return t.submitView({
    userId,
    callbackId: addSmesCallbackId,
    privateMetadata: JSON.stringify({ missionId }),
    values: {
      [smePickerBlockId]: {
        [delegationActionIds.smeSearch]: {
          type: "multi_external_select",
          selected_options: smeIds.map((id) => ({
            text: { type: "plain_text", text: `SME ${id}` },
            value: String(id),
          })),
        },
      },
    },
  });
}

/** Types in the add form's SME picker, as Slack asks the app for options; returns the options' names. */
async function suggest(userId: string, typed: string, view: Record<string, unknown>): Promise<string[]> {
  const payload = blockSuggestionPayload({
    userId,
    actionId: delegationActionIds.smeSearch,
    blockId: smePickerBlockId,
    value: typed,
    view,
  });
  const reply = await postSigned(t.url, interactionBody(payload), "application/x-www-form-urlencoded", {
    secret: SIGNING_SECRET,
  });
  expect(reply.status).toBe(200);
  t.standIn.checkAcknowledgement(`options for “${typed}”`, reply.json);
  const options = (reply.json as { options: { text: { text: string } }[] }).options;
  return options.map((option) => option.text.text);
}

/** Clicks a button of a DM the app sent to `userId` (the n-th such button), as Slack sends the click. */
async function clickInDm(userId: string, actionId: string, clicker = userId) {
  const message = t.standIn.messages.find(
    (m) => m.channel === `D${userId.slice(1)}` && JSON.stringify(m.blocks ?? []).includes(actionId),
  );
  if (!message) throw new Error(`no DM to ${userId} with ${actionId}`);
  const button = (message.blocks as { elements?: { action_id: string; value: string }[] }[])
    .flatMap((block) => block.elements ?? [])
    .find((element) => element.action_id === actionId);
  return t.action({
    userId: clicker,
    actionId,
    value: button?.value ?? "",
    channelId: message.channel,
    messageTs: message.ts,
  });
}

describe("staff add SMEs to a mission", () => {
  it("searches the directory as staff type (past Slack's 100 options), places SMEs up to capacity, then on a waiting list in order, and invites their people", async () => {
    const mission = await seedMission(t.db, { capacity: 2 });
    const nordic = await smeWithMember("Nordic Heat A/S", NORDIC);
    const aqua = await smeWithMember("Aqua Pure AB", AQUA, { country: "SE" });
    const biochar = await smeWithMember("Biochar Kilns ApS", BIOCHAR);
    const wind = await smeWithMember("Wind Blades SAS", WIND, { markets: ["US"] });
    for (let i = 1; i <= 100; i++) await seedSme(t.db, { name: `Nordic Supplier ${String(i).padStart(3, "0")}` });
    await seedSme(t.db, { name: "Nordic Draft ApS" }, "pending");

    await t.command(STAFF_DK, "/mission", "add china");
    const open = await t.standIn.waitForCall("views.open");
    const view = open.result?.view as Record<string, unknown>;
    expect(JSON.stringify(view)).toContain('"type":"multi_external_select"');
    expect(JSON.stringify(view)).toContain("0 of 2 places taken");

    // Slack shows at most 100 options (the stand-in refuses more); listed SMEs only.
    const found = await suggest(STAFF_DK, "nordic", view);
    expect(found).toHaveLength(100);
    expect(found).not.toContain("Nordic Draft ApS");
    expect((await suggest(STAFF_DK, "nordic hea", view))[0]).toBe("Nordic Heat A/S");
    expect(await suggest(NORDIC, "nordic", view)).toEqual([]);

    expect((await submitAdd(STAFF_DK, mission.id, [nordic.id, aqua.id, biochar.id])).status).toBe(200);
    await submitAdd(STAFF_DK, mission.id, [wind.id, nordic.id]);
    expect(await statuses(mission.id)).toEqual([
      "Nordic Heat A/S: confirmed",
      "Aqua Pure AB: confirmed",
      "Biochar Kilns ApS: waiting 1",
      "Wind Blades SAS: waiting 2",
    ]);
    // Placed SMEs are no longer offered.
    expect(await suggest(STAFF_DK, "nordic heat", view)).not.toContain("Nordic Heat A/S");

    expect(await waitForDm(NORDIC, "invited")).toContain(
      "invited *Nordic Heat A/S* to the delegation of *China mission 2027* (Shanghai, 12–16 April 2027). Name who travels with `/mission travellers China mission 2027`.",
    );
    expect(await waitForDm(BIOCHAR, "waiting list")).toContain("place 1");
    const summary = await waitForDm(STAFF_DK, "*Wind Blades SAS*");
    expect(summary).toContain("*Nordic Heat A/S*: already in the delegation");
    expect(summary).toContain("*Wind Blades SAS* does not list China among its target markets");

    // Asking for a place already taken (or a waiting place) leaves it as it is.
    expect(dmTexts(NORDIC).filter((text) => text.includes("invited"))).toHaveLength(1);
  });

  it("refuses an SME that is not listed, with the form kept open", async () => {
    const mission = await seedMission(t.db);
    const draft = await seedSme(t.db, { name: "Draft Only ApS" }, "pending");
    const reply = await submitAdd(STAFF_DK, mission.id, [draft.id]);
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: { [smePickerBlockId]: "Only SMEs listed in the directory can join: Draft Only ApS is not. Remove it." },
    });
    expect(await statuses(mission.id)).toEqual([]);
    const bySme = await submitAdd(NORDIC, mission.id, [draft.id]);
    expect(JSON.stringify(bySme.json)).toContain("Only admins and cluster staff can do that");
  });
});

describe("/mission join", () => {
  it("asks the SME's cluster staff, refuses forged clicks, approves once and tells both sides", async () => {
    const mission = await seedMission(t.db, { channelId: CHANNEL });
    await smeWithMember("Nordic Heat A/S", NORDIC);
    const reply = await t.command(NORDIC, "/mission", "join china mission");
    expect((await t.responseTo(reply.responseUrl)).text).toContain(
      "Asked: the staff of your cluster (2 people) decide whether *Nordic Heat A/S* joins *China mission 2027*",
    );
    const request = await waitForDm(STAFF_DK, "asks for *Nordic Heat A/S* to join");
    expect(request).toContain(`<@${NORDIC}> asks for *Nordic Heat A/S* to join the delegation of *China mission 2027*`);
    await waitForDm(STAFF_DK2, "asks for");
    expect(dmTexts(STAFF_FR)).toEqual([]);

    // Forged: the SME's own member, and staff of another cluster.
    await clickInDm(STAFF_DK, delegationActionIds.approve, NORDIC);
    await waitForResponse("Only admins and cluster staff can do that");
    await clickInDm(STAFF_DK, delegationActionIds.approve, STAFF_FR);
    await waitForResponse("belongs to another cluster");
    expect(await statuses(mission.id)).toEqual(["Nordic Heat A/S: requested"]);

    await clickInDm(STAFF_DK, delegationActionIds.approve);
    expect((await waitForResponse("approved")).text).toBe(
      `<@${STAFF_DK}> approved *Nordic Heat A/S*'s request to join *China mission 2027*: it has a place in the delegation.`,
    );
    expect(await waitForDm(NORDIC, "joins the delegation")).toContain(":tada: *Nordic Heat A/S* joins the delegation");
    expect(await statuses(mission.id)).toEqual(["Nordic Heat A/S: confirmed"]);

    // The other staff member's copy still has the buttons: a click says who decided.
    await clickInDm(STAFF_DK2, delegationActionIds.decline);
    expect((await waitForResponse("already")).text).toBe(
      `<@${STAFF_DK}> already approved it: the SME has a place (*Nordic Heat A/S*).`,
    );
    expect(await statuses(mission.id)).toEqual(["Nordic Heat A/S: confirmed"]);

    const again = await t.command(NORDIC, "/mission", "join china mission");
    expect((await t.responseTo(again.responseUrl)).text).toContain("is already in the delegation");
  });

  it("declines, tells the SME, and lets it ask again", async () => {
    const mission = await seedMission(t.db);
    await smeWithMember("Nordic Heat A/S", NORDIC);
    await t.command(NORDIC, "/mission", "join china");
    await waitForDm(STAFF_DK, "asks for");
    await clickInDm(STAFF_DK, delegationActionIds.decline);
    expect((await waitForResponse("declined")).text).toContain(`<@${STAFF_DK}> declined *Nordic Heat A/S*'s request`);
    expect(await waitForDm(NORDIC, "declined")).toContain("Cluster staff declined *Nordic Heat A/S*'s request");
    expect(await statuses(mission.id)).toEqual(["Nordic Heat A/S: declined"]);
    const again = await t.command(NORDIC, "/mission", "join china");
    expect((await t.responseTo(again.responseUrl)).text).toContain("Asked:");
    expect(await statuses(mission.id)).toEqual(["Nordic Heat A/S: requested"]);
  });

  it("puts an approved SME on the waiting list when the mission is full", async () => {
    const mission = await seedMission(t.db, { capacity: 1 });
    const aqua = await seedSme(t.db, { name: "Aqua Pure AB" });
    await submitAdd(STAFF_DK, mission.id, [aqua.id]);
    await smeWithMember("Nordic Heat A/S", NORDIC);
    await t.command(NORDIC, "/mission", "join china");
    expect(await waitForDm(STAFF_DK, "asks for")).toBeTruthy();
    await clickInDm(STAFF_DK, delegationActionIds.approve);
    expect(await waitForDm(NORDIC, "waiting list")).toContain(
      "the mission is full: it is on the waiting list, place 1",
    );
    expect(await statuses(mission.id)).toEqual(["Aqua Pure AB: confirmed", "Nordic Heat A/S: waiting 1"]);
  });

  it("answers an SME that is not listed, or that does not target the mission's market", async () => {
    await seedMission(t.db);
    await smeWithMember("Wind Blades SAS", WIND, { markets: ["US"] });
    const offMarket = await t.command(WIND, "/mission", "join china");
    expect((await t.responseTo(offMarket.responseUrl)).text).toBe(
      "*Wind Blades SAS* does not list China among its target markets, and *China mission 2027* goes there. Add the market to your profile with `/sme edit`, then ask again.",
    );
    await t.db.person.create({ data: { slackUserId: AQUA, role: "sme" } });
    await seedSme(t.db, { name: "Aqua Pure AB", contactSlackUserId: AQUA }, "pending", AQUA);
    const pending = await t.command(AQUA, "/mission", "join china");
    expect((await t.responseTo(pending.responseUrl)).text).toContain(
      "*Aqua Pure AB* is not listed in the directory yet",
    );
    const staff = await t.command(STAFF_DK, "/mission", "join china");
    expect((await t.responseTo(staff.responseUrl)).text).toContain("Staff add SMEs with `/mission add <mission>`");
    const unknown = await t.command(WIND, "/mission", "join atlantis");
    expect((await t.responseTo(unknown.responseUrl)).text).toContain("No mission is called “atlantis”");
    await seedMission(t.db, { name: "Archived China mission 2026", archivedAt: new Date("2026-06-01T00:00:00Z") });
    await smeWithMember("Nordic Heat A/S", NORDIC);
    const archived = await t.command(NORDIC, "/mission", "join archived china mission 2026");
    expect((await t.responseTo(archived.responseUrl)).text).toBe(
      "*Archived China mission 2026* is archived: its delegation no longer changes.",
    );
    expect(await t.db.missionParticipant.count()).toBe(0);
    expect(dmTexts(STAFF_DK)).toEqual([]);
  });
});

describe("leaving the delegation", () => {
  it("moves the first SME of the waiting list up when one withdraws or is removed, and tells it", async () => {
    const mission = await seedMission(t.db, { capacity: 1, channelId: CHANNEL });
    const nordic = await smeWithMember("Nordic Heat A/S", NORDIC);
    const aqua = await smeWithMember("Aqua Pure AB", AQUA);
    const biochar = await smeWithMember("Biochar Kilns ApS", BIOCHAR);
    await submitAdd(STAFF_DK, mission.id, [nordic.id, aqua.id, biochar.id]);
    await t.db.missionParticipant.update({
      where: { missionId_smeId: { missionId: mission.id, smeId: aqua.id } },
      data: { travellers: ["U0TRAVEL01"] },
    });

    // The SME sees Withdraw on its own line only; another SME's member cannot forge it.
    const list = await t.command(NORDIC, "/mission", "delegation china");
    const shown = JSON.stringify(await t.responseTo(list.responseUrl));
    expect(shown.match(/missions\.delegation\.withdraw/g)).toHaveLength(1);
    expect(shown).not.toContain(delegationActionIds.remove);
    const value = JSON.stringify({ missionId: mission.id, smeId: nordic.id });
    await t.action({ userId: BIOCHAR, actionId: delegationActionIds.withdraw, value });
    await waitForResponse("You can withdraw only your own company");
    expect(await statuses(mission.id)).toContain("Nordic Heat A/S: confirmed");

    await t.action({ userId: NORDIC, actionId: delegationActionIds.withdraw, value });
    expect(await waitForDm(AQUA, "moves up")).toContain(
      ":tada: A place freed up: *Aqua Pure AB* moves up from the waiting list into the delegation of *China mission 2027*",
    );
    expect(await waitForDm(STAFF_DK, "left")).toContain(
      "*Nordic Heat A/S* left *China mission 2027* (<@U0NORDIC01>). *Aqua Pure AB* moved up from the waiting list.",
    );
    expect(await statuses(mission.id)).toEqual([
      "Nordic Heat A/S: withdrawn",
      "Aqua Pure AB: confirmed",
      "Biochar Kilns ApS: waiting 2",
    ]);
    // The promoted SME's travellers are invited to the mission's channel.
    await t.standIn.waitForCall("conversations.invite");
    expect(t.standIn.channels.get(CHANNEL)?.members).toEqual(new Set([BOT_USER_ID, "U0TRAVEL01"]));

    // Staff remove, with a confirmation on the button; the next one moves up.
    const staffList = await t.command(STAFF_DK, "/mission", "delegation china");
    const staffView = JSON.stringify(await t.responseTo(staffList.responseUrl));
    expect(staffView).toContain('"title":{"type":"plain_text","text":"Remove this SME?"}');
    await t.action({
      userId: STAFF_DK,
      actionId: delegationActionIds.remove,
      value: JSON.stringify({ missionId: mission.id, smeId: aqua.id }),
    });
    expect(await waitForDm(AQUA, "removed")).toContain(
      `<@${STAFF_DK}> removed *Aqua Pure AB* from *China mission 2027*`,
    );
    await waitForDm(BIOCHAR, "moves up");
    expect(await statuses(mission.id)).toContain("Biochar Kilns ApS: confirmed");
  });
});

describe("travellers and the delegation list", () => {
  it("saves the people who travel, shows them, and invites them to the mission's channel", async () => {
    const mission = await seedMission(t.db, { capacity: 1, channelId: CHANNEL });
    const nordic = await smeWithMember("Nordic Heat A/S", NORDIC);
    const aqua = await smeWithMember("Aqua Pure AB", AQUA);
    await submitAdd(STAFF_DK, mission.id, [nordic.id, aqua.id]);
    await t.command(NORDIC, "/mission", "join china");
    await waitForResponse("already in the delegation");

    await t.command(NORDIC, "/mission", "travellers china mission 2027");
    const open = await t.standIn.waitForCall("views.open");
    expect(JSON.stringify(open.args.view)).toContain('"type":"multi_users_select"');
    const submit = (userId: string, users: string[]) =>
      t.submitView({
        userId,
        callbackId: travellersCallbackId,
        privateMetadata: JSON.stringify({ missionId: mission.id, smeId: nordic.id }),
        values: {
          [travellersBlockId]: {
            [delegationActionIds.travellers]: { type: "multi_users_select", selected_users: users },
          },
        },
      });
    const tooMany = await submit(
      NORDIC,
      Array.from({ length: 11 }, (_, i) => `U0TRAVEL${String(i).padStart(2, "0")}`),
    );
    expect(tooMany.json).toEqual({
      response_action: "errors",
      errors: { [travellersBlockId]: "Pick at most 10 people: the delegation's places are for companies." },
    });
    const forged = await submit(AQUA, ["U0AQUA0001"]);
    expect(forged.json).toEqual({
      response_action: "errors",
      errors: { [travellersBlockId]: "You name the travellers of your own company only." },
    });
    expect((await submit(NORDIC, [NORDIC, "U0FREJA001"])).status).toBe(200);
    expect(await waitForDm(NORDIC, "Saved")).toBe(
      `Saved: <@${NORDIC}>, <@U0FREJA001> travel for *Nordic Heat A/S* to *China mission 2027*.`,
    );
    await t.standIn.waitForCall("conversations.invite", 2);
    expect(t.standIn.channels.get(CHANNEL)?.members).toEqual(new Set([BOT_USER_ID, NORDIC, "U0FREJA001"]));

    // Staff open it for any SME, pre-filled.
    await t.command(STAFF_DK, "/mission", "travellers china for nordic heat");
    const staffOpen = await t.standIn.waitForCall("views.open", 2);
    expect(JSON.stringify(staffOpen.args.view)).toContain(`"initial_users":["${NORDIC}","U0FREJA001"]`);

    const list = await t.command(STAFF_DK, "/mission", "delegation china");
    const shown = JSON.stringify(await t.responseTo(list.responseUrl));
    expect(shown).toContain(`*Nordic Heat A/S* — <@${NORDIC}>, <@U0FREJA001>`);
    expect(shown).toContain("1. *Aqua Pure AB* — _travellers not named yet_");
    expect(shown).toContain("In the delegation: 1 of 1");
    await t.action({
      userId: STAFF_DK,
      actionId: delegationActionIds.openAdd,
      value: JSON.stringify({ missionId: mission.id }),
    });
    const addForm = await t.standIn.waitForCall("views.open", 3);
    expect(addForm.args.view).toMatchObject({ callback_id: addSmesCallbackId });
    expect(JSON.stringify(addForm.args.view)).toContain("1 of 1 places taken, 1 on the waiting list");
  });

  it("/bi status groups SMEs by the mission they are confirmed in", async () => {
    const mission = await seedMission(t.db, { capacity: 1 });
    const nordic = await seedSme(t.db, { name: "Nordic Heat A/S" });
    const aqua = await seedSme(t.db, { name: "Aqua Pure AB" });
    await submitAdd(STAFF_DK, mission.id, [nordic.id, aqua.id]);
    const status = await t.command(STAFF_DK, "/bi", "status");
    const text = JSON.stringify(await t.responseTo(status.responseUrl));
    const [inMission = "", notInMission = ""] = text.split("Not in a mission");
    expect(inMission).toContain("China mission 2027 (Shanghai, 2027-04-12)");
    expect(inMission).toContain("Nordic Heat A/S");
    expect(inMission).not.toContain("Aqua Pure AB");
    expect(notInMission).toContain("Aqua Pure AB");
  });
});

describe("names people typed", () => {
  it("never reach Slack as a ping, a link or a mention", async () => {
    const hostile = "<!channel> <http://evil.example|Re-verify> <@U0EVIL0001>";
    const mission = await seedMission(t.db, { name: `China ${hostile} 2027`, capacity: 1, channelId: CHANNEL });
    const evil = await smeWithMember(`Evil ${hostile} Heat`, NORDIC);
    const aqua = await seedSme(t.db, { name: `Aqua ${hostile}` });
    await submitAdd(STAFF_DK, mission.id, [aqua.id]);
    await t.command(NORDIC, "/mission", "join china");
    await waitForDm(STAFF_DK, "asks for");
    await clickInDm(STAFF_DK, delegationActionIds.approve);
    await waitForDm(NORDIC, "waiting list");
    for (const user of [STAFF_DK, NORDIC]) await t.command(user, "/mission", "delegation china");
    await t.action({
      userId: STAFF_DK,
      actionId: delegationActionIds.remove,
      value: JSON.stringify({ missionId: mission.id, smeId: aqua.id }),
    });
    await waitForDm(NORDIC, "moves up");
    await t.command(STAFF_DK, "/mission", "travellers china for evil");
    await t.standIn.settle();
    expect(evil.id).toBeGreaterThan(0);
    const sent = [
      ...t.standIn.calls.map((call) => JSON.stringify(call.args)),
      ...t.standIn.responses.map((response) => JSON.stringify(response.body)),
    ];
    for (const markup of ["<!channel", "<http://evil.example", "<@U0EVIL0001"]) {
      expect(sent.filter((text) => text.includes(markup))).toEqual([]);
    }
  });
});
