import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { refusalMessage } from "../../platform/auth.js";
import type { ManualClock } from "../../platform/clock.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "./fixtures.test-support.js";
import type { MissionRecord } from "./mission.js";
import { organisationsOfMission } from "./mission-reads.js";
import { type RawOrganisation, validateOrganisation } from "./organisation.js";
import { organisationColumns } from "./organisation-csv.js";
import { addOrganisation } from "./organisation-store.js";
import { organisationActionIds, organisationModalCallbackId } from "./organisation-views.js";

const STAFF = "U0STAFF001";
const SME_USER = "U0SMEUSER1";
const DM = "D0STAFF001";
const header = organisationColumns.map((column) => column.header).join(",");
const needs = "Replacing coal boilers in its district heating network with heat pumps";

let t: TestApp;
let mission: MissionRecord;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
  mission = await seedMission(t.db, { name: "Shanghai cleantech mission 2027" });
});
afterEach(async () => t.stop());

function organisation(raw: Partial<RawOrganisation> & { name: string }) {
  const result = validateOrganisation({ type: "buyer", country: "CN", city: "Shanghai", needs, ...raw });
  if (!result.ok) throw new Error(`bad fixture: ${JSON.stringify(result.errors)}`);
  return result.organisation;
}

async function seedOrganisation(raw: Partial<RawOrganisation> & { name: string }, missionId = mission.id) {
  const { record } = await addOrganisation(t.db, {
    missionId,
    profile: organisation(raw),
    bySlackId: "U0SEED0001",
    at: new Date("2027-03-01T09:00:00Z"),
  });
  return record;
}

async function listFor(userId: string, text: string) {
  const reply = await t.command(userId, "/mission", `orgs ${text}`);
  return t.responseTo(reply.responseUrl);
}

function botMessages(channel = DM) {
  return t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);
}

/** A person drops a CSV into the app's DM: Slack sends a message event with subtype file_share. */
async function shareCsv(userId: string, name: string, content: string | Buffer) {
  const file = t.standIn.addFile({ name, content, userId });
  const event = {
    type: "message",
    subtype: "file_share",
    channel: `D${userId.slice(1)}`,
    channel_type: "im",
    user: userId,
    text: "",
    ts: `${Date.now() / 1000}`,
    files: [file],
  };
  await t.event(event);
  return { fileId: String(file.id), event };
}

/** A row with the optional columns empty but for the days it is available. */
const row = (name: string, type = "buyer", available = "") => `${name},${type},CN,Shanghai,${needs},,,,,,${available}`;

/** Slack's view.state.values for the organisation form. */
function formState(raw: RawOrganisation) {
  const text = (value: string | undefined) => ({ value: { type: "plain_text_input", value: value || null } });
  const option = (value: string) => ({ text: { type: "plain_text", text: value }, value });
  const select = (value: string | undefined) => ({
    value: { type: "static_select", selected_option: value ? option(value) : null },
  });
  const multi = (values: readonly string[] | undefined) => ({
    value: { type: "multi_static_select", selected_options: (values ?? []).map(option) },
  });
  return {
    name: text(raw.name),
    type: select(raw.type),
    country: select(raw.country),
    city: text(raw.city),
    needs: text(raw.needs),
    sectors: multi(raw.sectors),
    website: text(raw.website),
    contactName: text(raw.contactName),
    contactEmail: { value: { type: "email_text_input", value: raw.contactEmail || null } },
    languages: text(raw.languages?.join("; ")),
    available: multi(raw.available),
  };
}

