/** Finding the mission a person typed in a command, or the sentence that tells them why none was found. */
import type { Database } from "../../platform/db/client.js";
import type { MissionRecord } from "./mission.js";
import { findMission } from "./mission-store.js";
import { unknownMission } from "./mission-views.js";

export type MissionLookup = { mission: MissionRecord; problem?: undefined } | { mission?: undefined; problem: string };

/**
 * The mission named by `typed` (exact, or the one mission whose name holds every word), else a "did
 * you mean" or "no mission is called" answer. The caller says what an empty name means (its usage).
 */
export async function lookUpMission(
  db: Database,
  typed: string,
  options: { includeArchived?: boolean } = {},
): Promise<MissionLookup> {
  const { mission, candidates } = await findMission(db, typed, options);
  return mission ? { mission } : { problem: unknownMission(typed, candidates) };
}
