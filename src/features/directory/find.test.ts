import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { seedSme } from "./fixtures.test-support.js";
import { actionIds } from "./views.js";

const STAFF = "U0STAFF001";
const SME_USER = "U0SMEUSER1";
const OTHER_SME = "U0OTHERSM1";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  await t.db.person.create({ data: { slackUserId: OTHER_SME, role: "sme" } });
});
afterEach(async () => t.stop());

async function seedDirectory() {
  const geo = await seedSme(
    t.db,
    {
      name: "GeoTherm Solutions",
      country: "FR",
      cluster: "tenerrdis-fr",
      pitch: "Geothermal heat for cities and industry",
      offer: "Shallow and deep geothermal systems for district heating networks and industrial parks.",
      sectors: ["renewable-energy", "district-heating-cooling"],
      markets: ["US", "CN"],
      trl: "8",
    },
    "approved",
    SME_USER,
  );
  const mention = await seedSme(t.db, {
    name: "Drill Partners",
    country: "BE",
    cluster: "tweed-be",
    pitch: "Drilling services for energy projects",
    offer: "Drilling for water wells and, on request, geothermal boreholes.",
    sectors: ["water-wastewater"],
    markets: ["US"],
    trl: "9",
  });
  await seedSme(t.db, { name: "Hidden Pending Geothermal", country: "DK" }, "pending");
  for (let i = 1; i <= 19; i++) {
    await seedSme(t.db, {
      name: `Solar Company ${String(i).padStart(2, "0")}`,
      country: i % 2 ? "SE" : "DK",
      pitch: "Solar panels and inverters for commercial roofs",
      offer: "We install photovoltaic systems with monitoring software for commercial buildings.",
      sectors: ["renewable-energy"],
      markets: i % 3 ? ["US"] : ["CN"],
      trl: String(1 + (i % 9)),
    });
  }
  return { geo, mention };
}

type Reply = {
  text?: string;
  blocks?: { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];
};

async function find(userId: string, text: string): Promise<Reply> {
  const sent = await t.command(userId, "/sme", `find ${text}`);
  expect(sent.status).toBe(200);
  return (await t.responseTo(sent.responseUrl)) as Reply;
}

function names(reply: Reply): string[] {
  return (reply.blocks ?? [])
    .filter((block) => block.type === "section" && block.text?.text.startsWith("*"))
    .map((block) => /^\*(.+?)\*/.exec(block.text?.text ?? "")?.[1] ?? "");
}

describe("/sme find", () => {
  it("finds by word prefix and ranks the best match first; pending profiles are not listed", async () => {
    await seedDirectory();
    const reply = await find(OTHER_SME, "geotherm");
    expect(names(reply)).toEqual(["GeoTherm Solutions", "Drill Partners"]);
    expect(reply.text).toContain("2 SMEs match “geotherm”");
  });

  it("applies filters on their own and with text", async () => {
    await seedDirectory();
    expect(names(await find(OTHER_SME, "market:cn country:fr"))).toEqual(["GeoTherm Solutions"]);
    expect(names(await find(OTHER_SME, "geothermal cluster:tweed"))).toEqual(["Drill Partners"]);
    const solar = await find(OTHER_SME, "solar trl>=8 market:us");
    expect(names(solar).every((name) => name.startsWith("Solar Company"))).toBe(true);
    expect(names(solar)).toEqual(["Solar Company 07", "Solar Company 08", "Solar Company 16", "Solar Company 17"]);
  });

  it("pages through results with Next and Previous, replacing the message", async () => {
    await seedDirectory();
    const first = await find(OTHER_SME, "solar");
    expect(first.text).toContain("19 SMEs match “solar” — showing 1–8");
    const next = first.blocks?.find((b) => b.type === "actions")?.elements?.find((e) => e.action_id.endsWith(".next"));
    expect(next).toBeDefined();
    await t.action({ userId: OTHER_SME, actionId: next?.action_id ?? "", value: next?.value ?? "" });
    const second = (await t.standIn.waitFor(() => t.standIn.responses[1], "page 2")).body as Reply & {
      replace_original: boolean;
    };
    expect(second.replace_original).toBe(true);
    expect(second.text).toContain("showing 9–16");
    const buttons = second.blocks?.find((b) => b.type === "actions")?.elements?.map((e) => e.action_id) ?? [];
    expect(buttons).toEqual([`${actionIds.page}.previous`, `${actionIds.page}.next`]);
    expect(new Set([...names(first), ...names(second)]).size).toBe(16);
  });

  it("answers unknown filters with usage, and no results with the filter to relax", async () => {
    await seedDirectory();
    const unknown = await find(OTHER_SME, "solar colour:blue");
    expect(unknown.text).toContain("`colour` is not a filter I know");
    const none = await find(OTHER_SME, "geothermal country:se");
    expect(none.text).toContain("No listed SME matches");
    expect(none.text).toContain("Without `country:se` there are 2 matches");
  });

  it("says so when nothing in the query can be searched, instead of listing everyone", async () => {
    await seedDirectory();
    const reply = await find(OTHER_SME, "🔥");
    expect(reply.text).toContain("“🔥” has no word I can search for");
    expect(reply.text).toContain("Usage: `/sme find");
    expect(reply.blocks ?? []).toHaveLength(0);
  });

  it("reads `trl > 6` like `trl>6` and suggests the value meant by a typo", async () => {
    await seedDirectory();
    expect(names(await find(OTHER_SME, "geothermal trl > 8"))).toEqual(["Drill Partners"]);
    const typo = await find(OTHER_SME, "sector:hydrgen");
    expect(typo.text).toContain("Did you mean `hydrogen`?");
  });

  it("answers a very long query clearly, and pages a long accepted one within Slack's limits", async () => {
    await seedDirectory();
    const tooLong = await find(OTHER_SME, "solar ".repeat(700));
    expect(tooLong.text).toContain("I search at most 500");
    const longest = `solar ${"x".repeat(488)} `; // 495 characters: accepted, but matches nothing
    const words = `${"solar ".repeat(82)}panels`; // 498 characters of real words
    expect((await find(OTHER_SME, longest)).text).toContain("No listed SME matches");
    const first = await find(OTHER_SME, words);
    const next = first.blocks?.find((b) => b.type === "actions")?.elements?.find((e) => e.action_id.endsWith(".next"));
    expect(next).toBeDefined();
    await t.action({ userId: OTHER_SME, actionId: next?.action_id ?? "", value: next?.value ?? "" });
    const second = (await t.standIn.waitFor(() => t.standIn.responses[3], "page 2")).body as Reply;
    expect(second.text).toContain("showing 9–16");
    expect(t.standIn.limitViolations).toEqual([]);
  });

  it("keeps the page buttons within Slack's limit when the query holds control characters", async () => {
    await seedDirectory();
    const first = await find(OTHER_SME, `solar ${"\u0001".repeat(450)}`);
    expect(first.text).toContain("19 SMEs match “solar");
    expect(t.standIn.limitViolations).toEqual([]);
  });

  it("refuses guests", async () => {
    const reply = await find("U0GUEST001", "solar");
    expect(reply.text).toContain("you have no role yet");
  });

  it("refuses a guest's click on a page button where they clicked, and shows no results", async () => {
    await seedDirectory();
    const value = JSON.stringify({ q: "solar", o: 8 });
    await t.action({ userId: "U0GUEST001", actionId: `${actionIds.page}.next`, value });
    const refusal = (await t.standIn.waitForResponse(1)).body as { text: string; replace_original: boolean };
    expect(refusal.text).toContain("you have no role yet");
    expect(refusal.replace_original).toBe(false);
    await t.standIn.settle();
    expect(t.standIn.responses).toHaveLength(1);
  });
});

