/** Issue 13: the consortium builder through the Slack stand-in: build, propose, create, swap, discard, list, status. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { buildCallbackId, consortiumActionIds, smePickerActionId } from "./views.js";

const STAFF = "U0STAFFDK1";
const NORDIC_USER = "U0NORDIC01";
const LOIRE_USER = "U0LOIRE001";
const GUEST = "U0GUEST001";

const needs =
  "District-energy retrofit of a residential district in Tianjin: heat pumps replacing the coal boilers, thermal storage, a building management system, engineering and financing.";

let t: TestApp;
let missionId: number;
let organisationId: number;
const ids: Record<string, number> = {};

beforeEach(async () => {
  t = await startTestApp();
  for (const [id, name] of [
    [STAFF, "alice"],
    [NORDIC_USER, "nils"],
    [LOIRE_USER, "louise"],
  ] as const) {
    t.standIn.addUser({ id, name, realName: name });
  }
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff", cluster: { connect: { key: "clean-dk" } } } });
  await t.db.person.create({ data: { slackUserId: GUEST, role: "guest" } });
  const mission = await seedMission(t.db);
  missionId = mission.id;
  const smes = [
    {
      key: "nordic",
      name: "Nordic Heat A/S",
      country: "DK",
      cluster: "clean-dk",
      pitch: "Large heat pumps for district heating networks",
      offer: "We design and build industrial heat pumps from 1 to 20 MW that replace coal boilers.",
      sectors: ["district-heating-cooling", "energy-efficiency"],
      stages: ["equipment"],
      member: NORDIC_USER,
    },
    {
      key: "danish",
      name: "Danish Heat Pumps ApS",
      country: "DK",
      cluster: "clean-dk",
      pitch: "Air-source heat pumps for apartment blocks",
      offer: "Heat pumps for residential buildings, with heat pump controls.",
      sectors: ["energy-efficiency"],
      stages: ["equipment"],
    },
    {
      key: "loire",
      name: "Loire Thermal SAS",
      country: "FR",
      cluster: "tenerrdis-fr",
      pitch: "Thermal storage tanks for district heating",
      offer: "Seasonal heat storage and thermal energy storage tanks for heating networks.",
      sectors: ["energy-storage", "district-heating-cooling"],
      stages: ["equipment"],
      member: LOIRE_USER,
    },
    {
      key: "gotland",
      name: "Gotland Controls AB",
      country: "SE",
      cluster: "sbh-se",
      pitch: "Building management software",
      offer: "A building management system (BMS) and energy management software with a digital twin.",
      sectors: ["green-buildings", "energy-efficiency"],
      stages: ["software-data"],
    },
    {
      key: "alpine",
      name: "Alpine Engineering GmbH",
      country: "AT",
      cluster: "green-tech-at",
      pitch: "Engineering and EPC of district energy plants",
      offer: "Engineering, design and turnkey EPC construction of district heating plants and retrofits.",
      sectors: ["district-heating-cooling"],
      stages: ["engineering-epc"],
    },
    {
      key: "brussels",
      name: "Brussels Green Finance SA",
      country: "BE",
      cluster: "tweed-be",
      pitch: "Financing for energy efficiency projects",
      offer: "Project financing, ESCO models and energy performance contracts for retrofits.",
      sectors: ["energy-efficiency"],
      stages: ["finance"],
    },
  ];
  for (const sme of smes) {
    const record = await seedSme(
      t.db,
      {
        name: sme.name,
        country: sme.country,
        cluster: sme.cluster,
        pitch: sme.pitch,
        offer: sme.offer,
        sectors: sme.sectors,
        stages: sme.stages,
        website: "",
      },
      "approved",
      sme.member,
    );
    ids[sme.key] = record.id;
    await t.db.missionParticipant.create({ data: { missionId, smeId: record.id, status: "confirmed" } });
  }
  const organisation = await t.db.localOrganisation.create({
    data: {
      name: "Tianjin Heating Co.",
      normalizedName: "tianjin heating",
      type: "project_owner",
      country: "CN",
      market: "CN",
      city: "Tianjin",
      needs,
      sectors: [],
    },
  });
  organisationId = organisation.id;
  await t.db.missionOrganisation.create({ data: { missionId, organisationId } });
});
afterEach(async () => t.stop());

type Form = {
  organisation?: string;
  description?: string;
  roles?: string;
  minCountries?: string;
  minClusters?: string;
  maxSize?: string;
  mustInclude?: number[];
  mustExclude?: number[];
  scope?: string;
};

/** What Slack sends in view.state.values for the build form. */
function formState(form: Form) {
  const option = (value: string) => ({ text: { type: "plain_text", text: value }, value });
  const text = (type: string, value: string | undefined) => ({ value: { type, value: value ?? null } });
  const picked = (values: number[] | undefined) => ({
    [smePickerActionId]: {
      type: "multi_external_select",
      selected_options: (values ?? []).map((id) => option(String(id))),
    },
  });
  return {
    organisation: {
      value: { type: "static_select", selected_option: form.organisation ? option(form.organisation) : null },
    },
    description: text("plain_text_input", form.description),
    roles: text("plain_text_input", form.roles),
    minCountries: text("number_input", form.minCountries ?? "2"),
    minClusters: text("number_input", form.minClusters ?? "2"),
    maxSize: text("number_input", form.maxSize ?? "6"),
    mustInclude: picked(form.mustInclude),
    mustExclude: picked(form.mustExclude),
    scope: { value: { type: "radio_buttons", selected_option: option(form.scope ?? "delegation") } },
  };
}

