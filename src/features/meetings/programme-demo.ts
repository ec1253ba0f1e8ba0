/**
 * The sandbox's programme: arrival, receptions, briefings, sessions and site visits for each demo
 * mission (the China week in Shanghai, the US week in Boston), entered through the same validation
 * as the form. Idempotent: a mission that has a programme is left alone; a mission not there yet is
 * skipped.
 */
import type { Database } from "../../platform/db/client.js";
import { findMission } from "../missions/index.js";
import { type RawProgrammeItem, validateProgrammeItem } from "./programme.js";
import { addProgrammeItem } from "./programme-store.js";

const demoProgrammes: { mission: string; bySlackId: string; items: RawProgrammeItem[] }[] = [
  {
    mission: "China mission 2027",
    bySlackId: "U0ALICE001",
    items: [
      {
        kind: "travel",
        title: "Arrival and hotel check-in",
        day: "2027-04-12",
        start: "14:00",
        end: "17:00",
        location: "Pudong International Airport, then the Grand Hyatt, 88 Century Avenue",
        notes: "The airport shuttle leaves every 30 minutes from Arrivals, exit 5.",
      },
      {
        kind: "reception",
        title: "Opening reception with the Danish and French consulates",
        day: "2027-04-12",
        start: "18:30",
        end: "20:30",
        location: "Grand Hyatt, ballroom, level 3",
      },
      {
        kind: "session",
        title: "Briefing: how the B2B meetings run",
        day: "2027-04-13",
        start: "08:15",
        end: "08:50",
        location: "Meeting hall, Shanghai Exhibition Centre",
        notes: "Table numbers are on the floor plan at the entrance. Bring business cards.",
      },
      {
        kind: "session",
        title: "Panel: heat pumps in China's district heating",
        day: "2027-04-14",
        start: "17:45",
        end: "19:00",
        location: "Shanghai Exhibition Centre, room B",
      },
      {
        kind: "visit",
        title: "Lingang district heating plant",
        day: "2027-04-16",
        start: "08:30",
        end: "12:30",
        location: "Lingang New Area, Pudong",
        notes: "The coach leaves the hotel at 07:45. Safety shoes are provided.",
      },
      {
        kind: "travel",
        title: "Departure",
        day: "2027-04-16",
        start: "15:00",
        end: "17:00",
        location: "Hotel lobby, coach to Pudong airport",
      },
    ],
  },
  {
    mission: "US mission Boston 2027",
    bySlackId: "U0THEO0001",
    items: [
      {
        kind: "reception",
        title: "Welcome reception",
        day: "2027-06-07",
        start: "18:00",
        end: "20:00",
        location: "Cambridge Innovation Center, 1 Broadway, Cambridge",
      },
      {
        kind: "session",
        title: "Briefing: how the B2B meetings run",
        day: "2027-06-08",
        start: "08:15",
        end: "08:50",
        location: "Seaport World Trade Center, room 2",
      },
      {
        kind: "visit",
        title: "Kneeland Street district energy plant",
        day: "2027-06-10",
        start: "09:00",
        end: "12:00",
        location: "Kneeland Street, Boston",
        notes: "Walk from the hotel: 15 minutes. Long trousers and closed shoes.",
      },
      {
        kind: "session",
        title: "Conference: decarbonising New England's heat",
        day: "2027-06-10",
        start: "13:30",
        end: "16:00",
        location: "Seaport World Trade Center, hall A",
      },
      {
        kind: "travel",
        title: "Departure",
        day: "2027-06-11",
        start: "10:00",
        end: "11:00",
        location: "Hotel lobby, shuttle to Logan Airport",
      },
    ],
  },
];

export async function loadDemoProgramme(db: Database, now: Date): Promise<{ items: number }> {
  let items = 0;
  for (const demo of demoProgrammes) {
    const { mission } = await findMission(db, demo.mission);
    if (!mission || (await db.agendaItem.count({ where: { missionId: mission.id } })) > 0) continue;
    for (const raw of demo.items) {
      const validation = validateProgrammeItem(raw, mission);
      if (!validation.ok)
        throw new Error(`demo programme item ${raw.title} is invalid: ${JSON.stringify(validation.errors)}`);
      await addProgrammeItem(db, { missionId: mission.id, item: validation.item, bySlackId: demo.bySlackId, at: now });
      items += 1;
    }
  }
  return { items };
}
