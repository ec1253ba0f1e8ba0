import { describe, expect, it } from "vitest";
import { validateBuildForm } from "./build-form.js";

const needs = "Retrofit of a district-heating plant with heat pumps and thermal storage";

describe("validateBuildForm", () => {
  it("takes the defaults (2 countries, 2 clusters, 6 members) and the organisation's needs as the project", () => {
    const result = validateBuildForm({ organisation: "4" }, { organisationNeeds: needs, missionGiven: true });
    expect(result).toEqual({
      ok: true,
      request: {
        organisationId: 4,
        opportunity: needs,
        description: "",
        roleLabels: null,
        constraints: {
          minCountries: 2,
          minClusters: 2,
          maxSize: 6,
          mustInclude: [],
          mustExclude: [],
          scope: "delegation",
        },
      },
    });
  });

  it("builds from the whole directory when no mission was given, whatever the form says", () => {
    const result = validateBuildForm(
      { description: needs, roles: "Heat pumps\nFinancing", scope: "delegation" },
      { missionGiven: false },
    );
    expect(result.ok && result.request.constraints.scope).toBe("directory");
    expect(result.ok && result.request.roleLabels).toEqual(["Heat pumps", "Financing"]);
  });

  it("puts each problem on its field", () => {
    const result = validateBuildForm(
      {
        description: "",
        roles: "Heat pumps\nHeat pumps",
        minCountries: "0",
        minClusters: "9",
        maxSize: "3",
        mustInclude: ["1", "2", "3", "4"],
        mustExclude: ["2"],
      },
      { missionGiven: true },
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        description: "Pick the organisation whose project it is, or describe the project here.",
        roles: "“Heat pumps” is there twice: keep one line per role.",
        minCountries: "The number of countries is a whole number from 1 to 10.",
        minClusters: "The number of clusters is a whole number from 1 to 5.",
        mustInclude: "4 SMEs must be in, but a consortium has at most 3 members: pick fewer or raise the maximum size.",
        mustExclude: "An SME cannot be both in “must be in” and in “must not be in”: remove it from one.",
      },
    });
  });

  it("refuses minimums no consortium of its maximum size (or of one member per typed role) can meet", () => {
    expect(
      validateBuildForm(
        { description: needs, minCountries: "9", minClusters: "3", maxSize: "2" },
        { missionGiven: true },
      ),
    ).toEqual({
      ok: false,
      errors: {
        minCountries:
          "At least 9 countries needs 9 members (each brings one), but a consortium has at most 2: lower this or raise the maximum size.",
        minClusters:
          "At least 3 clusters needs 3 members (each brings one), but a consortium has at most 2: lower this or raise the maximum size.",
      },
    });
    expect(
      validateBuildForm(
        { description: needs, roles: "Heat pumps\nFinancing", minCountries: "3", mustInclude: ["1", "2", "3"] },
        { missionGiven: true },
      ),
    ).toEqual({
      ok: false,
      errors: {
        minCountries:
          "At least 3 countries needs 3 members (each brings one), but 2 roles allow at most 2 (one member per role): lower this or add roles.",
        mustInclude:
          "3 SMEs must be in, but each fills a role of its own and there are 2 roles: pick fewer or add roles.",
      },
    });
    expect(validateBuildForm({ description: needs, minCountries: "6", maxSize: "6" }, { missionGiven: true }).ok).toBe(
      true,
    );
  });

  it("refuses an organisation that is no longer in the mission, and control characters", () => {
    expect(validateBuildForm({ organisation: "9" }, { missionGiven: true })).toMatchObject({
      ok: false,
      errors: { organisation: expect.stringContaining("no longer in the mission") },
    });
    expect(validateBuildForm({ description: "heat\u0000pumps" }, { missionGiven: true })).toMatchObject({
      ok: false,
      errors: { description: expect.stringContaining("control characters") },
    });
  });
});
