import { describe, expect, it } from "vitest";
import { findCluster } from "./clusters.js";
import { foldText } from "./text.js";

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
