import { describe, expect, it } from "vitest";
import { postInstant } from "../missions/index.js";
import {
  type DailyMissionFacts,
  dailyDueRuns,
  personDayTarget,
  readDailyTarget,
  smeDayTarget,
} from "./daily-schedule.js";

const shanghai: DailyMissionFacts = {
  id: 3,
  timeZone: "Asia/Shanghai",
  startDate: "2027-04-12",
  endDate: "2027-04-16",
  agendaPostTime: "07:30",
  previewPostTime: "18:00",
  smeIds: [11, 12],
  travellers: ["U0ERIK0001", "U0BOB00001", "U0ERIK0001"],
};

/** A New York week across the US switch to summer time (Sunday 14 March 2027, 02:00 → 03:00). */
const newYork: DailyMissionFacts = {
  ...shanghai,
  id: 4,
  timeZone: "America/New_York",
  startDate: "2027-03-12",
  endDate: "2027-03-16",
  smeIds: [],
  travellers: [],
};

const wholeYear = { from: new Date("2027-01-01T00:00:00Z"), to: new Date("2027-12-31T00:00:00Z") };
const instants = (runs: { dueAt: Date }[]) => runs.map((run) => run.dueAt.toISOString());

describe("when the daily posts fall due", () => {
  it("posts a Shanghai mission's agenda at 07:30 local each mission day and its preview at 18:00 the evening before", () => {
    const runs = dailyDueRuns([shanghai], wholeYear);
    // Shanghai is UTC+8 all year: 07:30 is 23:30 UTC the day before, 18:00 is 10:00 UTC.
    expect(runs.agenda).toEqual([
      { target: "mission:3:2027-04-12", dueAt: new Date("2027-04-11T23:30:00Z") },
      { target: "mission:3:2027-04-13", dueAt: new Date("2027-04-12T23:30:00Z") },
      { target: "mission:3:2027-04-14", dueAt: new Date("2027-04-13T23:30:00Z") },
      { target: "mission:3:2027-04-15", dueAt: new Date("2027-04-14T23:30:00Z") },
      { target: "mission:3:2027-04-16", dueAt: new Date("2027-04-15T23:30:00Z") },
    ]);
    expect(runs.preview.map((run) => run.target)).toEqual(runs.agenda.map((run) => run.target));
    expect(instants(runs.preview)).toEqual([
      "2027-04-11T10:00:00.000Z",
      "2027-04-12T10:00:00.000Z",
      "2027-04-13T10:00:00.000Z",
      "2027-04-14T10:00:00.000Z",
      "2027-04-15T10:00:00.000Z",
    ]);
    // One reply per SME and one DM per traveller (named twice, sent once) each morning, with the agenda.
    expect(runs.smeDetails).toHaveLength(10);
    expect(runs.personal).toHaveLength(10);
    expect(runs.personal.slice(0, 2)).toEqual([
      { target: "mission:3:2027-04-12:U0ERIK0001", dueAt: new Date("2027-04-11T23:30:00Z") },
      { target: "mission:3:2027-04-12:U0BOB00001", dueAt: new Date("2027-04-11T23:30:00Z") },
    ]);
  });

  it("keeps a New York mission's posts at 07:30 and 18:00 local on both sides of the switch", () => {
    const runs = dailyDueRuns([newYork], wholeYear);
    expect(instants(runs.agenda)).toEqual([
      "2027-03-12T12:30:00.000Z", // Friday, UTC-5
      "2027-03-13T12:30:00.000Z",
      "2027-03-14T11:30:00.000Z", // Sunday, the switch day: UTC-4 from 02:00
      "2027-03-15T11:30:00.000Z",
      "2027-03-16T11:30:00.000Z",
    ]);
    expect(instants(runs.preview)).toEqual([
      "2027-03-11T23:00:00.000Z",
      "2027-03-12T23:00:00.000Z",
      "2027-03-13T23:00:00.000Z", // Saturday evening, still UTC-5
      "2027-03-14T22:00:00.000Z",
      "2027-03-15T22:00:00.000Z",
    ]);
  });

  it("moves a post time the clocks skip forward to the first minute that exists", () => {
    // 02:30 does not exist in New York on 14 March 2027: 03:00 EDT (07:00 UTC) is the first that does.
    expect(postInstant("2027-03-14", "02:30", "America/New_York").toISOString()).toBe("2027-03-14T07:00:00.000Z");
    expect(postInstant("2027-03-15", "02:30", "America/New_York").toISOString()).toBe("2027-03-15T06:30:00.000Z");
    const early = dailyDueRuns([{ ...newYork, agendaPostTime: "02:30" }], wholeYear);
    expect(instants(early.agenda)[2]).toBe("2027-03-14T07:00:00.000Z");
  });

  it("lists only the runs inside the window, both ends included", () => {
    const runs = dailyDueRuns([shanghai], {
      from: new Date("2027-04-12T23:30:00Z"),
      to: new Date("2027-04-13T10:00:00Z"),
    });
    expect(runs.agenda.map((run) => run.target)).toEqual(["mission:3:2027-04-13"]);
    expect(runs.preview.map((run) => run.target)).toEqual(["mission:3:2027-04-14"]);
  });

  it("reads its targets back, and nothing else", () => {
    expect(readDailyTarget("mission:3:2027-04-13")).toEqual({ kind: "day", missionId: 3, day: "2027-04-13" });
    expect(readDailyTarget(smeDayTarget(3, "2027-04-13", 12))).toEqual({
      kind: "sme",
      missionId: 3,
      day: "2027-04-13",
      smeId: 12,
    });
    expect(readDailyTarget(personDayTarget(3, "2027-04-13", "U0ERIK0001"))).toEqual({
      kind: "person",
      missionId: 3,
      day: "2027-04-13",
      slackUserId: "U0ERIK0001",
    });
    expect(readDailyTarget("meeting:42")).toBeUndefined();
    expect(readDailyTarget("mission:3:2027-02-30")).toBeUndefined();
  });
});
