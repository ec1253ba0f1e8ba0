/**
 * What the outcome survey reads and writes: a meeting with its sides and mission, the answer one SME
 * gave (MeetingOutcome, one per meeting and SME), and where its survey DMs went, to update them.
 */
import type { Database } from "../../platform/db/client.js";
import { counterpartName } from "./publish.js";
import { meetingSmeTargetPrefix, surveyJobKind } from "./reminder-due.js";
import type { SurveyAnswer, SurveyCard } from "./survey-views.js";

export type SurveyMeeting = {
  id: number;
  missionId: number;
  status: string;
  startsAt: Date;
  endsAt: Date;
  surveyMinutes: number;
  smeIds: number[];
  card: (smeId: number, answer: SurveyAnswer | null) => SurveyCard;
  counterpartName: (smeId: number) => string;
};

/** A meeting as the survey shows it, whatever its status; undefined when it is gone. */
export async function surveyMeeting(db: Database, meetingId: number): Promise<SurveyMeeting | undefined> {
  const row = await db.meeting.findUnique({
    where: { id: meetingId },
    include: {
      mission: { select: { name: true, timeZone: true, surveyMinutes: true } },
      sme: { select: { name: true } },
      organisation: { select: { name: true } },
      targetSme: { select: { name: true } },
    },
  });
  if (!row) return undefined;
  const nameOf = (smeId: number) => (smeId === row.smeId ? row.sme.name : (row.targetSme?.name ?? ""));
  return {
    id: row.id,
    missionId: row.missionId,
    status: row.status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    surveyMinutes: row.mission.surveyMinutes,
    smeIds: row.targetSmeId === null ? [row.smeId] : [row.smeId, row.targetSmeId],
    counterpartName: (smeId) => counterpartName(row, smeId),
    card: (smeId, answer) => ({
      meetingId: row.id,
      smeId,
      missionName: row.mission.name,
      zone: row.mission.timeZone,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      table: row.tableNumber,
      smeName: nameOf(smeId),
      counterpartName: counterpartName(row, smeId),
      answer,
    }),
  };
}

export async function outcomeOf(db: Database, meetingId: number, smeId: number): Promise<SurveyAnswer | null> {
  const row = await db.meetingOutcome.findUnique({ where: { meetingId_smeId: { meetingId, smeId } } });
  return row
    ? { outcome: row.outcome, note: row.note, answeredBySlackId: row.answeredBySlackId, answeredAt: row.answeredAt }
    : null;
}

/**
 * Records an SME's answer. The first answer sets `answeredAt` (the 48 hours count from it); a change
 * keeps it. Two travellers answering at once: one creates, the other's create fails and it updates.
 */
export async function saveOutcome(
  db: Database,
  input: { meetingId: number; smeId: number; outcome: string; bySlackId: string; now: Date },
): Promise<void> {
  const { meetingId, smeId, outcome, bySlackId, now } = input;
  await db.meetingOutcome.upsert({
    where: { meetingId_smeId: { meetingId, smeId } },
    create: { meetingId, smeId, outcome, answeredBySlackId: bySlackId, answeredAt: now },
    update: { outcome, answeredBySlackId: bySlackId },
  });
}

export async function saveOutcomeNote(
  db: Database,
  input: { meetingId: number; smeId: number; note: string | null },
): Promise<void> {
  await db.meetingOutcome.update({
    where: { meetingId_smeId: { meetingId: input.meetingId, smeId: input.smeId } },
    data: { note: input.note },
  });
}

/** Where the survey DMs of one SME for one meeting went (one per traveller), to show the answer on each. */
export async function surveyMessagesOf(
  db: Database,
  meetingId: number,
  smeId: number,
): Promise<{ channel: string; ts: string }[]> {
  const rows = await db.jobRun.findMany({
    where: {
      kind: surveyJobKind,
      target: { startsWith: meetingSmeTargetPrefix(meetingId, smeId) },
      status: "done",
      channel: { not: null },
      messageTs: { not: null },
    },
    select: { channel: true, messageTs: true },
  });
  return rows.flatMap((row) => (row.channel && row.messageTs ? [{ channel: row.channel, ts: row.messageTs }] : []));
}
