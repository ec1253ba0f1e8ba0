/**
 * Runs the scheduler on a warm solver thread (platform/solver: HiGHS blocks its thread, Slack must
 * get its acks within 3 s): the app plans schedules here, never on its own thread.
 */
import { createSolverPool } from "../../../platform/solver/index.js";
import type { PlanOptions, PlanProgress } from "./schedule-engine.js";
import type { ScheduleProblem, ScheduleResult } from "./schedule-problem.js";

/** What the app sends its solver thread: a problem to plan, with the options that can cross threads. */
export type PlanRequest = { problem: ScheduleProblem; options: Omit<PlanOptions, "onProgress"> };

const pool = createSolverPool<PlanRequest, ScheduleResult, PlanProgress>({
  name: "scheduler",
  engineThread: new URL("./schedule-worker-thread.ts", import.meta.url),
});

/**
 * Starts the solver thread ahead of the first run and warms it up (plans of two generated
 * mission-size instances), so that a user's first `/mission schedule` does not pay for it.
 */
export const warmUpScheduler = (): Promise<void> => pool.warmUp();

/** Ends the idle solver thread (shutdown, tests). A run in progress keeps its own thread. */
export const stopScheduler = (): Promise<void> => pool.stop();

/** planSchedule on a solver thread; rejects with the scheduler's error if it fails. */
export function planScheduleInWorker(problem: ScheduleProblem, options: PlanOptions = {}): Promise<ScheduleResult> {
  const { onProgress, ...plain } = options;
  return pool.run({ problem, options: plain }, onProgress);
}
