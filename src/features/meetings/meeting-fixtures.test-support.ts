/**
 * Test data for the agenda: Meeting rows written straight to the database, as publishing a schedule
 * writes them, and programme items. Times are local to the mission's zone, as people read them.
 */
import type { Database } from "../../platform/db/client.js";
import { instantOf } from "../missions/index.js";

/** A scheduled meeting of an SME with an organisation (`organisationId`) or another SME (`targetSmeId`). */
export async function seedMeeting(
  db: Database,
  input: {
    mission: { id: number; timeZone: string };
    smeId: number;
    organisationId?: number;
    targetSmeId?: number;
    day: string;
    time: string;
    minutes?: number;
    table: number;
    requestId?: number;
    status?: "scheduled" | "done" | "cancelled" | "no_show";
  },
) {
  const startsAt = instantOf(input.day, input.time, input.mission.timeZone);
  return db.meeting.create({
    data: {
      missionId: input.mission.id,
      smeId: input.smeId,
      organisationId: input.organisationId ?? null,
      targetSmeId: input.targetSmeId ?? null,
      requestId: input.requestId ?? null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (input.minutes ?? 30) * 60_000),
      tableNumber: input.table,
      status: input.status ?? "scheduled",
    },
  });
}

/** A programme item at local times of the mission's zone. */
export async function seedProgrammeItem(
  db: Database,
  input: {
    mission: { id: number; timeZone: string };
    kind?: string;
    title: string;
    day: string;
    start: string;
    end: string;
    location?: string;
    notes?: string;
  },
) {
  return db.agendaItem.create({
    data: {
      missionId: input.mission.id,
      kind: input.kind ?? "event",
      title: input.title,
      location: input.location ?? null,
      notes: input.notes ?? null,
      startsAt: instantOf(input.day, input.start, input.mission.timeZone),
      endsAt: instantOf(input.day, input.end, input.mission.timeZone),
    },
  });
}
