/**
 * The first-come scheduler simple tools use, kept as the baseline the engine must beat: meetings in
 * the order they were requested, each into the earliest slot where its parties are free and a
 * table is left. Pure.
 */
import type { Assignment, IndexedProblem } from "./schedule-index.js";

export function firstComeSchedule(index: IndexedProblem): Assignment {
  const slots = new Int32Array(index.meetingCount).fill(-1);
  const partyBusy = index.meetingsOf.map(() => new Uint8Array(index.slotCount));
  const tablesLeft = Int32Array.from(index.poolTables);
  // Pinned meetings are already announced: they come first, then everyone else in order.
  const order = [...index.weight.keys()].sort(
    (a, b) => Number((index.pinnedSlot[b] ?? -1) >= 0) - Number((index.pinnedSlot[a] ?? -1) >= 0),
  );
  for (const m of order) {
    const parties = index.partiesOf[m] ?? [];
    const needsTable = !index.atStand[m];
    const slot = (index.candidates[m] ?? []).find(
      (s) => (!needsTable || (tablesLeft[s] ?? 0) > 0) && parties.every((p) => partyBusy[p]?.[s] === 0),
    );
    if (slot === undefined) continue;
    slots[m] = slot;
    if (needsTable) tablesLeft[slot] = (tablesLeft[slot] ?? 0) - 1;
    for (const p of parties) (partyBusy[p] as Uint8Array)[slot] = 1;
  }
  return slots;
}
