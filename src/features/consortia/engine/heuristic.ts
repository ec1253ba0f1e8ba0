/**
 * The engine's fast half: a greedy consortium improved by local search. Alone it answers requests
 * too large for the exact model or when time runs out; otherwise it seeds the exact model.
 * - Greedy: start from the must-includes; add the candidate that adds most value (a new covered
 *   role first, then fit), restricted to candidates bringing a missing country or cluster once the
 *   places left are only just enough for the minimums.
 * - Local search: best of drop one member, add one candidate, swap a member for a candidate; roles
 *   are re-assigned after every move (each to the member who fits it best); then kicks (take two
 *   members out, refill greedily, search again) until the budget runs out.
 * Pure; reproducible for a given seed.
 */
import { seededRandom } from "../../../platform/solver/index.js";
import {
  type Consortium,
  clustersOf,
  consortiumValue,
  type IndexedCandidate,
  type IndexedRequest,
} from "./consortium-index.js";

/** Earlier proposals (candidate indices): a new one shares at most half of its and of each one's members. */
export type NoGoods = readonly (readonly number[])[];

type Evaluated = Consortium & { value: number };

/**
 * The best roles for a member set: each coverable role to the member who fits it best. A member left
 * without a role is dropped when the consortium can do without it (not a must-include, countries and
 * clusters still enough); otherwise it takes the role it fits with the smallest loss from a member
 * who holds two or more. Undefined when that fails or the set breaks a constraint.
 */
export function arrange(
  index: IndexedRequest,
  members: readonly number[],
  noGoods: NoGoods,
  required: ReadonlySet<number>,
): Evaluated | undefined {
  if (members.length > index.maxSize) return undefined;
  const { candidates } = index;
  const holder = new Int32Array(index.roleKeys.length).fill(-1);
  for (const r of index.coverable) {
    let best = -1;
    let bestFit = 0;
    for (const c of members) {
      const fit = candidates[c]?.fit[r] ?? 0;
      if (fit > bestFit) {
        best = c;
        bestFit = fit;
      }
    }
    holder[r] = best;
  }
  const held = new Map<number, number>(members.map((c) => [c, 0]));
  for (const c of holder) if (c >= 0) held.set(c, (held.get(c) ?? 0) + 1);
  let kept = [...members];
  for (const c of members) {
    if (held.get(c) !== 0 || required.has(c)) continue;
    const without = kept.filter((m) => m !== c);
    if (diverseEnough(index, without)) kept = without;
  }
  for (const c of kept) {
    if (held.get(c) !== 0) continue;
    const candidate = candidates[c] as IndexedCandidate;
    let steal = -1;
    let loss = Number.POSITIVE_INFINITY;
    for (const r of candidate.roles) {
      const from = holder[r] ?? -1;
      if (from < 0 || (held.get(from) ?? 0) < 2) continue;
      const cost = (candidates[from]?.fit[r] ?? 0) - (candidate.fit[r] ?? 0);
      if (cost < loss) {
        loss = cost;
        steal = r;
      }
    }
    if (steal < 0) return undefined;
    const from = holder[steal] as number;
    held.set(from, (held.get(from) ?? 0) - 1);
    held.set(c, 1);
    holder[steal] = c;
  }
  if (!diverseEnough(index, kept) || !respectsNoGoods(kept, noGoods)) return undefined;
  const consortium = { members: kept, holder };
  return { ...consortium, value: consortiumValue(index, consortium).value };
}

function diverseEnough(index: IndexedRequest, members: readonly number[]): boolean {
  const countries = new Set<number>();
  const clusters = new Set<number>();
  for (const c of members) {
    const candidate = index.candidates[c] as IndexedCandidate;
    countries.add(candidate.country);
    if (candidate.cluster >= 0) clusters.add(candidate.cluster);
  }
  return countries.size >= index.minCountries && clusters.size >= index.minClusters;
}

/**
 * Whether a consortium shares at most half of its own members and half of each earlier proposal's.
 * The greedy holds each set it grows to the same rule: a member from outside the earlier proposals
 * never breaks it, so a set that keeps it while growing ends keeping it.
 */
export function respectsNoGoods(members: readonly number[], noGoods: NoGoods): boolean {
  return noGoods.every((proposal) => {
    const shared = proposal.filter((c) => members.includes(c)).length;
    return shared <= Math.floor(proposal.length / 2) && 2 * shared <= members.length;
  });
}

/**
 * The greedy consortium from `start` (the must-includes by default): the search's first solution
 * and the benchmark's baseline. Undefined when it cannot meet the constraints.
 */
