/**
 * The engine's fast half: a constructive schedule improved by local search, alone for instances too
 * large for the exact model and the exact model's seed otherwise. Moves, in the spirit of ejection
 * chains: put an unplaced meeting into a slot by moving the meetings in its way to other free
 * slots, or by leaving out ones worth less; then kicks (take a few meetings out, refill) to escape
 * local optima. Every change is undoable, so a move that does not pay is rolled back. Pure;
 * reproducible for a given seed.
 */
import { seededRandom } from "../../../platform/solver/index.js";
import type { Assignment, IndexedProblem } from "./schedule-index.js";
import { publishedMoveCost } from "./schedule-problem.js";

/** A schedule being searched: who meets where, who is busy when, tables used per slot. */
export class ScheduleState {
  readonly slotOf: Int32Array;
  /** occupant[party * slotCount + slot]: the meeting the party is in, or -1. */
  private readonly occupant: Int32Array;
  private readonly poolUsed: Int32Array;
  /** Priority weight placed. */
  value = 0;
  /** Meetings SMEs lack to reach the minimum (fairness): fewer is better at equal value. */
  shortfall = 0;
  /** Meetings of the previous schedule now elsewhere (re-planning): fewer is better at equal value and fairness. */
  moved = 0;
  private readonly held: Int32Array;
  /** The meetings held in each slot, kept as meetings move (so a slot's meetings need no scan). */
  private readonly inSlot: Set<number>[];
  private readonly log: number[] = [];

  constructor(
    readonly index: IndexedProblem,
    /** The previous slot of each meeting when re-planning, else all -1. */
    private readonly previous: Assignment = new Int32Array(index.meetingCount).fill(-1),
  ) {
    this.slotOf = new Int32Array(index.meetingCount).fill(-1);
    this.occupant = new Int32Array(index.partyCount * index.slotCount).fill(-1);
    this.poolUsed = new Int32Array(index.slotCount);
    this.held = new Int32Array(index.partyCount);
    this.inSlot = Array.from({ length: index.slotCount }, () => new Set<number>());
    const minimum = index.problem.minMeetingsPerSme;
    this.shortfall = index.isSme.filter(Boolean).length * minimum;
  }

  /** Whether this schedule beats a score (compareScores). */
  beats(score: Score): boolean {
    return compareScores(this.score(), score) > 0;
  }

  score(): Score {
    return { value: this.value, shortfall: this.shortfall, moved: this.moved };
  }

  meetingsIn(slot: number): ReadonlySet<number> {
    return this.inSlot[slot] ?? new Set();
  }

  occupantOf(party: number, slot: number): number {
    return this.occupant[party * this.index.slotCount + slot] ?? -1;
  }

  tablesFree(slot: number): number {
    return (this.index.poolTables[slot] ?? 0) - (this.poolUsed[slot] ?? 0);
  }

  canPlace(m: number, slot: number): boolean {
    if (!this.index.atStand[m] && this.tablesFree(slot) <= 0) return false;
    for (const p of this.index.partiesOf[m] ?? []) if (this.occupantOf(p, slot) >= 0) return false;
    return true;
  }

  /** Moves meeting m to `slot` (-1: leaves it out), recording the change for undo. */
  set(m: number, slot: number): void {
    const from = this.slotOf[m] ?? -1;
    if (from === slot) return;
    this.log.push(m, from);
    this.apply(m, from, slot);
  }

