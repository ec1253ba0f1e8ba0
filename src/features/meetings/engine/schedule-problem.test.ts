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
});
