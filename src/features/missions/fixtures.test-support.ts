/** Test data for missions: a mission written straight to the database. */
import type { Database } from "../../platform/db/client.js";
import { type MissionRecord, missionNameKey, type SessionPlan } from "./mission.js";
import { toMissionRecord } from "./mission-store.js";

export const shanghaiPlan: SessionPlan = {
  days: ["2027-04-13", "2027-04-14"],
  start: "09:00",
  end: "17:00",
  slotMinutes: 30,
  breaks: [{ start: "12:00", end: "13:30" }],
  tables: 10,
};

/** A China mission in Shanghai, open for requests until 2027-04-05 18:00 Shanghai time. */
export async function seedMission(
  db: Database,
  overrides: Partial<Omit<MissionRecord, "id" | "sessionPlan">> & { sessionPlan?: SessionPlan } = {},
): Promise<MissionRecord> {
  const name = overrides.name ?? "China mission 2027";
  const row = await db.mission.create({
    data: {
      name,
      nameKey: missionNameKey(name),
      market: overrides.market ?? "CN",
      city: overrides.city ?? "Shanghai",
      timeZone: overrides.timeZone ?? "Asia/Shanghai",
      startDate: overrides.startDate ?? "2027-04-12",
      endDate: overrides.endDate ?? "2027-04-16",
      capacity: overrides.capacity ?? 25,
      requestDeadline:
        overrides.requestDeadline === undefined ? new Date("2027-04-05T10:00:00Z") : overrides.requestDeadline,
      requestLimit: overrides.requestLimit ?? 10,
      sessionPlan: overrides.sessionPlan ?? shanghaiPlan,
      channelId: overrides.channelId ?? null,
      status: overrides.status ?? "open",
      archivedAt: overrides.archivedAt ?? null,
      leadClusterId: overrides.leadClusterId ?? null,
    },
  });
  return toMissionRecord(row);
}
