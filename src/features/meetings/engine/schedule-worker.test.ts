import { afterAll, describe, expect, it } from "vitest";
import { type PlanProgress, planSchedule } from "./schedule-engine.js";
import { scheduleProblemSchema } from "./schedule-problem.js";
import { planScheduleInWorker, stopScheduler } from "./schedule-worker.js";

const slots = ["09:00", "10:00"].map((time) => ({
  id: time,
  start: `2027-03-16T${time}`,
  end: `2027-03-16T${time.replace(":00", ":45")}`,
  tables: 1,
}));
const problem = scheduleProblemSchema.parse({
  timeZone: "Asia/Shanghai",
  slots,
  parties: [
    { id: "sme", kind: "sme" },
    { id: "early", kind: "org", available: ["09:00"] },
    { id: "any", kind: "org" },
  ],
  meetings: [
    { id: "nice", parties: ["sme", "any"], priority: "nice" },
    { id: "must", parties: ["sme", "early"], priority: "must" },
  ],
});
const expectedPlacements = expect.arrayContaining([
  { meeting: "must", slot: "09:00", table: 1 },
  { meeting: "nice", slot: "10:00", table: 1 },
]);

afterAll(stopScheduler);

// The threads themselves (reuse, concurrent runs, errors, stops) are tested once, in platform/solver.
describe("planning on the scheduler's solver thread", () => {
  it("returns the schedule the engine plans on this thread, and reports progress on the way", async () => {
    const here = await planSchedule(problem, { timeLimitSeconds: 2 });
    const progress: PlanProgress[] = [];
    const result = await planScheduleInWorker(problem, { timeLimitSeconds: 2, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ ...here, seconds: expect.any(Number) });
    expect(result.placed).toEqual(expectedPlacements);
    expect(result.method).toBe("optimal");
    expect(progress.map((p) => p.phase)).toContain("heuristic");
  }, 60_000);

  it("rejects with the scheduler's own error", async () => {
    const broken = { timeZone: "Asia/Shanghai", slots: null, parties: [], meetings: [] } as never;
    await expect(planScheduleInWorker(broken, { timeLimitSeconds: 1 })).rejects.toThrow(/^The scheduler failed: /);
  }, 60_000);
});
