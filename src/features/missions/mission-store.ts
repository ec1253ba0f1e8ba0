/** Reads and writes of missions themselves (not their delegations, organisations or requests). */
import { isDeepStrictEqual } from "node:util";
import type { Mission } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { emptySessionPlan, type MissionRecord, missionNameKey, sessionPlanSchema } from "./mission.js";
import type { MissionInput } from "./mission-form.js";

export function toMissionRecord(row: Mission): MissionRecord {
  const plan = sessionPlanSchema.safeParse(row.sessionPlan);
  return {
    id: row.id,
    name: row.name,
    market: row.market,
    city: row.city,
    timeZone: row.timeZone,
    startDate: row.startDate,
    endDate: row.endDate,
    capacity: row.capacity,
    requestDeadline: row.requestDeadline,
    requestLimit: row.requestLimit,
    sessionPlan: plan.success ? plan.data : emptySessionPlan,
    channelId: row.channelId,
    status: row.status,
    archivedAt: row.archivedAt,
    leadClusterId: row.leadClusterId,
    agendaPostTime: row.agendaPostTime,
    previewPostTime: row.previewPostTime,
    reminderMinutes: row.reminderMinutes,
    surveyMinutes: row.surveyMinutes,
    chaseDaysBefore: row.chaseDaysBefore,
  };
}

export async function getMission(db: Database, id: number): Promise<MissionRecord | undefined> {
  const row = await db.mission.findUnique({ where: { id } });
  return row ? toMissionRecord(row) : undefined;
}

/** Missions people can still work with (not archived), soonest first. */
export async function activeMissions(db: Database): Promise<MissionRecord[]> {
  const rows = await db.mission.findMany({
    where: { archivedAt: null },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  return rows.map(toMissionRecord);
}

/**
 * The mission a person named: the exact name (any case or accents), else the one active mission
 * whose name contains every word typed ("china" finds "China mission 2027"). `candidates` lists the
 * missions that matched when several did, for a "did you mean" answer. With `includeArchived`
 * (staff commands that can show or restore an archived mission), an archived mission is found too
 * when no active one matches.
 */
export async function findMission(
  db: Database,
  name: string,
  options: { includeArchived?: boolean } = {},
): Promise<{ mission: MissionRecord | undefined; candidates: MissionRecord[] }> {
  const key = missionNameKey(name);
  if (!key) return { mission: undefined, candidates: [] };
  const exact = await db.mission.findUnique({ where: { nameKey: key } });
  if (exact) return { mission: toMissionRecord(exact), candidates: [] };
  const words = key.split(" ");
  const matches = (mission: MissionRecord) => {
    const missionWords = missionNameKey(mission.name).split(" ");
    return words.every((word) => missionWords.some((w) => w.startsWith(word)));
  };
  let candidates = (await activeMissions(db)).filter(matches);
  if (candidates.length === 0 && options.includeArchived) {
    const archived = await db.mission.findMany({ where: { archivedAt: { not: null } }, orderBy: { startDate: "asc" } });
    candidates = archived.map(toMissionRecord).filter(matches);
  }
  return candidates.length === 1 ? { mission: candidates[0], candidates: [] } : { mission: undefined, candidates };
}

/** The mission that already has this name (folded: "China 2027" is "china 2027"), other than `exceptId`. */
export async function missionNamed(db: Database, name: string, exceptId?: number): Promise<MissionRecord | undefined> {
  const row = await db.mission.findUnique({ where: { nameKey: missionNameKey(name) } });
  return row && row.id !== exceptId ? toMissionRecord(row) : undefined;
}

/** What the form sets, as the table's columns. */
function columnsOf(input: MissionInput, channelId: string | null) {
  return {
    name: input.name,
    nameKey: missionNameKey(input.name),
    market: input.market,
    city: input.city,
    timeZone: input.timeZone,
    startDate: input.startDate,
    endDate: input.endDate,
    capacity: input.capacity,
    requestDeadline: input.requestDeadline,
    requestLimit: input.requestLimit,
    sessionPlan: input.sessionPlan,
    channelId,
    ...input.postTimes,
  };
}

/** A new mission, open for its delegation, with its audit entry. */
export async function createMission(
  db: Database,
  input: { mission: MissionInput; channelId: string | null; bySlackId: string; leadClusterId: number | null; at: Date },
): Promise<MissionRecord> {
  return db.$transaction(async (tx) => {
    const row = await tx.mission.create({
      data: {
        ...columnsOf(input.mission, input.channelId),
        status: "open",
        leadClusterId: input.leadClusterId,
        createdBySlackId: input.bySlackId,
      },
    });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "mission.create",
        target: { type: "mission", id: row.id },
        details: { name: row.name },
      },
      input.at,
    );
    return toMissionRecord(row);
  });
}

/**
 * Equal once written as JSON, whatever the order of object keys: PostgreSQL's jsonb gives a stored
 * object's keys back in its own order (SQLite keeps the text as written).
 */
function sameAsJson(stored: unknown, written: unknown): boolean {
  const asJson = (value: unknown) => JSON.parse(JSON.stringify(value ?? null));
  return isDeepStrictEqual(asJson(stored), asJson(written));
}

/** Saves the edited form over a mission; returns it with the names of the columns that changed. */
export async function updateMission(
  db: Database,
  input: { id: number; mission: MissionInput; channelId: string | null; bySlackId: string; at: Date },
): Promise<{ record: MissionRecord; changed: string[] }> {
  return db.$transaction(async (tx) => {
    const before = await tx.mission.findUniqueOrThrow({ where: { id: input.id } });
    const columns = columnsOf(input.mission, input.channelId);
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter(
      (key) => key !== "nameKey" && !sameAsJson(before[key], columns[key]),
    );
    const row = await tx.mission.update({ where: { id: input.id }, data: columns });
    if (changed.length > 0) {
      await writeAudit(
        tx,
        { by: input.bySlackId, action: "mission.edit", target: { type: "mission", id: row.id }, details: { changed } },
        input.at,
      );
    }
    return { record: toMissionRecord(row), changed };
  });
}

/** Archives a mission (read-only from then on) or brings it back; a no-op when it already is so. */
export async function setMissionArchived(
  db: Database,
  input: { id: number; archived: boolean; bySlackId: string; at: Date },
): Promise<MissionRecord | undefined> {
  return db.$transaction(async (tx) => {
    const before = await tx.mission.findUnique({ where: { id: input.id } });
    if (!before) return undefined;
    if ((before.archivedAt !== null) === input.archived) return toMissionRecord(before);
    const row = await tx.mission.update({
      where: { id: input.id },
      data: { archivedAt: input.archived ? input.at : null },
    });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: input.archived ? "mission.archive" : "mission.unarchive",
        target: { type: "mission", id: row.id },
        details: { name: row.name },
      },
      input.at,
    );
    return toMissionRecord(row);
  });
}

/** Every mission for `/mission list`, soonest first, with the size of its delegation (confirmed SMEs). */
export async function listMissions(
  db: Database,
  { includeArchived }: { includeArchived: boolean },
): Promise<{ mission: MissionRecord; delegation: number }[]> {
  const rows = await db.mission.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    include: { _count: { select: { participants: { where: { status: "confirmed" } } } } },
  });
  return rows.map((row) => ({ mission: toMissionRecord(row), delegation: row._count.participants }));
}

/** The size of one mission's delegation (confirmed SMEs). */
export async function delegationSize(db: Database, missionId: number): Promise<number> {
  return db.missionParticipant.count({ where: { missionId, status: "confirmed" } });
}
