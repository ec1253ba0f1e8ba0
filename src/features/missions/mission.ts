/**
 * A mission as the app keeps it: a week in a city of the US or China, its dates in that city's time
 * zone, its delegation's capacity, its meeting-request rules and its B2B session plan. Pure.
 */
import { z } from "zod";
import type { MarketKey } from "../../domain/taxonomy.js";
import { foldText } from "../../domain/text.js";

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Write times as HH:MM, e.g. 09:00.");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Write dates as YYYY-MM-DD.");

/**
 * The B2B sessions, in the mission's local time: on each of `days`, meetings of `slotMinutes` from
 * `start` to `end` at `tables` tables, none during a break.
 */
export const sessionPlanSchema = z.object({
  days: z.array(isoDate),
  start: localTime,
  end: localTime,
  slotMinutes: z.number().int().positive(),
  breaks: z.array(z.object({ start: localTime, end: localTime })),
  tables: z.number().int().positive(),
});
export type SessionPlan = z.infer<typeof sessionPlanSchema>;

export type MissionStatus = "draft" | "open" | "scheduled" | "running" | "closed";

export type MissionRecord = {
  id: number;
  name: string;
  market: MarketKey;
  city: string;
  /** IANA zone, e.g. "Asia/Shanghai": every date and time of the mission is entered and shown in it. */
  timeZone: string;
  /** Local calendar dates, "YYYY-MM-DD". */
  startDate: string;
  endDate: string;
  capacity: number;
  /** The instant meeting requests close; null: no deadline set yet. */
  requestDeadline: Date | null;
  /** Meeting requests one SME may make. */
  requestLimit: number;
  sessionPlan: SessionPlan;
  channelId: string | null;
  status: MissionStatus;
  archivedAt: Date | null;
  leadClusterId: number | null;
} & MissionPostTimes;

/**
 * When the mission's scheduled posts go out: the daily agenda and personal schedules, the evening
 * preview (local times of the mission's zone), reminders and surveys around each meeting, and the
 * chasers before the mission.
 */
export type MissionPostTimes = {
  /** "HH:mm" in the mission's zone: each mission day's agenda and personal schedules. */
  agendaPostTime: string;
  /** "HH:mm" in the mission's zone: the evening before a mission day, its preview. */
  previewPostTime: string;
  /** Minutes before a meeting starts that its reminder goes out. */
  reminderMinutes: number;
  /** Minutes after a meeting ends that its outcome survey goes out. */
  surveyMinutes: number;
  /** Days before the mission starts that incomplete profiles, templates and requests are chased. */
  chaseDaysBefore: number;
};

/** How commands find a mission by name: "China 2027" and "china 2027" are the same mission. */
export function missionNameKey(name: string): string {
  return foldText(name);
}

/** A plan for a mission that has none yet: nothing to schedule. */
export const emptySessionPlan: SessionPlan = {
  days: [],
  start: "09:00",
  end: "17:00",
  slotMinutes: 30,
  breaks: [],
  tables: 10,
};

/** Why a mission cannot be changed, or undefined when it can: an archived mission is read-only. */
export function readOnlyReason(mission: Pick<MissionRecord, "name" | "archivedAt">): string | undefined {
  return mission.archivedAt
    ? `${mission.name} is archived, so it is read-only. Staff can bring it back with \`/mission unarchive ${mission.name}\`.`
    : undefined;
}
