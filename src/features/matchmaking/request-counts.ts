/** How many meeting requests each SME of a mission made, by status: for reminders and staff digests in other features. */
import type { Database } from "../../platform/db/client.js";

export type RequestCounts = { requested: number; accepted: number; declined: number; withdrawn: number };

/** The requests made in a mission, counted by the SME that asked and by status. SMEs with none are absent. */
export async function requestCountsOfMission(db: Database, missionId: number): Promise<Map<number, RequestCounts>> {
  const groups = await db.meetingRequest.groupBy({
    by: ["smeId", "status"],
    where: { missionId },
    _count: { _all: true },
  });
  const bySme = new Map<number, RequestCounts>();
  for (const group of groups) {
    const counts = bySme.get(group.smeId) ?? { requested: 0, accepted: 0, declined: 0, withdrawn: 0 };
    counts[group.status] += group._count._all;
    bySme.set(group.smeId, counts);
  }
  return bySme;
}
