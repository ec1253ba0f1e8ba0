import { describe, expect, it } from "vitest";
import { progressThrottle } from "./schedule-listeners.js";

describe("progress updates of a schedule run", () => {
  it("shows none for a run done in a moment, then at most one per interval", () => {
    let now = 1000;
    const due = progressThrottle(1500, () => now);
    expect(due()).toBe(false);
    now = 2000;
    expect(due()).toBe(false);
    now = 2500;
    expect(due()).toBe(true);
    now = 3000;
    expect(due()).toBe(false);
    now = 4000;
    expect(due()).toBe(true);
  });
});
