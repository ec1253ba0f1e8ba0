import { describe, expect, it } from "vitest";
import { markets, matchTerm, sectors, stages } from "./taxonomy.js";

describe("matchTerm", () => {
  it("gives each list its own answer for the same text, every time it is asked (answers are remembered per list)", () => {
    for (let round = 0; round < 3; round++) {
      expect(matchTerm(sectors, "District")).toBe("district-heating-cooling");
      expect(matchTerm(markets, "us")).toBe("US");
      expect(matchTerm(stages, "us")).toBeUndefined();
      expect(matchTerm(sectors, "no such sector")).toBeUndefined();
    }
  });

  it("keeps answering right after more distinct texts than it remembers", () => {
    for (let index = 0; index < 2500; index++) expect(matchTerm(sectors, `unknown ${index}`)).toBeUndefined();
    expect(matchTerm(sectors, "hydrogen")).toBe("hydrogen");
    expect(matchTerm(sectors, "Smart city")).toBe("smart-city");
  });
});
