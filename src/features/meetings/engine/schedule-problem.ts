/**
 * What the meeting scheduler takes and gives: a mission's slots, parties and meetings to place in,
 * a schedule with its quality out. The same shapes are the `npm run schedule` file formats
 * (docs/schedule-files.md), so the zod schema here is the one validation for files and for the app.
 * Pure: no Slack, no Prisma.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { localTimeExists } from "../../../domain/session-time.js";

export const priorities = ["must", "want", "nice"] as const;
export type Priority = (typeof priorities)[number];

/** How much placing a meeting of each priority is worth: one must-have outweighs three wants. */
export const priorityWeight: Record<Priority, number> = { must: 10, want: 3, nice: 1 };

/**
 * When re-planning, what moving (or dropping) a published meeting costs, in priority weight:
 * people were told their schedule, so a meeting moves only to place more than a nice-to-have's
 * worth (a want or a must), never to squeeze in one more nice-to-have.
 */
export const publishedMoveCost = 2;

const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "must be a local date and time like 2027-03-16T09:00");

const id = z.string().trim().min(1, "must not be empty");

const slotSchema = z.strictObject({
  id,
  /** Local date and time in the problem's zone. */
  start: localDateTime,
  end: localDateTime,
  /** Tables free for meetings in this slot. */
  tables: z.number().int().min(0),
});

const partySchema = z.strictObject({
  id,
  kind: z.enum(["sme", "org"]),
  name: z.string().optional(),
  /** Slot ids the party can meet in; absent means every slot. */
  available: z.array(id).optional(),
  /** The table of an organisation's own stand: all its meetings are held there. */
  stand: z.number().int().positive().optional(),
});

const meetingSchema = z.strictObject({
  id,
  parties: z.array(id).min(2, "a meeting needs at least two parties"),
  priority: z.enum(priorities),
  /** A meeting that must stay where it is (already announced, or its slot has started). */
  pinned: z.strictObject({ slot: id, table: z.number().int().positive().optional() }).optional(),
});

const placementSchema = z.strictObject({ meeting: id, slot: id, table: z.number().int().positive() });

export const scheduleProblemSchema = z
  .strictObject({
    timeZone: z.string().refine((zone) => DateTime.now().setZone(zone).isValid, {
      message: "must be an IANA time zone like Asia/Shanghai",
    }),
    slots: z.array(slotSchema).min(1, "needs at least one slot"),
    parties: z.array(partySchema),
    meetings: z.array(meetingSchema),
    /** Every SME should get at least this many meetings where possible. */
    minMeetingsPerSme: z.number().int().min(0).default(0),
    /** A published schedule to change as little as possible (re-planning). */
    previous: z.array(placementSchema).optional(),
  })
  .superRefine((problem, context) => {
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: "custom", path, message });
    const slotIds = new Set<string>();
    problem.slots.forEach((slot, index) => {
      if (slotIds.has(slot.id)) issue(["slots", index, "id"], `slot id "${slot.id}" is used twice`);
      slotIds.add(slot.id);
      const start = DateTime.fromISO(slot.start, { zone: problem.timeZone });
      const end = DateTime.fromISO(slot.end, { zone: problem.timeZone });
      if (!start.isValid) issue(["slots", index, "start"], "is not a real date and time");
      else if (!end.isValid) issue(["slots", index, "end"], "is not a real date and time");
      else if (!existsAt(slot.start, problem.timeZone))
        issue(["slots", index, "start"], clocksForward(problem.timeZone));
      else if (!existsAt(slot.end, problem.timeZone)) issue(["slots", index, "end"], clocksForward(problem.timeZone));
      else if (end <= start) issue(["slots", index, "end"], "must be after the slot's start");
    });
    // Slots that overlap in time would let one person be in two meetings at once.
    const timed = problem.slots
      .map((slot, index) => ({
        slot,
        index,
        start: DateTime.fromISO(slot.start, { zone: problem.timeZone }).toMillis(),
        end: DateTime.fromISO(slot.end, { zone: problem.timeZone }).toMillis(),
      }))
      .filter(({ start, end }) => Number.isFinite(start) && Number.isFinite(end))
      .sort((a, b) => a.start - b.start);
    timed.forEach((later, k) => {
      const earlier = timed[k - 1];
      if (earlier && later.start < earlier.end) {
        issue(["slots", later.index, "start"], `overlaps slot "${earlier.slot.id}", which ends at ${earlier.slot.end}`);
      }
    });
    const partyIds = new Set<string>();
    const standHolders = new Map<number, string>();
    problem.parties.forEach((party, index) => {
      if (partyIds.has(party.id)) issue(["parties", index, "id"], `party id "${party.id}" is used twice`);
      partyIds.add(party.id);
      if (party.stand !== undefined) {
        const holder = standHolders.get(party.stand);
        if (holder) issue(["parties", index, "stand"], `stand ${party.stand} is already the stand of "${holder}"`);
        else standHolders.set(party.stand, party.id);
      }
      party.available?.forEach((slot, at) => {
        if (!slotIds.has(slot)) issue(["parties", index, "available", at], `no slot has id "${slot}"`);
      });
    });
    const meetingIds = new Set<string>();
    const slotTables = new Map(problem.slots.map((slot) => [slot.id, slot.tables]));
    const stands = new Map(problem.parties.map((party) => [party.id, party.stand]));
    // Pinned meetings are already announced: two in one place at one time cannot both hold.
    const pinnedAt = new Map<string, string>();
    problem.meetings.forEach((meeting, index) => {
      if (meetingIds.has(meeting.id)) issue(["meetings", index, "id"], `meeting id "${meeting.id}" is used twice`);
      meetingIds.add(meeting.id);
      const seen = new Set<string>();
      meeting.parties.forEach((party, at) => {
        if (!partyIds.has(party)) issue(["meetings", index, "parties", at], `no party has id "${party}"`);
        if (seen.has(party)) issue(["meetings", index, "parties", at], `party "${party}" is listed twice`);
        seen.add(party);
      });
      const pinned = meeting.pinned;
      if (pinned && !slotIds.has(pinned.slot)) {
        issue(["meetings", index, "pinned", "slot"], `no slot has id "${pinned.slot}"`);
      } else if (pinned) {
        const tables = slotTables.get(pinned.slot) ?? 0;
        const atItsStand = meeting.parties.some((party) => stands.get(party) === pinned.table);
        if (pinned.table !== undefined && pinned.table > tables && !atItsStand) {
          issue(
            ["meetings", index, "pinned", "table"],
            `slot "${pinned.slot}" has ${tables} tables: no table ${pinned.table}`,
          );
        }
        const places = [
          ...meeting.parties.map((party) => `party "${party}"`),
          ...(pinned.table !== undefined ? [`table ${pinned.table}`] : []),
        ];
        for (const place of places) {
          const other = pinnedAt.get(`${place}@${pinned.slot}`);
          if (other)
            issue(
              ["meetings", index, "pinned"],
              `${place} is already pinned in slot "${pinned.slot}" by meeting "${other}"`,
            );
          else pinnedAt.set(`${place}@${pinned.slot}`, meeting.id);
        }
      }
    });
    const previouslyPlaced = new Set<string>();
    problem.previous?.forEach((placement, index) => {
      if (previouslyPlaced.has(placement.meeting)) {
        issue(["previous", index, "meeting"], `meeting "${placement.meeting}" is listed twice`);
      }
      previouslyPlaced.add(placement.meeting);
      if (!meetingIds.has(placement.meeting)) {
        issue(["previous", index, "meeting"], `no meeting has id "${placement.meeting}"`);
      }
      if (!slotIds.has(placement.slot)) issue(["previous", index, "slot"], `no slot has id "${placement.slot}"`);
    });
  });

