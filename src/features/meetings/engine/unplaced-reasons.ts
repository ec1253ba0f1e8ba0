/**
 * Why each meeting left out of a schedule is out, in the words staff act on: the parties share no
 * free slot (change someone's availability), every shared slot is out of tables (add tables), or
 * the parties are busy in meetings that were placed instead (drop or downgrade one). Pure.
 */
import type { Assignment, IndexedProblem } from "./schedule-index.js";
import type { UnplacedReason } from "./schedule-problem.js";

export function unplacedWithReasons(
  index: IndexedProblem,
  slots: Assignment,
): { meeting: string; reason: UnplacedReason }[] {
  const busyWith = index.meetingsOf.map(() => new Int32Array(index.slotCount).fill(-1));
  const poolUsed = new Int32Array(index.slotCount);
  slots.forEach((s, m) => {
    if (s < 0) return;
    for (const p of index.partiesOf[m] ?? []) (busyWith[p] as Int32Array)[s] = m;
    if (!index.atStand[m]) poolUsed[s] = (poolUsed[s] ?? 0) + 1;
  });
  const unplaced: { meeting: string; reason: UnplacedReason }[] = [];
  slots.forEach((s, m) => {
    if (s >= 0) return;
    const parties = index.partiesOf[m] ?? [];
    // Slots taken by a pinned meeting are not free: nothing the engine could have done there.
    const open = (index.candidates[m] ?? []).filter((slot) =>
      parties.every((p) => {
        const other = busyWith[p]?.[slot] ?? -1;
        return other < 0 || (index.pinnedSlot[other] ?? -1) < 0;
      }),
    );
    let reason: UnplacedReason = "no-common-free-slot";
    if (open.length > 0) {
      const allFree = open.some((slot) => parties.every((p) => (busyWith[p]?.[slot] ?? -1) < 0));
      reason = allFree ? "table-shortage" : "outranked";
    }
    unplaced.push({ meeting: index.problem.meetings[m]?.id ?? "", reason });
  });
  return unplaced;
}
