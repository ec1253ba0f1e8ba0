/**
 * The sandbox's missions: a China week in Shanghai and a US week in Boston in 2027, entered through
 * the same validation as the form. Idempotent: a mission already there (by name) is left alone.
 */
import type { Database } from "../../platform/db/client.js";
import type { MissionRecord } from "./mission.js";
import { type RawMissionForm, validateMissionForm } from "./mission-form.js";
import { createMission, missionNamed } from "./mission-store.js";

/** Who created them in the story: the staff of the sandbox (src/sandbox/people.ts) and their clusters. */
const demoMissions: { form: RawMissionForm; bySlackId: string; leadClusterKey: string }[] = [
  {
    form: {
      name: "China mission 2027",
      market: "CN",
      city: "Shanghai",
      timeZone: "Asia/Shanghai",
      startDate: "2027-04-12",
      endDate: "2027-04-16",
      capacity: "25",
      deadlineDate: "2027-04-05",
      deadlineTime: "18:00",
      requestLimit: "10",
      // Monday is for arrival and the opening reception, Friday for site visits.
      sessionDays: "2027-04-13, 2027-04-14, 2027-04-15",
      sessionStart: "09:00",
      sessionEnd: "17:30",
      slotMinutes: "30",
      breaks: "12:00-13:30, 15:30-16:00",
      tables: "12",
    },
    bySlackId: "U0ALICE001",
    leadClusterKey: "clean-dk",
  },
  {
    form: {
      name: "US mission Boston 2027",
      market: "US",
      city: "Boston",
      timeZone: "America/New_York",
      startDate: "2027-06-07",
      endDate: "2027-06-11",
      capacity: "20",
      deadlineDate: "2027-05-28",
      deadlineTime: "17:00",
      requestLimit: "8",
      sessionDays: "2027-06-08, 2027-06-09",
      sessionStart: "09:00",
      sessionEnd: "17:00",
      slotMinutes: "20",
      breaks: "12:00-13:00",
      tables: "10",
    },
    bySlackId: "U0THEO0001",
    leadClusterKey: "tenerrdis-fr",
  },
];

/** Creates the demo missions that are not there yet; returns every demo mission. */
export async function loadDemoMissions(db: Database, now: Date): Promise<MissionRecord[]> {
  const missions: MissionRecord[] = [];
  for (const demo of demoMissions) {
    const validation = validateMissionForm(demo.form);
    if (!validation.ok)
      throw new Error(`demo mission ${demo.form.name} is invalid: ${JSON.stringify(validation.errors)}`);
    const existing = await missionNamed(db, validation.mission.name);
    if (existing) {
      missions.push(existing);
      continue;
    }
    const cluster = await db.cluster.findUnique({ where: { key: demo.leadClusterKey }, select: { id: true } });
    missions.push(
      await createMission(db, {
        mission: validation.mission,
        channelId: null,
        bySlackId: demo.bySlackId,
        leadClusterId: cluster?.id ?? null,
        at: now,
      }),
    );
  }
  return missions;
}
