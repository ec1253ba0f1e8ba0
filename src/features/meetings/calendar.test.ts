import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { AgendaMeeting, SmeParty } from "./agenda.js";
import { personalCalendar } from "./calendar.js";
import type { ProgrammeItem } from "./programme.js";

const nordic: SmeParty = {
  kind: "sme",
  id: 1,
  name: "Nordic Heat A/S",
  cluster: "CLEAN",
  sectors: ["District heating and cooling"],
};
const loire: SmeParty = { kind: "sme", id: 2, name: "Loire Controls SAS", cluster: "Tenerrdis", sectors: [] };
const jiangsu = {
  kind: "org" as const,
  id: 7,
  name: "Jiangsu Heat Networks Co., Ltd; Shanghai",
  type: "Project owner",
  contact: "Li Wei, li.wei@jhn.example",
  needs: "Replacing coal boilers in three district heating networks with large heat pumps.",
};

function at(zone: string, local: string): Date {
  return DateTime.fromISO(local, { zone }).toJSDate();
}

function meeting(
  id: number,
  startsAt: Date,
  table: number,
  asking: SmeParty,
  counterpart: AgendaMeeting["counterpart"],
) {
  return {
    id,
    requestId: id + 100,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    table,
    asking,
    counterpart,
  };
}

/** The events of an .ics text, each as its properties (lines unfolded, text unescaped), as a calendar reads it. */
function readEvents(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT" && current) {
      events.push(current);
      current = undefined;
    } else if (current) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).split(";")[0] ?? "";
      current[name] = line
        .slice(colon + 1)
        .replace(/\\n/gi, "\n")
        .replace(/\\([,;\\])/g, "$1");
    }
  }
  return events;
}

/** A DTSTART/DTEND in UTC ("20270413T010000Z") as the local time a viewer in `zone` sees. */
function seenIn(value: string | undefined, zone: string): string {
  return DateTime.fromFormat(value ?? "", "yyyyMMdd'T'HHmmss'Z'", { zone: "utc" })
    .setZone(zone)
    .toFormat("yyyy-MM-dd HH:mm");
}

const generatedAt = new Date("2027-03-20T10:00:00Z");

describe("personalCalendar", () => {
  it("gives a 09:00 Shanghai meeting as 01:00 UTC, with the counterpart, the table and a stable UID", () => {
    const shanghai = { id: 3, name: "China mission 2027", city: "Shanghai" };
    const meetings = [
      meeting(1, at("Asia/Shanghai", "2027-04-13T09:00"), 4, nordic, jiangsu),
      // Loire asked to meet Nordic: it is on Nordic's calendar too, with Loire as the counterpart.
      meeting(2, at("Asia/Shanghai", "2027-04-13T10:00"), 2, loire, nordic),
      // Not Nordic's meeting.
      meeting(3, at("Asia/Shanghai", "2027-04-13T11:00"), 1, loire, jiangsu),
    ];
    const ics = personalCalendar({ mission: shanghai, sme: nordic, meetings, programme: [], generatedAt });
    expect(ics).toContain("DTSTART:20270413T010000Z");
    const events = readEvents(ics);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      UID: "mission-3-request-101@ec2i-missions",
      SUMMARY: "Meeting: Jiangsu Heat Networks Co., Ltd; Shanghai (table 4)",
      DTSTART: "20270413T010000Z",
      DTEND: "20270413T013000Z",
      DTSTAMP: "20270320T100000Z",
      LOCATION: "Table 4, B2B meetings of China mission 2027, Shanghai",
    });
    expect(events[0]?.DESCRIPTION).toContain("Contact: Li Wei, li.wei@jhn.example");
    expect(events[0]?.DESCRIPTION).toContain("Needs: Replacing coal boilers");
    expect(events[1]).toMatchObject({ SUMMARY: "Meeting: Loire Controls SAS (table 2)", DTSTART: "20270413T020000Z" });
    expect(events[1]?.DESCRIPTION).toContain("Loire Controls SAS (SME, Tenerrdis)");
    // A viewer in Copenhagen sees 03:00 (CEST), one in Shanghai 09:00.
    expect(seenIn(events[0]?.DTSTART, "Europe/Copenhagen")).toBe("2027-04-13 03:00");
    expect(seenIn(events[0]?.DTSTART, "Asia/Shanghai")).toBe("2027-04-13 09:00");

    // The file made again after the meeting moved keeps its UID: calendars update the event.
    const moved = [
      {
        ...meetings[0],
        id: 99,
        startsAt: at("Asia/Shanghai", "2027-04-14T14:00"),
        endsAt: at("Asia/Shanghai", "2027-04-14T14:30"),
      },
    ] as AgendaMeeting[];
    const again = readEvents(
      personalCalendar({ mission: shanghai, sme: nordic, meetings: moved, programme: [], generatedAt }),
    );
    expect(again[0]).toMatchObject({ UID: "mission-3-request-101@ec2i-missions", DTSTART: "20270414T060000Z" });
  });

  it("keeps 09:00 New York time on both sides of the March clock change, and adds the programme", () => {
    const boston = { id: 5, name: "US mission Boston 2027", city: "Boston" };
    const zone = "America/New_York";
    const meetings = [
      meeting(1, at(zone, "2027-03-12T09:00"), 1, nordic, jiangsu),
      meeting(2, at(zone, "2027-03-15T09:00"), 1, nordic, jiangsu),
    ];
    const programme: ProgrammeItem[] = [
      {
        id: 9,
        missionId: 5,
        kind: "visit",
        title: "Kneeland Street plant",
        location: "Kneeland Street, Boston",
        notes: "Closed shoes.",
        startsAt: at(zone, "2027-03-14T10:00"),
        endsAt: at(zone, "2027-03-14T12:00"),
      },
    ];
    const events = readEvents(personalCalendar({ mission: boston, sme: nordic, meetings, programme, generatedAt }));
    expect(events.map((event) => event.DTSTART)).toEqual(["20270312T140000Z", "20270315T130000Z", "20270314T140000Z"]);
    expect(events.slice(0, 2).map((event) => seenIn(event.DTSTART, zone))).toEqual([
      "2027-03-12 09:00",
      "2027-03-15 09:00",
    ]);
    expect(events[2]).toMatchObject({
      UID: "mission-5-programme-9@ec2i-missions",
      SUMMARY: "Site visit: Kneeland Street plant",
      LOCATION: "Kneeland Street, Boston",
    });
    expect(events[2]?.DESCRIPTION).toContain("Closed shoes.");
  });
});
