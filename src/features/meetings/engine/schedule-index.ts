/**
 * A schedule problem turned into numbers: slots, parties and meetings by position, each meeting's
 * candidate slots, and each slot's day. Every algorithm of the engine works on this form. Pure.
 */
import { DateTime } from "luxon";
import { type Placement, priorityWeight, type ScheduleProblem } from "./schedule-problem.js";

export type IndexedProblem = {
  problem: ScheduleProblem;
  slotCount: number;
  partyCount: number;
  meetingCount: number;
  /** Slot positions in time order; slotOrder[k] is the k-th earliest slot. */
  slotOrder: number[];
  /** The local day of each slot ("YYYY-MM-DD"): idle gaps are counted within a day. */
  slotDay: string[];
  /** Tables of the shared pool per slot: the slot's tables minus stands reserved in it. */
  poolTables: number[];
  /** The stand table of each party, or 0. */
  standOf: number[];
  /** Whether each party is available in each slot: availableIn[party][slot]. */
  availableIn: boolean[][];
  /** Party positions of each meeting. */
  partiesOf: number[][];
  /** Meetings of each party. */
  meetingsOf: number[][];
  weight: number[];
  /** Slots the meeting may go into: all its parties available (only the pinned slot when pinned). */
  candidates: number[][];
  /** The pinned slot of each meeting, or -1. */
  pinnedSlot: number[];
  /** Whether each meeting is held at a stand (one of its parties has one): it needs no pool table. */
  atStand: boolean[];
  /** Whether each party is an SME (fairness counts SMEs only). */
  isSme: boolean[];
  slotIndex: Map<string, number>;
  meetingIndex: Map<string, number>;
};

export function indexProblem(problem: ScheduleProblem): IndexedProblem {
  const slotIndex = new Map(problem.slots.map((slot, at) => [slot.id, at]));
  const partyIndex = new Map(problem.parties.map((party, at) => [party.id, at]));
  const meetingIndex = new Map(problem.meetings.map((meeting, at) => [meeting.id, at]));
  const slotCount = problem.slots.length;
  const starts = problem.slots.map((slot) => DateTime.fromISO(slot.start, { zone: problem.timeZone }));
  const slotOrder = [...problem.slots.keys()].sort(
    (a, b) => (starts[a]?.toMillis() ?? 0) - (starts[b]?.toMillis() ?? 0),
  );
  const slotDay = problem.slots.map((slot) => slot.start.slice(0, 10));
  const availableIn = problem.parties.map((party) => {
    if (!party.available) return new Array<boolean>(slotCount).fill(true);
    const open = new Array<boolean>(slotCount).fill(false);
    for (const slot of party.available) open[slotIndex.get(slot) ?? -1] = true;
    return open;
  });
  const standOf = problem.parties.map((party) => party.stand ?? 0);
  const poolTables = problem.slots.map((slot, s) => {
    const reserved = new Set<number>();
    problem.parties.forEach((party, p) => {
      if (party.stand && party.stand <= slot.tables && availableIn[p]?.[s]) reserved.add(party.stand);
    });
    return Math.max(0, slot.tables - reserved.size);
  });
  const partiesOf = problem.meetings.map((meeting) => meeting.parties.map((party) => partyIndex.get(party) ?? 0));
  const meetingsOf = problem.parties.map((): number[] => []);
  partiesOf.forEach((parties, m) => {
    for (const p of parties) meetingsOf[p]?.push(m);
  });
  const pinnedSlot = problem.meetings.map((meeting) =>
    meeting.pinned ? (slotIndex.get(meeting.pinned.slot) ?? -1) : -1,
  );
  const candidates = partiesOf.map((parties, m) => {
    const open = slotOrder.filter((s) => parties.every((p) => availableIn[p]?.[s]));
    const pinned = pinnedSlot[m] ?? -1;
    // A pinned meeting stays in its slot, as long as its parties can still make it.
    return pinned >= 0 ? open.filter((s) => s === pinned) : open;
  });
  return {
    problem,
    slotCount,
    partyCount: problem.parties.length,
    meetingCount: problem.meetings.length,
    slotOrder,
    slotDay,
    poolTables,
    standOf,
    availableIn,
    partiesOf,
    meetingsOf,
    weight: problem.meetings.map((meeting) => priorityWeight[meeting.priority]),
    candidates,
    pinnedSlot,
    atStand: partiesOf.map((parties) => parties.some((p) => (standOf[p] ?? 0) > 0)),
    isSme: problem.parties.map((party) => party.kind === "sme"),
    slotIndex,
    meetingIndex,
  };
}

/** Slot of each meeting (-1: not placed): the form every algorithm returns. */
export type Assignment = Int32Array;

/** A previous schedule as an assignment over this problem's meetings. */
export function previousAssignment(index: IndexedProblem, previous: readonly Placement[] = []): Assignment {
  const slots = new Int32Array(index.meetingCount).fill(-1);
  for (const placement of previous) {
    const m = index.meetingIndex.get(placement.meeting);
    const s = index.slotIndex.get(placement.slot);
    if (m !== undefined && s !== undefined) slots[m] = s;
  }
  return slots;
}

/** Meetings of a previous schedule now in another slot or no longer placed. */
export function movedFrom(previous: Assignment | undefined, slots: Assignment): number {
  let moved = 0;
  previous?.forEach((slot, m) => {
    if (slot >= 0 && slots[m] !== slot) moved += 1;
  });
  return moved;
}

/** Priority-weighted meetings placed. */
export function weightOf(index: IndexedProblem, slots: Assignment): number {
  let total = 0;
  slots.forEach((s, m) => {
    if (s >= 0) total += index.weight[m] ?? 0;
  });
  return total;
}

/** Meetings each SME lacks to reach the minimum, summed over SMEs. */
export function shortfallOf(index: IndexedProblem, slots: Assignment): number {
  const minimum = index.problem.minMeetingsPerSme;
  if (minimum === 0) return 0;
  let short = 0;
  index.meetingsOf.forEach((meetings, p) => {
    if (!index.isSme[p]) return;
    const held = meetings.filter((m) => (slots[m] ?? -1) >= 0).length;
    short += Math.max(0, minimum - held);
  });
  return short;
}

/** Idle gaps of one party: runs of free slots between two of its meetings on the same day. */
export function partyIdleGaps(index: IndexedProblem, isBusy: (slot: number) => boolean): number {
  let gaps = 0;
  let day = "";
  let seenMeeting = false;
  let inGap = false;
  for (const s of index.slotOrder) {
    if (index.slotDay[s] !== day) {
      day = index.slotDay[s] ?? "";
      seenMeeting = false;
      inGap = false;
    }
    if (isBusy(s)) {
      if (inGap) gaps += 1;
      seenMeeting = true;
      inGap = false;
    } else if (seenMeeting) inGap = true;
  }
  return gaps;
}

/** For each party and day, the runs of free slots between two of its meetings. */
export function idleGapsOf(index: IndexedProblem, slots: Assignment): number {
  const busy = index.meetingsOf.map(() => new Set<number>());
  slots.forEach((s, m) => {
    if (s < 0) return;
    for (const p of index.partiesOf[m] ?? []) busy[p]?.add(s);
  });
  return busy.reduce(
    (gaps, partyBusy) => gaps + (partyBusy.size < 2 ? 0 : partyIdleGaps(index, (s) => partyBusy.has(s))),
    0,
  );
}
