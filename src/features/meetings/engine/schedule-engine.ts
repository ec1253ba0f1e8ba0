/**
 * The meeting scheduler's entry point: a problem in, the best schedule it finds in the time given,
 * with how close to the best possible it is. The method (docs/decisions/005-meeting-solver.md,
 * docs/scheduler-model.md):
 * 1. a quick heuristic schedule, so there is always an answer;
 * 2. the LP relaxation of the exact model: its bound, and on mission-like instances a schedule that
 *    is already best possible;
 * 3. otherwise the heuristic again from the relaxation's schedule, then the exact model (HiGHS)
 *    from the best schedule so far for the time left, on instances small enough for it;
 * 4. the idle-gap level: meetings shuffled between free slots, nothing dropped.
 * Pure: no Slack, no Prisma. HiGHS blocks the thread while it runs (see schedule-worker.ts).
 */

import { seededRandom } from "../../../platform/solver/index.js";
import { compactSchedule } from "./compaction.js";
import { firstComeSchedule } from "./greedy.js";
import { compareScores, ScheduleState, searchSchedule } from "./heuristic.js";
import { solveExactly, solveRelaxation } from "./mip-model.js";
import {
  type Assignment,
  type IndexedProblem,
  idleGapsOf,
  indexProblem,
  movedFrom,
  previousAssignment,
  shortfallOf,
  weightOf,
} from "./schedule-index.js";
import type { ScheduleProblem, ScheduleResult } from "./schedule-problem.js";
import { assignTables } from "./table-assignment.js";
import { unplacedWithReasons } from "./unplaced-reasons.js";

export type PlanProgress = {
  phase: "heuristic" | "relaxation" | "solver" | "compaction";
  /** Priority-weighted meetings placed so far. */
  objective: number;
  /** Best bound known so far. */
  bound?: number;
};

export type PlanOptions = {
  /** Seconds the whole run may take (default 10). */
  timeLimitSeconds?: number;
  /** Makes the heuristic's random choices reproducible (default 1). */
  seed?: number;
  onProgress?: (progress: PlanProgress) => void;
};

/** HiGHS takes about this long to set up a model and stop, whatever its time limit: less is not worth a start. */
const minimumSolverMs = 150;

/** Above this many x[m,s] variables the exact model is not tried: the heuristic uses the time better. */
const exactModelColumnLimit = 20_000;

