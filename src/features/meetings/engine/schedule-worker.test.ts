import { afterAll, describe, expect, it } from "vitest";
import type { PlanProgress } from "./schedule-engine.js";
import { scheduleProblemSchema } from "./schedule-problem.js";
import { planScheduleInWorker, solverThreadsStarted, stopScheduler, warmUpScheduler } from "./schedule-worker.js";

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

describe("planning in a worker thread", () => {
  it("returns the schedule it planned on another thread and reports progress on the way", async () => {
    const progress: PlanProgress[] = [];
    const result = await planScheduleInWorker(problem, { timeLimitSeconds: 2, onProgress: (p) => progress.push(p) });
    expect(result.placed).toEqual(expectedPlacements);
    expect(result.method).toBe("optimal");
    expect(progress.map((p) => p.phase)).toContain("heuristic");
  });

  it("rejects with the scheduler's own error instead of hanging", async () => {
    const broken = { timeZone: "Asia/Shanghai", slots: null, parties: [], meetings: [] } as never;
    await expect(planScheduleInWorker(broken, { timeLimitSeconds: 1 })).rejects.toThrow(/scheduler/);
    // The thread that reported the error still plans the next schedule.
    expect((await planScheduleInWorker(problem, { timeLimitSeconds: 2 })).placed).toEqual(expectedPlacements);
  });

  it("keeps a warmed-up thread and plans run after run on it, with no new thread to start", async () => {
    await warmUpScheduler();
    const started = solverThreadsStarted();
    for (let run = 0; run < 3; run += 1) {
      expect((await planScheduleInWorker(problem, { timeLimitSeconds: 2 })).placed).toEqual(expectedPlacements);
    }
    expect(solverThreadsStarted()).toBe(started);
  }, 60_000);

  it("plans two schedules asked for at the same time, each on its own thread", async () => {
    const [first, second] = await Promise.all([
      planScheduleInWorker(problem, { timeLimitSeconds: 2 }),
      planScheduleInWorker(problem, { timeLimitSeconds: 2 }),
    ]);
    expect(first.placed).toEqual(expectedPlacements);
    expect(second.placed).toEqual(expectedPlacements);
  });
});