  private apply(m: number, from: number, to: number): void {
    const { index } = this;
    const parties = index.partiesOf[m] ?? [];
    const weight = index.weight[m] ?? 0;
    const before = this.previous[m] ?? -1;
    const change = (from >= 0 ? -1 : 0) + (to >= 0 ? 1 : 0);
    if (change !== 0) {
      const minimum = index.problem.minMeetingsPerSme;
      for (const p of parties) {
        if (!index.isSme[p]) continue;
        const before = this.held[p] ?? 0;
        this.held[p] = before + change;
        this.shortfall += Math.max(0, minimum - before - change) - Math.max(0, minimum - before);
      }
    }
    if (from >= 0) this.inSlot[from]?.delete(m);
    if (to >= 0) this.inSlot[to]?.add(m);
    if (from >= 0) {
      for (const p of parties) this.occupant[p * index.slotCount + from] = -1;
      if (!index.atStand[m]) this.poolUsed[from] = (this.poolUsed[from] ?? 0) - 1;
      this.value -= weight;
    }
    if (to >= 0) {
      for (const p of parties) this.occupant[p * index.slotCount + to] = m;
      if (!index.atStand[m]) this.poolUsed[to] = (this.poolUsed[to] ?? 0) + 1;
      this.value += weight;
    }
    if (before >= 0) this.moved += (to !== before ? 1 : 0) - (from !== before ? 1 : 0);
    this.slotOf[m] = to;
  }

  mark(): number {
    return this.log.length;
  }

  rollback(mark: number): void {
    while (this.log.length > mark) {
      const from = this.log.pop() as number;
      const m = this.log.pop() as number;
      this.apply(m, this.slotOf[m] ?? -1, from);
    }
  }

  /** Forgets the undo history (after a change is accepted for good). */
  commit(): void {
    this.log.length = 0;
  }

  /** Whether m is where the previous schedule had it (re-planning prefers to leave those alone). */
  isKept(m: number): boolean {
    const before = this.previous[m] ?? -1;
    return before >= 0 && this.slotOf[m] === before;
  }
}

/** How good a schedule is, level by level: weight placed, then fairness, then stability. */
export type Score = { value: number; shortfall: number; moved: number };

/** Positive when a is better than b: weight net of moved published meetings, then fairness, then fewer moves. */
export function compareScores(a: Score, b: Score): number {
  const net = (score: Score) => score.value - publishedMoveCost * score.moved;
  return net(a) - net(b) || b.shortfall - a.shortfall || b.moved - a.moved;
}

type SearchOptions = {
  /** performance.now() value to stop at. */
  deadline: number;
  seed: number;
  /** A schedule to start from (e.g. the previous one, or the solver's). */
  start?: Assignment;
  previous?: Assignment;
  /** Stop as soon as this much priority weight is placed (a proven bound: nothing better exists). */
  target?: number;
};

/** The best schedule the heuristic finds before the deadline. */
export function searchSchedule(index: IndexedProblem, options: SearchOptions): Assignment {
  const random = seededRandom(options.seed);
  const state = new ScheduleState(index, options.previous);
  placePinned(state);
  if (options.start) {
    options.start.forEach((slot, m) => {
      if (
        slot >= 0 &&
        state.slotOf[m] === -1 &&
        (index.candidates[m] ?? []).includes(slot) &&
        state.canPlace(m, slot)
      ) {
        state.set(m, slot);
      }
    });
  }
  state.commit();
  construct(state, random);
  improve(state, random, options.deadline, options.target ?? Number.POSITIVE_INFINITY);
  return Int32Array.from(state.slotOf);
}

function placePinned(state: ScheduleState): void {
  state.index.pinnedSlot.forEach((slot, m) => {
    if (slot >= 0 && (state.index.candidates[m] ?? []).includes(slot) && state.canPlace(m, slot)) state.set(m, slot);
  });
}

/** Meetings worth most first, then the hardest to fit (fewest slots), each into its best free slot. */
function construct(state: ScheduleState, random: () => number): void {
  const { index } = state;
  const order = [...index.weight.keys()]
    .filter((m) => (state.slotOf[m] ?? -1) < 0)
    .map((m) => ({ m, tie: random() }))
    .sort(
      (a, b) =>
        (index.weight[b.m] ?? 0) - (index.weight[a.m] ?? 0) ||
        (index.candidates[a.m]?.length ?? 0) - (index.candidates[b.m]?.length ?? 0) ||
        a.tie - b.tie,
    )
    .map(({ m }) => m);
  for (const m of order) {
    const slot = bestFreeSlot(state, m, -1);
    if (slot >= 0) state.set(m, slot);
  }
  state.commit();
}

