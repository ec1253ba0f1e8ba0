import { describe, expect, it } from "vitest";
import type { ConsortiumCandidate, ConsortiumConstraints, ConsortiumRequest } from "./consortium-problem.js";
import { proposeConsortia } from "./propose.js";

const roles = ["heat-pumps", "storage", "bms", "finance"].map((key) => ({ key, label: key }));

function sme(
  smeId: number,
  country: string,
  cluster: string | null,
  fits: Record<string, number>,
): ConsortiumCandidate {
  return {
    smeId,
    name: `SME ${smeId}`,
    country,
    cluster,
    fits: Object.entries(fits).map(([role, fit]) => ({ role, fit, reasons: [] })),
  };
}

function request(
  candidates: ConsortiumCandidate[],
  constraints: Partial<ConsortiumConstraints> = {},
): ConsortiumRequest {
  return {
    roles,
    candidates,
    constraints: { minCountries: 2, minClusters: 2, maxSize: 3, mustInclude: [], mustExclude: [], ...constraints },
  };
}

const membersOf = (proposal: { members: readonly { smeId: number; roles: readonly string[] }[] }) =>
  Object.fromEntries(proposal.members.map((m) => [m.smeId, [...m.roles].sort()]));

describe("proposeConsortia", () => {
  it("covers every role with the best fits under the size and diversity limits (hand-checked)", async () => {
    // At most 3 members, 2 countries, 2 clusters. Candidates:
    //   1 AT/a: heat-pumps .9, storage .8      2 AT/a: bms .9, finance .9
    //   3 FR/b: heat-pumps .5, bms .5           4 FR/b: finance .6
    //   5 DE/a: storage 1
    // Cluster b needs 3 or 4. With both 1 and 2 (3.5 alone, one country and cluster) the third
    // must take a role from them (every member fills one): 3 for heat-pumps or bms (−.4), 4 for
    // finance (−.3): best 3.2. Without 1: {2 bms+finance 1.8, 3 heat-pumps .5, 5 storage 1} = 3.3,
    // countries AT FR DE, clusters a b. Without 2: bms and finance from 3 and 4: {1, 3, 4} = 2.8.
    // So the optimum is {2: bms+finance, 3: heat-pumps, 5: storage}, score 3.3.
    const outcome = await proposeConsortia(
      request([
        sme(1, "AT", "a", { "heat-pumps": 0.9, storage: 0.8 }),
        sme(2, "AT", "a", { bms: 0.9, finance: 0.9 }),
        sme(3, "FR", "b", { "heat-pumps": 0.5, bms: 0.5 }),
        sme(4, "FR", "b", { finance: 0.6 }),
        sme(5, "DE", "a", { storage: 1 }),
      ]),
      { timeLimitSeconds: 1 },
    );
    if (outcome.kind !== "proposals") throw new Error(JSON.stringify(outcome));
    const [best] = outcome.proposals;
    expect(best && membersOf(best)).toEqual({ 2: ["bms", "finance"], 3: ["heat-pumps"], 5: ["storage"] });
    expect(best?.score).toBeCloseTo(3.3, 9);
    expect(best?.countries).toEqual(["AT", "DE", "FR"]);
    expect(best?.uncoveredRoles).toEqual([]);
  });

  it("covers more roles before it looks at fit (hand-checked)", async () => {
    // One member allowed. SME 1 fills heat-pumps perfectly (1 role, score 1); SME 2 fills heat-pumps
    // and storage poorly (2 roles, score .4). Two covered roles beat one: SME 2.
    const outcome = await proposeConsortia({
      ...request([sme(1, "AT", "a", { "heat-pumps": 1 }), sme(2, "AT", "a", { "heat-pumps": 0.2, storage: 0.2 })], {
        maxSize: 1,
        minCountries: 1,
        minClusters: 1,
      }),
      roles: roles.slice(0, 2),
    });
    if (outcome.kind !== "proposals") throw new Error(JSON.stringify(outcome));
    expect(outcome.proposals[0] && membersOf(outcome.proposals[0])).toEqual({ 2: ["heat-pumps", "storage"] });
    expect(outcome.optimal).toBe(true);
  });

  it("breaks a tie in fit with fewer members (hand-checked)", async () => {
    // SME 1 fills both roles at .5 (score 1, one member); SMEs 2 and 3 one each at .5 (score 1, two).
    const outcome = await proposeConsortia({
      ...request(
        [
          sme(2, "AT", "a", { "heat-pumps": 0.5 }),
          sme(3, "AT", "a", { storage: 0.5 }),
          sme(1, "AT", "a", { "heat-pumps": 0.5, storage: 0.5 }),
        ],
        { minCountries: 1, minClusters: 1 },
      ),
      roles: roles.slice(0, 2),
      alternatives: 1,
    });
    if (outcome.kind !== "proposals") throw new Error(JSON.stringify(outcome));
    expect(outcome.proposals.map(membersOf)).toEqual([{ 1: ["heat-pumps", "storage"] }]);
  });

  it("reports a role nobody can fill (after exclusions) and proposes consortia for the rest", async () => {
    // Only SME 3 could fill finance, and it is excluded; nobody at all fills bms.
    const outcome = await proposeConsortia(
      request(
        [
          sme(1, "AT", "a", { "heat-pumps": 0.9 }),
          sme(2, "FR", "b", { storage: 0.7 }),
          sme(3, "DE", "c", { finance: 0.8 }),
        ],
        { mustExclude: [3] },
      ),
    );
    if (outcome.kind !== "proposals") throw new Error(JSON.stringify(outcome));
    expect(outcome.uncoverable).toEqual([
      { kind: "role-uncoverable", role: "bms" },
      // Nobody can fill finance under the constraints: the only SME who could is excluded.
      { kind: "role-uncoverable", role: "finance", excludedWhoFit: 1 },
    ]);
    expect(outcome.proposals[0] && membersOf(outcome.proposals[0])).toEqual({ 1: ["heat-pumps"], 2: ["storage"] });
    expect(outcome.proposals[0]?.uncoveredRoles).toEqual(["bms", "finance"]);
  });

  it("gives diverse alternatives, best first, and fewer when no more exist", async () => {
    // Four SMEs, two countries and clusters needed, at most 2 members: the diverse pairs are 1 or 2
    // (AT/a, heat-pumps) with 3 or 4 (FR/b, storage). By score: {1,4} 1.7, {1,3} 1.5, {2,4} 1.3,
    // {2,3} 1.1. Each shares at most one member (half of two) with each earlier one, so all four
    // come, best first; a fifth does not exist.
    const outcome = await proposeConsortia({
      ...request(
        [
          sme(1, "AT", "a", { "heat-pumps": 0.9 }),
          sme(2, "AT", "a", { "heat-pumps": 0.5 }),
          sme(3, "FR", "b", { storage: 0.6 }),
          sme(4, "FR", "b", { storage: 0.8 }),
        ],
        { maxSize: 2 },
      ),
      roles: roles.slice(0, 2),
      alternatives: 5,
    });
    if (outcome.kind !== "proposals") throw new Error(JSON.stringify(outcome));
    expect(outcome.proposals.map(membersOf)).toEqual([
      { 1: ["heat-pumps"], 4: ["storage"] },
      { 1: ["heat-pumps"], 3: ["storage"] },
      { 2: ["heat-pumps"], 4: ["storage"] },
      { 2: ["heat-pumps"], 3: ["storage"] },
    ]);
    expect(outcome.proposals.map((p) => Number(p.score.toFixed(9)))).toEqual([1.7, 1.5, 1.3, 1.1]);
  });

  it("rejects a request that breaks the contract with a clear message", async () => {
    await expect(proposeConsortia(request([sme(1, "AT", "a", { storage: 1.5 })]))).rejects.toThrow(
      /Invalid consortium request/,
    );
  });
});