function submit(form: Form, userId = STAFF) {
  return t.submitView({
    userId,
    callbackId: buildCallbackId,
    values: formState(form),
    privateMetadata: JSON.stringify({ missionId }),
  });
}

const roles = "Heat pumps\nThermal storage\nBuilding management system and software\nEngineering and EPC\nFinancing";

/** The DMs the app posted to a person (messages, as the stand-in keeps them after updates). */
const dmTexts = (userId: string) =>
  t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === userId);

/** Builds with the five roles and waits for the three proposals; answers their ids, best first. */
async function buildProposals(form: Form = {}): Promise<number[]> {
  const reply = await submit({ organisation: String(organisationId), roles, ...form });
  expect(reply.text).toBe("");
  await t.standIn.waitFor(
    async () => ((await t.db.consortium.count()) >= 1 && dmTexts(STAFF).length >= 2 ? true : undefined),
    "the proposals",
    15000,
  );
  await t.standIn.waitFor(() => (dmTexts(STAFF).length >= 4 ? true : undefined), "three proposals", 15000);
  const rows = await t.db.consortium.findMany({ orderBy: { id: "asc" } });
  return rows.map((row) => row.id);
}

async function click(userId: string, actionId: string, value: object) {
  const responseUrl = t.standIn.newResponseUrl();
  await t.action({ userId, actionId, value: JSON.stringify(value), responseUrl });
  return JSON.stringify(await t.responseTo(responseUrl, 15000));
}