export async function planSchedule(problem: ScheduleProblem, options: PlanOptions = {}): Promise<ScheduleResult> {
  const started = performance.now();
  const deadline = started + (options.timeLimitSeconds ?? 10) * 1000;
  const left = () => Math.max(0, deadline - performance.now());
  const seed = options.seed ?? 1;
  const index = indexProblem(problem);
  const previous = problem.previous ? previousAssignment(index, problem.previous) : undefined;
  const report = (phase: PlanProgress["phase"], slots: Assignment, bound?: number) =>
    options.onProgress?.({ phase, objective: weightOf(index, slots), ...(bound === undefined ? {} : { bound }) });

  const columns = index.candidates.reduce((sum, slots) => sum + slots.length, 0);
  const exact = columns <= exactModelColumnLimit;
  // A first schedule to show and to fall back on. Small missions keep their time for the solver,
  // whose relaxation guides a better one; large ones wait longer for the relaxation.
  let best = searchSchedule(index, {
    deadline: performance.now() + Math.min(left() * (exact ? 0.03 : 0.1), 2000),
    seed,
    ...(previous ? { start: previous, previous } : {}),
  });
  const keepBetter = (candidate: Assignment) => {
    if (
      isValidSchedule(index, candidate) &&
      compareScores(scoreOf(index, candidate, previous), scoreOf(index, best, previous)) > 0
    ) {
      best = candidate;
    }
  };
  // Never worse than what simple tools do.
  keepBetter(firstComeSchedule(index));
  report("heuristic", best);

  let bound = quickBound(index);
  let method: ScheduleResult["method"] = "heuristic";
  // Solved without the published schedule, so its bound is on the weight alone; when re-planning
  // its schedule is no guide (it ignores what people were told), the published one is.
  // A first plan also rounds the relaxation into a schedule (a re-plan's guide is the published one).
  // Where that runs (up to exactModelColumnLimit), relaxation and rounding beat the heuristic: they
  // get most of the time.
  const rounding = exact && !previous;
  const relaxation = await solveRelaxation(index, {
    start: best,
    timeLimitSeconds: (left() * (rounding ? 0.85 : 0.7)) / 1000,
    ...(rounding ? { roundUntil: deadline - left() * 0.05 } : {}),
  });
  if (relaxation) {
    bound = Math.min(bound, relaxation.bound);
    if (relaxation.integral) keepBetter(relaxation.slots);
    if (relaxation.rounded) keepBetter(relaxation.rounded);
  }
  const guide = previous ?? relaxation?.rounded ?? relaxation?.slots;
  report("relaxation", best, bound);

  if (weightOf(index, best) < bound && left() > 0) {
    keepBetter(
      searchSchedule(index, {
        deadline: performance.now() + left() * (exact ? 0.3 : 0.9),
        seed: seed + 1,
        target: bound,
        ...(guide ? { start: guide } : {}),
        ...(previous ? { previous } : {}),
      }),
    );
    if (exact && guide && weightOf(index, best) < bound && left() > minimumSolverMs) {
      // Neighbourhood search: where the schedule and the guide (the relaxation, or the published
      // schedule) agree, keep the meeting; the exact model settles the rest, small enough to solve
      // in a fraction of the time.
      const agreed = best.map((slot, m) => (slot >= 0 && guide[m] === slot ? slot : -1));
      const neighbour = await solveExactly(index, {
        start: best,
        fixed: agreed,
        ...(previous ? { previous } : {}),
        timeLimitSeconds: (left() * 0.4) / 1000,
      });
      if (neighbour) keepBetter(neighbour.slots);
    }
    // With little time left, the whole model cannot finish: smaller neighbourhoods can. Each frees
    // the meetings of a few random SMEs (and their counterparts' slots) and keeps the rest.
    const random = seededRandom(seed + 2);
    const smes = [...index.isSme.keys()].filter((p) => index.isSme[p]);
    while (exact && smes.length > 0 && weightOf(index, best) < bound && left() > minimumSolverMs && left() < 3000) {
      const freed = new Set<number>();
      for (let pick = 0; pick < 4; pick += 1) {
        const sme = smes[Math.floor(random() * smes.length)] ?? 0;
        for (const m of index.meetingsOf[sme] ?? []) {
          freed.add(m);
          for (const other of index.partiesOf[m] ?? []) for (const n of index.meetingsOf[other] ?? []) freed.add(n);
        }
      }
      const neighbour = await solveExactly(index, {
        start: best,
        fixed: best.map((slot, m) => (freed.has(m) ? -1 : slot)),
        ...(previous ? { previous } : {}),
        timeLimitSeconds: Math.min(left() * 0.5, 300) / 1000,
      });
      if (neighbour) keepBetter(neighbour.slots);
    }
    if (exact && weightOf(index, best) < bound && left() > minimumSolverMs) {
      report("solver", best, bound);
      const solved = await solveExactly(index, {
        start: best,
        ...(previous ? { previous } : {}),
        timeLimitSeconds: (left() * 0.85) / 1000,
      });
      if (solved) {
        keepBetter(solved.slots);
        // Re-planning, the solver's bound is on weight and stability together, not on weight.
        if (!previous) {
          bound = Math.min(bound, solved.bound);
          method = solved.optimal ? "optimal" : "solver";
        }
      }
    }
  }
  if (weightOf(index, best) >= bound) method = "optimal";
  else if (method === "heuristic" && relaxation) method = "solver";

  report("compaction", best, bound);
  best = compactSchedule(index, best, {
    deadline: performance.now() + Math.max(20, left()),
    seed,
    ...(previous ? { previous } : {}),
  });
  return describeSchedule(index, best, { bound, method, started });
}

