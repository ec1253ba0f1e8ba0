/**
 * The exact model of docs/scheduler-model.md, solved with HiGHS (WebAssembly, npm `highs`): the
 * proof of how good a schedule is, and a better schedule when the heuristic's is not the best.
 * Levels of the objective are combined with weights so that one unit of a higher level outweighs
 * the whole range of the lower ones; priority weight is integral, so its bound can be read back
 * exactly. HiGHS runs synchronously: callers that must stay responsive run this in a worker.
 */
import type { Highs, Model } from "highs";
import { type ColumnModelData, columnModelBuilder, highsRuntime } from "../../../platform/solver/index.js";
import type { Assignment, IndexedProblem } from "./schedule-index.js";
import { publishedMoveCost } from "./schedule-problem.js";

type ModelLayout = {
  /** Column → meeting and slot (x[m,s]); columns past these are shortfall variables. */
  meetingOfColumn: Int32Array;
  slotOfColumn: Int32Array;
  /** Multiplier of the priority level in the combined objective. */
  priorityScale: number;
  /** The most the lower levels can take off the combined objective. */
  lowerLevelsRange: number;
};

export type SolverOutcome = {
  slots: Assignment;
  /** Upper bound on the priority-weighted objective, proven by the solver (or the LP relaxation). */
  bound: number;
  /** True when the solver proved its schedule best possible. */
  optimal: boolean;
};

/**
 * Builds the model as HiGHS column-wise data. Variables x[m,s] for the slots where all parties of m
 * are free; shortfall variables for SMEs under the minimum; stability rewards when re-planning.
 */
function buildModel(
  highs: Highs,
  index: IndexedProblem,
  options: { previous?: Assignment | undefined; integral: boolean; start?: Assignment; fixed?: Assignment },
) {
  const { previous, integral, start, fixed } = options;
  const minimum = index.problem.minMeetingsPerSme;
  const smes = [...index.isSme.keys()].filter((p) => index.isSme[p] && minimum > 0);
  const shortfallRange = minimum * smes.length;
  const previouslyPlaced = previous ? previous.filter((slot) => slot >= 0).length : 0;
  const stabilityScale = shortfallRange + 1;
  const priorityScale = stabilityScale * (previouslyPlaced + 1);

  // Rows: one per meeting, one per (party, slot) where two or more meetings compete, one per slot
  // for the shared tables, one per SME for fairness.
  let rows = 0;
  const meetingRow = index.weight.map(() => rows++);
  const competing = new Map<number, number>();
  index.partiesOf.forEach((parties, m) => {
    for (const s of index.candidates[m] ?? []) {
      for (const p of parties) {
        const key = p * index.slotCount + s;
        competing.set(key, (competing.get(key) ?? 0) + 1);
      }
    }
  });
  const partySlotRow = new Map<number, number>();
  for (const [key, count] of competing) if (count > 1) partySlotRow.set(key, rows++);
  const tableRow = index.poolTables.map(() => rows++);
  const fairnessRow = new Map(smes.map((p) => [p, rows++]));

  const meetingOfColumn: number[] = [];
  const slotOfColumn: number[] = [];
  const columns = columnModelBuilder();
  index.partiesOf.forEach((parties, m) => {
    const pinned = index.pinnedSlot[m] ?? -1;
    const fixedSlot = fixed?.[m] ?? -1;
    for (const s of index.candidates[m] ?? []) {
      meetingOfColumn.push(m);
      slotOfColumn.push(s);
      // Keeping a published meeting is worth publishedMoveCost in weight, and breaks ties beyond it.
      const kept = previous && previous[m] === s ? priorityScale * publishedMoveCost + stabilityScale : 0;
      const rowsOfColumn = [meetingRow[m] as number];
      for (const p of parties) {
        const row = partySlotRow.get(p * index.slotCount + s);
        if (row !== undefined) rowsOfColumn.push(row);
        const fair = fairnessRow.get(p);
        if (fair !== undefined) rowsOfColumn.push(fair);
      }
      if (!index.atStand[m]) rowsOfColumn.push(tableRow[s] as number);
      // A pinned meeting is only allowed its slot, and stays whenever the start could hold it.
      let lower = pinned >= 0 && start?.[m] === pinned ? 1 : 0;
      let upper = 1;
      // A meeting fixed by the caller (a neighbourhood search) is held in its slot, nowhere else.
      if (fixedSlot >= 0) {
        lower = s === fixedSlot ? 1 : 0;
        upper = s === fixedSlot ? 1 : 0;
      }
      columns.addColumn(
        { cost: priorityScale * (index.weight[m] ?? 0) + kept, lower, upper, integer: true },
        rowsOfColumn.map((row) => [row, 1]),
      );
    }
  });
  // Shortfall columns, after the x columns.
  for (const p of smes) {
    columns.addColumn({ cost: -1, lower: 0, upper: minimum, integer: false }, [[fairnessRow.get(p) as number, 1]]);
  }
  const rowLower = new Float64Array(rows).fill(-highs.infinity);
  const rowUpper = new Float64Array(rows).fill(1);
  index.poolTables.forEach((tables, s) => {
    rowUpper[tableRow[s] as number] = tables;
  });
  for (const row of fairnessRow.values()) {
    rowLower[row] = minimum;
    rowUpper[row] = highs.infinity;
  }
  const layout: ModelLayout = {
    meetingOfColumn: Int32Array.from(meetingOfColumn),
    slotOfColumn: Int32Array.from(slotOfColumn),
    priorityScale,
    lowerLevelsRange: shortfallRange,
  };
  const data = columns.build(highs, { count: rows, lower: rowLower, upper: rowUpper }, { sense: "maximize", integral });
  return { data, layout };
}

