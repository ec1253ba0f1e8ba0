import { describe, expect, it } from "vitest";
import { validateProgrammeItem } from "./programme.js";

const shanghai = { timeZone: "Asia/Shanghai", startDate: "2027-04-12", endDate: "2027-04-16" };
// The US clocks go forward on Sunday 14 March 2027 at 02:00.
const newYork = { timeZone: "America/New_York", startDate: "2027-03-12", endDate: "2027-03-16" };
const visit = {
  title: "Lingang district heating plant",
  kind: "visit",
  day: "2027-04-16",
  start: "08:30",
  end: "12:30",
  location: "Lingang New Area",
  notes: "",
};

describe("validateProgrammeItem", () => {
  it("reads the day and times in the mission's zone", () => {
    const result = validateProgrammeItem(visit, shanghai);
    expect(result).toEqual({
      ok: true,
      item: {
        kind: "visit",
        title: "Lingang district heating plant",
        location: "Lingang New Area",
        notes: null,
        startsAt: new Date("2027-04-16T00:30:00Z"),
        endsAt: new Date("2027-04-16T04:30:00Z"),
      },
    });
  });

  it("puts each problem on the field to change", () => {
    const result = validateProgrammeItem({ ...visit, title: "", kind: "", end: "08:00", day: "2027-04-20" }, shanghai);
    expect(result).toEqual({
      ok: false,
      errors: {
        title: "Enter the title.",
        kind: "Pick what kind of item this is.",
        day: "20 Apr 2027 is outside the mission (12–16 Apr 2027): pick a day within it.",
      },
    });
    expect(validateProgrammeItem({ ...visit, end: "08:30" }, shanghai)).toEqual({
      ok: false,
      errors: { end: "It must end after it starts (08:30)." },
    });
  });

  it("refuses a local time that does not exist when the clocks go forward", () => {
    const result = validateProgrammeItem({ ...visit, day: "2027-03-14", start: "02:30", end: "04:00" }, newYork);
    expect(result).toEqual({
      ok: false,
      errors: {
        start: "02:30 does not exist on 14 Mar 2027 in America/New_York (the clocks change): pick another time.",
      },
    });
    // 01:30 to 03:30 that night is one hour, and still ends after it starts.
    const night = validateProgrammeItem({ ...visit, day: "2027-03-14", start: "01:30", end: "03:30" }, newYork);
    expect(night.ok && night.item.endsAt.getTime() - night.item.startsAt.getTime()).toBe(60 * 60_000);
  });

  it("refuses control characters and over-long notes", () => {
    const result = validateProgrammeItem({ ...visit, title: "Visit\u202Eevil", notes: "x".repeat(1001) }, shanghai);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      title: "Remove the control characters (such as NUL or escape) from this field.",
      notes: "The notes can have at most 1000 characters.",
    });
  });
});
