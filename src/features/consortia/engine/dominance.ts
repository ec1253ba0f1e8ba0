/**
 * The safe reduction of a request (docs/consortium-model.md, "Dominance"): candidates that cannot
 * be needed in a best consortium, taken out before any search.
 *
 * j dominates i when both are of the same country and cluster, j can fill every role i can, each at
 * least as well (exact ties broken by request order). Take a best consortium with i in it:
 * - if j is in it too, i's roles go to j (a member may fill several) and i leaves: as good, with
 *   the same countries and clusters and one member fewer;
 * - if j is free (outside it and outside every earlier proposal), j takes i's place and roles: as
 *   good, same countries, clusters and size, and no diversity rule gets tighter.
 * So for the first proposal one dominator is enough to leave i out. For later ones, leaving i out
 * may break "at most half of its own members" and j may sit in an earlier proposal, so only swaps
 * count: with K = maxSize + (members of the earlier proposals) dominators, one is free.
 * Dominance is transitive, so removing all such candidates at once is safe (a removed dominator's
 * own dominators dominate i too, and the undominated ones stay). Must-includes always stay. Pure.
 */
import type { IndexedCandidate, IndexedRequest } from "./consortium-index.js";
import type { NoGoods } from "./heuristic.js";

/** The candidate indices a best consortium may need, in request order. */
export function undominatedCandidates(index: IndexedRequest, noGoods: NoGoods): number[] {
  const { candidates } = index;
  const needed = noGoods.length === 0 ? 1 : index.maxSize + noGoods.reduce((sum, proposal) => sum + proposal.length, 0);
  const mustInclude = new Set(index.mustInclude);
  // Per class and role: the class's candidates who can fill it, best fit first (request order on ties).
  const byClassAndRole = new Map<string, number[]>();
  candidates.forEach((candidate, c) => {
    for (const r of candidate.roles) {
      const key = `${candidate.country}/${candidate.cluster}/${r}`;
      const list = byClassAndRole.get(key) ?? [];
      list.push(c);
      byClassAndRole.set(key, list);
    }
  });
  for (const [key, list] of byClassAndRole) {
    const r = Number(key.slice(key.lastIndexOf("/") + 1));
    list.sort((a, b) => (candidates[b]?.fit[r] ?? 0) - (candidates[a]?.fit[r] ?? 0) || a - b);
  }
  const dominates = (j: number, i: number) => {
    const mine = candidates[i] as IndexedCandidate;
    const theirs = candidates[j] as IndexedCandidate;
    let equal = theirs.roles.length === mine.roles.length;
    for (const r of mine.roles) {
      const difference = (theirs.fit[r] ?? 0) - (mine.fit[r] ?? 0);
      if (difference < 0) return false;
      if (difference > 0) equal = false;
    }
    return !equal || j < i;
  };
  const kept: number[] = [];
  candidates.forEach((candidate, c) => {
    if (mustInclude.has(c)) {
      kept.push(c);
      return;
    }
    // Dominators fill c's best role at least as well: only the head of that list can hold them.
    const best = candidate.roles[0] as number;
    const list = byClassAndRole.get(`${candidate.country}/${candidate.cluster}/${best}`) ?? [];
    let dominators = 0;
    for (const j of list) {
      if ((candidates[j]?.fit[best] ?? 0) < (candidate.fit[best] ?? 0)) break;
      if (j !== c && dominates(j, c)) dominators += 1;
      if (dominators >= needed) break;
    }
    if (dominators < needed) kept.push(c);
  });
  return kept;
}