/** The priority-weight bound implied by a bound on the combined objective (floored: it is integral). */
function priorityBound(combinedBound: number, layout: ModelLayout): number {
  return Math.floor((combinedBound + layout.lowerLevelsRange) / layout.priorityScale + 1e-6);
}

/**
 * A bound on the combined objective that holds whatever the quality of the row duals given: the
 * Lagrangian of the model with the duals as multipliers (any multipliers of the right sign give
 * an upper bound, by weak duality). So a bound from an approximate or time-limited LP solve is
 * still a proof. Both sign conventions are tried, both are valid, the smaller is kept.
 */
export function lagrangianBound(data: ColumnModelData, rowDual: ArrayLike<number>): number {
  const { matrix, colCost, colLower, colUpper, rowLower, rowUpper } = data;
  const boundFor = (sign: number) => {
    // Multiplier per row: u ≥ 0 on an upper limit, v ≥ 0 on a lower limit; y = u − v.
    const y = new Float64Array(data.numRows);
    let bound = 0;
    for (let row = 0; row < data.numRows; row += 1) {
      const dual = sign * (rowDual[row] ?? 0);
      const upper = rowUpper[row] ?? Number.POSITIVE_INFINITY;
      const lower = rowLower[row] ?? Number.NEGATIVE_INFINITY;
      if (dual > 0 && Number.isFinite(upper)) {
        y[row] = dual;
        bound += dual * upper;
      } else if (dual < 0 && Number.isFinite(lower)) {
        y[row] = dual;
        bound += dual * lower;
      }
    }
    for (let column = 0; column < data.numCols; column += 1) {
      let reduced = colCost[column] ?? 0;
      for (let k = matrix.starts[column] ?? 0; k < (matrix.starts[column + 1] ?? 0); k += 1) {
        reduced -= (matrix.values[k] ?? 0) * (y[matrix.indices[k] ?? 0] ?? 0);
      }
      bound += reduced > 0 ? reduced * (colUpper[column] ?? 0) : reduced * (colLower[column] ?? 0);
    }
    return bound;
  };
  return Math.min(boundFor(1), boundFor(-1));
}

/** Column values of a schedule, to hand the solver as its starting solution. */
function columnsOf(slots: Assignment, layout: ModelLayout, numCols: number, index: IndexedProblem): Float64Array {
  const values = new Float64Array(numCols);
  layout.meetingOfColumn.forEach((m, column) => {
    if (slots[m] === layout.slotOfColumn[column]) values[column] = 1;
  });
  // Shortfall columns follow the x columns: set them to what the schedule lacks.
  const minimum = index.problem.minMeetingsPerSme;
  let column = layout.meetingOfColumn.length;
  index.isSme.forEach((isSme, p) => {
    if (!isSme || minimum === 0) return;
    const held = (index.meetingsOf[p] ?? []).filter((m) => (slots[m] ?? -1) >= 0).length;
    values[column] = Math.max(0, minimum - held);
    column += 1;
  });
  return values;
}