describe("/consortium build", () => {
  it("opens the form with the mission's organisations and the default constraints", async () => {
    await t.command(STAFF, "/consortium", "build china");
    const open = await t.standIn.waitForCall("views.open");
    const view = open.args.view as { callback_id: string; blocks: { block_id?: string; element?: object }[] };
    expect(view.callback_id).toBe(buildCallbackId);
    const element = (id: string) => view.blocks.find((block) => block.block_id === id)?.element;
    expect(JSON.stringify(element("organisation"))).toContain("Tianjin Heating Co.");
    expect(element("minCountries")).toMatchObject({ type: "number_input", initial_value: "2" });
    expect(element("minClusters")).toMatchObject({ initial_value: "2" });
    expect(element("maxSize")).toMatchObject({ initial_value: "6" });
    expect(element("mustInclude")).toMatchObject({ type: "multi_external_select" });
    expect(JSON.stringify(element("scope"))).toContain("The mission's delegation");
  });

  it("pre-fills the roles from the organisation's project, by keyword without an LLM, keeping what was typed", async () => {
    const reply = await submit({ organisation: String(organisationId), description: "Phase 1 only", maxSize: "5" });
    const answer = reply.json as {
      response_action: string;
      view: { blocks: { block_id?: string; element?: Record<string, unknown> }[] };
    };
    expect(answer.response_action).toBe("update");
    const element = (id: string) => answer.view.blocks.find((block) => block.block_id === id)?.element;
    expect(element("roles")?.initial_value).toBe(roles);
    expect(element("description")?.initial_value).toBe("Phase 1 only");
    expect(element("maxSize")?.initial_value).toBe("5");
    expect(JSON.stringify(answer.view)).toContain("Roles suggested from the project by keyword");
    expect(await t.db.consortium.count()).toBe(0);
  });

  it("shows errors inline and stores nothing: a description too short, a size too small, an SME both in and out", async () => {
    const short = await submit({ description: "heat stuff" });
    expect(short.json).toEqual({
      response_action: "errors",
      errors: { description: expect.stringContaining("This says too little to suggest the roles") },
    });
    const bad = await submit({
      description: "Retrofit with heat pumps",
      roles,
      maxSize: "1",
      mustInclude: [ids.nordic as number],
      mustExclude: [ids.nordic as number],
    });
    expect(bad.json).toEqual({
      response_action: "errors",
      errors: {
        maxSize: "The maximum size is a whole number from 2 to 12.",
        mustExclude: "An SME cannot be both in “must be in” and in “must not be in”: remove it from one.",
      },
    });
    expect(await t.db.consortium.count()).toBe(0);
  });

  it("refuses inline minimums no consortium of its maximum size can meet, keeping what was typed", async () => {
    const reply = await submit({ description: "Retrofit with heat pumps", roles, minCountries: "9", maxSize: "2" });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        minCountries:
          "At least 9 countries needs 9 members (each brings one), but a consortium has at most 2: lower this or raise the maximum size.",
      },
    });
    expect(await t.db.consortium.count()).toBe(0);
    expect(t.standIn.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("refuses an SME the pickers never offer (one still pending review) in “must be in”", async () => {
    const pending = await seedSme(t.db, { name: "Unreviewed Heat ApS", country: "DK" }, "pending");
    const forged = await submit({ description: "Retrofit with heat pumps", roles, mustInclude: [pending.id] });
    expect(forged.json).toEqual({
      response_action: "errors",
      errors: { mustInclude: "Pick the SMEs again from the list." },
    });
    expect(await t.db.consortium.count()).toBe(0);
  });

  it("posts “building…” then three diverse proposals with the SME per role, why it fits, countries, clusters and score", async () => {
    const proposals = await buildProposals();
    expect(proposals).toHaveLength(3);
    const [building, ...posted] = dmTexts(STAFF);
    expect(JSON.stringify(building?.args.blocks)).toContain("Building consortia for");
    const first = JSON.stringify(posted[0]?.args.blocks);
    expect(first).toContain("Tianjin Heating Co. consortium A");
    expect(first).toContain("*Heat pumps*: Nordic Heat A/S (Denmark, fit");
    expect(first).toContain("Its offer describes heat pumps");
    expect(first).toContain("*Thermal storage*: Loire Thermal SAS (France");
    expect(first).toContain("*Financing*: Brussels Green Finance SA (Belgium");
    expect(first).toMatch(/Countries: .*Austria.*Belgium.*Denmark.*France.*Sweden/);
    expect(first).toMatch(/Score [\d.]+ of 5/);
    for (const action of ["Create", "Swap a member", "Discard"]) expect(first).toContain(action);
    // The header replaced “building…”.
    const header = t.standIn.callsTo("chat.update").at(-1);
    expect(JSON.stringify(header?.args.blocks)).toContain("3 proposals");
    const stored = await t.db.consortium.findMany({ include: { members: true } });
    expect(stored.every((row) => row.status === "proposed" && row.missionId === missionId)).toBe(true);
  });

  it("Create makes a private channel with the SMEs' people and the staff member, posts the kick-off, and forms it", async () => {
    const [best] = await buildProposals();
    const answer = await click(STAFF, consortiumActionIds.create, { id: best });
    const create = t.standIn.callsTo("conversations.create").at(-1);
    // Form-encoded, as the Web API client sends it.
    expect(create?.args).toMatchObject({ is_private: "true" });
    expect(String(create?.args.name)).toMatch(/^consortium-tianjin-heating-co-consortium-a-\d+$/);
    const channelId = (await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } })).channelId;
    const invited = t.standIn
      .callsTo("conversations.invite")
      .filter((call) => call.args.channel === channelId)
      .flatMap((call) => String(call.args.users).split(","));
    expect(invited).toEqual(expect.arrayContaining([NORDIC_USER, LOIRE_USER, STAFF]));
    const kickOff = t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === channelId);
    const kickOffText = JSON.stringify(kickOff?.args.blocks);
    expect(kickOffText).toContain("The opportunity");
    expect(kickOffText).toContain("District-energy retrofit of a residential district in Tianjin");
    expect(kickOffText).toContain(`*Heat pumps*: Nordic Heat A/S (Denmark) — <@${NORDIC_USER}>`);
    expect(answer).toContain("formed");
    const row = await t.db.consortium.findUniqueOrThrow({
      where: { id: best as number },
      include: { statusChanges: true },
    });
    expect(row.status).toBe("formed");
    expect(row.statusChanges.map((change) => [change.from, change.to, change.bySlackId])).toEqual([
      [null, "proposed", STAFF],
      ["proposed", "formed", STAFF],
    ]);
  });

  it("Create that fails half-way stays a proposal, says so, and a second Create finishes in the same channel", async () => {
    const [best] = await buildProposals();
    t.standIn.failNext("chat.postMessage", "internal_error");
    const failed = await click(STAFF, consortiumActionIds.create, { id: best });
    expect(failed).toContain("Slack failed while setting up *Tianjin Heating Co. consortium A*");
    expect(failed).toContain("press Create again to finish in the same channel");
    const half = await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } });
    expect(half.status).toBe("proposed");
    expect(half.channelId).toMatch(/^C/);

    const finished = await click(STAFF, consortiumActionIds.create, { id: best });
    expect(finished).toContain(`formed: <#${half.channelId}>`);
    // Those invited the first time are in already: nobody is reported as not invited.
    expect(finished).not.toContain("did not let me invite");
    expect(t.standIn.callsTo("conversations.create")).toHaveLength(1);
    const kickOffs = t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === half.channelId);
    expect(kickOffs).toHaveLength(1);
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } })).status).toBe("formed");
  });

  it("Create pressed twice at once makes one channel, one kick-off, and forms it once", async () => {
    const [best] = await buildProposals();
    const answers = await Promise.all([
      click(STAFF, consortiumActionIds.create, { id: best }),
      click(STAFF, consortiumActionIds.create, { id: best }),
    ]);
    expect(t.standIn.callsTo("conversations.create")).toHaveLength(1);
    const row = await t.db.consortium.findUniqueOrThrow({
      where: { id: best as number },
      include: { statusChanges: { orderBy: { id: "asc" } } },
    });
    const kickOffs = t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === row.channelId);
    expect(kickOffs).toHaveLength(1);
    expect(answers.filter((answer) => answer.includes(`formed: <#${row.channelId}>`))).toHaveLength(1);
    expect(answers.filter((answer) => answer.includes("is already being created"))).toHaveLength(1);
    expect(row.statusChanges.map((change) => [change.from, change.to])).toEqual([
      [null, "proposed"],
      ["proposed", "formed"],
    ]);
  });

  it("Create on two proposals of one build at once forms only one of them", async () => {
    const [best, second] = await buildProposals();
    const answers = await Promise.all([
      click(STAFF, consortiumActionIds.create, { id: best }),
      click(STAFF, consortiumActionIds.create, { id: second }),
    ]);
    expect(t.standIn.callsTo("conversations.create")).toHaveLength(1);
    const rows = await t.db.consortium.findMany({ where: { id: { in: [best as number, second as number] } } });
    expect(rows.filter((row) => row.status === "formed")).toHaveLength(1);
    expect(answers.filter((answer) => answer.includes("Another proposal of this build"))).toHaveLength(1);
  });

  it("Create picks a free variant when someone else took the channel name", async () => {
    const [best] = await buildProposals();
    const taken = `consortium-tianjin-heating-co-consortium-a-${best}`;
    t.standIn.addChannel({ name: taken, members: ["U0SOMEONE1"] });
    const answer = await click(STAFF, consortiumActionIds.create, { id: best });
    const row = await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } });
    expect(row.status).toBe("formed");
    expect(t.standIn.channels.get(row.channelId as string)?.name).toBe(`${taken}-2`);
    expect(answer).toContain(`formed: <#${row.channelId}>`);
  });

  it("Swap a member: pick a role, see the next best candidates, and the proposal updates", async () => {
    const [best, ...others] = await buildProposals();
    // Alone: with its siblings, a swap must also keep it diverse from them (tested below).
    for (const other of others) await click(STAFF, consortiumActionIds.discard, { id: other });
    const rolesShown = await click(STAFF, consortiumActionIds.swap, { id: best });
    expect(rolesShown).toContain("Which role should someone else take?");
    const options = await click(STAFF, consortiumActionIds.swapRole, { id: best, role: "heat-pumps" });
    expect(options).toContain("Who should take *Heat pumps*?");
    expect(options).toContain("Danish Heat Pumps ApS");
    const updated = await click(STAFF, consortiumActionIds.swapTo, { id: best, role: "heat-pumps", sme: ids.danish });
    expect(updated).toContain("*Heat pumps*: Danish Heat Pumps ApS");
    const members = await t.db.consortiumMember.findMany({ where: { consortiumId: best as number } });
    expect(members.map((member) => member.smeId)).toContain(ids.danish);
    expect(members.map((member) => member.smeId)).not.toContain(ids.nordic);
  });

  it("Swap keeps the proposals of one build diverse: it offers nobody who would make two share more than half", async () => {
    const [best, second] = await buildProposals();
    // Make the second proposal what the best would become with Danish Heat Pumps for heat pumps.
    const bestRows = await t.db.consortiumMember.findMany({ where: { consortiumId: best as number } });
    expect(bestRows.map((row) => row.smeId)).toContain(ids.nordic);
    await t.db.consortiumMember.deleteMany({ where: { consortiumId: second as number } });
    for (const row of bestRows) {
      await t.db.consortiumMember.create({
        data: {
          consortiumId: second as number,
          smeId: row.smeId === ids.nordic ? (ids.danish as number) : row.smeId,
          roles: row.roles as object,
        },
      });
    }
    const options = await click(STAFF, consortiumActionIds.swapRole, { id: best, role: "heat-pumps" });
    expect(options).toMatch(
      /Nobody else can take \*Heat pumps\*: \d SMEs? who fit it would make this proposal share more than half its members with another proposal of the same build \(no two may\)/,
    );
    expect(options).not.toContain(consortiumActionIds.swapTo);
    // A forged button is refused too, and nothing changes.
    const forged = await click(STAFF, consortiumActionIds.swapTo, { id: best, role: "heat-pumps", sme: ids.danish });
    expect(forged).toContain("too like another of its build");
    const members = await t.db.consortiumMember.findMany({ where: { consortiumId: best as number } });
    expect(members.map((member) => member.smeId)).toContain(ids.nordic);
  });

  it("once one proposal of a build is created, the others say so, lose their buttons, and cannot be created", async () => {
    const [best, second, third] = await buildProposals();
    await click(STAFF, consortiumActionIds.create, { id: best });
    const channelId = (await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } })).channelId;
    const updates = t.standIn
      .callsTo("chat.update")
      .filter((call) => JSON.stringify(call.args).includes("Another proposal for this project was created"));
    expect(updates).toHaveLength(2);
    for (const update of updates) {
      expect(JSON.stringify(update.args.blocks)).toContain(`<#${channelId}>`);
      expect(JSON.stringify(update.args.blocks)).not.toContain(consortiumActionIds.create);
    }
    const stale = await click(STAFF, consortiumActionIds.create, { id: second });
    expect(stale).toContain(`Another proposal for this project was created: <#${channelId}>`);
    expect(stale).not.toContain(consortiumActionIds.create);
    const swap = await click(STAFF, consortiumActionIds.swap, { id: third });
    expect(swap).toContain("This one can no longer be created.");
    expect(t.standIn.callsTo("conversations.create")).toHaveLength(1);
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: second as number } })).status).toBe("proposed");
    // It can still be cleared away.
    expect(await click(STAFF, consortiumActionIds.discard, { id: second })).toContain("discarded");
  });

  it("Discard removes the proposal and says so in its message", async () => {
    const [, second] = await buildProposals();
    const answer = await click(STAFF, consortiumActionIds.discard, { id: second });
    expect(answer).toContain("discarded");
    expect(await t.db.consortium.findUnique({ where: { id: second as number } })).toBeNull();
    expect(await t.db.auditLog.count({ where: { action: "consortium.discard" } })).toBe(1);
  });

  it("refuses a forged Create from an SME member who did not build it, and from a guest", async () => {
    const [best] = await buildProposals();
    const refused = await click(NORDIC_USER, consortiumActionIds.create, { id: best });
    expect(refused).toContain("Only cluster staff and the person who built this proposal can change it.");
    const guest = await click(GUEST, consortiumActionIds.discard, { id: best });
    expect(guest).toContain(":no_entry: Only admins, cluster staff and SME members can do that");
    expect(t.standIn.callsTo("conversations.create")).toHaveLength(0);
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } })).status).toBe("proposed");
  });

  it("explains an impossible request in words: which constraint cannot be met", async () => {
    await submit({
      organisation: String(organisationId),
      roles: `${roles}\nSpace elevators`,
      minCountries: "6",
      maxSize: "12",
    });
    const explained = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.update").find((call) => JSON.stringify(call.args).includes("No consortium meets")),
      "the explanation",
      15000,
    );
    expect(JSON.stringify(explained.args.blocks)).toContain(
      "At least 6 countries are required, but the candidates in the mission's delegation come from 5: lower the number of countries or widen the search to the whole directory.",
    );
    expect(await t.db.consortium.count()).toBe(0);
  });

  it("names a role nobody can fill and proposes without it", async () => {
    await submit({ organisation: String(organisationId), roles: `${roles}\nSpace elevators` });
    const header = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.update").find((call) => JSON.stringify(call.args).includes("proposal")),
      "the header",
      15000,
    );
    expect(JSON.stringify(header.args.blocks)).toContain(
      "Nobody can fill *Space elevators*: no profile in the mission's delegation fits that role. Widen the search to the whole directory",
    );
  });

  /** The text of the answer that replaced “building…”. */
  const answerText = async (marker: string) =>
    JSON.stringify(
      (
        await t.standIn.waitFor(
          () => t.standIn.callsTo("chat.update").find((call) => JSON.stringify(call.args).includes(marker)),
          "the answer",
          15000,
        )
      ).args.blocks,
    );

  it("explains an impossible request with advice that can be followed: which role nobody covers under the constraints", async () => {
    // Only Brussels Green Finance fills financing, and it is excluded; the search is the whole directory.
    await submit({
      organisation: String(organisationId),
      roles: `${roles}\nSpace elevators`,
      scope: "directory",
      mustExclude: [ids.brussels as number],
    });
    const notes = await answerText("proposal");
    expect(notes).toContain(
      "Nobody can fill *Financing* under these constraints: only SMEs you excluded (1) fit that role.",
    );
    expect(notes).toContain("Nobody can fill *Space elevators*: no profile in the directory fits that role.");
    expect(notes).not.toMatch(/widen/i);
  });

  it("says the roles limit the size (one member per role) instead of advising a larger maximum", async () => {
    await submit({
      organisation: String(organisationId),
      // Three roles typed, but nobody fills the third: two members at most, and three must be in.
      roles: "Heat pumps\nThermal storage\nSpace elevators",
      mustInclude: [ids.nordic as number, ids.danish as number, ids.loire as number],
    });
    const explained = await answerText("No consortium meets");
    expect(explained).toContain("only 2 roles can be filled, so a consortium has at most 2 members");
    expect(explained).not.toContain("raise the maximum size");
  });

  it("shows 12 long roles filled by SMEs with long names within Slack's limits, every proposal stored shown", async () => {
    for (const [key, id] of Object.entries(ids)) {
      const name = `${key} ${"Long Company Name ".repeat(8)}`.slice(0, 117);
      await t.db.sme.update({ where: { id }, data: { name: `${name} AB` } });
    }
    const topics = ["Heat pumps", "Thermal storage", "Building management system", "Engineering and EPC", "Financing"];
    // 80 characters each: the most a role may have.
    const longRoles = Array.from({ length: 12 }, (_, k) =>
      `${topics[k % topics.length]} for phase ${k + 1} of the district retrofit ${"x".repeat(80)}`.slice(0, 80),
    );
    const reply = await submit({ description: needs, roles: longRoles.join("\n"), maxSize: "12", scope: "directory" });
    expect(reply.text).toBe("");
    // The header replaces "building…", then a message per proposal; or Slack refuses.
    const refusedOrShown = (count: number) =>
      t.standIn.limitViolations.length > 0 ||
      (t.standIn.callsTo("chat.update").length >= 1 && dmTexts(STAFF).length >= count) ||
      undefined;
    await t.standIn.waitFor(() => refusedOrShown(2), "the proposals or a refusal", 15000);
    const stored = await t.db.consortium.count();
    await t.standIn.waitFor(() => refusedOrShown(1 + stored), "every proposal or a refusal", 15000);
    expect(t.standIn.limitViolations).toEqual([]);
    const rows = await t.db.consortium.findMany();
    expect(rows.length).toBeGreaterThan(0);
    // Each stored proposal's message is recorded once posted: none is left unseen.
    await expect
      .poll(async () => (await t.db.consortium.findMany()).every((row) => row.proposalTs !== null), { timeout: 15000 })
      .toBe(true);
    const first = JSON.stringify(dmTexts(STAFF)[1]?.args.blocks);
    for (const role of longRoles) expect(first).toContain(role);
    expect(first).toContain("Long Company Name");
    expect(String(t.standIn.callsTo("chat.update")[0]?.args.text)).toContain("for your consortium");
  });

  it("discards the proposals Slack refused to show, and says so, instead of keeping ones nobody can see", async () => {
    // The "building…" message cannot be turned into the proposals' header.
    t.standIn.failNext("chat.update", "internal_error");
    await submit({ organisation: String(organisationId), roles });
    const warning = await t.standIn.waitFor(
      () => dmTexts(STAFF).find((call) => String(call.args.text).includes("Slack refused to show")),
      "the warning",
      15000,
    );
    expect(String(warning.args.text)).toContain("so I discarded them");
    expect(await t.db.consortium.count()).toBe(0);
  });

  it("says why fewer than three proposals arrive", async () => {
    // Only Loire stores heat and only Brussels finances: one team covers both roles.
    await submit({ description: needs, roles: "Thermal storage\nFinancing", maxSize: "2" });
    const header = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.update").find((call) => String(call.args.text).includes("for your consortium")),
      "the header",
      15000,
    );
    const count = await t.db.consortium.count();
    expect(count).toBeLessThan(3);
    expect(JSON.stringify(header.args.blocks)).toContain(
      `Only ${count} proposal${count === 1 ? "" : "s"}: no other team that meets the constraints differs enough`,
    );
  });

  it("shows an SME without a cluster apart, never as a cluster “no cluster”", async () => {
    const milano = await seedSme(t.db, {
      name: "Milano Capital Srl",
      country: "IT",
      pitch: "Financing for energy efficiency projects",
      offer: "Project financing, ESCO models and energy performance contracts for retrofits.",
      sectors: ["energy-efficiency"],
      stages: ["finance"],
      website: "",
    });
    await t.db.sme.update({ where: { id: milano.id }, data: { clusterId: null } });
    await t.db.missionParticipant.create({ data: { missionId, smeId: milano.id, status: "confirmed" } });
    const [best] = await buildProposals({ mustExclude: [ids.brussels as number] });
    const shown = JSON.stringify(
      dmTexts(STAFF).find((call) => JSON.stringify(call.args).includes(`consortium.${best}`)),
    );
    expect(shown).toContain("*Financing*: Milano Capital Srl (Italy");
    expect(shown).toMatch(/4 clusters: [^·]* \(1 SME without a cluster\) ·/);
    expect(shown).not.toMatch(/no cluster/i);
  });

  it("Swap says nobody in the pool fits a role when no other profile fits it at all", async () => {
    const [best] = await buildProposals();
    const answer = await click(STAFF, consortiumActionIds.swapRole, { id: best, role: "financing" });
    expect(answer).toContain(
      "Nobody else in the mission's delegation fits *Financing*: no other profile fits that role.",
    );
    expect(answer).not.toContain("constraints");
  });
});