/**
 * The free slot for m that keeps its parties' days compact: next to one of their meetings if
 * possible, else the slot with the most tables left. -1 when none is free. Skips `except`.
 */
function bestFreeSlot(state: ScheduleState, m: number, except: number): number {
  const { index } = state;
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const slot of index.candidates[m] ?? []) {
    if (slot === except || !state.canPlace(m, slot)) continue;
    let score = state.tablesFree(slot) / 1000;
    const position = index.slotOrder.indexOf(slot);
    for (const p of index.partiesOf[m] ?? []) {
      for (const neighbour of [index.slotOrder[position - 1], index.slotOrder[position + 1]]) {
        if (neighbour === undefined || index.slotDay[neighbour] !== index.slotDay[slot]) continue;
        if (state.occupantOf(p, neighbour) >= 0) score += 1;
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = slot;
    }
  }
  return best;
}

/** Moves m to another free slot; false (and nothing changed) when there is none. */
function relocate(state: ScheduleState, m: number, forbidden: number): boolean {
  const slot = bestFreeSlot(state, m, forbidden);
  if (slot < 0) return false;
  state.set(m, slot);
  return true;
}

/**
 * Tries to put unplaced meeting m into one of its slots: the meetings in its way move elsewhere if
 * they can, and are left out otherwise. Kept only when the schedule gains value (or keeps its
 * value with fewer moved meetings).
 */
function insert(state: ScheduleState, m: number, random: () => number, allowEqual: boolean): boolean {
  const { index } = state;
  const candidates = index.candidates[m] ?? [];
  const start = Math.floor(random() * candidates.length);
  for (let k = 0; k < candidates.length; k += 1) {
    const slot = candidates[(start + k) % candidates.length] as number;
    const before = state.score();
    const mark = state.mark();
    const ejected: number[] = [];
    let blockedByPin = false;
    for (const p of index.partiesOf[m] ?? []) {
      const other = state.occupantOf(p, slot);
      if (other < 0) continue;
      if ((index.pinnedSlot[other] ?? -1) >= 0) {
        blockedByPin = true;
        break;
      }
      state.set(other, -1);
      ejected.push(other);
    }
    if (blockedByPin) {
      state.rollback(mark);
      continue;
    }
    if (!index.atStand[m] && state.tablesFree(slot) <= 0 && !freeATable(state, slot, m, ejected, random)) {
      state.rollback(mark);
      continue;
    }
    state.set(m, slot);
    for (const other of ejected) {
      if (!relocate(state, other, -1)) relocateByEjecting(state, other, random);
    }
    const gain = compareScores(state.score(), before);
    if (gain > 0 || (allowEqual && gain === 0)) return true;
    state.rollback(mark);
  }
  return false;
}

/** Makes a table free in `slot` for m: moves a meeting held there elsewhere, or leaves out the cheapest. */
function freeATable(state: ScheduleState, slot: number, m: number, ejected: number[], random: () => number): boolean {
  const { index } = state;
  const atTables = [...state.meetingsIn(slot)].filter(
    (other) => !index.atStand[other] && (index.pinnedSlot[other] ?? -1) < 0,
  );
  if (atTables.length === 0) return false;
  const offset = Math.floor(random() * atTables.length);
  for (let k = 0; k < atTables.length; k += 1) {
    const other = atTables[(offset + k) % atTables.length] as number;
    if (relocate(state, other, slot)) return true;
  }
  const cheapest = atTables.reduce((a, b) => ((index.weight[b] ?? 0) < (index.weight[a] ?? 0) ? b : a));
  if ((index.weight[cheapest] ?? 0) >= (index.weight[m] ?? 0)) return false;
  state.set(cheapest, -1);
  ejected.push(cheapest);
  return true;
}

