import { describe, expect, it } from "vitest";
import type { ConsortiumCandidate, ConsortiumConstraints, ConsortiumRequest } from "./consortium-problem.js";
import { proposeConsortia } from "./propose.js";

const roles = ["heat-pumps", "storage", "bms", "finance"].map((key) => ({ key, label: key }));

function sme(smeId: number, country: string, cluster: string, fits: Record<string, number>): ConsortiumCandidate {
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
});
