/**
 * What staff see of a proposed schedule before publishing it: how many meetings were placed and
 * how close that is to the best possible, the must-haves, each meeting left out with the reason in
 * words they can act on, meetings per SME (fewest first), idle gaps, and on a re-plan how many
 * published meetings move. Pure; kept with the draft, so the message can be drawn again later.
 */

import {
  type Priority,
  percentOfBound,
  type ScheduleProblem,
  type ScheduleResult,
  type UnplacedReason,
} from "./engine/schedule-problem.js";
import type { LeftOutRequest } from "./mission-problem.js";

export type SchedulePreview = {
  requested: number;
  placed: number;
  /** objective / bound, in percent, rounded down to one decimal: 100 only when nothing is left to gain. */
  percentOfBound: number;
  proven: boolean;
  mustPlaced: number;
  mustRequested: number;
  unplaced: { sides: string[]; priority: Priority; reason: UnplacedReason }[];
  perSme: { name: string; meetings: number }[];
  minMeetingsPerSme: number;
  idleGaps: number;
  /** On a re-plan: published meetings now in another slot or left out. */
  moved?: number;
  /** On a re-plan: published meetings whose request is no longer accepted. */
  cancelled: number;
  /** Delegation SMEs with no accepted request. */
  withoutRequests: number;
  leftOut: LeftOutRequest[];
};

/** Why a meeting is out, as staff can act on it. */
export const unplacedReasonText: Record<UnplacedReason, string> = {
  "no-common-free-slot": "no slot in which both are available",
  "table-shortage": "every slot both are free in is out of tables",
  outranked: "whenever both are free, one of them has a meeting that matters as much or more",
};

export function schedulePreview(
  problem: ScheduleProblem,
  result: ScheduleResult,
  context: {
    leftOut?: readonly LeftOutRequest[];
    cancelled?: number;
    withoutRequests?: number;
    /** Published meetings whose slot the session plan no longer has: they move, whatever the engine does. */
    outsidePlan?: number;
  } = {},
): SchedulePreview {
  const nameOf = new Map(problem.parties.map((party) => [party.id, party.name ?? party.id]));
  const meetingById = new Map(problem.meetings.map((meeting) => [meeting.id, meeting]));
  const placedIds = new Set(result.placed.map((placement) => placement.meeting));
  const musts = problem.meetings.filter((meeting) => meeting.priority === "must");
  const perSme = new Map(problem.parties.filter((party) => party.kind === "sme").map((party) => [party.id, 0]));
  for (const id of placedIds) {
    for (const party of meetingById.get(id)?.parties ?? []) {
      if (perSme.has(party)) perSme.set(party, (perSme.get(party) ?? 0) + 1);
    }
  }
  const priorityOrder: Priority[] = ["must", "want", "nice"];
  const unplaced = result.unplaced
    .map(({ meeting, reason }) => {
      const found = meetingById.get(meeting);
      return {
        sides: (found?.parties ?? []).map((party) => nameOf.get(party) ?? party),
        priority: found?.priority ?? "nice",
        reason,
      };
    })
    .sort((a, b) => priorityOrder.indexOf(a.priority) - priorityOrder.indexOf(b.priority));
  return {
    requested: problem.meetings.length,
    placed: result.placed.length,
    percentOfBound: percentOfBound(result),
    proven: result.method === "optimal",
    mustPlaced: musts.filter((meeting) => placedIds.has(meeting.id)).length,
    mustRequested: musts.length,
    unplaced,
    perSme: [...perSme]
      .map(([party, meetings]) => ({ name: nameOf.get(party) ?? party, meetings }))
      .sort((a, b) => a.meetings - b.meetings || a.name.localeCompare(b.name)),
    minMeetingsPerSme: problem.minMeetingsPerSme,
    idleGaps: result.idleGaps,
    ...(result.moved !== undefined || context.outsidePlan
      ? { moved: (result.moved ?? 0) + (context.outsidePlan ?? 0) }
      : {}),
    cancelled: context.cancelled ?? 0,
    withoutRequests: context.withoutRequests ?? 0,
    leftOut: [...(context.leftOut ?? [])],
  };
}
