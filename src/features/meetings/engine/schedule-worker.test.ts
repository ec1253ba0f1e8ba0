import { describe, expect, it } from "vitest";
import type { PlanProgress } from "./schedule-engine.js";
import { scheduleProblemSchema } from "./schedule-problem.js";
import { planScheduleInWorker } from "./schedule-worker.js";

describe("planning in a worker thread", () => {
  it("returns the schedule it planned on another thread and reports progress on the way", async () => {
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
    const progress: PlanProgress[] = [];
    const result = await planScheduleInWorker(problem, { timeLimitSeconds: 2, onProgress: (p) => progress.push(p) });
    expect(result.placed).toEqual(
      expect.arrayContaining([
        { meeting: "must", slot: "09:00", table: 1 },
        { meeting: "nice", slot: "10:00", table: 1 },
      ]),
    );
    expect(result.method).toBe("optimal");
    expect(progress.map((p) => p.phase)).toContain("heuristic");
  });

  it("rejects with the scheduler's own error instead of hanging", async () => {
    const broken = { timeZone: "Asia/Shanghai", slots: null, parties: [], meetings: [] } as never;
    await expect(planScheduleInWorker(broken, { timeLimitSeconds: 1 })).rejects.toThrow(/scheduler/);
  });
});
