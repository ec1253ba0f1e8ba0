import { describe, expect, it } from "vitest";
import { isQuiet } from "./reminder-due.js";
import { readRemindersRequest, wishAfter } from "./reminder-settings.js";

describe("a person's reminder wish", () => {
  it("reads off, on, snooze with 1 to 30 days, and nothing else", () => {
    expect(readRemindersRequest("")).toEqual({ kind: "show" });
    expect(readRemindersRequest(" OFF ")).toEqual({ kind: "off" });
    expect(readRemindersRequest("on")).toEqual({ kind: "on" });
    expect(readRemindersRequest("snooze 3")).toEqual({ kind: "snooze", days: 3 });
    expect(readRemindersRequest("snooze 30 days")).toEqual({ kind: "snooze", days: 30 });
    expect(readRemindersRequest("snooze 1 day")).toEqual({ kind: "snooze", days: 1 });
    for (const wrong of [
      "snooze 31",
      "snooze 0",
      "snooze 2.5",
      "snooze 0x3",
      "snooze 1e1",
      "snooze -2",
      "snooze",
      "off now",
      "mute",
    ]) {
      expect(readRemindersRequest(wrong).kind).toBe("invalid");
    }
  });

  it("snoozes for whole days in the person's zone, across a clock change", () => {
    // Noon in New York the day before the switch: a day later is noon again, 23 hours on.
    const now = new Date("2027-03-13T17:00:00Z");
    const wish = wishAfter({ kind: "snooze", days: 1 }, now, "America/New_York");
    expect(wish.snoozedUntil?.toISOString()).toBe("2027-03-14T16:00:00.000Z");
    expect(isQuiet(wish, new Date("2027-03-14T15:59:00Z"))).toBe(true);
    expect(isQuiet(wish, new Date("2027-03-14T16:00:00Z"))).toBe(false);
  });

  it("turned on again, is quiet for what fell due before, and on for what falls due after", () => {
    const now = new Date("2027-04-13T04:00:00Z");
    const wish = wishAfter({ kind: "on" }, now, "UTC");
    expect(isQuiet(wish, new Date("2027-04-13T03:59:00Z"))).toBe(true);
    expect(isQuiet(wish, now)).toBe(false);
    expect(isQuiet(wishAfter({ kind: "off" }, now, "UTC"), new Date("2030-01-01T00:00:00Z"))).toBe(true);
    expect(isQuiet(undefined, now)).toBe(false);
  });
});
