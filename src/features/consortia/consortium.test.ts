import { describe, expect, it } from "vitest";
import {
  type CandidateSme,
  type ConsortiumMemberRecord,
  consortiumCandidates,
  impossibilityText,
  summaryOf,
  swapOptions,
  withRoleGivenTo,
} from "./consortium.js";
import { roleToFill } from "./value-chain-roles.js";

const sme = (
  id: number,
  name: string,
  country: string,
  cluster: string,
  offer: string,
  stages: string[],
  sectors: string[] = [],
): CandidateSme => ({
  id,
  name,
  country,
  cluster,
  pitch: "",
  offer,
  stages,
  sectors,
});

const smes = [
  sme(
    1,
    "Nordic Heat",
    "DK",
    "clean-dk",
    "Industrial heat pumps for district heating",
    ["equipment"],
    ["district-heating-cooling"],
  ),
  sme(2, "Danish Pumps", "DK", "clean-dk", "Heat pumps for apartment blocks", ["equipment"]),
  sme(
    3,
    "Loire Thermal",
    "FR",
    "tenerrdis-fr",
    "Thermal storage tanks for heating networks",
    ["equipment"],
    ["energy-storage"],
  ),
  sme(4, "Brussels Finance", "BE", "tweed-be", "Project financing and ESCO models", ["finance"]),
  sme(5, "Paper Mill Tools", "SE", "sbh-se", "Cutting tools for paper mills", ["components"]),
];
const roles = ["Heat pumps", "Thermal storage", "Financing"].map(roleToFill);

describe("consortiumCandidates", () => {
  it("fits each SME to the roles its offer, stage and sectors fill, with the reasons in plain words", () => {
    const candidates = consortiumCandidates(roles, smes);
    const nordic = candidates.find((candidate) => candidate.smeId === 1);
    expect(nordic?.fits.map((fit) => fit.role)).toEqual(["heat-pumps"]);
    expect(nordic?.fits[0]?.reasons).toEqual([
      "its offer describes heat pumps and heating",
      "works in equipment",
      "in district heating and cooling",
    ]);
    expect(nordic?.fits[0]?.fit).toBeGreaterThan(0.5);
    expect(candidates.find((candidate) => candidate.smeId === 4)?.fits.map((fit) => fit.role)).toEqual(["financing"]);
    // Cutting tools fill none of the roles: not a candidate, unless it must be in.
    expect(candidates.map((candidate) => candidate.smeId)).not.toContain(5);
    expect(consortiumCandidates(roles, smes, [5]).find((candidate) => candidate.smeId === 5)?.fits).toEqual([]);
  });
});

describe("swapping a member", () => {
  const candidates = consortiumCandidates(roles, smes);
  const fitOf = (id: number, role: string) => candidates.find((c) => c.smeId === id)?.fits.find((f) => f.role === role);
  const member = (id: number, role: string): ConsortiumMemberRecord => {
    const candidate = candidates.find((c) => c.smeId === id);
    return {
      smeId: id,
      name: candidate?.name ?? "",
      country: candidate?.country ?? "",
      cluster: candidate?.cluster ?? "",
      roles: [fitOf(id, role) ?? { role, fit: 0, reasons: [] }],
    };
  };
  const consortium = {
    members: [member(1, "heat-pumps"), member(3, "thermal-storage"), member(4, "financing")],
    constraints: {
      minCountries: 2,
      minClusters: 2,
      maxSize: 6,
      mustInclude: [],
      mustExclude: [],
      scope: "directory" as const,
    },
  };

  it("offers the next best SME for a role, and the proposal after the swap covers the same roles", () => {
    expect(swapOptions(consortium, "heat-pumps", candidates).map((option) => option.name)).toEqual(["Danish Pumps"]);
    const danish = candidates.find((c) => c.smeId === 2);
    if (!danish) throw new Error("no Danish Pumps");
    const after = withRoleGivenTo(consortium.members, "heat-pumps", danish);
    expect(after.map((m) => m.smeId)).toEqual([3, 4, 2]);
    expect(summaryOf(after, roles)).toMatchObject({ countries: ["BE", "DK", "FR"], uncoveredRoles: [] });
  });

  it("offers nobody whose arrival would break a constraint", () => {
    const strict = { ...consortium, constraints: { ...consortium.constraints, mustExclude: [2] } };
    expect(swapOptions(strict, "heat-pumps", candidates)).toEqual([]);
    const mustStay = { ...consortium, constraints: { ...consortium.constraints, mustInclude: [1] } };
    expect(swapOptions(mustStay, "heat-pumps", candidates)).toEqual([]);
  });
});

describe("impossibilityText", () => {
  const names = {
    role: (key: string) => (key === "space" ? "Space elevators" : key),
    sme: (id: number) => `SME ${id}`,
  };
  it("says which role nobody covers and which constraint cannot be met", () => {
    expect(impossibilityText({ kind: "role-uncoverable", role: "space" }, names)).toContain(
      "Nobody can fill *Space elevators* under these constraints",
    );
    expect(impossibilityText({ kind: "too-few-clusters", required: 4, available: 2 }, names)).toBe(
      "At least 4 clusters are required, but the candidates come from 2: lower the number of clusters or widen the search.",
    );
  });
});
