import { describe, expect, it } from "vitest";
import { findCluster } from "./clusters.js";
import { countOf, foldText, hasControlCharacters } from "./text.js";

describe("foldText", () => {
  it("drops case, accents and punctuation, keeping what it is told to", () => {
    expect(foldText("  Énergie / Verte, S.A.S. ")).toBe("energie verte s a s");
    expect(foldText("Up to 30 % higher!", "%")).toBe("up to 30 % higher");
    expect(foldText("Up to 30% higher")).toBe("up to 30 higher");
  });
});

describe("findCluster", () => {
  it("knows a cluster by key, its first word, name or country", () => {
    expect(["clean-dk", "clean", "CLEAN", "dk", "Sustainable Business Hub"].map((t) => findCluster(t)?.key)).toEqual([
      "clean-dk",
      "clean-dk",
      "clean-dk",
      "clean-dk",
      "sbh-se",
    ]);
    expect(findCluster("atlantis")).toBeUndefined();
  });
});

describe("hasControlCharacters", () => {
  it("refuses NUL, escape and bidi overrides, and line breaks unless the text may have several lines", () => {
    expect(["Nordic Heat A/S", "Wärme & Kälte", "热泵"].map((text) => hasControlCharacters(text))).toEqual([
      false,
      false,
      false,
    ]);
    expect(
      ["Nordic\u0000Heat", "Nordic\u001b[31mHeat", "evil\u202Etxt.exe"].map((t) => hasControlCharacters(t)),
    ).toEqual([true, true, true]);
    expect(hasControlCharacters("line one\nline two")).toBe(true);
    expect(hasControlCharacters("line one\r\nline two\tend", { multiline: true })).toBe(false);
    expect(hasControlCharacters("line one\n\u0000", { multiline: true })).toBe(true);
  });
});

describe("countOf", () => {
  it("puts the noun in the number of the count", () => {
    expect([0, 1, 2].map((n) => countOf(n, "SME"))).toEqual(["0 SMEs", "1 SME", "2 SMEs"]);
    expect(countOf(3, "company", "companies")).toBe("3 companies");
  });
});
