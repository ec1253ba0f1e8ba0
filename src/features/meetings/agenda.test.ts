import { describe, expect, it } from "vitest";
import {
  type AgendaMeeting,
  buildAgendaDay,
  currentMission,
  defaultAgendaDay,
  type Party,
  readAgendaRequest,
  type SmeParty,
} from "./agenda.js";
import type { ProgrammeItem } from "./programme.js";

const zone = "Asia/Shanghai";
const mission = { timeZone: zone, startDate: "2027-04-12", endDate: "2027-04-16" };
const nordic: SmeParty = {
  kind: "sme",
  id: 1,
  name: "Nordic Heat A/S",
  cluster: "CLEAN",
  sectors: ["District heating"],
};
const loire: SmeParty = { kind: "sme", id: 2, name: "Loire Controls SAS", cluster: "Tenerrdis", sectors: [] };
const jiangsu = {
  kind: "org" as const,
  id: 7,
  name: "Jiangsu Heat Networks Co.",
  type: "Project owner",
  contact: "Li Wei",
  needs: "Large heat pumps",
};

/** A meeting at a Shanghai local time (UTC+8 all year). */
function meeting(
  id: number,
  day: string,
  time: string,
  table: number,
  asking: SmeParty,
  counterpart: Party = jiangsu,
): AgendaMeeting {
  const startsAt = new Date(`${day}T${time}:00+08:00`);
  return {
    id,
    requestId: id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    table,
    asking,
    counterpart,
  };
}

function item(id: number, title: string, start: string, end: string): ProgrammeItem {
  return {
    id,
    missionId: 1,
    kind: "session",
    title,
    location: null,
    notes: null,
    startsAt: new Date(`${start}+08:00`),
    endsAt: new Date(`${end}+08:00`),
  };
}

const meetings = [
  meeting(1, "2027-04-13", "10:00", 4, nordic),
  meeting(2, "2027-04-13", "09:00", 2, loire, nordic),
  meeting(3, "2027-04-13", "09:00", 1, loire),
  meeting(4, "2027-04-15", "09:30", 3, nordic),
];
const programme = [
  item(1, "Briefing", "2027-04-13T08:15", "2027-04-13T08:50"),
  item(2, "Panel", "2027-04-13T09:00", "2027-04-13T10:00"),
  // Late on the 12th in Shanghai, which is still the 12th in UTC: not on the 13th.
  item(3, "Reception", "2027-04-12T18:30", "2027-04-12T20:30"),
];

describe("buildAgendaDay", () => {
  it("merges one SME's meetings, on either side, with the programme in time order, in the mission's zone", () => {
    const day = buildAgendaDay({ zone, day: "2027-04-13", programme, meetings, view: { kind: "sme", sme: nordic } });
    expect(
      day.entries.map((entry) =>
        entry.kind === "programme"
          ? `${entry.time} ${entry.item.title}`
          : `${entry.time} table ${entry.meeting.table} with ${entry.parties.map((p) => p.name).join(" & ")}`,
      ),
    ).toEqual([
      "08:15–08:50 Briefing",
      "09:00–10:00 Panel",
      "09:00–09:30 table 2 with Loire Controls SAS",
      "10:00–10:30 table 4 with Jiangsu Heat Networks Co.",
    ]);
    expect(day.meetingCount).toBe(2);
    expect(day.meetingDays).toEqual(["2027-04-13", "2027-04-15"]);
  });

  it("shows everyone's meetings with both sides, by table at the same time", () => {
    const day = buildAgendaDay({ zone, day: "2027-04-13", programme: [], meetings, view: { kind: "all" } });
    expect(day.entries.map((entry) => (entry.kind === "meeting" ? entry.meeting.id : 0))).toEqual([3, 2, 1]);
    const first = day.entries[0];
    expect(first?.kind === "meeting" && first.parties.map((p) => p.name)).toEqual([
      "Loire Controls SAS",
      "Jiangsu Heat Networks Co.",
    ]);
  });

  it("says which days have meetings when the day has none", () => {
    const day = buildAgendaDay({ zone, day: "2027-04-14", programme, meetings, view: { kind: "sme", sme: nordic } });
    expect(day.entries).toEqual([]);
    expect(day.meetingDays).toEqual(["2027-04-13", "2027-04-15"]);
  });
});

describe("defaultAgendaDay", () => {
  it("is today in the mission's zone during the mission, else its first day", () => {
    // 17:00 UTC on the 13th is already the 14th in Shanghai.
    expect(defaultAgendaDay(new Date("2027-04-13T17:00:00Z"), mission)).toBe("2027-04-14");
    expect(defaultAgendaDay(new Date("2027-03-15T08:00:00Z"), mission)).toBe("2027-04-12");
  });
});

describe("currentMission", () => {
  const march = { name: "March", timeZone: "America/New_York", startDate: "2027-03-08", endDate: "2027-03-12" };
  const april = { name: "April", ...mission };
  const june = { name: "June", timeZone: "America/New_York", startDate: "2027-06-07", endDate: "2027-06-11" };
  const missions = [march, april, june];

  it("is the mission on now, else the next one, else the last one", () => {
    // 20:00 UTC on 15 Apr is already the 16th, the last day, in Shanghai.
    expect(currentMission(missions, new Date("2027-04-15T20:00:00Z"))?.name).toBe("April");
    expect(currentMission(missions, new Date("2027-04-16T20:00:00Z"))?.name).toBe("June");
    expect(currentMission(missions, new Date("2027-07-01T12:00:00Z"))?.name).toBe("June");
    expect(currentMission([], new Date())).toBeUndefined();
  });
});

describe("readAgendaRequest", () => {
  const now = new Date("2027-04-13T17:00:00Z"); // the 14th in Shanghai
  const read = (text: string) => readAgendaRequest(text, { now, ...mission });

  it("reads the date as people type it, in the mission's zone and year", () => {
    expect(read("")).toEqual({});
    expect(read("today")).toEqual({ day: "2027-04-14" });
    expect(read("tomorrow all")).toEqual({ day: "2027-04-15", who: { kind: "all" } });
    expect(read("2027-04-13 me")).toEqual({ day: "2027-04-13", who: { kind: "me" } });
    expect(read("16 Apr Nordic Heat")).toEqual({ day: "2027-04-16", who: { kind: "sme", name: "Nordic Heat" } });
    expect(read("April 15")).toEqual({ day: "2027-04-15" });
    expect(read("Nordic Heat 13 apr")).toEqual({ day: "2027-04-13", who: { kind: "sme", name: "Nordic Heat" } });
    expect(read("Loire Controls")).toEqual({ who: { kind: "sme", name: "Loire Controls" } });
  });

  it("says when a date is not one", () => {
    expect(read("31 Feb")).toEqual({ problem: "“31 Feb” is not a date." });
    expect(read("2027-02-30 me")).toEqual({ problem: "“2027-02-30” is not a date." });
  });

  it("gives a day and month the year that puts it within a mission over new year", () => {
    const winter = { timeZone: zone, startDate: "2027-12-28", endDate: "2028-01-03" };
    expect(readAgendaRequest("2 Jan", { now, ...winter })).toEqual({ day: "2028-01-02" });
    expect(readAgendaRequest("30 Dec", { now, ...winter })).toEqual({ day: "2027-12-30" });
  });
});
