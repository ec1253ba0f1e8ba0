import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyFilters, searchWords } from "./query.js";
import { facetExpression, searchExpressions, searchRow, tsSearchQueries } from "./search-index.js";

describe("the search index", () => {
  it("indexes tag labels as words and every filterable value as a facet token", () => {
    const row = searchRow({
      name: "Nordic Heat A/S",
      pitch: "Heat pumps",
      offer: "Large heat pumps",
      sectors: ["district-heating-cooling"],
      stages: ["rnd"],
      seeks: ["jv-partners"],
      markets: ["CN"],
      country: "DK",
      cluster: "clean-dk",
      trl: 9,
      status: "approved",
    });
    expect(row.tags).toBe("District heating and cooling · R&D · Joint-venture partners");
    expect(row.facets.split(" ")).toEqual([
      "fstatusapproved",
      "fcountrydk",
      "fclustercleandk",
      "ftrl9",
      "fsectordistrictheatingcooling",
      "fstagernd",
      "fseeksjvpartners",
      "fmarketcn",
    ]);
  });

  it("turns filters into facet terms: OR within a filter, AND across, TRL ranges as levels", () => {
    expect(
      facetExpression({ ...emptyFilters(), countries: ["DK", "SE"], markets: ["CN"], trlMin: 7 }, ["approved"]),
    ).toBe(
      "facets : (fstatusapproved) AND facets : (fmarketcn) AND facets : (fcountrydk OR fcountryse) AND facets : (ftrl7 OR ftrl8 OR ftrl9)",
    );
  });

  it("matches words in the text columns only, in tiers: name, then pitch, then the rest", () => {
    const expressions = searchExpressions({ text: "heat pump", filters: emptyFilters() }, ["approved"]);
    const words = '("heat"* "pump"*)';
    const status = "facets : (fstatusapproved)";
    expect(expressions).toEqual({
      kind: "words",
      all: `({name pitch offer tags} : ${words}) AND ${status}`,
      tiers: [
        `({name} : ${words}) AND ${status}`,
        `(({name pitch} : ${words}) NOT ({name} : ${words})) AND ${status}`,
        `(({name pitch offer tags} : ${words}) NOT ({name pitch} : ${words})) AND ${status}`,
      ],
    });
    expect(searchExpressions({ text: "", filters: emptyFilters() }, ["pending"])).toEqual({
      kind: "filters",
      filters: "facets : (fstatuspending)",
    });
  });

  it("gives PostgreSQL the same search as tsquery texts: facets apart, words prefix-matched by weight", () => {
    const filters = { ...emptyFilters(), countries: ["DK" as const, "SE" as const], trlMin: 8 };
    expect(tsSearchQueries(["heat", "pump"], filters, ["approved"])).toEqual({
      kind: "words",
      facets: "('=fstatusapproved') & ('=fcountrydk' | '=fcountryse') & ('=ftrl8' | '=ftrl9')",
      all: "(heat:* & pump:*)",
      tiers: [
        "(heat:*A & pump:*A)",
        "(heat:*AB & pump:*AB) & !(heat:*A & pump:*A)",
        "(heat:* & pump:*) & !(heat:*AB & pump:*AB)",
      ],
    });
    expect(tsSearchQueries([], emptyFilters(), ["pending", "draft"])).toEqual({
      kind: "filters",
      facets: "('=fstatuspending' | '=fstatusdraft')",
    });
  });

  it("never lets tsquery syntax through from what people type (property)", () => {
    const word = "[\\p{L}\\p{N}]+:\\*(A|AB)?";
    const words = `\\(${word}( & ${word})*\\)`;
    const safe = new RegExp(`^${words}( & !${words})?$`, "u");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const queries = tsSearchQueries(searchWords(text), emptyFilters(), ["approved"]);
        if (queries.kind === "filters") return searchWords(text).length === 0;
        return [queries.all, ...queries.tiers].every((query) => safe.test(query));
      }),
      { numRuns: 500 },
    );
    expect(tsSearchQueries(searchWords("'heat':* & !(pump | x) <-> y\\"), emptyFilters(), ["approved"])).toMatchObject({
      all: "(heat:* & pump:* & x:* & y:*)",
    });
  });
});
