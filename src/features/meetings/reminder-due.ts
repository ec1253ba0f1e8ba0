/**
 * Which meeting reminders and outcome surveys fall due in a window, and to whom: a pure function of
 * the meetings, who reads each SME's messages and each person's wish (decision 006). One run per
 * person, so each DM is claimed, sent and found again on its own: the target names the meeting,
 * the SME the person travels for, and the person.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { DueRun } from "../../platform/jobs/job-runner.js";

export const reminderJobKind = "meeting-reminder";
export const surveyJobKind = "meeting-survey";

/** A meeting as the due-run functions read it, with its mission's offsets. */
export type MeetingTiming = {
  id: number;
  missionId: number;
  startsAt: Date;
  endsAt: Date;
  /** The SMEs at the table: the one that asked, and the other SME of an SME–SME meeting. */
  smeIds: readonly number[];
  reminderMinutes: number;
  surveyMinutes: number;
};

/** A person's wish about reminders and surveys; no row means on. */
export type ReminderWish = { off: boolean; snoozedUntil: Date | null };

/** Whether a person wants no reminder or survey at this instant: off, or snoozed past it. */
export function isQuiet(wish: ReminderWish | undefined, at: Date): boolean {
  if (!wish) return false;
  return wish.off || (wish.snoozedUntil !== null && at < wish.snoozedUntil);
}

export type MeetingRunTarget = { meetingId: number; smeId: number; slackUserId: string };

/**
 * A run's target names the meeting's start too: a meeting moved to another time is a new reminder,
 * while the same meeting's reminder due at another time (the mission's minutes were changed after
 * it went out) is the one already sent, never sent twice.
 */
export function meetingRunTarget({ meetingId, smeId, slackUserId }: MeetingRunTarget, startsAt: Date): string {
  const start = DateTime.fromJSDate(startsAt, { zone: "utc" }).toFormat("yyyy-LL-dd'T'HH:mm'Z'");
  return `meeting:${meetingId}:sme:${smeId}:person:${slackUserId}:at:${start}`;
}

/** Every run's target for one SME at one meeting starts with this (to find its survey messages). */
export function meetingSmeTargetPrefix(meetingId: number, smeId: number): string {
  return `meeting:${meetingId}:sme:${smeId}:person:`;
}

const targetPattern = /^meeting:(\d+):sme:(\d+):person:([A-Z0-9]+):at:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;
const targetSchema = z
  .string()
  .regex(targetPattern)
  .transform((target) => {
    const [, meetingId, smeId, slackUserId] = targetPattern.exec(target) ?? [];
    return { meetingId: Number(meetingId), smeId: Number(smeId), slackUserId: String(slackUserId) };
  });

export function parseMeetingRunTarget(target: string): MeetingRunTarget | undefined {
  const parsed = targetSchema.safeParse(target);
  return parsed.success ? parsed.data : undefined;
}

/** When a meeting's reminder falls due: its mission's minutes before the start. */
export function reminderDueAt(meeting: Pick<MeetingTiming, "startsAt" | "reminderMinutes">): Date {
  return DateTime.fromJSDate(meeting.startsAt).minus({ minutes: meeting.reminderMinutes }).toJSDate();
}

/** When a meeting's outcome survey falls due: its mission's minutes after the end. */
export function surveyDueAt(meeting: Pick<MeetingTiming, "endsAt" | "surveyMinutes">): Date {
  return DateTime.fromJSDate(meeting.endsAt).plus({ minutes: meeting.surveyMinutes }).toJSDate();
}

export type DueFacts = {
  meetings: readonly MeetingTiming[];
  /** Who reads an SME's messages on a mission, by `recipientsKey`. */
  recipients: ReadonlyMap<string, readonly string[]>;
  wishes: ReadonlyMap<string, ReminderWish>;
};

export function recipientsKey(missionId: number, smeId: number): string {
  return `${missionId}:${smeId}`;
}

/**
 * The runs of one kind due in the window: one per meeting, SME at its table and person who reads
 * that SME's messages, unless the person was quiet when it fell due (a wish is read at due-run
 * time, so turning reminders on again works for later meetings, and never for ones already due).
 */
export function dueMeetingRuns(
  kind: typeof reminderJobKind | typeof surveyJobKind,
  facts: DueFacts,
  window: { from: Date; to: Date },
): DueRun[] {
  const runs: DueRun[] = [];
  for (const meeting of facts.meetings) {
    const dueAt = kind === reminderJobKind ? reminderDueAt(meeting) : surveyDueAt(meeting);
    if (dueAt < window.from || dueAt > window.to) continue;
    for (const smeId of meeting.smeIds) {
      for (const slackUserId of facts.recipients.get(recipientsKey(meeting.missionId, smeId)) ?? []) {
        if (isQuiet(facts.wishes.get(slackUserId), dueAt)) continue;
        runs.push({ target: meetingRunTarget({ meetingId: meeting.id, smeId, slackUserId }, meeting.startsAt), dueAt });
      }
    }
  }
  return runs;
}
