/**
 * The sandbox's daily posts: the demo China mission is given a channel (the demo missions have none),
 * so moving the clock through its week shows each morning's agenda there, with Erik's day by DM.
 * Idempotent: a mission that has a channel keeps it.
 */
import type { Database } from "../../platform/db/client.js";
import { findMission } from "../missions/index.js";

const demoMissionName = "China mission 2027";

export async function loadDemoDailyPosts(db: Database, channelId: string): Promise<{ missionId: number | undefined }> {
  const { mission } = await findMission(db, demoMissionName);
  if (!mission) return { missionId: undefined };
  await db.mission.updateMany({ where: { id: mission.id, channelId: null }, data: { channelId } });
  return { missionId: mission.id };
}