function scoreOf(index: IndexedProblem, slots: Assignment, previous: Assignment | undefined) {
  return { value: weightOf(index, slots), shortfall: shortfallOf(index, slots), moved: movedFrom(previous, slots) };
}

/**
 * A bound that needs no solver, for when the relaxation runs out of time: the least of (a) every
 * meeting with a common free slot placed, (b) each party holding its best meetings in the slots it
 * has, (c) the shared tables filled with the best meetings that need one, plus all stand meetings.
 */
export function quickBound(index: IndexedProblem): number {
  const sumOfBest = (weights: number[], count: number) =>
    weights
      .sort((a, b) => b - a)
      .slice(0, count)
      .reduce((sum, weight) => sum + weight, 0);
  const possible = [...index.weight.keys()].filter((m) => (index.candidates[m]?.length ?? 0) > 0);
  const everything = possible.reduce((sum, m) => sum + (index.weight[m] ?? 0), 0);
  // Charge each meeting to its first party: that party can hold one meeting per slot it has.
  const charged = new Map<number, number[]>();
  for (const m of possible) {
    const party = index.partiesOf[m]?.[0] ?? 0;
    charged.set(party, [...(charged.get(party) ?? []), index.weight[m] ?? 0]);
  }
  let byParty = 0;
  for (const [party, weights] of charged) {
    byParty += sumOfBest(weights, index.availableIn[party]?.filter(Boolean).length ?? 0);
  }
  const tables = index.poolTables.reduce((sum, count) => sum + count, 0);
  const atTables = possible.filter((m) => !index.atStand[m]).map((m) => index.weight[m] ?? 0);
  const atStands = possible.filter((m) => index.atStand[m]).reduce((sum, m) => sum + (index.weight[m] ?? 0), 0);
  return Math.min(everything, byParty, sumOfBest(atTables, tables) + atStands);
}

/** What is wrong with a schedule, if anything: the hard constraints, checked one by one. */
export function scheduleViolations(index: IndexedProblem, slots: Assignment): string[] {
  const problems: string[] = [];
  const state = new ScheduleState(index);
  slots.forEach((slot, m) => {
    if (slot < 0) return;
    const meeting = index.problem.meetings[m]?.id;
    if (!(index.candidates[m] ?? []).includes(slot))
      problems.push(`${meeting} is in a slot one of its parties cannot make`);
    else if (!state.canPlace(m, slot)) problems.push(`${meeting} clashes with another meeting or has no table`);
    else state.set(m, slot);
  });
  index.pinnedSlot.forEach((slot, m) => {
    if (slot >= 0 && slots[m] !== slot && (index.candidates[m] ?? []).includes(slot) && state.canPlace(m, slot)) {
      problems.push(`${index.problem.meetings[m]?.id} was pinned but moved`);
    }
  });
  return problems;
}

function isValidSchedule(index: IndexedProblem, slots: Assignment): boolean {
  return scheduleViolations(index, slots).length === 0;
}

/** The result of an assignment: tables, reasons, objective, bound and gap. */
export function describeSchedule(
  index: IndexedProblem,
  slots: Assignment,
  run: { bound: number; method: ScheduleResult["method"]; started: number },
): ScheduleResult {
  const objective = weightOf(index, slots);
  const bound = Math.max(run.bound, objective);
  const previous = index.problem.previous;
  const result: ScheduleResult = {
    // In time order, then by table: how people read a schedule.
    placed: assignTables(index, slots, previous).sort(
      (a, b) =>
        index.slotOrder.indexOf(index.slotIndex.get(a.slot) ?? 0) -
          index.slotOrder.indexOf(index.slotIndex.get(b.slot) ?? 0) || a.table - b.table,
    ),
    unplaced: unplacedWithReasons(index, slots),
    objective,
    bound,
    gap: bound > 0 ? (bound - objective) / bound : 0,
    shortfall: shortfallOf(index, slots),
    idleGaps: idleGapsOf(index, slots),
    method: run.method,
    seconds: (performance.now() - run.started) / 1000,
  };
  if (previous) result.moved = movedFrom(previousAssignment(index, previous), slots);
  return result;
}
