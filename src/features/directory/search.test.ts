/**
 * What people notice of the full-text index through `/sme find`, on whichever database the suite
 * runs (FTS5 on SQLite, tsvector on PostgreSQL): accents, prefixes, the order of results, and
 * typed query syntax. The last block holds what only PostgreSQL's unaccent folds.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, testDialect } from "../../../test/support/harness.js";
import { seedSme } from "./fixtures.test-support.js";

const STAFF = "U0STAFF001";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
});
afterEach(async () => t.stop());

type Reply = { text?: string; blocks?: { type: string; text?: { text: string } }[] };

async function find(text: string): Promise<Reply> {
  const sent = await t.command(STAFF, "/sme", `find ${text}`);
  expect(sent.status).toBe(200);
  return (await t.responseTo(sent.responseUrl)) as Reply;
}

/** The company names listed, in order. */
async function found(text: string): Promise<string[]> {
  const reply = await find(text);
  expect(reply.text ?? "").not.toContain("went wrong");
  return (reply.blocks ?? [])
    .filter((block) => block.type === "section" && block.text?.text.startsWith("*"))
    .map((block) => /^\*(.+?)\*/.exec(block.text?.text ?? "")?.[1] ?? "");
}

/** A profile whose text and tags hold none of the words searched below. */
const plain = {
  pitch: "Consulting for utilities",
  offer: "Studies and audits for utilities.",
  sectors: ["water-wastewater"],
};

describe("the directory's full-text search", () => {
  it("folds accents both ways: “Énergie” finds “energie” and “energie” finds “Énergie”", async () => {
    await seedSme(t.db, { ...plain, name: "Énergie Verte SARL", country: "FR" });
    await seedSme(t.db, { ...plain, name: "Energiewerk GmbH", country: "DE" });
    expect((await found("energie")).sort()).toEqual(["Energiewerk GmbH", "Énergie Verte SARL"]);
    expect(await found("ÉNERGIE verte")).toEqual(["Énergie Verte SARL"]);
    expect(await found("énergiewerk")).toEqual(["Energiewerk GmbH"]);
  });

  it("matches word prefixes, not the middle of words", async () => {
    await seedSme(t.db, { ...plain, name: "Geothermix", pitch: "Deep geothermal wells" });
    await seedSme(t.db, { ...plain, name: "Hydrotherm" });
    expect(await found("geotherm")).toEqual(["Geothermix"]);
    expect(await found("therm")).toEqual([]);
    expect(await found("hydro")).toEqual(["Hydrotherm"]);
  });

  it("ranks a word in the name above the pitch, the pitch above the offer, the offer above the tags", async () => {
    // Created in the opposite order, so that the order below is the ranking's, not the ids'.
    await seedSme(t.db, { ...plain, name: "Tagged Only", sectors: ["hydrogen"] });
    await seedSme(t.db, { ...plain, name: "Offer Mention", offer: "Electrolysers for hydrogen valleys." });
    await seedSme(t.db, { ...plain, name: "Pitch Mention", pitch: "Hydrogen refuelling for buses" });
    await seedSme(t.db, { ...plain, name: "Hydrogen Nord" });
    expect(await found("hydrogen")).toEqual(["Hydrogen Nord", "Pitch Mention", "Offer Mention", "Tagged Only"]);
  });

  it("searches typed query syntax as words: no error, nothing run, no widening to everyone", async () => {
    await seedSme(t.db, { ...plain, name: "Heat Pumps Nord", pitch: "Heat pumps for homes" });
    await seedSme(t.db, { ...plain, name: "Solar Roofs" });
    for (const typed of ["'heat':*A", "heat & !pump", "(heat)", "heat <-> pumps", "heat\\"]) {
      expect(await found(typed), typed).toEqual(["Heat Pumps Nord"]);
    }
    for (const typed of ["!solar", "solar & !roofs", "heat | solar", '"heat" NEAR pump*', "NOT roofs", "ʼ", "ː"]) {
      expect(await found(typed), typed).not.toContain("Heat Pumps Nord");
    }
  });
});

describe.runIf(testDialect() === "postgresql")("the directory's full-text search on PostgreSQL (unaccent)", () => {
  it("folds what unaccent folds beyond accents: ß, æ, ø, œ", async () => {
    await seedSme(t.db, { ...plain, name: "Straße Wärme GmbH", country: "DE" });
    await seedSme(t.db, { ...plain, name: "Ærø Grøn Energi", country: "DK" });
    expect(await found("strasse warme")).toEqual(["Straße Wärme GmbH"]);
    expect(await found("STRAẞE")).toEqual(["Straße Wärme GmbH"]);
    expect(await found("aero gron")).toEqual(["Ærø Grøn Energi"]);
    expect(await found("ærø")).toEqual(["Ærø Grøn Energi"]);
  });

  it("searches letters that unaccent folds into punctuation without a syntax error", async () => {
    await seedSme(t.db, { ...plain, name: "Hawaiʻi Ocean Power" });
    // ʻ folds to an apostrophe, which splits the word in the index and in the search alike.
    expect(await found("hawaiʻi")).toEqual(["Hawaiʻi Ocean Power"]);
    expect(await found("ʻ ocean")).toEqual([]);
  });
});
