import { describe, expect, it } from "vitest";
import { readRoleLines, roleKey, roleToFill, suggestRolesByRules } from "./value-chain-roles.js";

describe("suggestRolesByRules", () => {
  it("reads the roles of a district-energy retrofit from its description", () => {
    const suggested = suggestRolesByRules(
      "A district-energy retrofit in Tianjin needs heat pumps, thermal storage, a building-management system, engineering and financing.",
    );
    expect(suggested).toEqual({
      ok: true,
      labels: [
        "Heat pumps",
        "Thermal storage",
        "Building management system and software",
        "Engineering and EPC",
        "Financing",
      ],
    });
  });

  it("adds engineering to a project that needs hardware, as someone has to put it together", () => {
    const suggested = suggestRolesByRules("Rooftop solar with battery storage for a logistics park");
    expect(suggested.ok && suggested.labels).toEqual(["Battery storage", "Solar PV", "Engineering and EPC"]);
  });

  it("says so when a description is too short or names nothing it knows", () => {
    for (const text of ["heat pumps", "We want something nice for our town hall"]) {
      const suggested = suggestRolesByRules(text);
      expect(suggested.ok).toBe(false);
      expect(!suggested.ok && suggested.problem).toContain("This says too little to suggest the roles");
    }
  });
});

describe("roleToFill", () => {
  it("gives a typed role the stages and sectors of the rules its words name", () => {
    const role = roleToFill("Seasonal heat storage tanks");
    expect(role.key).toBe("seasonal-heat-storage-tanks");
    expect(role.stages).toEqual(["equipment"]);
    expect(role.sectors).toEqual(["energy-storage", "district-heating-cooling"]);
    expect(role.text).toContain("thermal storage");
  });

  it("keeps a role no rule knows as its own words, with no stage", () => {
    expect(roleToFill("Space elevators")).toMatchObject({ key: "space-elevators", stages: [], sectors: [] });
  });
});

describe("readRoleLines", () => {
  it("reads one role per line, bullets and numbers left out", () => {
    expect(readRoleLines("- Heat pumps\n\n2. Financing\n• BMS ")).toEqual({
      ok: true,
      labels: ["Heat pumps", "Financing", "BMS"],
    });
  });

  it("names a repeated role, too many roles and a role without words", () => {
    expect(readRoleLines("Heat pumps\nheat-pumps")).toEqual({
      ok: false,
      problem: "“heat-pumps” is there twice: keep one line per role.",
    });
    expect(readRoleLines(Array.from({ length: 13 }, (_, i) => `Role ${i}`).join("\n"))).toMatchObject({
      ok: false,
      problem: expect.stringContaining("13 roles is more than a consortium is built for (at most 12)"),
    });
    expect(readRoleLines("???")).toMatchObject({
      ok: false,
      problem: "“???” has no letters or digits: name the role in words.",
    });
  });

  it("keys roles by their folded words", () => {
    expect(roleKey("Engineering / EPC")).toBe("engineering-epc");
  });
});
