/** Reads and writes of missions themselves (not their delegations, organisations or requests). */
import type { Mission } from "../../generated/prisma/client.js";
import type { Database } from "../../platform/db/client.js";
import { emptySessionPlan, type MissionRecord, missionNameKey, sessionPlanSchema } from "./mission.js";

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
 * missions that matched when several did, for a "did you mean" answer.
 */
export async function findMission(
  db: Database,
  name: string,
): Promise<{ mission: MissionRecord | undefined; candidates: MissionRecord[] }> {
  const key = missionNameKey(name);
  if (!key) return { mission: undefined, candidates: [] };
  const exact = await db.mission.findUnique({ where: { nameKey: key } });
  if (exact) return { mission: toMissionRecord(exact), candidates: [] };
  const words = key.split(" ");
  const candidates = (await activeMissions(db)).filter((mission) => {
    const missionWords = missionNameKey(mission.name).split(" ");
    return words.every((word) => missionWords.some((w) => w.startsWith(word)));
  });
  return candidates.length === 1 ? { mission: candidates[0], candidates: [] } : { mission: undefined, candidates };
}
