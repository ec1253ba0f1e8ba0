import { describe, expect, it } from "vitest";
import { problemErrors, scheduleProblemSchema } from "./schedule-problem.js";

const slot = (id: string, start: string, end: string) => ({ id, start, end, tables: 2 });

function errorsOf(input: unknown): string[] {
  const parsed = scheduleProblemSchema.safeParse(input);
  return parsed.success ? [] : problemErrors(parsed.error, 10);
}

describe("the schedule problem's checks", () => {
  it("refuses a slot at a local time the clocks skip, naming the zone", () => {
    // New York skips 02:00–03:00 on 14 March 2027.
    const errors = errorsOf({
      timeZone: "America/New_York",
      slots: [slot("s1", "2027-03-14T02:30", "2027-03-14T03:30")],
      parties: [],
      meetings: [],
    });
    expect(errors).toEqual(["slots[0].start: does not exist in America/New_York: the clocks go forward over it"]);
  });

  it("refuses a misspelt field instead of quietly ignoring it", () => {
    const errors = errorsOf({
      timeZone: "Asia/Shanghai",
      slots: [slot("s1", "2027-03-16T09:00", "2027-03-16T09:30")],
      parties: [{ id: "org", kind: "org", availble: ["s1"] }],
      meetings: [],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^parties\[0\]: .*availble/);
  });

  it("names unknown references and repeated ids by their path", () => {
    const errors = errorsOf({
      timeZone: "Asia/Shanghai",
      slots: [slot("s1", "2027-03-16T09:00", "2027-03-16T09:30"), slot("s1", "2027-03-16T10:00", "2027-03-16T10:30")],
      parties: [{ id: "a", kind: "sme" }],
      meetings: [{ id: "m", parties: ["a", "ghost"], priority: "must", pinned: { slot: "s9" } }],
    });
    expect(errors).toEqual([
      'slots[1].id: slot id "s1" is used twice',
      'meetings[0].parties[1]: no party has id "ghost"',
      'meetings[0].pinned.slot: no slot has id "s9"',
    ]);
  });

  it("refuses what would put two meetings in one place: overlapping slots, a shared stand, clashing pins", () => {
    const errors = errorsOf({
      timeZone: "UTC",
      slots: [slot("a", "2027-03-16T09:00", "2027-03-16T09:30"), slot("b", "2027-03-16T09:15", "2027-03-16T09:45")],
      parties: [
        { id: "s", kind: "sme" },
        { id: "t", kind: "sme" },
        { id: "o", kind: "org", stand: 7 },
        { id: "p", kind: "org", stand: 7 },
      ],
      meetings: [
        { id: "m1", parties: ["s", "o"], priority: "must", pinned: { slot: "a", table: 1 } },
        { id: "m2", parties: ["t", "p"], priority: "must", pinned: { slot: "a", table: 1 } },
        { id: "m3", parties: ["s", "p"], priority: "want", pinned: { slot: "a" } },
        { id: "m4", parties: ["t", "o"], priority: "want", pinned: { slot: "b", table: 99 } },
      ],
    });
    expect(errors).toEqual([
      'slots[1].start: overlaps slot "a", which ends at 2027-03-16T09:30',
      'parties[3].stand: stand 7 is already the stand of "o"',
      'meetings[1].pinned: table 1 is already pinned in slot "a" by meeting "m1"',
      'meetings[2].pinned: party "s" is already pinned in slot "a" by meeting "m1"',
      'meetings[2].pinned: party "p" is already pinned in slot "a" by meeting "m2"',
      'meetings[3].pinned.table: slot "b" has 2 tables: no table 99',
    ]);
  });
});