/** One level deeper: m takes a slot from a cheaper meeting that itself moves to a free slot. */
function relocateByEjecting(state: ScheduleState, m: number, random: () => number): boolean {
  const { index } = state;
  const candidates = index.candidates[m] ?? [];
  const start = Math.floor(random() * Math.max(1, candidates.length));
  for (let k = 0; k < candidates.length; k += 1) {
    const slot = candidates[(start + k) % candidates.length] as number;
    const mark = state.mark();
    const before = state.value;
    const blockers = new Set<number>();
    for (const p of index.partiesOf[m] ?? []) {
      const other = state.occupantOf(p, slot);
      if (other >= 0) blockers.add(other);
    }
    if (!index.atStand[m] && state.tablesFree(slot) <= 0) {
      state.rollback(mark);
      continue;
    }
    let ok = true;
    for (const other of blockers) {
      if ((index.pinnedSlot[other] ?? -1) >= 0 || (index.weight[other] ?? 0) > (index.weight[m] ?? 0)) {
        ok = false;
        break;
      }
      state.set(other, -1);
    }
    if (!ok || !state.canPlace(m, slot)) {
      state.rollback(mark);
      continue;
    }
    state.set(m, slot);
    for (const other of blockers) relocate(state, other, slot);
    if (state.value > before - (index.weight[m] ?? 0)) return true;
    state.rollback(mark);
  }
  return false;
}

/** Insert rounds until nothing gains, then kicks, until the deadline; keeps the best schedule seen. */
function improve(state: ScheduleState, random: () => number, deadline: number, target: number): void {
  const { index } = state;
  let best = Int32Array.from(state.slotOf);
  let bestScore = state.score();
  // Rounds without a better schedule before giving up early: small missions settle in milliseconds.
  const patience = Math.max(200, index.meetingCount);
  let roundsSinceBest = 0;
  const remember = () => {
    roundsSinceBest += 1;
    if (state.beats(bestScore)) {
      best = Int32Array.from(state.slotOf);
      bestScore = state.score();
      roundsSinceBest = 0;
    }
  };
  let round = 0;
  while (performance.now() < deadline && bestScore.value < target && roundsSinceBest < patience) {
    round += 1;
    let gained = false;
    const unplaced = [...index.weight.keys()]
      .filter((m) => (state.slotOf[m] ?? -1) < 0 && (index.candidates[m]?.length ?? 0) > 0)
      .sort((a, b) => (index.weight[b] ?? 0) - (index.weight[a] ?? 0) || random() - 0.5);
    for (const m of unplaced) {
      if (performance.now() >= deadline) break;
      if (insert(state, m, random, round % 2 === 0)) {
        state.commit();
        gained = true;
      }
    }
    remember();
    if (gained) continue;
    if (unplaced.length === 0) break;
    kick(state, random);
  }
  if (compareScores(bestScore, state.score()) > 0) {
    state.rollback(0);
    state.commit();
    best.forEach((slot, m) => {
      if (state.slotOf[m] !== slot) state.set(m, -1);
    });
    best.forEach((slot, m) => {
      if (slot >= 0 && state.slotOf[m] !== slot) state.set(m, slot);
    });
    state.commit();
  }
}

/** Takes a few meetings of one random party out and refills greedily: a step off a local optimum. */
function kick(state: ScheduleState, random: () => number): void {
  const { index } = state;
  const party = Math.floor(random() * index.partyCount);
  const removed: number[] = [];
  for (const m of index.meetingsOf[party] ?? []) {
    if ((state.slotOf[m] ?? -1) >= 0 && (index.pinnedSlot[m] ?? -1) < 0 && random() < 0.5) {
      state.set(m, -1);
      removed.push(m);
    }
  }
  for (const m of removed.sort(() => random() - 0.5)) {
    const slot = bestFreeSlot(state, m, -1);
    if (slot >= 0) state.set(m, slot);
  }
  state.commit();
}