/** Whether a local "YYYY-MM-DDTHH:MM" exists in the zone (a time the clocks skip does not). */
const existsAt = (local: string, zone: string) => localTimeExists(local.slice(0, 10), local.slice(11), zone);

const clocksForward = (zone: string) => `does not exist in ${zone}: the clocks go forward over it`;

export type ScheduleProblem = z.output<typeof scheduleProblemSchema>;
export type ScheduleProblemInput = z.input<typeof scheduleProblemSchema>;
export type Slot = ScheduleProblem["slots"][number];
export type Party = ScheduleProblem["parties"][number];
export type MeetingToPlace = ScheduleProblem["meetings"][number];

/** A meeting in a slot at a table (tables are numbered from 1 in each slot). */
export type Placement = z.output<typeof placementSchema>;

/**
 * Why a meeting is not in the schedule:
 * - no-common-free-slot: its parties share no slot they are all available in (or all are pinned away);
 * - table-shortage: they share free slots, but every one of them has all its tables taken;
 * - outranked: in every common free slot one of its parties is in another meeting the schedule
 *   holds instead (placing this one there would cost at least as much as it gains).
 */
export const unplacedReasons = ["no-common-free-slot", "table-shortage", "outranked"] as const;
export type UnplacedReason = (typeof unplacedReasons)[number];

export type ScheduleResult = {
  placed: Placement[];
  unplaced: { meeting: string; reason: UnplacedReason }[];
  /** Priority-weighted meetings placed (must 10, want 3, nice 1). */
  objective: number;
  /** No schedule can score more than this (the solver's proven bound, or the LP relaxation's). */
  bound: number;
  /** (bound − objective) / bound: 0 means proven best possible. */
  gap: number;
  /** SMEs below minMeetingsPerSme, counting the meetings each one lacks. */
  shortfall: number;
  /** Idle gaps: for each party and day, the runs of free slots between two of its meetings. */
  idleGaps: number;
  /** With `previous`: meetings of the previous schedule now in another slot or no longer placed. */
  moved?: number;
  /** "optimal" when the solver proved the bound is met, "solver" when it stopped at its time limit, "heuristic" without it. */
  method: "optimal" | "solver" | "heuristic";
  seconds: number;
};

/** A schedule's share of its bound, in percent to one decimal, rounded down so it never overstates. */
export function percentOfBound(result: Pick<ScheduleResult, "objective" | "bound">): number {
  const share = result.bound > 0 ? result.objective / result.bound : 1;
  return Math.floor(share * 1000 + 1e-9) / 10;
}

/** The zod issues of a bad problem as "path: reason" lines, first ones first. */
export function problemErrors(error: z.ZodError, limit = 5): string[] {
  return error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
    return `${path.replace(/^\./, "") || "(file)"}: ${issue.message}`;
  });
}