describe("an SME member builds a consortium its company is in", () => {
  it("puts its own company in every proposal, and lets it act on its own proposals only", async () => {
    const reply = await submit({ description: needs, roles, mustInclude: [] }, NORDIC_USER);
    expect(reply.text).toBe("");
    await t.standIn.waitFor(() => (dmTexts(NORDIC_USER).length >= 2 ? true : undefined), "the proposals", 15000);
    const proposals = await t.db.consortium.findMany({ include: { members: true } });
    expect(proposals.length).toBeGreaterThan(0);
    for (const proposal of proposals) {
      expect(proposal.members.map((member) => member.smeId)).toContain(ids.nordic);
      expect(proposal.createdBySlackId).toBe(NORDIC_USER);
    }
    const discarded = await click(NORDIC_USER, consortiumActionIds.discard, { id: proposals[0]?.id });
    expect(discarded).toContain("discarded");
  });

  it("a member's Create invites its clusters' staff too, and the kick-off says members can move the status", async () => {
    // Staff of no member's cluster stay out.
    t.standIn.addUser({ id: "U0STAFFFR1", name: "francoise", realName: "francoise" });
    t.standIn.addUser({ id: "U0STAFFPL1", name: "piotr", realName: "piotr" });
    await t.db.person.create({
      data: { slackUserId: "U0STAFFFR1", role: "staff", cluster: { connect: { key: "tenerrdis-fr" } } },
    });
    await t.db.person.create({ data: { slackUserId: "U0STAFFPL1", role: "staff" } });
    await submit({ description: needs, roles, mustInclude: [] }, NORDIC_USER);
    await t.standIn.waitFor(() => (dmTexts(NORDIC_USER).length >= 2 ? true : undefined), "the proposals", 15000);
    const [best] = await t.db.consortium.findMany({ orderBy: { id: "asc" }, include: { members: true } });
    expect(best?.members.map((member) => member.smeId)).toContain(ids.loire);
    const answer = await click(NORDIC_USER, consortiumActionIds.create, { id: best?.id as number });
    const row = await t.db.consortium.findUniqueOrThrow({ where: { id: best?.id as number } });
    expect(answer).toContain(`formed: <#${row.channelId}>`);
    const invited = t.standIn
      .callsTo("conversations.invite")
      .filter((call) => call.args.channel === row.channelId)
      .flatMap((call) => String(call.args.users).split(","));
    expect(invited).toEqual(expect.arrayContaining([STAFF, "U0STAFFFR1", LOIRE_USER]));
    expect(invited).not.toContain("U0STAFFPL1");
    const kickOff = t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === row.channelId);
    expect(JSON.stringify(kickOff?.args.blocks)).toContain("`/consortium status` (its members and staff can");
  });

  it("never tells the member to leave its own company out: it is always in", async () => {
    // Nordic Heat makes heat pumps: it fills neither of these roles.
    await submit({ description: needs, roles: "Thermal storage\nFinancing", scope: "directory" }, NORDIC_USER);
    const explained = JSON.stringify(
      (
        await t.standIn.waitFor(
          () =>
            t.standIn.callsTo("chat.update").find((call) => JSON.stringify(call.args).includes("No consortium meets")),
          "the explanation",
          15000,
        )
      ).args.blocks,
    );
    expect(explained).toContain("Your company, Nordic Heat A/S, is in every consortium you build");
    expect(explained).not.toContain("leave it out");
  });

  it("tells a member whose company is still waiting for review that it must be approved first, before any form", async () => {
    const pending = await seedSme(t.db, { name: "Pending Pumps Oy", country: "FI" }, "pending", "U0PENDING1");
    const sent = await t.command("U0PENDING1", "/consortium", "build");
    const answer = JSON.stringify(await t.responseTo(sent.responseUrl));
    expect(answer).toContain(`Your company *${pending.name}* is still waiting for review`);
    expect(answer).toContain("once your cluster's staff have approved it");
    expect(t.standIn.callsTo("views.open")).toHaveLength(0);
  });

  it("tells a member who leaves its own company out that it is always in", async () => {
    const reply = await submit({ description: needs, roles, mustExclude: [ids.nordic as number] }, NORDIC_USER);
    expect(reply.text).toContain("Your company is always in a consortium you build: take it out of this list.");
    expect(await t.db.consortium.count()).toBe(0);
  });

  it("asks a member without a company to register it first", async () => {
    await t.db.person.create({ data: { slackUserId: "U0NOCOMP01", role: "sme" } });
    const sent = await t.command("U0NOCOMP01", "/consortium", "build");
    expect(JSON.stringify(await t.responseTo(sent.responseUrl))).toContain("not linked to a company yet");
    expect(t.standIn.callsTo("views.open")).toHaveLength(0);
  });
});

