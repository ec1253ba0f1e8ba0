/**
 * A mission as a schedule problem: its session plan becomes slots (ids are the local start,
 * "2027-04-13T09:00"), its delegation SMEs and organisations become parties, its accepted meeting
 * requests become meetings, and its published schedule becomes `previous`, with the meetings that
 * have already started pinned where they are. Pure: the store gathers the inputs.
 */
import {
  dailySlots,
  instantOf,
  isKnownZone,
  localParts,
  localTimeExists,
  type SessionPlan,
} from "../missions/index.js";
import type { MeetingToPlace, Party, Priority, ScheduleProblem, Slot } from "./engine/schedule-problem.js";

export type ProblemRequest = {
  id: number;
  smeId: number;
  organisationId: number | null;
  targetSmeId: number | null;
  priority: Priority;
};

export type ProblemOrganisation = {
  id: number;
  name: string;
  /** Mission days ("YYYY-MM-DD") it can meet; empty means every day. */
  available: readonly string[];
  standTable: number | null;
};

/** A meeting of the published schedule (a Meeting row with status scheduled). */
export type PublishedMeeting = { requestId: number; startsAt: Date; tableNumber: number };

export type MissionProblemInput = {
  timeZone: string;
  sessionPlan: SessionPlan;
  /** The confirmed delegation. */
  smes: readonly { id: number; name: string }[];
  organisations: readonly ProblemOrganisation[];
  /** Accepted requests whose meeting has not been held, cancelled or missed. */
  requests: readonly ProblemRequest[];
  published: readonly PublishedMeeting[];
  /** The app clock: a published meeting that has started stays where it is. */
  now: Date;
  minMeetingsPerSme: number;
};

/** An accepted request the schedule cannot include, and why, in words for staff. */
export type LeftOutRequest = { requestId: number; reason: string };

export type MissionProblem = {
  problem: ScheduleProblem;
  leftOut: LeftOutRequest[];
  /** Published meetings still to come whose request is no longer accepted: publishing cancels them. */
  cancelled: number;
  /** Delegation SMEs with no accepted request: the schedule can do nothing for them. */
  withoutRequests: number;
  /** Published meetings still to come in a slot the session plan no longer has: they must move. */
  outsidePlan: number;
};

export const smeParty = (id: number) => `sme:${id}`;
export const organisationParty = (id: number) => `org:${id}`;
export const requestMeeting = (id: number) => `req:${id}`;

/** The request id of a meeting id ("req:12" → 12), or undefined for an id this file did not make. */
export function requestIdOf(meetingId: string): number | undefined {
  const match = /^req:(\d+)$/.exec(meetingId);
  return match ? Number(match[1]) : undefined;
}

/**
 * The slots of a session plan, day by day, with the plan's tables in each. A slot that starts or
 * ends at a local time the clocks skip that day (a session across the spring change) is left out:
 * nobody can meet in an hour that does not exist.
 */
export function planSlots(plan: SessionPlan, zone: string): Slot[] {
  const { slots } = dailySlots(plan);
  // An unknown zone is the schema's to report, with its path: keep every slot then.
  const exists = (day: string, time: string) => !isKnownZone(zone) || localTimeExists(day, time, zone);
  return [...new Set(plan.days)].sort().flatMap((day) =>
    slots
      .filter((slot) => exists(day, slot.start) && exists(day, slot.end))
      .map((slot) => ({
        id: `${day}T${slot.start}`,
        start: `${day}T${slot.start}`,
        end: `${day}T${slot.end}`,
        tables: plan.tables,
      })),
  );
}

/** When a slot starts and ends, as instants of the mission's zone. */
export function slotInstants(slot: Pick<Slot, "start" | "end">, zone: string): { startsAt: Date; endsAt: Date } {
  const [startDay = "", startTime = ""] = slot.start.split("T");
  const [endDay = "", endTime = ""] = slot.end.split("T");
  return { startsAt: instantOf(startDay, startTime, zone), endsAt: instantOf(endDay, endTime, zone) };
}

/** The slot id a stored instant falls on ("2027-04-13T09:00" in the mission's zone). */
export function slotIdAt(instant: Date, zone: string): string {
  const { day, time } = localParts(instant, zone);
  return `${day}T${time}`;
}

