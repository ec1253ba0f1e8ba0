/**
 * An SME leaves a mission's delegation (removed by staff, or withdrawn) after its schedule was
 * published: its meetings still to come are cancelled, so nobody waits at its table, no reminder or
 * survey goes out for them, the other SMEs in them are told at once (as a re-publish tells them) and
 * the day's channel posts are updated in place.
 */
import type { WebClient } from "@slack/web-api";
import type { AppDeps } from "../../platform/slack/feature.js";
import type { MissionRecord } from "../missions/index.js";
import { refreshDailyPosts } from "./daily-updates.js";
import { addChange, counterpartName, type ScheduleChange } from "./publish.js";
import { tellSmes } from "./schedule-listeners.js";

export async function cancelMeetingsOfDepartedSme(
  deps: AppDeps,
  client: WebClient,
  mission: MissionRecord,
  smeId: number,
): Promise<{ cancelled: number }> {
  const now = deps.clock.now();
  const meetings = await deps.db.meeting.findMany({
    where: {
      missionId: mission.id,
      status: "scheduled",
      endsAt: { gt: now },
      OR: [{ smeId }, { targetSmeId: smeId }],
    },
    include: {
      sme: { select: { name: true } },
      organisation: { select: { name: true } },
      targetSme: { select: { name: true } },
    },
  });
  if (meetings.length === 0) return { cancelled: 0 };
  await deps.db.meeting.updateMany({
    where: { id: { in: meetings.map((meeting) => meeting.id) }, status: "scheduled" },
    data: { status: "cancelled" },
  });
  const changes = new Map<number, ScheduleChange[]>();
  for (const meeting of meetings) {
    addChange(changes, meeting, (forSmeId) => ({
      kind: "cancelled",
      counterpart: counterpartName(meeting, forSmeId),
      from: { startsAt: meeting.startsAt, endsAt: meeting.endsAt, tableNumber: meeting.tableNumber },
    }));
  }
  // The SME that left was told already, by the delegation's own message; the others are told now.
  const others = new Map([...changes].filter(([changed]) => changed !== smeId));
  await tellSmes(deps, client, mission, { changes: others, republished: true });
  await refreshDailyPosts(deps, client, mission, changes);
  deps.logger.info(
    { mission: mission.id, smeId, cancelled: meetings.length },
    "meetings of an SME that left were cancelled",
  );
  return { cancelled: meetings.length };
}
