/**
 * The solver thread's side of schedule-worker.ts: plans each problem it is sent, posting progress.
 */
import { serveSolverRuns } from "../../../platform/solver/index.js";
import { generateInstance, missionSize } from "./instance-generator.js";
import { type PlanProgress, planSchedule } from "./schedule-engine.js";
import type { ScheduleResult } from "./schedule-problem.js";
import type { PlanRequest } from "./schedule-worker.js";

await serveSolverRuns<PlanRequest, ScheduleResult, PlanProgress>({
  // Plans of two typical missions compile the hot WebAssembly (after one, a mission-size plan still
  // took 1.6× the CPU it takes warm).
  warmUp: async () => {
    for (const seed of [1, 2]) await planSchedule(generateInstance(missionSize, seed), { timeLimitSeconds: 2 });
  },
  answer: ({ problem, options }, onProgress) => planSchedule(problem, { ...options, onProgress }),
});
