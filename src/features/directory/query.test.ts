import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestMatch, describeFilters, maxQueryLength, parseDirectoryQuery, toFtsQuery } from "./query.js";

describe("parseDirectoryQuery", () => {
  it("separates free text from filters and normalises filter values", () => {
    const parsed = parseDirectoryQuery(
      'heat pump sector:"district heating" country:dk,se cluster:clean market:CN stage:equipment seeks:distrib trl>=6',
    );
    expect(parsed).toEqual({
      ok: true,
      query: {
        text: "heat pump",
        filters: {
          sectors: ["district-heating-cooling"],
          countries: ["DK", "SE"],
          clusters: ["clean-dk"],
          markets: ["CN"],
          stages: ["equipment"],
          seeks: ["distributors"],
          trlMin: 6,
        },
      },
    });
  });

  it("reads every TRL comparison", () => {
    expect(parseDirectoryQuery("trl<=4")).toMatchObject({ query: { filters: { trlMax: 4 } } });
    expect(parseDirectoryQuery("trl:7")).toMatchObject({ query: { filters: { trlMin: 7, trlMax: 7 } } });
    expect(parseDirectoryQuery("trl>5 trl<9")).toMatchObject({ query: { filters: { trlMin: 6, trlMax: 8 } } });
    expect(parseDirectoryQuery("trl>=12")).toMatchObject({ ok: false });
    expect(parseDirectoryQuery("trl>=7 trl<=3")).toMatchObject({ ok: false });
  });

  it("answers unknown filter names and values with the valid ones", () => {
    const name = parseDirectoryQuery("solar colour:green");
    expect(name.ok).toBe(false);
    if (!name.ok) {
      expect(name.message).toContain("`colour` is not a filter I know");
      expect(name.message).toContain("`sector:`");
      expect(name.message).toContain("Usage: `/sme find");
    }
    const value = parseDirectoryQuery("sector:nuclear");
    expect(!value.ok && value.message).toContain("`nuclear` is not a valid sector");
    expect(!value.ok && value.message).toContain("`hydrogen`");
    const market = parseDirectoryQuery("market:india");
    expect(!market.ok && market.message).toContain("`us`, `cn`");
  });

  it("reads filters typed with spaces around the operator", () => {
    expect(parseDirectoryQuery("trl > 6")).toEqual(parseDirectoryQuery("trl>6"));
    expect(parseDirectoryQuery("heat trl >= 5 sector: hydrogen")).toMatchObject({
      ok: true,
      query: { text: "heat", filters: { trlMin: 5, sectors: ["hydrogen"] } },
    });
  });

  it("suggests the closest value or filter name for a typo", () => {
    const sector = parseDirectoryQuery("sector:hydrgen");
    expect(!sector.ok && sector.message).toContain("`hydrgen` is not a valid sector. Did you mean `hydrogen`?");
    const cluster = parseDirectoryQuery("cluster:tweed-bee");
    expect(!cluster.ok && cluster.message).toContain("Did you mean `tweed-be`?");
    const name = parseDirectoryQuery("sectr:hydrogen");
    expect(!name.ok && name.message).toContain("Did you mean `sector`?");
    const far = parseDirectoryQuery("sector:nuclear");
    expect(!far.ok && far.message).not.toContain("Did you mean");
    expect(closestMatch("stroage", ["energy-storage", "storage"])).toBe("storage");
  });

  it("says so when the text has no searchable word and there is no filter", () => {
    const emoji = parseDirectoryQuery("🔥");
    expect(emoji).toMatchObject({ ok: false });
    expect(!emoji.ok && emoji.message).toContain("“🔥” has no word I can search for");
    expect(!emoji.ok && emoji.message).toContain("Usage: `/sme find");
    expect(parseDirectoryQuery("🔥 country:dk")).toMatchObject({ ok: true, query: { filters: { countries: ["DK"] } } });
    expect(parseDirectoryQuery("")).toMatchObject({ ok: true }); // everything, e.g. for /sme export
  });

  it("refuses a query longer than the page buttons can carry, and escapes what it echoes", () => {
    const long = parseDirectoryQuery("heat ".repeat(1000));
    expect(!long.ok && long.message).toContain(`I search at most ${maxQueryLength}`);
    const hostile = parseDirectoryQuery("sector:<!channel>");
    expect(!hostile.ok && hostile.message).toContain("`&lt;!channel&gt;` is not a valid sector");
  });

  it("writes filters back as text", () => {
    const parsed = parseDirectoryQuery("sector:hydrogen country:fr trl>=5");
    expect(parsed.ok && describeFilters(parsed.query.filters)).toEqual(["sector:hydrogen", "country:fr", "trl>=5"]);
  });
});

describe("toFtsQuery", () => {
  it("quotes each word and matches prefixes", () => {
    expect(toFtsQuery("Geotherm Heat-Pumps")).toBe('"geotherm"* "heat"* "pumps"*');
  });

  it("turns FTS operators into plain words and drops punctuation", () => {
    expect(toFtsQuery('"solar" NEAR(wind) -coal * ^x')).toBe('"solar"* "near"* "wind"* "coal"* "x"*');
    expect(toFtsQuery('*** "" -- ()')).toBeUndefined();
  });

  it("never lets anything but quoted letters and digits through (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const query = toFtsQuery(text);
        if (query === undefined) return true;
        return /^("[\p{L}\p{N}]+"\* ?)+$/u.test(query);
      }),
      { numRuns: 500 },
    );
  });
});