describe("/mission orgs <mission>", () => {
  it("says when a mission has no organisations yet, with staff's Add, Import and Export", async () => {
    const list = await listFor(STAFF, "shanghai");
    expect(list.text).toBe("*Shanghai cleantech mission 2027* has no local organisations yet.");
    const blocks = JSON.stringify(list.blocks);
    for (const id of [organisationActionIds.add, organisationActionIds.importFile, organisationActionIds.exportFile])
      expect(blocks).toContain(id);
    const forSme = await listFor(SME_USER, "shanghai");
    expect(JSON.stringify(forSme.blocks)).not.toContain(organisationActionIds.add);
    expect(String((await listFor(STAFF, "boston")).text)).toContain("No mission is called “boston”.");
  });

  it("pages through the organisations and filters them by type", async () => {
    for (let i = 1; i <= 12; i++)
      await seedOrganisation({ name: `Buyer ${String(i).padStart(2, "0")}`, type: i <= 3 ? "investor" : "buyer" });
    const first = await listFor(SME_USER, "shanghai cleantech");
    expect(first.text).toContain("12 local organisations — showing 1–10");
    const blocks = JSON.stringify(first.blocks);
    expect(blocks).toContain("*Buyer 01* · Investor · Shanghai");
    expect(blocks).not.toContain("Buyer 11");
    expect(blocks).not.toContain(organisationActionIds.autoAccept);

    await t.action({
      userId: SME_USER,
      actionId: `${organisationActionIds.page}.next`,
      value: JSON.stringify({ m: mission.id, o: 10 }),
    });
    const second = await t.standIn.waitForResponse(2);
    expect(second.body).toMatchObject({ replace_original: true });
    expect(String(second.body.text)).toContain("showing 11–12");

    const investors = await listFor(SME_USER, "shanghai type:investor");
    expect(investors.text).toContain("3 investor organisations — showing 1–3");
    expect(String((await listFor(SME_USER, "shanghai type:retailer")).text)).toContain(
      "“retailer” is not a type of organisation",
    );
  });
});

describe("adding an organisation in the form", () => {
  const typed: RawOrganisation = {
    name: "Shanghai Parks Bureau",
    type: "agency",
    country: "CN",
    city: "Shanghai",
    needs: "short",
    sectors: ["waste-circular"],
    contactEmail: "parks@",
    languages: ["Mandarin"],
    available: ["2027-04-13"],
  };

  it("shows errors inline, keeps the form open, then saves what was fixed", async () => {
    await t.command(STAFF, "/mission", "orgs add shanghai");
    const opened = await t.standIn.waitForCall("views.open");
    const view = opened.args.view as { private_metadata: string; blocks: { block_id?: string }[] };
    expect(view.blocks.map((block) => block.block_id)).toContain("available");

    const bad = await t.submitView({
      userId: STAFF,
      callbackId: organisationModalCallbackId,
      values: formState(typed),
      privateMetadata: view.private_metadata,
    });
    expect(bad.json).toEqual({
      response_action: "errors",
      errors: {
        needs: "Describe the needs in at least 20 characters.",
        contactEmail: expect.stringContaining("email"),
      },
    });
    expect(await t.db.localOrganisation.count()).toBe(0);

    const fixed = { ...typed, needs: "Wants a use for the green waste of its parks", contactEmail: "parks@sh.example" };
    const good = await t.submitView({
      userId: STAFF,
      callbackId: organisationModalCallbackId,
      values: formState(fixed),
      privateMetadata: view.private_metadata,
    });
    expect(good.json).toBeUndefined();
    const told = await t.standIn.waitFor(() => botMessages(STAFF)[0], "the confirmation");
    expect(told.args.text).toBe(
      ":white_check_mark: Added *Shanghai Parks Bureau* to *Shanghai cleantech mission 2027*.",
    );
    const [stored] = await organisationsOfMission(t.db, mission.id);
    expect(stored).toMatchObject({ type: "agency", sectors: ["waste-circular"], available: ["2027-04-13"] });
  });

  it("refuses a country outside the mission's market inline", async () => {
    const reply = await t.submitView({
      userId: STAFF,
      callbackId: organisationModalCallbackId,
      values: formState({
        ...typed,
        country: "US",
        needs: "Wants a use for the green waste of its parks",
        contactEmail: "",
      }),
      privateMetadata: JSON.stringify({ missionId: mission.id }),
    });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: { country: "This mission goes to China: the organisation's country is CN, not US." },
    });
  });

  it("links an organisation already known from another mission instead of adding it twice", async () => {
    const older = await seedMission(t.db, {
      name: "China mission 2026",
      startDate: "2026-04-12",
      endDate: "2026-04-16",
    });
    await seedOrganisation({ name: "Shanghai Parks Bureau Co., Ltd.", type: "agency" }, older.id);
    await t.submitView({
      userId: STAFF,
      callbackId: organisationModalCallbackId,
      values: formState({ ...typed, needs: "Wants a use for the green waste of its parks", contactEmail: "" }),
      privateMetadata: JSON.stringify({ missionId: mission.id }),
    });
    const told = await t.standIn.waitFor(() => botMessages(STAFF)[0], "the confirmation");
    expect(String(told.args.text)).toContain(
      "*Shanghai Parks Bureau* was already known from another mission: linked it to *Shanghai cleantech mission 2027* (not added twice)",
    );
    expect(await t.db.localOrganisation.count()).toBe(1);
    expect(await t.db.missionOrganisation.count()).toBe(2);
  });
});