describe("viewing a profile", () => {
  it("opens the full profile; contact details only for staff and the SME itself", async () => {
    const { geo } = await seedDirectory();
    const view = async (userId: string) => {
      const before = t.standIn.callsTo("views.open").length;
      await t.action({ userId, actionId: actionIds.view, value: String(geo.id) });
      const open = await t.standIn.waitForCall("views.open", before + 1);
      return JSON.stringify(open.args.view);
    };
    const forStaff = await view(STAFF);
    expect(forStaff).toContain("GeoTherm Solutions");
    expect(forStaff).toContain("hello@nordicheat.dk");
    expect(await view(OTHER_SME)).not.toContain("hello@nordicheat.dk");
    await t.db.person.create({ data: { slackUserId: "U0FRESH001", role: "sme", smeId: geo.id } });
    expect(await view("U0FRESH001")).toContain("hello@nordicheat.dk");
  });

  it("refuses a forged View of a profile that is not listed", async () => {
    await seedDirectory();
    const pending = await t.db.sme.findFirstOrThrow({ where: { status: "pending" } });
    await t.action({ userId: OTHER_SME, actionId: actionIds.view, value: String(pending.id) });
    const refusal = await t.standIn.waitForCall("chat.postMessage");
    expect(String(refusal.args.text)).toContain("not listed");
    expect(t.standIn.callsTo("views.open")).toHaveLength(0);
  });

  it("/sme show opens one profile by name, or lists several", async () => {
    await seedDirectory();
    await t.command(OTHER_SME, "/sme", "show geotherm solutions");
    const open = await t.standIn.waitForCall("views.open");
    expect(JSON.stringify(open.args.view)).toContain("Geothermal heat for cities and industry");
    const many = await t.command(OTHER_SME, "/sme", "show solar company");
    expect((await t.responseTo(many.responseUrl)).text).toContain("5 SMEs match “solar company”");
    const none = await t.command(OTHER_SME, "/sme", "show atlantis");
    expect((await t.responseTo(none.responseUrl)).text).toContain(
      "No listed SME is called “atlantis”. Try `/sme find atlantis`.",
    );
  });
});

describe("/sme find with any text", () => {
  it("never throws nor answers 5xx, whatever people type (property)", async () => {
    await seedSme(t.db, { name: "Nordic Heat A/S" });
    const hostile = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc
        .array(
          fc.constantFrom(
            '"',
            "*",
            "NEAR",
            "NEAR(",
            "-",
            "(",
            ")",
            "AND",
            "OR",
            "NOT",
            "^",
            ":",
            "trl>=",
            "sector:",
            "\\",
            "'",
            "heat",
            "💧",
            "日本",
          ),
          { maxLength: 12 },
        )
        .map((parts) => parts.join(" ")),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const sent = await t.command(OTHER_SME, "/sme", `find ${text}`);
        if (sent.status !== 200) return false;
        if (text.trim() === "") return true;
        const reply = (await t.responseTo(sent.responseUrl)) as { text?: string };
        return !String(reply.text).includes("Sorry, something went wrong");
      }),
      { numRuns: 60 },
    );
  });
});
