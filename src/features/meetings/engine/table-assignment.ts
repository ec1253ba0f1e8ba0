/**
 * Table numbers for a schedule whose slots are chosen. Tables within a slot are interchangeable,
 * so the engine only counts them; this step numbers them: pinned tables first, then each
 * organisation's own stand, then the lowest free table, keeping a meeting's previous table when
 * it is free (re-planning should not send people across the room). Pure.
 */
import type { Assignment, IndexedProblem } from "./schedule-index.js";
import type { Placement } from "./schedule-problem.js";

export function assignTables(
  index: IndexedProblem,
  slots: Assignment,
  previous: readonly Placement[] = [],
): Placement[] {
  const { problem } = index;
  const previousTable = new Map(
    previous.map((placement) => [`${placement.meeting}@${placement.slot}`, placement.table]),
  );
  const bySlot = new Map<number, number[]>();
  slots.forEach((s, m) => {
    if (s >= 0) bySlot.set(s, [...(bySlot.get(s) ?? []), m]);
  });
  const tableOf = new Map<number, number>();
  for (const [s, meetings] of bySlot) {
    const taken = new Set<number>();
    // A stand is its organisation's whenever the organisation is there, used or not.
    problem.parties.forEach((party, p) => {
      if (party.stand && index.availableIn[p]?.[s]) taken.add(party.stand);
    });
    const give = (m: number, table: number) => {
      tableOf.set(m, table);
      taken.add(table);
    };
    const rest: number[] = [];
    for (const m of meetings) {
      const pinnedTable = problem.meetings[m]?.pinned?.table;
      const stand = (index.partiesOf[m] ?? []).map((p) => index.standOf[p] ?? 0).find((table) => table > 0);
      if (pinnedTable) give(m, pinnedTable);
      else if (stand) tableOf.set(m, stand);
      else rest.push(m);
    }
    const slotId = problem.slots[s]?.id ?? "";
    const unkept: number[] = [];
    for (const m of rest) {
      const before = previousTable.get(`${problem.meetings[m]?.id}@${slotId}`);
      if (before !== undefined && !taken.has(before)) give(m, before);
      else unkept.push(m);
    }
    let next = 1;
    for (const m of unkept) {
      while (taken.has(next)) next += 1;
      give(m, next);
    }
  }
  return [...tableOf].map(([m, table]) => ({
    meeting: problem.meetings[m]?.id ?? "",
    slot: problem.slots[slots[m] ?? 0]?.id ?? "",
    table,
  }));
}