export function buildMissionProblem(input: MissionProblemInput): MissionProblem {
  const slots = planSlots(input.sessionPlan, input.timeZone);
  const slotIds = new Set(slots.map((slot) => slot.id));
  const leftOut: LeftOutRequest[] = [];
  let outsidePlan = 0;

  const smeParties: Party[] = input.smes.map((sme) => ({ id: smeParty(sme.id), kind: "sme", name: sme.name }));
  const organisationParties: Party[] = input.organisations.map((organisation) => {
    const days = new Set(organisation.available);
    return {
      id: organisationParty(organisation.id),
      kind: "org",
      name: organisation.name,
      ...(days.size > 0 ? { available: slots.filter((slot) => days.has(slot.id.slice(0, 10))).map((s) => s.id) } : {}),
      ...(organisation.standTable && organisation.standTable > 0 ? { stand: organisation.standTable } : {}),
    };
  });
  const known = new Set([...smeParties, ...organisationParties].map((party) => party.id));

  const publishedByRequest = new Map(input.published.map((meeting) => [meeting.requestId, meeting]));
  const meetings: MeetingToPlace[] = [];
  const previous: NonNullable<ScheduleProblem["previous"]> = [];
  for (const request of input.requests) {
    const counterpart =
      request.organisationId !== null
        ? organisationParty(request.organisationId)
        : request.targetSmeId !== null
          ? smeParty(request.targetSmeId)
          : undefined;
    const asker = smeParty(request.smeId);
    if (!known.has(asker)) {
      leftOut.push({ requestId: request.id, reason: "the SME that asked is not confirmed in the delegation" });
      continue;
    }
    if (counterpart === undefined || counterpart === asker || !known.has(counterpart)) {
      leftOut.push({
        requestId: request.id,
        reason: request.organisationId
          ? "the organisation is no longer part of the mission"
          : "the SME asked is not confirmed in the delegation",
      });
      continue;
    }
    const meeting: MeetingToPlace = {
      id: requestMeeting(request.id),
      parties: [asker, counterpart],
      priority: request.priority,
    };
    const published = publishedByRequest.get(request.id);
    if (published) {
      const slot = slotIdAt(published.startsAt, input.timeZone);
      const started = published.startsAt.getTime() <= input.now.getTime();
      if (slotIds.has(slot)) {
        previous.push({ meeting: meeting.id, slot, table: published.tableNumber });
        // The past cannot be re-planned: a meeting under way or over keeps its slot and table.
        if (started) meeting.pinned = { slot, table: published.tableNumber };
      } else if (started) {
        leftOut.push({ requestId: request.id, reason: "it was held outside today's session plan" });
        continue;
      } else outsidePlan += 1;
    }
    meetings.push(meeting);
  }

  const problem: ScheduleProblem = {
    timeZone: input.timeZone,
    slots,
    // Only parties with something to place: an SME without accepted requests would count as short
    // of its minimum though nothing could be done for it.
    parties: [...smeParties, ...organisationParties].filter((party) =>
      meetings.some((meeting) => meeting.parties.includes(party.id)),
    ),
    meetings,
    minMeetingsPerSme: input.minMeetingsPerSme,
    ...(previous.length > 0 ? { previous } : {}),
  };
  const accepted = new Set(meetings.map((meeting) => meeting.id));
  const cancelled = input.published.filter(
    (meeting) => !accepted.has(requestMeeting(meeting.requestId)) && meeting.startsAt.getTime() > input.now.getTime(),
  ).length;
  const withoutRequests = smeParties.filter((sme) => !problem.parties.includes(sme)).length;
  return { problem, leftOut, cancelled, withoutRequests, outsidePlan };
}

/**
 * What the accepted requests were when a draft was made: a draft whose key no longer matches the
 * mission's was planned for other requests and must not be published.
 */
export function acceptedRequestsKey(requests: readonly ProblemRequest[]): string {
  return [...requests]
    .sort((a, b) => a.id - b.id)
    .map((request) => `${request.id}:${request.priority}`)
    .join(",");
}