export function greedyConsortium(
  index: IndexedRequest,
  noGoods: NoGoods = [],
  options: {
    /** Members to start from (default: the must-includes). */
    start?: readonly number[];
    /** Candidates not to add. */
    banned?: ReadonlySet<number>;
    /** The candidates to choose from (default: all; the search passes the undominated ones). */
    pool?: readonly number[];
  } = {},
): Evaluated | undefined {
  const { start = index.mustInclude, banned = new Set<number>(), pool = allCandidates(index) } = options;
  const { candidates, weights } = index;
  const required = new Set(index.mustInclude);
  const members = [...start];
  const best = new Float64Array(index.roleKeys.length);
  const refreshBest = () => {
    best.fill(0);
    for (const c of members) {
      const fit = (candidates[c] as IndexedCandidate).fit;
      for (const r of index.coverable) best[r] = Math.max(best[r] ?? 0, fit[r] ?? 0);
    }
  };
  refreshBest();
  while (members.length < index.maxSize) {
    const chosen = members.map((c) => candidates[c] as IndexedCandidate);
    const countries = new Set(chosen.map((c) => c.country));
    const clusters = clustersOf(chosen);
    const placesLeft = index.maxSize - members.length;
    const needCountry = index.minCountries - countries.size >= placesLeft;
    const needCluster = index.minClusters - clusters.size >= placesLeft;
    const diverse = countries.size >= index.minCountries && clusters.size >= index.minClusters;
    let pick = -1;
    let pickGain = Number.NEGATIVE_INFINITY;
    for (const c of pool) {
      const candidate = candidates[c] as IndexedCandidate;
      if (banned.has(c) || members.includes(c)) continue;
      if (needCountry && countries.has(candidate.country)) continue;
      const newCluster = candidate.cluster >= 0 && !clusters.has(candidate.cluster);
      if (needCluster && !newCluster) continue;
      let gain = -weights.member;
      for (const r of candidate.roles) {
        const fit = candidate.fit[r] ?? 0;
        const current = best[r] ?? 0;
        if (fit > current) gain += fit - current + (current === 0 ? weights.cover : 0);
      }
      // Until the minimums are met, a new country or cluster is worth a little more than any fit.
      if (!diverse) {
        if (!countries.has(candidate.country) && countries.size < index.minCountries) gain += 1;
        if (newCluster && clusters.size < index.minClusters) gain += 1;
      }
      if (gain > pickGain && respectsNoGoods([...members, c], noGoods)) {
        pick = c;
        pickGain = gain;
      }
    }
    if (pick < 0 || (pickGain <= 0 && diverse)) break;
    members.push(pick);
    refreshBest();
  }
  return arrange(index, members, noGoods, required);
}

export type SearchOptions = {
  /** performance.now() at which to stop kicking. */
  deadline: number;
  seed?: number;
  /** Kicks without improvement before the search gives up early. */
  patience?: number;
  /** The candidates to choose from (default: all). */
  pool?: readonly number[];
};

function allCandidates(index: IndexedRequest): number[] {
  return index.candidates.map((_, c) => c);
}

/** Improves a consortium by local search (see the file's comment) until no move helps or time is up. */
export function improveConsortium(
  index: IndexedRequest,
  start: Evaluated,
  noGoods: NoGoods,
  options: SearchOptions,
): Evaluated {
  const random = seededRandom(options.seed ?? 1);
  const patience = options.patience ?? 60;
  const pool = options.pool ?? allCandidates(index);
  let best = descend(index, start, noGoods, pool);
  let current = best;
  let stale = 0;
  const movable = () => current.members.filter((c) => !index.mustInclude.includes(c));
  while (performance.now() < options.deadline && stale < patience) {
    // Kick: take up to two members out, ban them for the refill, refill greedily, descend again.
    const out = movable();
    const removed = new Set<number>();
    for (let k = 0; k < 2 && out.length > 0; k += 1) {
      const [taken] = out.splice(Math.floor(random() * out.length), 1);
      if (taken !== undefined) removed.add(taken);
    }
    const refilled = greedyConsortium(index, noGoods, {
      start: current.members.filter((c) => !removed.has(c)),
      banned: removed,
      pool,
    });
    if (!refilled) {
      stale += 1;
      continue;
    }
    const next = descend(index, refilled, noGoods, pool);
    if (next.value > best.value + 1e-12) {
      best = next;
      stale = 0;
    } else stale += 1;
    // Accept equal-or-better kicks to drift across plateaus; otherwise go back to the best.
    current = next.value >= current.value - 1e-12 ? next : best;
  }
  return best;
}

/** Best-improvement descent over drop, add and swap moves. */
function descend(index: IndexedRequest, start: Evaluated, noGoods: NoGoods, pool: readonly number[]): Evaluated {
  const { candidates, weights } = index;
  const required = new Set(index.mustInclude);
  let current = start;
  for (;;) {
    let bestMove: Evaluated | undefined;
    const consider = (members: readonly number[]) => {
      const arranged = arrange(index, members, noGoods, required);
      if (arranged && arranged.value > (bestMove?.value ?? current.value) + 1e-12) bestMove = arranged;
    };
    const members = current.members;
    const bases: number[][] = [[...members]];
    for (const m of members) {
      if (required.has(m)) continue;
      const without = members.filter((c) => c !== m);
      consider(without);
      bases.push(without);
    }
    for (const base of bases) {
      if (base.length >= index.maxSize) continue;
      // The best fit per role without the member: no candidate can add more than it improves on it.
      const best = new Float64Array(index.roleKeys.length);
      for (const c of base) {
        const fit = (candidates[c] as IndexedCandidate).fit;
        for (const r of index.coverable) best[r] = Math.max(best[r] ?? 0, fit[r] ?? 0);
      }
      let baseValue = -base.length * weights.member;
      for (const r of index.coverable) if ((best[r] ?? 0) > 0) baseValue += weights.cover + (best[r] ?? 0);
      for (const c of pool) {
        const candidate = candidates[c] as IndexedCandidate;
        if (base.includes(c) || members.includes(c)) continue;
        let bound = baseValue - weights.member;
        for (const r of candidate.roles) {
          const fit = candidate.fit[r] ?? 0;
          const held = best[r] ?? 0;
          if (fit > held) bound += fit - held + (held === 0 ? weights.cover : 0);
        }
        if (bound <= (bestMove?.value ?? current.value) + 1e-12) continue;
        consider([...base, c]);
      }
    }
    if (!bestMove) return current;
    current = bestMove;
  }
}
