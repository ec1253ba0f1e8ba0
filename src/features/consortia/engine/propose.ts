/**
 * The consortium builder's engine: the best few diverse consortia for a request. Pure (no Slack,
 * no Prisma). The model, in short (docs/consortium-model.md has the details and the proofs):
 * - Variables: x[i] = 1 when candidate i is a member; y[i,r] = 1 when member i fills role r (only
 *   for roles it can fill); z[k], w[k] = 1 when country / cluster k is among the members.
 * - Constraints: each role filled at most once (Σi y[i,r] ≤ 1); only members fill roles
 *   (y[i,r] ≤ x[i]); every member fills one (x[i] ≤ Σr y[i,r]); Σ x ≤ maxSize; z[k] ≤ Σ x of
 *   country k, Σ z ≥ minCountries (clusters alike); x = 1 for must-includes (excluded SMEs are not
 *   in the model); for each earlier proposal P: Σ_{i∈P} x[i] ≤ ⌊|P|/2⌋ and 2 Σ_{i∈P} x[i] ≤ Σ x
 *   (diversity: no two proposals share more than half of either's members).
 * - Objective, lexicographic through its weights (consortium-index.ts, objectiveWeights): covered
 *   roles first, then the sum of fits, then fewer members.
 * - Reductions, both safe (some best consortium survives them): first dominance (dominance.ts: a
 *   candidate with maxSize (+ earlier proposals' members) others of its country and cluster who fill
 *   all its roles at least as well is never needed); then reduced-cost fixing from the LP
 *   relaxation against the heuristic's consortium (a candidate or role column whose forced bound
 *   falls below it cannot be in a better one). The relaxation is usually whole on directory-like
 *   requests, and is then the optimum itself; otherwise a small branch and bound finishes.
 * - Beyond the exact model's size, or when its time runs out: the greedy-plus-local-search heuristic.
 */
import { type Consortium, indexRequest, proposalOf, violationOf } from "./consortium-index.js";
import type { ConsortiumOutcome, ConsortiumProposal, ConsortiumRequest } from "./consortium-problem.js";
import { undominatedCandidates } from "./dominance.js";
import { solveExactly } from "./exact-model.js";
import { greedyConsortium, improveConsortium, type NoGoods } from "./heuristic.js";

export type ProposeOptions = {
  /** Time for the whole answer, all alternatives together (default 8 s). */
  timeLimitSeconds?: number;
  /** "auto" (default): exact when the model is small enough, heuristic beyond; "heuristic": never exact. */
  method?: "auto" | "heuristic";
  /** Seed of the local search's random kicks (default 1): the same seed gives the same answer. */
  seed?: number;
};

const defaultAlternatives = 3;
const defaultTimeLimitSeconds = 8;
/** Above this many role columns (candidate × role it can fill) the exact model is not tried. */
const exactColumnLimit = 200_000;
/** Share of an alternative's time the heuristic may take before the exact model when both run. */
const heuristicShare = 0.2;

export async function proposeConsortia(
  request: ConsortiumRequest,
  options: ProposeOptions = {},
): Promise<ConsortiumOutcome> {
  const started = performance.now();
  const end = started + (options.timeLimitSeconds ?? defaultTimeLimitSeconds) * 1000;
  const indexed = indexRequest(request);
  if (indexed.kind === "impossible") return indexed;
  const { index, uncoverable } = indexed;
  const roleColumns = index.candidates.reduce((sum, candidate) => sum + candidate.roles.length, 0);
  const exact = options.method !== "heuristic" && roleColumns <= exactColumnLimit;
  const wanted = request.alternatives ?? defaultAlternatives;
  const proposals: ConsortiumProposal[] = [];
  const noGoods: number[][] = [];
  let optimal = false;
  for (let k = 0; k < wanted; k += 1) {
    // The best consortium matters most: it may take half the time when alternatives follow; they
    // share the rest equally.
    const share = k === 0 && wanted > 1 ? 0.5 : 1 / (wanted - k);
    const deadline = performance.now() + (end - performance.now()) * share;
    const found = await searchOne(index, noGoods, { deadline, exact, seed: (options.seed ?? 1) + k });
    if (!found) break;
    if (k === 0) optimal = found.optimal;
    proposals.push(proposalOf(index, found.consortium));
    noGoods.push([...found.consortium.members]);
  }
  if (proposals.length === 0)
    return {
      kind: "impossible",
      reasons: [
        ...uncoverable,
        { kind: "constraints-conflict", rolesLimitSize: index.coverable.length <= index.maxSize },
      ],
    };
  // Best first even when time cut a search short and a later alternative came out better.
  const ranked = proposals.map((proposal, k) => ({ proposal, k })).sort((a, b) => better(a.proposal, b.proposal));
  return {
    kind: "proposals",
    proposals: ranked.map(({ proposal }) => proposal),
    optimal: optimal && ranked[0]?.k === 0,
    uncoverable,
  };
}

/** The objective's order on finished proposals (negative when `a` is better): coverage, fit, fewer members. */
function better(a: ConsortiumProposal, b: ConsortiumProposal): number {
  const covered = (proposal: ConsortiumProposal) => proposal.members.reduce((sum, m) => sum + m.roles.length, 0);
  return covered(b) - covered(a) || b.score - a.score || a.members.length - b.members.length;
}

async function searchOne(
  index: Parameters<typeof greedyConsortium>[0],
  noGoods: NoGoods,
  options: { deadline: number; exact: boolean; seed: number },
): Promise<{ consortium: Consortium; optimal: boolean } | undefined> {
  const { deadline, exact, seed } = options;
  const pool = undominatedCandidates(index, noGoods);
  const start = greedyConsortium(index, noGoods, { pool });
  const heuristicDeadline = exact
    ? Math.min(deadline, performance.now() + heuristicShare * (deadline - performance.now()))
    : deadline;
  const incumbent =
    start &&
    improveConsortium(index, start, noGoods, { deadline: heuristicDeadline, seed, patience: exact ? 10 : 60, pool });
  if (!exact) return incumbent && { consortium: incumbent, optimal: false };
  const solved = await solveExactly(index, noGoods, { incumbent, deadline, pool });
  if (solved.kind === "infeasible") return undefined;
  // A solver answer is checked like any other: a numerical slip must not reach users.
  if (solved.kind === "solved" && !violationOf(index, solved.consortium, noGoods)) return solved;
  return incumbent && { consortium: incumbent, optimal: false };
}
