import { describe, expect, it } from "vitest";
import { describeCapacity, proposedChannelName, type RawMissionForm, validateMissionForm } from "./mission-form.js";
import { formatInstant, slotStarts } from "./mission-time.js";

/** A Boston week across the US switch to summer time (Sunday 14 March 2027). */
const boston: RawMissionForm = {
  name: "Boston 2027",
  market: "US",
  city: "Boston",
  timeZone: "",
  startDate: "2027-03-10",
  endDate: "2027-03-16",
  capacity: "25",
  deadlineDate: "2027-03-01",
  deadlineTime: "18:00",
  requestLimit: "10",
  sessionDays: "",
  sessionStart: "09:00",
  sessionEnd: "17:00",
  slotMinutes: "30",
  breaks: "12:00-13:30, 15:30–15:45",
  tables: "8",
};

function valid(raw: RawMissionForm) {
  const result = validateMissionForm(raw);
  if (!result.ok) throw new Error(`expected a valid form: ${JSON.stringify(result.errors)}`);
  return result.mission;
}

function errorsOf(raw: RawMissionForm) {
  const result = validateMissionForm(raw);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("the mission form", () => {
  it("takes the house defaults for the scheduled posts when they are left empty, and keeps those given", () => {
    expect(valid(boston).postTimes).toEqual({
      agendaPostTime: "07:30",
      previewPostTime: "18:00",
      reminderMinutes: 10,
      surveyMinutes: 15,
      chaseDaysBefore: 7,
    });
    const custom = valid({
      ...boston,
      agendaPostTime: "06:45",
      previewPostTime: "",
      reminderMinutes: "15",
      surveyMinutes: "0",
      chaseDaysBefore: "14",
    });
    expect(custom.postTimes).toEqual({
      agendaPostTime: "06:45",
      previewPostTime: "18:00",
      reminderMinutes: 15,
      surveyMinutes: 0,
      chaseDaysBefore: 14,
    });
    expect(errorsOf({ ...boston, previewPostTime: "25:00", chaseDaysBefore: "2.5" })).toEqual({
      previewPostTime: "Write the time of the evening preview as HH:MM, e.g. 07:30.",
      chaseDaysBefore: "Enter the days before the mission as a whole number.",
    });
  });

  it("takes the city's zone, every mission day by default, and the deadline as an instant in that zone", () => {
    const mission = valid(boston);
    expect(mission.timeZone).toBe("America/New_York");
    expect(mission.sessionPlan.days).toEqual([
      "2027-03-10",
      "2027-03-11",
      "2027-03-12",
      "2027-03-13",
      "2027-03-14",
      "2027-03-15",
      "2027-03-16",
    ]);
    expect(mission.sessionPlan.breaks).toEqual([
      { start: "12:00", end: "13:30" },
      { start: "15:30", end: "15:45" },
    ]);
    // 1 March is before the switch: 18:00 in Boston is 23:00 UTC.
    expect(mission.requestDeadline.toISOString()).toBe("2027-03-01T23:00:00.000Z");
    expect(formatInstant(mission.requestDeadline, mission.timeZone)).toBe("1 Mar 2027, 18:00 New York time (UTC-5)");
    expect(mission.channel).toEqual({ kind: "none" });
  });

  it("keeps a 09:00 session at 09:00 local on both sides of the daylight-saving change", () => {
    const mission = valid(boston);
    const byDay = new Map(slotStarts(mission.sessionPlan, mission.timeZone).map((d) => [d.day, d.starts]));
    expect(byDay.get("2027-03-13")?.[0]?.toISOString()).toBe("2027-03-13T14:00:00.000Z");
    expect(byDay.get("2027-03-15")?.[0]?.toISOString()).toBe("2027-03-15T13:00:00.000Z");
    const before = byDay.get("2027-03-13")?.[0];
    const after = byDay.get("2027-03-15")?.[0];
    if (!before || !after) throw new Error("both days have slots");
    expect(formatInstant(before, "America/New_York")).toBe("13 Mar 2027, 09:00 New York time (UTC-5)");
    expect(formatInstant(after, "America/New_York")).toBe("15 Mar 2027, 09:00 New York time (UTC-4)");
  });

  it("refuses a plan that does not fit the dates, on the field to change", () => {
    expect(errorsOf({ ...boston, sessionDays: "2027-03-15, 2027-03-20" })).toEqual({
      sessionDays: "20 Mar 2027 is not a day of the mission (10–16 Mar 2027).",
    });
    expect(errorsOf({ ...boston, endDate: "2027-03-09" })).toEqual({
      endDate: "The mission cannot end (9 Mar 2027) before it starts (10 Mar 2027).",
    });
  });

  it("refuses a deadline after the start, compared in the mission's zone", () => {
    // 10 March 00:30 in Boston is still 9 March in UTC, but it is after the start in Boston.
    expect(errorsOf({ ...boston, deadlineDate: "2027-03-10", deadlineTime: "00:30" })).toEqual({
      deadlineDate:
        "Meeting requests must close before the mission starts (10 Mar 2027, 00:00 in America/New_York): pick an earlier day.",
    });
    expect(valid({ ...boston, deadlineDate: "2027-03-09", deadlineTime: "23:59" }).requestDeadline.toISOString()).toBe(
      "2027-03-10T04:59:00.000Z",
    );
  });

  it("refuses a deadline at a time the clock change skips", () => {
    const later = { ...boston, startDate: "2027-03-20", endDate: "2027-03-24", deadlineDate: "2027-03-14" };
    expect(errorsOf({ ...later, deadlineTime: "02:30" })).toEqual({
      deadlineTime: "02:30 does not exist on 14 Mar 2027 in America/New_York (the clocks change): pick another time.",
    });
    expect(valid({ ...later, deadlineTime: "03:30" }).requestDeadline.toISOString()).toBe("2027-03-14T07:30:00.000Z");
  });

  it("checks session times, breaks and slots", () => {
    expect(errorsOf({ ...boston, sessionStart: "17:00", sessionEnd: "09:00" })).toEqual({
      sessionEnd: "Sessions must end after they start (17:00).",
    });
    expect(errorsOf({ ...boston, breaks: "12:00-13:30, 13:00-14:00" }).breaks).toBe(
      "The breaks 12:00-13:30 and 13:00-14:00 overlap.",
    );
    expect(errorsOf({ ...boston, breaks: "08:00-09:30" }).breaks).toBe(
      "The break 08:00-09:30 is outside the sessions (09:00-17:00).",
    );
    expect(errorsOf({ ...boston, breaks: "lunch" }).breaks).toContain("“lunch” is not a break");
    expect(errorsOf({ ...boston, sessionEnd: "09:40", breaks: "", slotMinutes: "45" }).slotMinutes).toBe(
      "No 45-minute slot fits between 09:00 and 09:40 around the breaks: pick shorter slots or longer sessions.",
    );
    expect(errorsOf({ ...boston, slotMinutes: "25" }).slotMinutes).toBe(
      "Pick a slot length: 15, 20, 30, 45, 60 minutes.",
    );
    expect(errorsOf({ ...boston, sessionStart: "02:30", sessionDays: "2027-03-14" }).sessionStart).toContain(
      "do not all exist on 14 Mar 2027",
    );
  });

  it("says what happens to minutes that cannot hold a whole slot", () => {
    const mission = valid({ ...boston, slotMinutes: "45", sessionDays: "2027-03-11, 2027-03-12" });
    expect(describeCapacity(mission.sessionPlan)).toBe(
      "7 slots a day × 8 tables on 2 days: at most 112 meetings. 30 minutes before 15:30 and 30 minutes before 17:00 stay free each day: too short for a 45-minute slot.",
    );
  });

  it("checks the zone against the market, the capacity and the channel's name", () => {
    expect(errorsOf({ ...boston, timeZone: "Asia/Shanghai" }).timeZone).toBe(
      "Asia/Shanghai is not a zone of the United States: choose one of America/New_York, America/Chicago, America/Denver, America/Phoenix, America/Los_Angeles, America/Anchorage, Pacific/Honolulu.",
    );
    expect(errorsOf({ ...boston, city: "Springfield" }).timeZone).toBe(
      "I don't know the time zone of Springfield: choose it.",
    );
    expect(valid({ ...boston, city: "Springfield", timeZone: "America/Chicago" }).timeZone).toBe("America/Chicago");
    expect(errorsOf({ ...boston, capacity: "0" }).capacity).toBe("The capacity is at least 1.");
    expect(errorsOf({ ...boston, capacity: "201" }).capacity).toBe("The capacity is at most 200.");
    expect(valid({ ...boston, createChannel: true }).channel).toEqual({ kind: "create", name: "boston-2027" });
    expect(errorsOf({ ...boston, createChannel: true, channelName: "Boston mission!" }).channelName).toContain(
      "only lower-case letters",
    );
    expect(errorsOf({ ...boston, createChannel: true, channel: "C0GENERAL1" }).createChannel).toBe(
      "Pick an existing channel or tick “create”, not both.",
    );
    expect(proposedChannelName("Mission Chine 2027 — Shànghǎi")).toBe("mission-chine-2027-shanghai");
  });

  it("accepts a China mission in Shanghai time", () => {
    const mission = valid({
      ...boston,
      name: "China 2027",
      market: "CN",
      city: "Shanghai",
      startDate: "2027-04-12",
      endDate: "2027-04-16",
      deadlineDate: "2027-04-05",
      deadlineTime: "18:00",
      sessionDays: "2027-04-13 2027-04-14",
    });
    expect(mission.timeZone).toBe("Asia/Shanghai");
    expect(formatInstant(mission.requestDeadline, mission.timeZone)).toBe("5 Apr 2027, 18:00 Shanghai time (UTC+8)");
    expect(mission.sessionPlan.days).toEqual(["2027-04-13", "2027-04-14"]);
  });
});
