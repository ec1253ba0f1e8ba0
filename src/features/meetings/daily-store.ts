/**
 * What the daily posts read: the missions running in a window with their delegation and travellers,
 * a day's programme and meetings, whom a traveller travels for, a person's wish about scheduled
 * messages, and where an earlier post of the same day went (JobRun), to update it or reply under it.
 */
import type { Database } from "../../platform/db/client.js";
import { getMission, type MissionRecord } from "../missions/index.js";
import { scheduledMeetings, schedulePublished } from "./agenda-store.js";
import type { DailyFacts } from "./daily-messages.js";
import { type DailyMissionFacts, missionDaysInWindow } from "./daily-schedule.js";
import { programmeOf } from "./programme-store.js";

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The missions (not archived) whose days or previews can fall in the window, with what their posts depend on. */
export async function dailyMissionFacts(db: Database, window: { from: Date; to: Date }): Promise<DailyMissionFacts[]> {
  const { firstDay, lastDay } = missionDaysInWindow(window);
  const rows = await db.mission.findMany({
    where: { archivedAt: null, endDate: { gte: firstDay }, startDate: { lte: lastDay } },
    select: {
      id: true,
      timeZone: true,
      startDate: true,
      endDate: true,
      agendaPostTime: true,
      previewPostTime: true,
      participants: {
        where: { status: "confirmed" },
        select: { smeId: true, travellers: true, sme: { select: { name: true } } },
      },
    },
    orderBy: { id: "asc" },
  });
  return rows.map(({ participants, ...mission }) => ({
    ...mission,
    // The thread's replies come in the order the agenda lists the companies: by name.
    smeIds: [...participants]
      .sort((a, b) => a.sme.name.localeCompare(b.sme.name))
      .map((participant) => participant.smeId),
    travellers: participants.flatMap((participant) => stringList(participant.travellers)),
  }));
}

/** A mission (not archived) and a day of it, with its programme and its published meetings. */
export async function loadDailyFacts(
  db: Database,
  missionId: number,
  day: string,
): Promise<{ mission: MissionRecord; facts: DailyFacts } | undefined> {
  const mission = await getMission(db, missionId);
  if (!mission || mission.archivedAt) return undefined;
  const [programme, meetings, published] = await Promise.all([
    programmeOf(db, missionId),
    scheduledMeetings(db, missionId),
    schedulePublished(db, missionId),
  ]);
  return { mission, facts: { mission, day, programme, meetings, published } };
}

/** The SMEs of the confirmed delegation a person travels for. */
export async function smesOfTraveller(
  db: Database,
  missionId: number,
  slackUserId: string,
): Promise<{ id: number; name: string }[]> {
  const rows = await db.missionParticipant.findMany({
    where: { missionId, status: "confirmed" },
    select: { travellers: true, sme: { select: { id: true, name: true } } },
    orderBy: { joinedAt: "asc" },
  });
  return rows.filter((row) => stringList(row.travellers).includes(slackUserId)).map((row) => row.sme);
}

/** The travellers of the SMEs given, on this mission's confirmed delegation. */
export async function travellersOfSmes(db: Database, missionId: number, smeIds: readonly number[]): Promise<string[]> {
  const rows = await db.missionParticipant.findMany({
    where: { missionId, status: "confirmed", smeId: { in: [...smeIds] } },
    select: { travellers: true },
  });
  return [...new Set(rows.flatMap((row) => stringList(row.travellers)))];
}

/** Whether a person asked for quiet at this instant (`/mission reminders off`, or a snooze running then). */
export async function wantsQuiet(db: Database, slackUserId: string, at: Date): Promise<boolean> {
  const setting = await db.reminderSetting.findUnique({ where: { slackUserId } });
  if (!setting) return false;
  return setting.off || (setting.snoozedUntil !== null && setting.snoozedUntil > at);
}

/** The run of a daily post already sent for this target (whatever its due time), with where it went. */
export function sentRun(db: Database, kind: string, target: string) {
  return db.jobRun.findFirst({ where: { kind, target, status: "done" }, orderBy: { dueAt: "asc" } });
}

/** Records where a reply posted after the run went, so that a later change updates it. */
export async function recordRunMessage(db: Database, runId: number, message: { channel: string; ts: string }) {
  await db.jobRun.update({ where: { id: runId }, data: { channel: message.channel, messageTs: message.ts } });
}
