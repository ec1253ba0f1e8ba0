import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeFilters, parseDirectoryQuery, toFtsQuery } from "./query.js";

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
