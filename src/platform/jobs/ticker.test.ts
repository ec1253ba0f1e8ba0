import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock.js";
import { createLogger } from "../logger.js";
import type { JobRunner } from "./job-runner.js";
import { startJobTicker } from "./ticker.js";

describe("the job ticker", () => {
  it("ticks at once with the app clock's time, and stop waits for the running tick", async () => {
    const clock = new ManualClock(new Date("2027-03-15T07:30:00Z"));
    const ticks: Date[] = [];
    let finish: () => void = () => {};
    const runner: Pick<JobRunner, "tick"> = {
      tick: (now) => {
        ticks.push(now);
        return new Promise((resolve) => {
          finish = () => resolve({ sent: 0, failed: 0, skipped: 0 });
        });
      },
    };
    const ticker = startJobTicker(runner, clock, createLogger("silent"));
    expect(ticks).toEqual([new Date("2027-03-15T07:30:00Z")]);
    let stopped = false;
    const stopping = ticker.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    expect(ticks).toHaveLength(1);
  });
});