describe("/mission orgs import", () => {
  async function announce() {
    const reply = await t.command(STAFF, "/mission", "orgs import shanghai");
    expect(String((await t.responseTo(reply.responseUrl)).text)).toContain("within 30 minutes");
  }

  it("imports the next file into the mission; a file nobody announced still goes to the directory", async () => {
    await announce();
    await shareCsv(
      STAFF,
      "orgs.csv",
      [header, row("Baosteel Energy", "project-owner"), row("Pudong Water")].join("\n"),
    );
    const done = await t.standIn.waitFor(() => botMessages()[0], "the import result");
    expect(done.args.text).toBe(
      ":white_check_mark: Imported 2 organisations from *orgs.csv* into *Shanghai cleantech mission 2027* (2 new).",
    );
    expect((await organisationsOfMission(t.db, mission.id)).map((o) => o.name)).toEqual([
      "Baosteel Energy",
      "Pudong Water",
    ]);

    await shareCsv(STAFF, "again.csv", [header, row("Minhang Heat")].join("\n"));
    const directory = await t.standIn.waitFor(() => botMessages()[1], "the directory's answer");
    expect(String(directory.args.text)).toContain("Unknown columns");
    expect(await t.db.localOrganisation.count()).toBe(2);
  });

  it("sends a file to the directory once the announcement is 30 minutes old, and answers a retried delivery once", async () => {
    await announce();
    const clock = t.deps.clock as ManualClock;
    clock.set(new Date(clock.now().getTime() + 31 * 60_000));
    await shareCsv(STAFF, "late.csv", [header, row("Baosteel Energy")].join("\n"));
    const directory = await t.standIn.waitFor(() => botMessages()[0], "the directory's answer");
    expect(String(directory.args.text)).toContain("Unknown columns");

    await announce();
    const { event } = await shareCsv(STAFF, "orgs.csv", [header, row("Baosteel Energy")].join("\n"));
    await t.standIn.waitFor(() => botMessages()[1], "the import result");
    await t.event(event, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    await t.standIn.settle();
    expect(botMessages()).toHaveLength(2);
    expect(await t.db.localOrganisation.count()).toBe(1);
  });

  it("shows the progress of a long import in a message updated after each batch", async () => {
    await announce();
    const rows = Array.from({ length: 250 }, (_, i) => row(`Organisation ${i + 1}`));
    await shareCsv(STAFF, "many.csv", [header, ...rows].join("\n"));
    const done = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.update").find((call) => String(call.args.text).includes("Imported")),
      "the import result",
      30_000,
    );
    expect(done.args.text).toBe(
      ":white_check_mark: Imported 250 organisations from *many.csv* into *Shanghai cleantech mission 2027* (250 new).",
    );
    expect(t.standIn.callsTo("chat.update").map((call) => String(call.args.text))).toEqual([
      ":hourglass_flowing_sand: Importing *many.csv*: 100 of 250 organisations written…",
      ":hourglass_flowing_sand: Importing *many.csv*: 200 of 250 organisations written…",
      done.args.text,
    ]);
    expect(await t.db.missionOrganisation.count({ where: { missionId: mission.id } })).toBe(250);
  }, 30_000);

  it("writes nothing from a file with bad rows, lists them by line and column, then imports the valid rows", async () => {
    await announce();
    const content = [
      header,
      row("Baosteel Energy"),
      "Too Short,buyer,CN,Shanghai,short,,,,,,",
      row("Boston Water", "buyer").replace(",CN,", ",US,"),
      row("Pudong Water", "buyer", "2027-05-01"),
      row("Minhang Heat"),
    ].join("\n");
    const { fileId } = await shareCsv(STAFF, "mixed.csv", content);
    const report = await t.standIn.waitFor(() => botMessages()[0], "the report");
    expect(report.args.text).toBe(
      "*mixed.csv* for *Shanghai cleantech mission 2027*: 2 rows can be imported, 3 have errors. Nothing was written.",
    );
    const details = JSON.stringify(report.args.blocks);
    expect(details).toContain("Line 3, `needs`: Describe the needs in at least 20 characters.");
    expect(details).toContain("Line 4, `country`: This mission goes to China");
    expect(details).toContain(
      "Line 5, `available`: 2027-05-01 is not a day of the mission (2027-04-12 to 2027-04-16).",
    );
    expect(await t.db.localOrganisation.count()).toBe(0);

    const value = JSON.stringify({ file: fileId, m: mission.id });
    await t.action({ userId: STAFF, actionId: organisationActionIds.importValidRows, value });
    const result = await t.standIn.waitForResponse(2);
    expect(result.body).toMatchObject({ replace_original: true });
    expect(String(result.body.text)).toContain("Imported 2 organisations from *mixed.csv*");
    expect(String(result.body.text)).toContain("Skipped 3 rows with errors.");
    expect(await t.db.localOrganisation.count()).toBe(2);

    await t.action({ userId: STAFF, actionId: organisationActionIds.importValidRows, value });
    expect(String((await t.standIn.waitForResponse(3)).body.text)).toContain("imported already");
  });

  it("reads a Windows-1252 file with accents and a semicolon-separated file", async () => {
    await announce();
    await shareCsv(
      STAFF,
      "accents.csv",
      iconv.encode([header, row("Société Générale Chine")].join("\r\n"), "windows-1252"),
    );
    await t.standIn.waitFor(() => botMessages()[0], "the first result");
    await announce();
    await shareCsv(
      STAFF,
      "semicolons.csv",
      [header, row("Jiading Bus Co; Ltd").replace("Co; Ltd", "Co")].join("\n").replaceAll(",", ";"),
    );
    const second = await t.standIn.waitFor(() => botMessages()[1], "the second result");
    expect(String(second.args.text)).toContain("Imported 1 organisation from *semicolons.csv*");
    expect((await organisationsOfMission(t.db, mission.id)).map((o) => o.name)).toEqual([
      "Jiading Bus Co",
      "Société Générale Chine",
    ]);
  });

  it("exports the mission's organisations in the import format, and the export imports back unchanged", async () => {
    await seedOrganisation({
      name: "=Shanghai Green Capital",
      type: "investor",
      sectors: ["energy-storage"],
      languages: ["Mandarin", "English"],
      available: ["2027-04-14"],
      contactName: "Wang Fang",
      contactEmail: "wang@sgc.example",
    });
    await seedOrganisation({ name: "Pudong Water" });
    const reply = await t.command(STAFF, "/mission", "orgs export shanghai");
    expect((await t.responseTo(reply.responseUrl)).text).toContain("Sent 2 organisations");
    const [file] = [...t.standIn.uploads.values()];
    expect(file?.filename).toMatch(/^ec2i-organisations-shanghai-cleantech-mission-2027-\d{4}-\d{2}-\d{2}\.csv$/);
    const content = file?.content.toString() ?? "";
    expect(parse(content, { columns: true })[0]).toMatchObject({
      name: "'=Shanghai Green Capital",
      type: "investor",
      sectors: "energy-storage",
      languages: "Mandarin; English",
      available: "2027-04-14",
    });
    const before = await organisationsOfMission(t.db, mission.id);

    await announce();
    await shareCsv(STAFF, "export.csv", content);
    const done = await t.standIn.waitFor(() => botMessages()[0], "the re-import");
    expect(String(done.args.text)).toContain("(2 already in this mission, updated)");
    expect(await organisationsOfMission(t.db, mission.id)).toEqual(before);
  });
});