describe("impossible requests, explained", () => {
  const team = [
    sme(1, "AT", "a", { "heat-pumps": 0.9 }),
    sme(2, "FR", "b", { storage: 0.7 }),
    sme(3, "FR", "a", { bms: 0.6, finance: 0.5 }),
  ];
  const reasonsOf = async (req: ConsortiumRequest) => {
    const outcome = await proposeConsortia(req);
    if (outcome.kind !== "impossible") throw new Error(`expected impossible, got ${JSON.stringify(outcome)}`);
    return outcome.reasons;
  };

  it("no candidates at all: every role uncoverable too", async () => {
    expect(await reasonsOf(request([]))).toEqual([
      ...roles.map((role) => ({ kind: "role-uncoverable", role: role.key })),
      { kind: "no-candidates" },
    ]);
  });

  it("too few countries or clusters among the candidates who can fill a role", async () => {
    // SME 4 is from DE/c but fits none of the roles: it does not count.
    const candidates = [...team, sme(4, "DE", "c", { marketing: 1 })];
    expect(await reasonsOf(request(candidates, { minCountries: 3, minClusters: 3 }))).toEqual([
      { kind: "too-few-countries", required: 3, available: 2 },
      { kind: "too-few-clusters", required: 3, available: 2 },
    ]);
  });

  it("must-includes that are excluded, fit no role, or outnumber the places: all reported", async () => {
    const candidates = [...team, sme(4, "DE", "c", { marketing: 1 })];
    // Excluding SME 2 also leaves storage to nobody and only cluster a (SMEs 1 and 3).
    expect(await reasonsOf(request(candidates, { maxSize: 2, mustInclude: [1, 2, 4], mustExclude: [2] }))).toEqual([
      { kind: "role-uncoverable", role: "storage", excludedWhoFit: 1 },
      { kind: "must-include-excluded", smeId: 2 },
      { kind: "must-include-fits-no-role", smeId: 4 },
      { kind: "must-include-too-many", maxSize: 2, mustInclude: 3 },
      { kind: "too-few-clusters", required: 2, available: 1 },
    ]);
  });

  it("a consortium too small for the country minimum", async () => {
    // Three countries available but at most two members: each brings one country.
    const candidates = [...team, sme(4, "DE", "c", { finance: 0.4 })];
    expect(await reasonsOf(request(candidates, { maxSize: 2, minCountries: 3 }))).toEqual([
      { kind: "too-small-for-diversity", maxSize: 2, needed: 3 },
    ]);
  });

  it("constraints that hold alone but not together", async () => {
    // SMEs 1 and 5 must both be in and each can fill only heat-pumps: one of them would have no role.
    const candidates = [...team, sme(5, "FR", "b", { "heat-pumps": 0.3 })];
    expect(await reasonsOf(request(candidates, { mustInclude: [1, 5] }))).toEqual([
      { kind: "constraints-conflict", rolesLimitSize: false },
    ]);
  });

  it("roles, not the maximum size, limit the members: each member fills a role of its own (hand-checked)", async () => {
    // Six places but only heat-pumps and storage can be filled: at most two members, three countries asked.
    const two = [sme(1, "AT", "a", { "heat-pumps": 0.9 }), sme(2, "FR", "b", { storage: 0.7 })];
    const candidates = [...two, sme(3, "DE", "c", { storage: 0.5 })];
    expect(await reasonsOf(request(candidates, { maxSize: 6, minCountries: 3 }))).toEqual([
      { kind: "role-uncoverable", role: "bms" },
      { kind: "role-uncoverable", role: "finance" },
      { kind: "too-few-roles", roles: 2, needed: 3, because: "diversity" },
    ]);
    expect(await reasonsOf(request(candidates, { maxSize: 6, mustInclude: [1, 2, 3] }))).toEqual([
      { kind: "role-uncoverable", role: "bms" },
      { kind: "role-uncoverable", role: "finance" },
      { kind: "too-few-roles", roles: 2, needed: 3, because: "must-include" },
    ]);
  });

  it("SMEs in no cluster count towards no cluster minimum", async () => {
    // Two SMEs without a cluster and one of cluster a: only one cluster, whatever "no cluster" is.
    const candidates = [
      sme(1, "AT", null, { "heat-pumps": 0.9 }),
      sme(2, "FR", null, { storage: 0.7 }),
      sme(3, "DE", "a", { bms: 0.6 }),
    ];
    expect(await reasonsOf(request(candidates, { minClusters: 2 }))).toEqual([
      { kind: "role-uncoverable", role: "finance" },
      { kind: "too-few-clusters", required: 2, available: 1 },
    ]);
    const outcome = await proposeConsortia(request([...candidates, sme(4, "BE", "b", { finance: 0.2 })]));
    if (outcome.kind !== "proposals") throw new Error(JSON.stringify(outcome));
    // Clusters a and b are both needed; the SMEs without one add none.
    for (const proposal of outcome.proposals) {
      expect(proposal.clusters).toEqual(["a", "b"]);
      expect(proposal.members.map((m) => m.smeId)).toEqual(expect.arrayContaining([3, 4]));
    }
  });
});
