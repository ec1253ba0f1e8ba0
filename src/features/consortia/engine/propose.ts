/**
 * The consortium builder's engine: proposes the best few diverse consortia for a request. Pure
 * (no Slack, no Prisma). Model and reduction: docs/consortium-model.md (in short, below).
 */

import { indexRequest, proposalOf } from "./consortium-index.js";
import type { ConsortiumOutcome, ConsortiumProposal, ConsortiumRequest } from "./consortium-problem.js";
import { greedyConsortium, improveConsortium, type NoGoods } from "./heuristic.js";

export type ProposeOptions = {
  /** Time for the whole answer, all alternatives together (default 8 s). */
  timeLimitSeconds?: number;
  /** Seed of the local search's random kicks (default 1): the same seed gives the same answer. */
  seed?: number;
};

const defaultAlternatives = 3;
const defaultTimeLimitSeconds = 8;

export async function proposeConsortia(
  request: ConsortiumRequest,
  options: ProposeOptions = {},
): Promise<ConsortiumOutcome> {
  const started = performance.now();
  const budget = (options.timeLimitSeconds ?? defaultTimeLimitSeconds) * 1000;
  const indexed = indexRequest(request);
  if (indexed.kind === "impossible") return indexed;
  const { index, uncoverable } = indexed;
  const wanted = request.alternatives ?? defaultAlternatives;
  const proposals: ConsortiumProposal[] = [];
  const noGoods: number[][] = [];
  for (let k = 0; k < wanted; k += 1) {
    // Each alternative gets an equal share of the time left.
    const deadline = performance.now() + (started + budget - performance.now()) / (wanted - k);
    const found = searchOne(index, noGoods, deadline, (options.seed ?? 1) + k);
    if (!found) break;
    proposals.push(proposalOf(index, found));
    noGoods.push([...found.members]);
  }
  if (proposals.length === 0)
    return { kind: "impossible", reasons: [...uncoverable, { kind: "constraints-conflict" }] };
  return { kind: "proposals", proposals, optimal: false, uncoverable };
}

function searchOne(index: Parameters<typeof greedyConsortium>[0], noGoods: NoGoods, deadline: number, seed: number) {
  const start = greedyConsortium(index, noGoods);
  if (!start) return undefined;
  return improveConsortium(index, start, noGoods, { deadline, seed });
}
