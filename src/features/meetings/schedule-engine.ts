/**
 * The meeting scheduler's entry point: a problem in, the best schedule it finds out, with how close
 * to the best possible it is. See docs/decisions/005-meeting-solver.md and docs/scheduler-model.md.
 * Pure: no Slack, no Prisma.
 */
import { firstComeSchedule } from "./greedy.js";
import {
  type Assignment,
  idleGapsOf,
  indexProblem,
  previousAssignment,
  shortfallOf,
  weightOf,
} from "./schedule-index.js";
import type { ScheduleProblem, ScheduleResult } from "./schedule-problem.js";
import { assignTables } from "./table-assignment.js";
import { unplacedWithReasons } from "./unplaced-reasons.js";

export type PlanProgress = { phase: "heuristic" | "solver"; objective: number; bound?: number };

export type PlanOptions = {
  /** Seconds the whole run may take (default 10). */
  timeLimitSeconds?: number;
  /** Makes the heuristic's random choices reproducible. */
  seed?: number;
  onProgress?: (progress: PlanProgress) => void;
};

export async function planSchedule(problem: ScheduleProblem, options: PlanOptions = {}): Promise<ScheduleResult> {
  const started = performance.now();
  const index = indexProblem(problem);
  const slots: Assignment = firstComeSchedule(index);
  options.onProgress?.({ phase: "heuristic", objective: weightOf(index, slots) });
  const bound = index.candidates.reduce(
    (sum, candidates, m) => sum + (candidates.length > 0 ? (index.weight[m] ?? 0) : 0),
    0,
  );
  return describeSchedule(index, slots, { bound, method: "heuristic", started });
}

/** The result of an assignment: tables, reasons, objective, bound and gap. */
export function describeSchedule(
  index: ReturnType<typeof indexProblem>,
  slots: Assignment,
  run: { bound: number; method: ScheduleResult["method"]; started: number },
): ScheduleResult {
  const objective = weightOf(index, slots);
  const bound = Math.max(run.bound, objective);
  const previous = index.problem.previous;
  const result: ScheduleResult = {
    placed: assignTables(index, slots, previous),
    unplaced: unplacedWithReasons(index, slots),
    objective,
    bound,
    gap: bound > 0 ? (bound - objective) / bound : 0,
    shortfall: shortfallOf(index, slots),
    idleGaps: idleGapsOf(index, slots),
    method: run.method,
    seconds: (performance.now() - run.started) / 1000,
  };
  if (previous) {
    const before = previousAssignment(index, previous);
    result.moved = before.reduce((moved, s, m) => (s >= 0 && slots[m] !== s ? moved + 1 : moved), 0);
  }
  return result;
}
