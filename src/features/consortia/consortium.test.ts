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
    expect(swapOptions(consortium, "heat-pumps", candidates).options.map((option) => option.name)).toEqual([
      "Danish Pumps",
    ]);
    const danish = candidates.find((c) => c.smeId === 2);
    if (!danish) throw new Error("no Danish Pumps");
    const after = withRoleGivenTo(consortium.members, "heat-pumps", danish);
    expect(after.map((m) => m.smeId)).toEqual([3, 4, 2]);
    expect(summaryOf(after, roles)).toMatchObject({ countries: ["BE", "DK", "FR"], uncoveredRoles: [] });
  });

  it("offers nobody whose arrival would break a constraint", () => {
    const strict = { ...consortium, constraints: { ...consortium.constraints, mustExclude: [2] } };
    expect(swapOptions(strict, "heat-pumps", candidates)).toEqual({
      options: [],
      othersWhoFit: 1,
      keptApartBySiblings: 0,
    });
    const mustStay = { ...consortium, constraints: { ...consortium.constraints, mustInclude: [1] } };
    expect(swapOptions(mustStay, "heat-pumps", candidates).options).toEqual([]);
  });

  it("says when nobody else's profile fits the role at all (not a matter of constraints)", () => {
    expect(swapOptions(consortium, "financing", candidates)).toEqual({
      options: [],
      othersWhoFit: 0,
      keptApartBySiblings: 0,
    });
  });

  it("offers nobody whose arrival would make the proposal share more than half its members with a sibling", () => {
    // Danish Pumps for heat pumps gives {2, 3, 4}: a sibling {2, 3, 5} would then share two of three.
    expect(swapOptions(consortium, "heat-pumps", candidates, [[2, 3, 5]])).toEqual({
      options: [],
      othersWhoFit: 1,
      keptApartBySiblings: 1,
    });
    expect(swapOptions(consortium, "heat-pumps", candidates, [[2, 5, 6, 7]]).options.map((o) => o.smeId)).toEqual([2]);
  });
});

describe("impossibilityText", () => {
  const names = {
    role: (key: string) => (key === "space" ? "Space elevators" : key),
    sme: (id: number) => `SME ${id}`,
  };
  const staffInDelegation = { scope: "delegation" as const, ownCompany: null, mustInclude: 0 };
  const staffInDirectory = { scope: "directory" as const, ownCompany: null, mustInclude: 0 };
  const smeMember = { scope: "directory" as const, ownCompany: 7, mustInclude: 1 };

  it("says which role nobody covers, and blames the constraints only when they are the cause", () => {
    expect(impossibilityText({ kind: "role-uncoverable", role: "space" }, names, staffInDelegation)).toBe(
      "Nobody can fill *Space elevators*: no profile in the mission's delegation fits that role. Widen the search to the whole directory, or rename the role in words SMEs use.",
    );
    expect(
      impossibilityText({ kind: "role-uncoverable", role: "space", excludedWhoFit: 2 }, names, staffInDirectory),
    ).toBe(
      "Nobody can fill *Space elevators* under these constraints: only SMEs you excluded (2) fit that role. Let one of them in, or rename the role in words SMEs use.",
    );
  });

  it("never advises widening a search that already is the whole directory", () => {
    const inDirectory = [
      impossibilityText({ kind: "role-uncoverable", role: "space" }, names, staffInDirectory),
      impossibilityText({ kind: "too-few-clusters", required: 4, available: 2 }, names, staffInDirectory),
      impossibilityText({ kind: "too-few-countries", required: 4, available: 2 }, names, staffInDirectory),
      impossibilityText({ kind: "no-candidates" }, names, staffInDirectory),
    ];
    for (const text of inDirectory) expect(text).not.toMatch(/widen/i);
    expect(impossibilityText({ kind: "too-few-clusters", required: 4, available: 2 }, names, staffInDelegation)).toBe(
      "At least 4 clusters are required, but the candidates in the mission's delegation come from 2 (SMEs without a cluster count for none): lower the number of clusters or widen the search to the whole directory.",
    );
  });

  it("says the roles limit the size when raising the maximum size would change nothing", () => {
    expect(
      impossibilityText({ kind: "too-few-roles", roles: 2, needed: 3, because: "diversity" }, names, staffInDirectory),
    ).toBe(
      "These minimums need at least 3 members, but each member fills a role of its own, and only 2 roles can be filled, so a consortium has at most 2 members (raising the maximum size changes nothing): add roles or lower the minimum countries or clusters.",
    );
    const conflict = impossibilityText({ kind: "constraints-conflict", rolesLimitSize: true }, names, staffInDirectory);
    expect(conflict).not.toContain("raise the maximum size");
    expect(conflict).toContain("add roles (each member fills one of its own)");
  });

  it("never tells an SME member to leave out its own company, which is always in", () => {
    const ownFitsNothing = impossibilityText({ kind: "must-include-fits-no-role", smeId: 7 }, names, smeMember);
    expect(ownFitsNothing).toBe(
      "Your company, SME 7, is in every consortium you build, but its profile fits none of these roles: add a role it fills, in the words of its offer.",
    );
    const conflict = impossibilityText({ kind: "constraints-conflict", rolesLimitSize: false }, names, smeMember);
    expect(conflict).not.toContain("require fewer SMEs");
    expect(
      impossibilityText({ kind: "too-few-roles", roles: 1, needed: 2, because: "must-include" }, names, smeMember),
    ).not.toContain("fewer");
    // Another SME the member chose to require may still be left out.
    expect(impossibilityText({ kind: "must-include-fits-no-role", smeId: 8 }, names, smeMember)).toContain(
      "or leave it out",
    );
  });
});
