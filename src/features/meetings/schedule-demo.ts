/**
 * Demo data for the scheduler, on top of the demo missions, organisations and requests: in each
 * active mission with session days, the two organisations asked for most host their meetings at
 * their own stand (the last tables of the room), so `/mission schedule` shows stands at work.
 * Idempotent: a mission where an organisation already has a stand is left alone.
 */
import type { Database } from "../../platform/db/client.js";
import { activeMissions } from "../missions/index.js";

const standsPerMission = 2;

export async function loadDemoSchedulingData(db: Database): Promise<{ stands: number }> {
  let stands = 0;
  for (const mission of await activeMissions(db)) {
    if (mission.sessionPlan.days.length === 0) continue;
    const hasStand = await db.missionOrganisation.count({
      where: { missionId: mission.id, standTable: { not: null } },
    });
    if (hasStand > 0) continue;
    const asked = await db.meetingRequest.groupBy({
      by: ["organisationId"],
      where: { missionId: mission.id, status: "accepted", organisationId: { not: null } },
      _count: { _all: true },
      orderBy: [{ _count: { organisationId: "desc" } }, { organisationId: "asc" }],
      take: standsPerMission,
    });
    for (const [at, group] of asked.entries()) {
      if (group.organisationId === null) continue;
      await db.missionOrganisation.update({
        where: { missionId_organisationId: { missionId: mission.id, organisationId: group.organisationId } },
        data: { standTable: mission.sessionPlan.tables - at },
      });
      stands += 1;
    }
  }
  return { stands };
}