describe("staff buttons on an organisation", () => {
  it("turns auto-accept on and off, redrawing the list with the button's new state", async () => {
    const org = await seedOrganisation({ name: "Pudong Water" });
    const value = (on: boolean) => JSON.stringify({ m: mission.id, o: 0, org: org.id, on });
    await t.action({ userId: STAFF, actionId: organisationActionIds.autoAccept, value: value(true) });
    const on = (await t.standIn.waitForResponse(1)).body;
    expect(on).toMatchObject({ replace_original: true });
    expect(String(on.text)).toContain("*Pudong Water* now accepts meeting requests without a click.");
    expect(JSON.stringify(on.blocks)).toContain("auto-accepts requests");
    expect(JSON.stringify(on.blocks)).toContain('"Stop auto-accepting"');
    expect((await t.db.localOrganisation.findUniqueOrThrow({ where: { id: org.id } })).autoAccept).toBe(true);
    await t.action({ userId: STAFF, actionId: organisationActionIds.autoAccept, value: value(false) });
    const off = (await t.standIn.waitForResponse(2)).body;
    expect(String(off.text)).toContain("now wait for staff");
    expect(JSON.stringify(off.blocks)).not.toContain("auto-accepts requests");
    expect(JSON.stringify(off.blocks)).toContain('"Auto-accept requests"');
    expect((await t.db.localOrganisation.findUniqueOrThrow({ where: { id: org.id } })).autoAccept).toBe(false);
  });

  it("edits an organisation in the form, refusing a name another organisation has", async () => {
    const org = await seedOrganisation({ name: "Pudong Water", contactName: "Li Wei" });
    await seedOrganisation({ name: "Minhang Heat" });
    await t.action({
      userId: STAFF,
      actionId: organisationActionIds.edit,
      value: JSON.stringify({ m: mission.id, o: 0, org: org.id }),
    });
    const opened = await t.standIn.waitForCall("views.open");
    const view = opened.args.view as { private_metadata: string };
    expect(JSON.stringify(opened.args.view)).toContain('"initial_value":"Li Wei"');
    const edited: RawOrganisation = {
      name: "Minhang Heat Co., Ltd.",
      type: "buyer",
      country: "CN",
      city: "Shanghai",
      needs,
    };
    const taken = await t.submitView({
      userId: STAFF,
      callbackId: organisationModalCallbackId,
      values: formState(edited),
      privateMetadata: view.private_metadata,
    });
    expect(taken.json).toMatchObject({
      response_action: "errors",
      errors: { name: expect.stringContaining("Minhang Heat (CN) is another organisation already known") },
    });
    await t.submitView({
      userId: STAFF,
      callbackId: organisationModalCallbackId,
      values: formState({ ...edited, name: "Pudong Water Supply" }),
      privateMetadata: view.private_metadata,
    });
    const told = await t.standIn.waitFor(() => botMessages(STAFF)[0], "the confirmation");
    expect(told.args.text).toBe(":white_check_mark: Saved *Pudong Water Supply*.");
    expect((await t.db.localOrganisation.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(
      "Pudong Water Supply",
    );
  });

  it("keeps a table for an organisation that meets at its own stand, refusing one already taken", async () => {
    const hosting = await seedOrganisation({ name: "Pudong Water" });
    const other = await seedOrganisation({ name: "Minhang Heat" });
    let formsOpened = 0;
    const openForm = async (org: number) => {
      await t.action({
        userId: STAFF,
        actionId: organisationActionIds.edit,
        value: JSON.stringify({ m: mission.id, o: 0, org }),
      });
      formsOpened += 1;
      const opened = await t.standIn.waitForCall("views.open", formsOpened);
      return opened.args.view as { private_metadata: string };
    };
    const submit = (view: { private_metadata: string }, name: string, stand: string) =>
      t.submitView({
        userId: STAFF,
        callbackId: organisationModalCallbackId,
        values: {
          ...formState({ name, type: "buyer", country: "CN", city: "Shanghai", needs }),
          standTable: { value: { type: "plain_text_input", value: stand || null } },
        },
        privateMetadata: view.private_metadata,
      });
    const hostingForm = await openForm(hosting.id);
    expect((await submit(hostingForm, "Pudong Water", "twelve")).json).toMatchObject({
      response_action: "errors",
      errors: { standTable: "Type a table number from 1 to 999, or leave it empty." },
    });
    await submit(hostingForm, "Pudong Water", "12");
    const told = await t.standIn.waitFor(() => botMessages(STAFF)[0], "the confirmation");
    expect(told.args.text).toContain("Their meetings are held at their stand, table 12.");

    const otherForm = await openForm(other.id);
    expect((await submit(otherForm, "Minhang Heat", "12")).json).toMatchObject({
      response_action: "errors",
      errors: { standTable: "Table 12 is already the stand of Pudong Water: choose another number." },
    });
    const list = await listFor(STAFF, mission.name);
    expect(JSON.stringify(list.blocks)).toContain("meets at its stand, table 12");

    // The form shows the stand when opened again, and clearing it frees the table.
    const again = await openForm(hosting.id);
    expect(JSON.stringify(again)).toContain('"initial_value":"12"');
    await submit(again, "Pudong Water", "");
    await t.standIn.waitFor(() => botMessages(STAFF)[1], "the second confirmation");
    const link = await t.db.missionOrganisation.findUniqueOrThrow({
      where: { missionId_organisationId: { missionId: mission.id, organisationId: hosting.id } },
    });
    expect(link.standTable).toBeNull();
  });

  it("removes an organisation from the mission, keeping it for others", async () => {
    const org = await seedOrganisation({ name: "Pudong Water" });
    await t.action({
      userId: STAFF,
      actionId: organisationActionIds.remove,
      value: JSON.stringify({ m: mission.id, o: 0, org: org.id }),
    });
    const removed = (await t.standIn.waitForResponse(1)).body;
    expect(String(removed.text)).toContain("Removed *Pudong Water*");
    expect(JSON.stringify(removed.blocks)).toContain("has no local organisations yet");
    expect(await organisationsOfMission(t.db, mission.id)).toEqual([]);
    expect(await t.db.localOrganisation.count()).toBe(1);
  });

  it("keeps an organisation that SMEs asked to meet, and says why", async () => {
    const org = await seedOrganisation({ name: "Pudong Water" });
    const sme = await seedSme(t.db, { name: "Nordic Heat A/S" });
    await t.db.meetingRequest.create({ data: { missionId: mission.id, smeId: sme.id, organisationId: org.id } });
    await t.action({
      userId: STAFF,
      actionId: organisationActionIds.remove,
      value: JSON.stringify({ m: mission.id, o: 0, org: org.id }),
    });
    expect(String((await t.standIn.waitForResponse(1)).body.text)).toContain(
      "1 meeting request of *Shanghai cleantech mission 2027* to *Pudong Water* is waiting or accepted: decline it first",
    );
    expect(await organisationsOfMission(t.db, mission.id)).toHaveLength(1);
  });

  it("refuses an SME member's forged clicks and changes nothing", async () => {
    const org = await seedOrganisation({ name: "Pudong Water" });
    await t.action({
      userId: SME_USER,
      actionId: organisationActionIds.autoAccept,
      value: JSON.stringify({ m: mission.id, o: 0, org: org.id, on: true }),
    });
    expect((await t.standIn.waitForResponse(1)).body.text).toBe(refusalMessage("sme", "missions.manage"));
    await t.action({
      userId: SME_USER,
      actionId: organisationActionIds.remove,
      value: JSON.stringify({ m: mission.id, o: 0, org: org.id }),
    });
    expect((await t.standIn.waitForResponse(2)).body.text).toBe(refusalMessage("sme", "missions.manage"));
    const forgedForm = await t.submitView({
      userId: SME_USER,
      callbackId: organisationModalCallbackId,
      values: formState({
        name: "Pudong Water",
        type: "buyer",
        country: "CN",
        city: "Shanghai",
        needs: "Forged: wants nothing at all, really.",
      }),
      privateMetadata: JSON.stringify({ missionId: mission.id, organisationId: org.id }),
    });
    expect(forgedForm.json).toMatchObject({ response_action: "errors" });
    const reply = await t.command(SME_USER, "/mission", "orgs import shanghai");
    expect((await t.responseTo(reply.responseUrl)).text).toBe(refusalMessage("sme", "missions.manage"));
    expect(await t.db.localOrganisation.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      autoAccept: false,
    });
    expect(await organisationsOfMission(t.db, mission.id)).toMatchObject([{ needs }]);
  });
});

describe("what staff typed about an organisation", () => {
  it("reaches Slack's mrkdwn escaped: no ping, link or mention", async () => {
    const hostile = "<!channel> <http://evil.example|Re-verify> <@U0EVIL0001>";
    await seedOrganisation({
      name: `Evil ${hostile} Co`,
      city: `Shanghai ${hostile}`,
      needs: `We need ${hostile} and twenty more characters`,
      contactName: `Mr ${hostile}`,
    });
    const list = await listFor(STAFF, "shanghai");
    const mrkdwn: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) for (const item of node) walk(item);
      else if (typeof node === "object" && node !== null) {
        const object = node as Record<string, unknown>;
        if (object.type === "mrkdwn" && typeof object.text === "string") mrkdwn.push(object.text);
        for (const child of Object.values(object)) walk(child);
      }
    };
    walk(list.blocks);
    expect(mrkdwn.join("\n")).toContain("Evil &lt;!channel&gt;");
    for (const markup of ["<!channel", "<http://evil.example", "<@U0EVIL0001"])
      expect(mrkdwn.join("\n")).not.toContain(markup);
  });
});

describe("/sme privacy erase of a staff member", () => {
  it("forgets who added organisations and any file they announced", async () => {
    await t.submitView({
      userId: STAFF,
      callbackId: organisationModalCallbackId,
      values: formState({ name: "Pudong Water", type: "buyer", country: "CN", city: "Shanghai", needs }),
      privateMetadata: JSON.stringify({ missionId: mission.id }),
    });
    const reply = await t.command(STAFF, "/mission", "orgs import shanghai");
    await t.responseTo(reply.responseUrl);
    expect(await t.db.localOrganisation.findFirstOrThrow()).toMatchObject({ createdBySlackId: STAFF });

    await t.command(STAFF, "/sme", "privacy erase");
    const confirmation = await t.standIn.waitForCall("views.open");
    const callbackId = (confirmation.args.view as { callback_id: string }).callback_id;
    await t.submitView({ userId: STAFF, callbackId, values: {} });
    await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => String(call.args.text).includes("was erased")),
      "the confirmation",
    );
    expect(await t.db.localOrganisation.findFirstOrThrow()).toMatchObject({
      name: "Pudong Water",
      createdBySlackId: null,
    });
    expect(await t.db.expectedUpload.count()).toBe(0);
  });
});
