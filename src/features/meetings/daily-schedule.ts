/**
 * When a mission's daily posts fall due (decision 006): on each mission day, at the mission's agenda
 * time in its own zone, the channel's agenda, one thread reply per SME of the delegation and a
 * personal schedule DM per traveller; the evening before each mission day, at the preview time, a
 * preview of it. Computed from the mission's facts and the window alone, each day from its own
 * date with luxon, so the US and EU clock changes never shift a post. Pure.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { DueRun } from "../../platform/jobs/job-runner.js";
import { daysBetween, postInstant } from "../missions/index.js";

/** The job kinds, as JobRun rows and logs name them. */
export const dailyJobKinds = {
  agenda: "daily-agenda",
  smeDetails: "daily-agenda-sme",
  preview: "daily-preview",
  personal: "daily-schedule-dm",
} as const;

/** What the due runs of one mission depend on. */
export type DailyMissionFacts = {
  id: number;
  timeZone: string;
  /** Local calendar days, "YYYY-MM-DD". */
  startDate: string;
  endDate: string;
  /** "HH:mm" in the mission's zone. */
  agendaPostTime: string;
  previewPostTime: string;
  /** The confirmed delegation's SMEs: each gets a thread reply with its day. */
  smeIds: readonly number[];
  /** The Slack user ids travelling with the confirmed delegation: each gets a personal schedule. */
  travellers: readonly string[];
};

export type DailyRuns = Record<keyof typeof dailyJobKinds, DueRun[]>;

/** "mission:3:2027-03-16": the agenda (or preview) of a mission day. */
export function dayTarget(missionId: number, day: string): string {
  return `mission:${missionId}:${day}`;
}

/** "mission:3:2027-03-16:sme:12": one SME's thread reply under that day's agenda. */
export function smeDayTarget(missionId: number, day: string, smeId: number): string {
  return `${dayTarget(missionId, day)}:sme:${smeId}`;
}

/** "mission:3:2027-03-16:U123": one traveller's schedule of that day. */
export function personDayTarget(missionId: number, day: string, slackUserId: string): string {
  return `${dayTarget(missionId, day)}:${slackUserId}`;
}

export type DailyTarget = { missionId: number; day: string } & (
  | { kind: "day" }
  | { kind: "sme"; smeId: number }
  | { kind: "person"; slackUserId: string }
);

const targetPattern = /^mission:(\d+):(\d{4}-\d{2}-\d{2})(?::sme:(\d+)|:([UW][A-Z0-9]+))?$/;
const targetParts = z.tuple([
  z.string(),
  z.coerce.number().int().positive(),
  z.iso.date(),
  z.coerce.number().int().positive().optional(),
  z.string().optional(),
]);

/** A target back as its parts; undefined when it is not one of ours. */
export function readDailyTarget(target: string): DailyTarget | undefined {
  const match = targetPattern.exec(target);
  const parsed = match ? targetParts.safeParse([...match]) : undefined;
  if (!parsed?.success) return undefined;
  const [, missionId, day, smeId, slackUserId] = parsed.data;
  if (smeId !== undefined) return { kind: "sme", missionId, day, smeId };
  if (slackUserId !== undefined) return { kind: "person", missionId, day, slackUserId };
  return { kind: "day", missionId, day };
}

/** The day before a local calendar day. */
function dayBefore(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).minus({ days: 1 }).toISODate() ?? day;
}

/** Every daily post of these missions due between `from` and `to`, both included. */
export function dailyDueRuns(missions: readonly DailyMissionFacts[], window: { from: Date; to: Date }): DailyRuns {
  const runs: DailyRuns = { agenda: [], smeDetails: [], preview: [], personal: [] };
  const within = (at: Date) => at >= window.from && at <= window.to;
  for (const mission of missions) {
    for (const day of daysBetween(mission.startDate, mission.endDate)) {
      const morning = postInstant(day, mission.agendaPostTime, mission.timeZone);
      if (within(morning)) {
        runs.agenda.push({ target: dayTarget(mission.id, day), dueAt: morning });
        for (const smeId of mission.smeIds) {
          runs.smeDetails.push({ target: smeDayTarget(mission.id, day, smeId), dueAt: morning });
        }
        for (const traveller of new Set(mission.travellers)) {
          runs.personal.push({ target: personDayTarget(mission.id, day, traveller), dueAt: morning });
        }
      }
      const evening = postInstant(dayBefore(day), mission.previewPostTime, mission.timeZone);
      if (within(evening)) runs.preview.push({ target: dayTarget(mission.id, day), dueAt: evening });
    }
  }
  return runs;
}

/**
 * The local days a window can touch a mission's posts on, as ISO dates to compare with its dates:
 * a day either side, since zones run from UTC-10 to UTC+8 and the preview is the evening before.
 */
export function missionDaysInWindow(window: { from: Date; to: Date }): { firstDay: string; lastDay: string } {
  const utc = (at: Date) => DateTime.fromJSDate(at, { zone: "utc" });
  return {
    firstDay: utc(window.from).minus({ days: 2 }).toISODate() ?? "",
    lastDay: utc(window.to).plus({ days: 2 }).toISODate() ?? "",
  };
}