describe("/consortium list and status", () => {
  it("records a status change with who and when, shows it in the list, and lets members but not outsiders move it", async () => {
    const [best] = await buildProposals();
    await click(STAFF, consortiumActionIds.create, { id: best });

    const moved = await t.command(STAFF, "/consortium", "status tianjin heating co. consortium a bidding");
    expect(JSON.stringify(await t.responseTo(moved.responseUrl))).toContain("formed → *bidding*");
    const history = await t.db.consortiumStatusChange.findMany({
      where: { consortiumId: best as number },
      orderBy: { id: "asc" },
    });
    expect(history.at(-1)).toMatchObject({ from: "formed", to: "bidding", bySlackId: STAFF });
    expect(await t.db.auditLog.count({ where: { action: "consortium.status", entityId: String(best) } })).toBe(2);

    const list = await t.command(STAFF, "/consortium", "list china");
    const shown = JSON.stringify(await t.responseTo(list.responseUrl));
    expect(shown).toContain("Tianjin Heating Co. consortium A* · _bidding_");
    expect(shown).toContain("Nordic Heat A/S (Denmark)");
    expect(shown).toContain("Mark won");

    // Nordic's member may move its own consortium on, with the list's button.
    const won = await click(NORDIC_USER, consortiumActionIds.setStatus, { id: best, status: "won" });
    expect(won).toContain("bidding → *won*");
    // Gotland is not in it when Danish Heat Pumps is… but an outsider SME member is refused.
    await t.db.person.create({ data: { slackUserId: "U0OUTSIDE1", role: "sme" } });
    const outsider = await click("U0OUTSIDE1", consortiumActionIds.setStatus, { id: best, status: "lost" });
    expect(outsider).toContain("Only cluster staff and the consortium's own members can change its status.");
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } })).status).toBe("won");

    // A forged button value cannot send a formed consortium back to a proposal, nor skip a step.
    const forged = await click(NORDIC_USER, consortiumActionIds.setStatus, { id: best, status: "proposed" });
    expect(forged).toContain("is won: it can move to *bidding*, not proposed.");
    const typed = await t.command(STAFF, "/consortium", "status tianjin heating co. consortium a lost");
    expect(JSON.stringify(await t.responseTo(typed.responseUrl))).toContain("it can move to *bidding*, not lost");
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: best as number } })).status).toBe("won");
  });

  it("records a status pressed twice at once once: never bidding → bidding", async () => {
    const [best] = await buildProposals();
    await click(STAFF, consortiumActionIds.create, { id: best });
    const answers = await Promise.all([
      click(STAFF, consortiumActionIds.setStatus, { id: best, status: "bidding" }),
      click(NORDIC_USER, consortiumActionIds.setStatus, { id: best, status: "bidding" }),
    ]);
    const history = await t.db.consortiumStatusChange.findMany({
      where: { consortiumId: best as number },
      orderBy: { id: "asc" },
    });
    expect(history.map((change) => [change.from, change.to])).toEqual([
      [null, "proposed"],
      ["proposed", "formed"],
      ["formed", "bidding"],
    ]);
    expect(answers.filter((answer) => answer.includes("formed → *bidding*"))).toHaveLength(1);
  });

  it("offers only the statuses a person can move a consortium to: Create forms a proposal", async () => {
    const sent = await t.command(STAFF, "/consortium", "status");
    const usage = JSON.stringify(await t.responseTo(sent.responseUrl));
    expect(usage).toContain("<consortium name> bidding|won|lost`");
    expect(usage).toContain("a proposal is formed by its Create button");
  });

  /** A formed consortium of these SMEs, as Create leaves it (mission: the test's, unless null). */
  async function formed(name: string, smeIds: number[], mission: number | null = missionId) {
    return t.db.consortium.create({
      data: {
        missionId: mission,
        name,
        nameKey: name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, " ")
          .trim(),
        status: "formed",
        members: { create: smeIds.map((smeId) => ({ smeId })) },
      },
    });
  }
  const statusReply = async (userId: string, args: string) =>
    JSON.stringify(await t.responseTo((await t.command(userId, "/consortium", `status ${args}`)).responseUrl));

  it("matches the name exactly or by a unique prefix at word level, never a stray letter inside a word", async () => {
    const a = await formed("Tianjin Heating Co. consortium A", [ids.nordic as number, ids.loire as number]);
    await formed("Tianjin Heating Co. consortium B", [ids.danish as number, ids.gotland as number]);
    // "c" is inside "co." and "consortium", but no consortium C exists.
    expect(await statusReply(STAFF, "tianjin heating co. consortium c bidding")).toContain(
      "No consortium is called “tianjin heating co. consortium c”",
    );
    expect(await statusReply(STAFF, "tianjin heat bidding")).toContain("Several consortia match");
    expect(await statusReply(STAFF, "tianjin heat co cons a bidding")).toContain("formed → *bidding*");
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("bidding");
  });

  it("tells an SME member only of consortia its own company is in", async () => {
    const own = await formed("Tianjin Heating Co. consortium A", [ids.nordic as number, ids.loire as number]);
    const other = await formed("Tianjin Heating Co. consortium B", [ids.danish as number, ids.gotland as number]);
    const notFound = await statusReply(NORDIC_USER, "tianjin heating co. consortium b lost");
    expect(notFound).toContain("None of your company's consortia is called");
    expect(await statusReply(NORDIC_USER, `#${other.id} lost`)).toContain("None of your company's consortia");
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("formed");
    // "tianjin" names both for staff, but only its own for Nordic: no other consortium is named.
    const moved = await statusReply(NORDIC_USER, "tianjin bidding");
    expect(moved).toContain("Tianjin Heating Co. consortium A*: formed → *bidding*");
    expect(moved).not.toContain("consortium B");
    expect((await t.db.consortium.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("bidding");
  });

  it("refuses an outsider's forged status button on a proposal without naming it", async () => {
    const [best] = await buildProposals();
    await t.db.person.create({ data: { slackUserId: "U0OUTSIDE1", role: "sme" } });
    const refused = await click("U0OUTSIDE1", consortiumActionIds.setStatus, { id: best, status: "bidding" });
    expect(refused).toContain("Only cluster staff and the consortium's own members can change its status.");
    expect(refused).not.toContain("Tianjin Heating Co. consortium A");
  });

  it("promises the mission report only for a mission's consortium", async () => {
    await formed("Directory heat consortium A", [ids.nordic as number, ids.loire as number], null);
    expect(await statusReply(STAFF, "directory heat consortium a bidding")).toContain(
      "Recorded; `/consortium list` shows it.",
    );
  });

  it("names each consortium's mission in a list across missions, and says when it shows only the newest", async () => {
    for (let n = 1; n <= 16; n += 1) await formed(`Tianjin heat consortium ${n}`, [ids.nordic as number]);
    await formed("Directory heat consortium A", [ids.loire as number], null);
    const all = await t.command(STAFF, "/consortium", "list");
    const shown = JSON.stringify(await t.responseTo(all.responseUrl));
    expect(shown).toContain("*Directory heat consortium A* · _formed_ · no mission (whole directory)");
    expect(shown).toContain("*Tianjin heat consortium 16* · _formed_ · China mission 2027");
    expect(shown).toContain("Showing the newest 15 of 17: name a mission to narrow it");
    const ofMission = await t.command(STAFF, "/consortium", "list china");
    const narrowed = JSON.stringify(await t.responseTo(ofMission.responseUrl));
    expect(narrowed).toContain("Showing the newest 15 of 16.");
    expect(narrowed).not.toContain("· China mission 2027");
  });
});

describe("a consortium named after the project's description", () => {
  it("drops the punctuation its first words end on", async () => {
    await submit({ description: "Retrofit of the Tianjin district heating, phase one with heat pumps", roles });
    await t.standIn.waitFor(() => (dmTexts(STAFF).length >= 2 ? true : undefined), "a proposal", 15000);
    const names = (await t.db.consortium.findMany()).map((row) => row.name);
    expect(names[0]).toBe("Retrofit of the Tianjin district heating consortium A");
  });
});
