/**
 * What meeting reminders and surveys read and write: the meetings that may fall due in a window
 * with their missions' offsets, who reads each SME's messages, people's wishes, and setting a wish.
 */
import type { Database } from "../../platform/db/client.js";
import { recipientsBySme } from "./recipients-store.js";
import type { DueFacts, MeetingTiming, ReminderWish } from "./reminder-due.js";

/** Missions' offsets stay within a day (the mission form's limits), so a day's margin finds every meeting. */
const offsetMargin = 24 * 60 * 60_000;

/**
 * The facts of the runs that may fall due in a window: meetings still on (a cancelled one gets
 * neither a reminder nor a survey; a surveyed meeting may already be marked done) whose start
 * (reminders) or end (surveys) lies within a day of it, in missions not archived.
 */
export async function dueFacts(
  db: Database,
  kind: "reminder" | "survey",
  window: { from: Date; to: Date },
): Promise<DueFacts> {
  const range = {
    gte: new Date(window.from.getTime() - offsetMargin),
    lte: new Date(window.to.getTime() + offsetMargin),
  };
  const rows = await db.meeting.findMany({
    where: {
      status: kind === "reminder" ? "scheduled" : { in: ["scheduled", "done"] },
      mission: { archivedAt: null },
      ...(kind === "reminder" ? { startsAt: range } : { endsAt: range }),
    },
    select: {
      id: true,
      missionId: true,
      smeId: true,
      targetSmeId: true,
      startsAt: true,
      endsAt: true,
      mission: { select: { reminderMinutes: true, surveyMinutes: true } },
    },
  });
  const meetings: MeetingTiming[] = rows.map((row) => ({
    id: row.id,
    missionId: row.missionId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    smeIds: row.targetSmeId === null ? [row.smeId] : [row.smeId, row.targetSmeId],
    reminderMinutes: row.mission.reminderMinutes,
    surveyMinutes: row.mission.surveyMinutes,
  }));
  // Most minutes of the year have no meeting near them: one query, then nothing.
  if (meetings.length === 0) return { meetings, recipients: new Map(), wishes: new Map() };
  const pairs = meetings.flatMap((m) => m.smeIds.map((smeId) => ({ missionId: m.missionId, smeId })));
  const recipients = await recipientsBySme(db, pairs);
  const people = [...new Set([...recipients.values()].flat())];
  return { meetings, recipients, wishes: await wishesOf(db, people) };
}

export async function wishesOf(db: Database, slackUserIds: readonly string[]): Promise<Map<string, ReminderWish>> {
  const rows = await db.reminderSetting.findMany({ where: { slackUserId: { in: [...slackUserIds] } } });
  return new Map(rows.map((row) => [row.slackUserId, { off: row.off, snoozedUntil: row.snoozedUntil }]));
}

export async function wishOf(db: Database, slackUserId: string): Promise<ReminderWish | undefined> {
  return (await wishesOf(db, [slackUserId])).get(slackUserId);
}

export async function saveWish(db: Database, slackUserId: string, wish: ReminderWish): Promise<void> {
  await db.reminderSetting.upsert({ where: { slackUserId }, create: { slackUserId, ...wish }, update: wish });
}

/** The person's Slack zone as the app knows it, for showing when a snooze ends. */
export async function zoneOfPerson(db: Database, slackUserId: string): Promise<string | undefined> {
  const person = await db.person.findUnique({ where: { slackUserId }, select: { timeZone: true } });
  return person?.timeZone ?? undefined;
}
