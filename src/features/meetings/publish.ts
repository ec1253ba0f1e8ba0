/**
 * Publishing a draft over the published schedule: which Meeting rows stay as they are, which move,
 * which are new and which are dropped, and what changed for each SME (who is told). A meeting that
 * has started is never touched. Pure.
 */
import { requestIdOf, slotInstants } from "./mission-problem.js";
import type { StoredDraft } from "./schedule-draft-store.js";

/** Where and when a meeting is: a slot's instants and a table. */
export type MeetingPlace = { startsAt: Date; endsAt: Date; tableNumber: number };

export type PlacedRequest = MeetingPlace & { requestId: number };

/** A Meeting row of the published schedule. */
export type ExistingMeeting = MeetingPlace & {
  id: number;
  requestId: number | null;
  /** The SME that asked, and the SME asked when it is a meeting inside the delegation. */
  smeId: number;
  targetSmeId: number | null;
};

export type PublishPlan<M extends ExistingMeeting = ExistingMeeting> = {
  keep: M[];
  move: { meeting: M; to: PlacedRequest }[];
  create: PlacedRequest[];
  drop: M[];
};

/** The draft's placements as instants of the mission's zone and tables. */
export function placedRequests(draft: Pick<StoredDraft, "problem" | "result">): PlacedRequest[] {
  const slots = new Map(draft.problem.slots.map((slot) => [slot.id, slot]));
  return draft.result.placed.flatMap((placement) => {
    const requestId = requestIdOf(placement.meeting);
    const slot = slots.get(placement.slot);
    if (requestId === undefined || !slot) return [];
    return [{ requestId, ...slotInstants(slot, draft.problem.timeZone), tableNumber: placement.table }];
  });
}

const samePlace = (a: MeetingPlace, b: MeetingPlace) =>
  a.startsAt.getTime() === b.startsAt.getTime() &&
  a.endsAt.getTime() === b.endsAt.getTime() &&
  a.tableNumber === b.tableNumber;

/**
 * How the published schedule becomes the draft's. A published meeting the draft does not place is
 * dropped, unless it has started by `now` (what has happened stays on record).
 */
export function publishPlan<M extends ExistingMeeting>(
  placed: readonly PlacedRequest[],
  existing: readonly M[],
  now: Date,
): PublishPlan<M> {
  const byRequest = new Map(
    existing.flatMap((meeting) => (meeting.requestId === null ? [] : [[meeting.requestId, meeting]])),
  );
  const plan: PublishPlan<M> = { keep: [], move: [], create: [], drop: [] };
  const placedIds = new Set<number>();
  for (const to of placed) {
    placedIds.add(to.requestId);
    const meeting = byRequest.get(to.requestId);
    if (!meeting) plan.create.push(to);
    else if (samePlace(meeting, to)) plan.keep.push(meeting);
    else plan.move.push({ meeting, to });
  }
  for (const meeting of existing) {
    const placedNow = meeting.requestId !== null && placedIds.has(meeting.requestId);
    if (!placedNow && meeting.startsAt.getTime() > now.getTime()) plan.drop.push(meeting);
  }
  return plan;
}

/** One change to an SME's schedule: a meeting that is new, moved or cancelled. */
export type ScheduleChange =
  | { kind: "new"; meetingId: number; to: MeetingPlace }
  | { kind: "moved"; meetingId: number; from: MeetingPlace; to: MeetingPlace }
  | { kind: "cancelled"; counterpart: string; from: MeetingPlace };

/** The SMEs a meeting row is about: both sides of a meeting between two SMEs are told. */
export const smesOf = (meeting: { smeId: number; targetSmeId: number | null }) =>
  meeting.targetSmeId === null ? [meeting.smeId] : [meeting.smeId, meeting.targetSmeId];

/** The names on a meeting row: the SME that asked, and the organisation or SME it meets. */
export type MeetingSides = {
  smeId: number;
  targetSmeId: number | null;
  sme: { name: string };
  organisation: { name: string } | null;
  targetSme: { name: string } | null;
};

/** Whom an SME meets in a meeting: the organisation, or the other SME. */
export function counterpartName(meeting: MeetingSides, forSmeId: number): string {
  if (meeting.organisation) return meeting.organisation.name;
  return (forSmeId === meeting.smeId ? meeting.targetSme?.name : meeting.sme.name) ?? "";
}

/** Adds a change to each SME a meeting is about. */
export function addChange(
  changes: Map<number, ScheduleChange[]>,
  meeting: MeetingSides,
  change: (smeId: number) => ScheduleChange,
): void {
  for (const smeId of smesOf(meeting)) changes.set(smeId, [...(changes.get(smeId) ?? []), change(smeId)]);
}
