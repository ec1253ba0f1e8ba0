import { describe, expect, it } from "vitest";
import { indexRequest } from "./consortium-index.js";
import type { ConsortiumCandidate, ConsortiumRequest } from "./consortium-problem.js";
import { undominatedCandidates } from "./dominance.js";

const sme = (smeId: number, country: string, fits: Record<string, number>): ConsortiumCandidate => ({
  smeId,
  name: `SME ${smeId}`,
  country,
  cluster: "a",
  fits: Object.entries(fits).map(([role, fit]) => ({ role, fit, reasons: [] })),
});

function indexOf(candidates: ConsortiumCandidate[], mustInclude: number[] = []) {
  const request: ConsortiumRequest = {
    roles: ["hp", "storage"].map((key) => ({ key, label: key })),
    candidates,
    constraints: { minCountries: 1, minClusters: 1, maxSize: 2, mustInclude, mustExclude: [] },
  };
  const indexed = indexRequest(request);
  if (indexed.kind !== "indexed") throw new Error("impossible");
  return indexed.index;
}

const smeIdsOf = (index: ReturnType<typeof indexOf>, kept: number[]) => kept.map((c) => index.candidates[c]?.smeId);

describe("dominance", () => {
  it("for the first proposal, leaves out a candidate another of its class fills every role of at least as well", () => {
    // SME 3 (hp .6, storage .6) is dominated by 1; SME 4 (hp .5) by 1, 2 and 3. SME 2 (hp .8) by 1.
    // SME 5 is from FR: nobody dominates it. SME 6 fills storage better than 1: stays.
    const index = indexOf([
      sme(1, "AT", { hp: 0.9, storage: 0.9 }),
      sme(2, "AT", { hp: 0.8 }),
      sme(3, "AT", { hp: 0.6, storage: 0.6 }),
      sme(4, "AT", { hp: 0.5 }),
      sme(5, "FR", { hp: 0.1 }),
      sme(6, "AT", { storage: 0.95 }),
    ]);
    expect(smeIdsOf(index, undominatedCandidates(index, []))).toEqual([1, 5, 6]);
  });

  it("after earlier proposals, needs maxSize + their members dominators", () => {
    // maxSize 2, one earlier proposal of one member: 3 dominators needed. SME 4 has 3 (1, 2, 3).
    const index = indexOf([
      sme(1, "AT", { hp: 0.9, storage: 0.9 }),
      sme(2, "AT", { hp: 0.8 }),
      sme(3, "AT", { hp: 0.6, storage: 0.6 }),
      sme(4, "AT", { hp: 0.5 }),
    ]);
    expect(smeIdsOf(index, undominatedCandidates(index, [[0]]))).toEqual([1, 2, 3]);
  });

  it("breaks exact ties by request order and keeps must-includes", () => {
    const twins = [sme(1, "AT", { hp: 0.7 }), sme(2, "AT", { hp: 0.7 }), sme(3, "AT", { hp: 0.7 })];
    const index = indexOf(twins);
    expect(smeIdsOf(index, undominatedCandidates(index, []))).toEqual([1]);
    const withMust = indexOf(twins, [3]);
    expect(smeIdsOf(withMust, undominatedCandidates(withMust, []))).toEqual([1, 3]);
  });
});
