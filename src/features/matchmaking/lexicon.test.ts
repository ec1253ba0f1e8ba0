import { describe, expect, it } from "vitest";
import { foldText } from "../../domain/text.js";
import { lexicon, parseLexicon } from "./lexicon.js";
import { benchmarkPhrases } from "./recommender-benchmark-data.js";
import { entriesIn, stem, tokensOf, wordsOf } from "./text-relevance.js";

const allTerms = [...lexicon.concepts.flatMap((c) => c.terms), ...lexicon.counterparts.flatMap((k) => k.terms)];

describe("the concept lexicon", () => {
  it("is read and validated at start-up, and a bad entry is refused with its place named", () => {
    expect(lexicon.concepts.length).toBeGreaterThan(30);
    expect(() => parseLexicon({ concepts: [{ id: "x", label: "x", sectors: ["moon-mining"], terms: [] }] })).toThrow(
      /concepts\[0\]\.sectors/,
    );
    const collapsing = { id: "meters", label: "smart meters", sectors: ["smart-grids"], terms: ["its meters"] };
    expect(() => parseLexicon({ concepts: [collapsing], counterparts: [] })).toThrow(/one word.*its meters/);
    const spanning = { id: "pumps", label: "heat pumps", sectors: ["energy-efficiency"], terms: ["heat pump; boiler"] };
    expect(() => parseLexicon({ concepts: [spanning], counterparts: [] })).toThrow(/commas.*heat pump; boiler/);
    const twice = { id: "solar", label: "solar power", sectors: ["renewable-energy"], terms: ["pv"] };
    expect(() => parseLexicon({ concepts: [twice, twice], counterparts: [] })).toThrow(/"solar" is used twice/);
  });

  it("stems a plural of a word kept whole to that word: counters are counters", () => {
    expect(stem("counters")).toBe(stem("counter"));
    expect(stem("meters")).toBe(stem("meter"));
    expect(stem("parking")).not.toBe(stem("parks"));
    // A fee is not a charging point: "demand charges" must not read as "charging".
    expect(stem("charges")).toBe(stem("charge"));
    expect(stem("charges")).not.toBe(stem("charging"));
  });

  it("finds a concept through any of its surface terms, in other grammatical forms", () => {
    const ids = (text: string) => entriesIn(tokensOf(text), lexicon.concepts).map((c) => c.id);
    // Articles and possessives inside a phrase do not hide it.
    const phrased = parseLexicon({
      concepts: [{ id: "x", label: "heat recovery", sectors: ["energy-efficiency"], terms: ["heat from effluent"] }],
      counterparts: [],
    }).concepts;
    expect(entriesIn(tokensOf("We want the heat from our effluent"), phrased)).toHaveLength(1);
    expect(entriesIn(tokensOf("We want the heat from the river"), phrased)).toHaveLength(0);
    // A phrase is never found across a comma or a full stop: these texts name heat recovery nowhere.
    expect(entriesIn(tokensOf("Heat, from effluent to sludge"), phrased)).toHaveLength(0);
    expect(entriesIn(tokensOf("We sell heat. From effluent we make biogas"), phrased)).toHaveLength(0);
    expect(entriesIn(tokensOf("Heat from effluent, 2.5 MW"), phrased)).toHaveLength(1);
    expect(ids("We build biochar kilns")).toContain("biomass");
    expect(ids("wants a use for its parks' green waste")).toContain("biomass");
    expect(ids("Thermal energy storage for district heating networks")).toEqual(
      expect.arrayContaining(["thermal-storage", "district-heating"]),
    );
  });
});

describe("the matching benchmark's vocabulary", () => {
  // The benchmark measures how the lexicon generalises to other people's words: if its phrases were
  // copied from the lexicon, its figure would mean nothing.
  it("uses no phrase of the lexicon verbatim", () => {
    const phrases = benchmarkPhrases();
    const folded = phrases.map((phrase) => ` ${foldText(phrase)} `);
    const stemmed = phrases.map((phrase) => ` ${wordsOf(phrase).join(" ")} `);
    const copied = allTerms.filter((term) => {
      const words = foldText(term).split(" ");
      const stems = wordsOf(term);
      return (
        (words.length > 1 && folded.some((text) => text.includes(` ${words.join(" ")} `))) ||
        (stems.length > 1 && stemmed.some((text) => text.includes(` ${stems.join(" ")} `)))
      );
    });
    expect(copied).toEqual([]);
    for (const phrase of folded) expect(allTerms.map((term) => foldText(term))).not.toContain(phrase.trim());
  });
});
