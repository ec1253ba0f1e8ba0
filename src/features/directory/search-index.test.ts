import { describe, expect, it } from "vitest";
import { emptyFilters } from "./query.js";
import { facetExpression, searchExpressions, searchRow } from "./search-index.js";

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
});