export type RelaxationOutcome = {
  /** Upper bound on the priority-weighted objective: no schedule can score more. */
  bound: number;
  /** The meetings the relaxation puts wholly into one slot (-1 for the rest). */
  slots: Assignment;
  /** True when every meeting is wholly in or out: then `slots` is a best possible schedule. */
  integral: boolean;
  /**
   * When asked (`roundUntil`) and the vertex is not whole: a schedule rounded from it by diving
   * (see diveToSchedule). Not a bound: it may score less than `bound`.
   */
  rounded?: Assignment;
};

/**
 * The LP relaxation. Up to `vertexColumnLimit` variables with dual simplex: its solution is a
 * vertex, and on mission-like instances often already a schedule. Above, with PDLP (first-order,
 * several times faster there, approximate): its duals still give a proven bound (lagrangianBound).
 */
export async function solveRelaxation(
  index: IndexedProblem,
  options: {
    previous?: Assignment;
    start?: Assignment;
    timeLimitSeconds: number;
    /** Use PDLP whatever the size (tests of its bound on small instances). */
    firstOrder?: boolean;
    /** performance.now() until which a fractional vertex may be rounded into a schedule (dual simplex only). */
    roundUntil?: number;
  },
): Promise<RelaxationOutcome | undefined> {
  const highs = await highsRuntime();
  const { data, layout } = buildModel(highs, index, { ...options, integral: false });
  if (data.numCols === 0) return { bound: 0, slots: new Int32Array(index.meetingCount).fill(-1), integral: true };
  const vertex = !options.firstOrder && data.numCols <= vertexColumnLimit;
  return highs.withModel(data, (model) => {
    model.options.set("output_flag", false);
    model.options.set("time_limit", Math.max(0.05, options.timeLimitSeconds));
    if (vertex) {
      model.options.set("presolve", "off");
      model.options.set("simplex_strategy", 1);
    } else model.options.set("solver", "pdlp");
    model.run();
    if (Number(model.info.get("dual_solution_status")) === highs.constants.solutionStatus.none) return undefined;
    const solution = model.getSolution();
    const slots = new Int32Array(index.meetingCount).fill(-1);
    let integral = vertex && model.getModelStatus() === highs.constants.modelStatus.optimal;
    layout.meetingOfColumn.forEach((m, column) => {
      const value = solution.colValue[column] ?? 0;
      if (value > 1 - 1e-6) slots[m] = layout.slotOfColumn[column] as number;
      else if (value > 1e-6) integral = false;
    });
    const bound = priorityBound(lagrangianBound(data, solution.rowDual), layout);
    if (integral || !vertex || options.roundUntil === undefined) return { bound, slots, integral };
    const rounded = diveToSchedule(highs, model, data, layout, options.roundUntil);
    return { bound, slots, integral, rounded: assignmentOf(rounded, layout, index.meetingCount) };
  });
}

/** Fractional columns fixed to 1 per dive step at first; halved whenever a step costs objective. */
const firstDiveBatch = 32;

/**
 * Rounds an optimal fractional vertex into a schedule: fixes a batch of its fractional x[m,s] to 1
 * (the largest value × weight first, only as many as the constraints can hold with the whole ones)
 * and re-solves from the last basis, a few dual simplex iterations, until the solution is whole.
 * The relaxation is highly degenerate on mission-like instances: most such steps keep its objective,
 * and a step that lowers it is undone and retried with half the batch. So the dive usually ends on
 * a schedule that meets the bound, in a fraction of the relaxation's own time. Returns the columns'
 * values at the deadline (whole ones only count then: still a valid partial schedule).
 */
