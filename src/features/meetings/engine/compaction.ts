/**
 * The objective's last level: fewer idle gaps in each person's day. With the set of placed meetings
 * fixed, meetings move to other free slots, or two meetings swap slots, while that closes gaps;
 * nothing placed is dropped, so the priority weight and fairness stay as the solver left them. In
 * re-planning, meetings still where the published schedule had them stay put. Pure.
 */
import { seededRandom } from "../../../platform/solver/index.js";
import { ScheduleState } from "./heuristic.js";
import { type Assignment, type IndexedProblem, partyIdleGaps } from "./schedule-index.js";

function gapsOf(state: ScheduleState, parties: Iterable<number>): number {
  let total = 0;
  for (const p of new Set(parties)) total += partyIdleGaps(state.index, (slot) => state.occupantOf(p, slot) >= 0);
  return total;
}

export function compactSchedule(
  index: IndexedProblem,
  slots: Assignment,
  options: { deadline: number; seed: number; previous?: Assignment },
): Assignment {
  const random = seededRandom(options.seed);
  const state = new ScheduleState(index, options.previous);
  slots.forEach((slot, m) => {
    if (slot >= 0) state.set(m, slot);
  });
  state.commit();
  const movable = (m: number) => (state.slotOf[m] ?? -1) >= 0 && (index.pinnedSlot[m] ?? -1) < 0 && !state.isKept(m);
  let improved = true;
  while (improved && performance.now() < options.deadline) {
    improved = false;
    const order = [...index.weight.keys()].filter(movable).sort(() => random() - 0.5);
    for (const m of order) {
      if (performance.now() >= options.deadline) break;
      const parties = index.partiesOf[m] ?? [];
      const from = state.slotOf[m] ?? -1;
      const before = gapsOf(state, parties);
      if (before === 0) continue;
      let done = false;
      for (const slot of index.candidates[m] ?? []) {
        if (slot === from) continue;
        const mark = state.mark();
        state.set(m, -1);
        if (state.canPlace(m, slot)) {
          state.set(m, slot);
          if (gapsOf(state, parties) < before) {
            state.commit();
            improved = true;
            done = true;
            break;
          }
        }
        state.rollback(mark);
        if (trySwap(state, m, slot, movable)) {
          improved = true;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
  }
  return Int32Array.from(state.slotOf);
}

/** Swaps m with the one meeting blocking it in `slot`, when both fit and the gaps of everyone involved shrink. */
function trySwap(state: ScheduleState, m: number, slot: number, movable: (m: number) => boolean): boolean {
  const { index } = state;
  const from = state.slotOf[m] ?? -1;
  const blockers = new Set<number>();
  for (const p of index.partiesOf[m] ?? []) {
    const other = state.occupantOf(p, slot);
    if (other >= 0) blockers.add(other);
  }
  if (blockers.size !== 1) return false;
  const other = [...blockers][0] as number;
  if (!movable(other) || !(index.candidates[other] ?? []).includes(from)) return false;
  const involved = [...(index.partiesOf[m] ?? []), ...(index.partiesOf[other] ?? [])];
  const before = gapsOf(state, involved);
  const mark = state.mark();
  state.set(m, -1);
  state.set(other, -1);
  if (state.canPlace(m, slot)) {
    state.set(m, slot);
    if (state.canPlace(other, from)) {
      state.set(other, from);
      if (gapsOf(state, involved) < before) {
        state.commit();
        return true;
      }
    }
  }
  state.rollback(mark);
  return false;
}