function diveToSchedule(
  highs: Highs,
  model: Model,
  data: ColumnModelData,
  layout: ModelLayout,
  deadline: number,
): Float64Array {
  const { starts, indices } = data.matrix;
  const xColumns = layout.meetingOfColumn.length;
  const whole = (value: number) => value >= 1 - 1e-6;
  let objective = model.getObjectiveValue();
  let batch = firstDiveBatch;
  let values = Float64Array.from(model.getSolution().colValue);
  const resolve = () => {
    model.options.set("time_limit", Math.max(0.01, (deadline - performance.now()) / 1000));
    model.zeroAllClocks();
    model.run();
    return model.getModelStatus() === highs.constants.modelStatus.optimal;
  };
  while (performance.now() < deadline) {
    const load = new Float64Array(data.numRows);
    const fractional: number[] = [];
    for (let column = 0; column < xColumns; column += 1) {
      const value = values[column] ?? 0;
      if (whole(value))
        for (const row of indices.subarray(starts[column] ?? 0, starts[column + 1] ?? 0))
          load[row] = (load[row] ?? 0) + 1;
      else if (value > 1e-6) fractional.push(column);
    }
    if (fractional.length === 0) break;
    const promise = (column: number) => (values[column] ?? 0) * (data.colCost[column] ?? 0);
    fractional.sort((a, b) => promise(b) - promise(a));
    const chosen: number[] = [];
    for (const column of fractional) {
      if (chosen.length >= batch) break;
      const rows = indices.subarray(starts[column] ?? 0, starts[column + 1] ?? 0);
      if (rows.some((row) => (load[row] ?? 0) + 1 > (data.rowUpper[row] ?? 0) + 1e-9)) continue;
      for (const row of rows) load[row] = (load[row] ?? 0) + 1;
      chosen.push(column);
    }
    for (const column of chosen) model.changeColBounds(column, 1, 1);
    if (!resolve()) break;
    const after = model.getObjectiveValue();
    if (after < objective - 1e-6 * Math.max(1, Math.abs(objective)) && chosen.length > 1) {
      for (const column of chosen) model.changeColBounds(column, 0, 1);
      if (!resolve()) break;
      batch = Math.max(1, Math.floor(chosen.length / 2));
    } else objective = after;
    values = Float64Array.from(model.getSolution().colValue);
  }
  return values.map((value, column) => (column < xColumns && whole(value) ? 1 : 0));
}

/** The schedule of whole x[m,s] column values. */
function assignmentOf(values: ArrayLike<number>, layout: ModelLayout, meetingCount: number): Assignment {
  const slots = new Int32Array(meetingCount).fill(-1);
  layout.meetingOfColumn.forEach((m, column) => {
    if ((values[column] ?? 0) > 0.5) slots[m] = layout.slotOfColumn[column] as number;
  });
  return slots;
}

/** Above this many variables the relaxation is solved with PDLP instead of dual simplex. */
const vertexColumnLimit = 20_000;

/**
 * Solves the exact model from a starting schedule, under a time limit. Returns the solver's best
 * schedule (never worse than the start: HiGHS keeps the start as its incumbent) and its proven bound.
 */
export async function solveExactly(
  index: IndexedProblem,
  options: {
    start: Assignment;
    previous?: Assignment;
    timeLimitSeconds: number;
    /** Meetings held where they are (slot ≥ 0); the solver decides the rest. Its bound is then not a bound. */
    fixed?: Assignment;
  },
): Promise<SolverOutcome | undefined> {
  const highs = await highsRuntime();
  const { data, layout } = buildModel(highs, index, {
    previous: options.previous,
    integral: true,
    start: options.start,
  });
  if (data.numCols === 0) return { slots: Int32Array.from(options.start), bound: 0, optimal: true };
  return highs.withModel(data, (model) => {
    model.options.set("output_flag", false);
    // With most meetings fixed, presolve shrinks the model to the few left to decide.
    model.options.set("presolve", options.fixed ? "on" : "off");
    model.options.set("time_limit", Math.max(0.05, options.timeLimitSeconds));
    model.options.set("mip_rel_gap", 0);
    model.options.set("mip_abs_gap", 0.5);
    model.setSolution({ colValue: columnsOf(options.start, layout, data.numCols, index) });
    const status = model.run().modelStatus;
    const solved = status === highs.constants.modelStatus.optimal;
    if (!solved && status !== highs.constants.modelStatus.timeLimit) return undefined;
    const dualBound = Number(model.info.get("mip_dual_bound"));
    if (!Number.isFinite(dualBound)) return undefined;
    const values = model.getSolution().colValue;
    const slots = new Int32Array(index.meetingCount).fill(-1);
    layout.meetingOfColumn.forEach((m, column) => {
      if ((values[column] ?? 0) > 0.5) slots[m] = layout.slotOfColumn[column] as number;
    });
    return { slots, bound: priorityBound(dualBound, layout), optimal: solved };
  });
}
