/**
 * The exact consortium model (docs/consortium-model.md), solved with HiGHS (WebAssembly, npm
 * `highs`). Variables: x[i] candidate i is a member, y[i,r] member i fills role r, z[k] / w[k]
 * country / cluster k is present (continuous: whole at every vertex that matters, since the x are).
 *
 * How it is solved (solveExactly): first the LP relaxation by dual simplex. On directory-like
 * requests it is usually whole already, and then it is a proven optimum in a fraction of the MIP's
 * time (HiGHS's MIP spends seconds setting up a model of thousands of binaries before its first LP).
 * When it is not, reduced-cost fixing: forcing a column to 1 lowers the relaxation's bound by at
 * least its reduced cost (weak duality with the LP's duals), so any column whose bound falls below
 * the heuristic's consortium cannot be in a better one. The MIP then runs on the columns left,
 * usually a few dozen candidates: still exact. HiGHS blocks its thread while it solves: the time
 * limit bounds it, and the Slack feature may run the engine in a worker.
 */
import type { Highs } from "highs";
import { type ColumnEntry, columnModelBuilder, highsRuntime } from "../../../platform/solver/index.js";
import type { Consortium, IndexedCandidate, IndexedRequest } from "./consortium-index.js";
import type { NoGoods } from "./heuristic.js";

export type ExactOutcome =
  | { kind: "solved"; consortium: Consortium; optimal: boolean }
  | { kind: "infeasible" }
  | { kind: "unsolved" };

/** The columns a model is built over: for each candidate in it, the roles it may fill there. */
type Pool = readonly { candidate: number; roles: readonly number[] }[];

type Layout = {
  pool: Pool;
  /** Column of x for each pool entry; y columns follow in pool order (yCandidate, yRole). */
  memberColumn: Int32Array;
  yStart: number;
  yCandidate: Int32Array;
  yRole: Int32Array;
  countryStart: number;
  clusterStart: number;
};

/**
 * Rows: one per coverable role (Σ y ≤ 1), the size (Σ x ≤ maxSize), one per pool entry (x ≤ Σ y:
 * a member fills a role), per country and cluster (z ≤ Σ x of its candidates) and their minimums
 * (Σ z ≥ minCountries), one per y (y ≤ x), one per earlier proposal (Σ x over its members ≤ half).
 * Objective: the combined weights of consortium-index.ts (cover + fit per y, − member per x).
 */
function buildModel(highs: Highs, index: IndexedRequest, pool: Pool, noGoods: NoGoods, integral: boolean) {
  const { candidates, weights, coverable } = index;
  let rows = 0;
  const roleRow = new Int32Array(index.roleKeys.length).fill(-1);
  for (const r of coverable) roleRow[r] = rows++;
  const sizeRow = rows++;
  const needRow = Int32Array.from(pool, () => rows++);
  const countryRow = index.countries.map(() => rows++);
  const countryMinRow = rows++;
  const clusterRow = index.clusters.map(() => rows++);
  const clusterMinRow = rows++;
  // Two rows per earlier proposal P: Σ_{i∈P} x ≤ ⌊|P|/2⌋ (half of P's members) and
  // 2 Σ_{i∈P} x − Σ_i x ≤ 0 (half of the new one's).
  const noGoodRow = noGoods.map(() => rows++);
  const ownHalfRow = noGoods.map(() => rows++);
  const linkStart = rows;
  for (const { roles } of pool) rows += roles.length;

  const rowLower = new Float64Array(rows).fill(-highs.infinity);
  const rowUpper = new Float64Array(rows).fill(0);
  for (const r of coverable) rowUpper[roleRow[r] as number] = 1;
  rowUpper[sizeRow] = index.maxSize;
  rowLower[countryMinRow] = index.minCountries;
  rowUpper[countryMinRow] = highs.infinity;
  rowLower[clusterMinRow] = index.minClusters;
  rowUpper[clusterMinRow] = highs.infinity;
  noGoods.forEach((members, k) => {
    rowUpper[noGoodRow[k] as number] = Math.floor(members.length / 2);
  });
  // Coefficient of x[i] in each no-good row: 1 in P's own row; 2 − 1 = 1 in the half-of-own row
  // when i ∈ P, −1 when not.
  const noGoodEntries = (c: number): ColumnEntry[] =>
    noGoods.flatMap((members, k): ColumnEntry[] =>
      members.includes(c)
        ? [
            [noGoodRow[k] as number, 1],
            [ownHalfRow[k] as number, 1],
          ]
        : [[ownHalfRow[k] as number, -1]],
    );

  const columns = columnModelBuilder();
  const column = (objective: number, lo: number, isWhole: boolean, entries: ColumnEntry[]) =>
    columns.addColumn({ cost: objective, lower: lo, upper: 1, integer: isWhole }, entries);

  const mustInclude = new Set(index.mustInclude);
  const memberColumn = new Int32Array(pool.length);
  let link = linkStart;
  pool.forEach(({ candidate: c, roles }, p) => {
    const candidate = candidates[c] as IndexedCandidate;
    const entries: ColumnEntry[] = [
      [sizeRow, 1],
      [needRow[p] as number, 1],
      [countryRow[candidate.country] as number, -1],
      // A candidate in no cluster (-1) counts towards no cluster.
      ...(candidate.cluster >= 0 ? [[clusterRow[candidate.cluster] as number, -1] as const] : []),
    ];
    entries.push(...noGoodEntries(c));
    for (let k = 0; k < roles.length; k += 1) entries.push([link + k, -1]);
    link += roles.length;
    memberColumn[p] = column(-weights.member, mustInclude.has(c) ? 1 : 0, true, entries);
  });
  const yStart = columns.columnCount;
  const yCandidate: number[] = [];
  const yRole: number[] = [];
  link = linkStart;
  pool.forEach(({ candidate: c, roles }, p) => {
    const candidate = candidates[c] as IndexedCandidate;
    for (const r of roles) {
      yCandidate.push(c);
      yRole.push(r);
      column(weights.cover + (candidate.fit[r] ?? 0), 0, true, [
        [roleRow[r] as number, 1],
        [needRow[p] as number, -1],
        [link, 1],
      ]);
      link += 1;
    }
  });
  const countryStart = columns.columnCount;
  countryRow.forEach((row) => {
    column(0, 0, false, [
      [row, 1],
      [countryMinRow, 1],
    ]);
  });
  const clusterStart = columns.columnCount;
  clusterRow.forEach((row) => {
    column(0, 0, false, [
      [row, 1],
      [clusterMinRow, 1],
    ]);
  });

  const data = columns.build(highs, { count: rows, lower: rowLower, upper: rowUpper }, { sense: "maximize", integral });
  const layout: Layout = {
    pool,
    memberColumn,
    yStart,
    yCandidate: Int32Array.from(yCandidate),
    yRole: Int32Array.from(yRole),
    countryStart,
    clusterStart,
  };
  return { data, layout };
}

const wholeTolerance = 1e-6;

/**
 * The consortium of whole column values (x and y at 1), or undefined when some is fractional by
 * more than `tolerance` (a MIP's solution is whole up to its own tolerance: 0.5 reads it).
 */
function consortiumOf(
  values: ArrayLike<number>,
  index: IndexedRequest,
  layout: Layout,
  tolerance = wholeTolerance,
): Consortium | undefined {
  const members: number[] = [];
  const holder = new Int32Array(index.roleKeys.length).fill(-1);
  const isWhole = (value: number) => value <= tolerance || value >= 1 - tolerance;
  for (const [p, column] of layout.memberColumn.entries()) {
    const value = values[column] ?? 0;
    if (!isWhole(value)) return undefined;
    if (value > 0.5) members.push(layout.pool[p]?.candidate as number);
  }
  for (let y = 0; y < layout.yRole.length; y += 1) {
    const value = values[layout.yStart + y] ?? 0;
    if (!isWhole(value)) return undefined;
    if (value > 0.5) holder[layout.yRole[y] as number] = layout.yCandidate[y] as number;
  }
  return { members, holder };
}

/** Column values of a consortium, to hand the MIP as its start. */
function columnsOf(start: Consortium, index: IndexedRequest, layout: Layout, numCols: number): Float64Array {
  const values = new Float64Array(numCols);
  const members = new Set(start.members);
  layout.memberColumn.forEach((column, p) => {
    if (members.has(layout.pool[p]?.candidate as number)) values[column] = 1;
  });
  for (let y = 0; y < layout.yRole.length; y += 1)
    if (start.holder[layout.yRole[y] as number] === layout.yCandidate[y]) values[layout.yStart + y] = 1;
  for (const c of members) {
    const candidate = index.candidates[c] as IndexedCandidate;
    values[layout.countryStart + candidate.country] = 1;
    if (candidate.cluster >= 0) values[layout.clusterStart + candidate.cluster] = 1;
  }
  return values;
}

export type ExactOptions = {
  /** A consortium meeting the constraints (the heuristic's): the MIP's start and the fixing's threshold. */
  incumbent?: (Consortium & { value: number }) | undefined;
  /** performance.now() by which to answer. */
  deadline: number;
  /** The candidates the model is built over (default: all; the engine passes the undominated ones). */
  pool?: readonly number[];
  /** Skip the relaxation and fixing: the plain MIP over the pool (the benchmark's reference). */
  plainMip?: boolean;
};

/** HiGHS's time limit for a deadline (HiGHS takes no infinite option values: a year stands for none). */
const secondsUntil = (deadline: number) =>
  Number.isFinite(deadline) ? Math.max(0.05, (deadline - performance.now()) / 1000) : 365 * 24 * 3600;

/** Solves the exact model (see the file's comment) under the earlier proposals' no-goods. */
export async function solveExactly(
  index: IndexedRequest,
  noGoods: NoGoods,
  options: ExactOptions,
): Promise<ExactOutcome> {
  const highs = await highsRuntime();
  const everyone: Pool = (options.pool ?? index.candidates.map((_, c) => c)).map((c) => ({
    candidate: c,
    roles: (index.candidates[c] as IndexedCandidate).roles,
  }));
  if (options.plainMip) return solveMip(highs, index, everyone, noGoods, options);
  const { data, layout } = buildModel(highs, index, everyone, noGoods, false);
  const relaxed = highs.withModel(data, (model) => {
    model.options.set("output_flag", false);
    model.options.set("presolve", "off");
    model.options.set("simplex_strategy", 1);
    model.options.set("time_limit", secondsUntil(options.deadline));
    const status = model.run().modelStatus;
    if (status === highs.constants.modelStatus.infeasible) return { kind: "infeasible" as const };
    if (status !== highs.constants.modelStatus.optimal) return { kind: "unsolved" as const };
    const { colValue, colDual } = model.getSolution();
    return { kind: "relaxed" as const, bound: model.getObjectiveValue(), colValue, colDual };
  });
  if (relaxed.kind !== "relaxed") return relaxed;
  const whole = consortiumOf(relaxed.colValue, index, layout);
  if (whole) return { kind: "solved", consortium: whole, optimal: true };

  // Reduced-cost fixing against the incumbent: keep only the columns that could still beat it.
  const threshold = options.incumbent ? options.incumbent.value - 1e-6 : Number.NEGATIVE_INFINITY;
  const couldBeat = (column: number) =>
    (relaxed.colValue[column] ?? 0) > wholeTolerance ||
    relaxed.bound - Math.abs(relaxed.colDual[column] ?? 0) >= threshold;
  const pool: { candidate: number; roles: number[] }[] = [];
  let y = layout.yStart;
  layout.pool.forEach(({ candidate, roles }, p) => {
    const kept = roles.filter((_, k) => couldBeat(y + k));
    y += roles.length;
    if (kept.length > 0 && couldBeat(layout.memberColumn[p] as number)) pool.push({ candidate, roles: kept });
    else if (index.mustInclude.includes(candidate)) pool.push({ candidate, roles: [...roles] });
  });
  return branchAndBound(highs, index, pool, noGoods, options);
}

/**
 * Depth-first branch and bound over the LP relaxation of the reduced model, one HiGHS model whose
 * column bounds change per node (each node's dual simplex starts from its parent's basis). Used
 * instead of HiGHS's own MIP on the reduced model: that spends far longer setting up (presolve,
 * probing, and compiling its WebAssembly on first use) than the few nodes these models need. The
 * relaxation's gap is small: the up branch of the most fractional member usually closes it.
 */
function branchAndBound(
  highs: Highs,
  index: IndexedRequest,
  pool: Pool,
  noGoods: NoGoods,
  options: ExactOptions,
): ExactOutcome {
  const { data, layout } = buildModel(highs, index, pool, noGoods, false);
  const integerColumns = layout.yStart + layout.yRole.length;
  return highs.withModel(data, (model): ExactOutcome => {
    model.options.set("output_flag", false);
    model.options.set("presolve", "off");
    model.options.set("simplex_strategy", 1);
    let best: Consortium | undefined = options.incumbent;
    let bestValue = options.incumbent?.value ?? Number.NEGATIVE_INFINITY;
    let complete = true;
    const visit = (): void => {
      if (performance.now() >= options.deadline) {
        complete = false;
        return;
      }
      model.options.set("time_limit", secondsUntil(options.deadline));
      const status = model.run().modelStatus;
      if (status === highs.constants.modelStatus.infeasible) return;
      if (status !== highs.constants.modelStatus.optimal) {
        complete = false;
        return;
      }
      const bound = model.getObjectiveValue();
      if (bound <= bestValue + 1e-9) return;
      const values = model.getSolution().colValue;
      const whole = consortiumOf(values, index, layout);
      if (whole) {
        best = whole;
        bestValue = bound;
        return;
      }
      // Branch on the most fractional member column (role columns only when the members are whole).
      let branch = -1;
      let distance = 1;
      for (let column = 0; column < integerColumns; column += 1) {
        const value = values[column] ?? 0;
        const fromHalf = Math.abs(value - 0.5);
        if (value > wholeTolerance && value < 1 - wholeTolerance && fromHalf < distance) {
          branch = column;
          distance = fromHalf;
          if (column < layout.yStart && fromHalf < 0.1) break;
        }
        if (column === layout.yStart - 1 && branch >= 0) break;
      }
      const lower = data.colLower[branch] ?? 0;
      const upper = data.colUpper[branch] ?? 1;
      model.changeColBounds(branch, 1, 1);
      visit();
      model.changeColBounds(branch, lower, 0);
      visit();
      model.changeColBounds(branch, lower, upper);
    };
    visit();
    if (!best) return complete ? { kind: "infeasible" } : { kind: "unsolved" };
    return { kind: "solved", consortium: best, optimal: complete };
  });
}

function solveMip(highs: Highs, index: IndexedRequest, pool: Pool, noGoods: NoGoods, options: ExactOptions) {
  const { data, layout } = buildModel(highs, index, pool, noGoods, true);
  return highs.withModel(data, (model): ExactOutcome => {
    model.options.set("output_flag", false);
    model.options.set("time_limit", secondsUntil(options.deadline));
    // Gaps below the member weight: the solver proves the tie-break (fewer members) too.
    model.options.set("mip_rel_gap", 0);
    model.options.set("mip_abs_gap", index.weights.member / 2);
    if (options.incumbent) model.setSolution({ colValue: columnsOf(options.incumbent, index, layout, data.numCols) });
    const status = model.run().modelStatus;
    if (status === highs.constants.modelStatus.infeasible) {
      // With the incumbent in the pool, "infeasible" cannot happen; without one it is a proof.
      return options.incumbent
        ? { kind: "solved", consortium: options.incumbent, optimal: true }
        : { kind: "infeasible" };
    }
    const solved = status === highs.constants.modelStatus.optimal;
    if (!solved && status !== highs.constants.modelStatus.timeLimit) return { kind: "unsolved" };
    if (Number(model.info.get("primal_solution_status")) !== highs.constants.solutionStatus.feasible)
      return { kind: "unsolved" };
    const consortium = consortiumOf(model.getSolution().colValue, index, layout, 0.5);
    return consortium ? { kind: "solved", consortium, optimal: solved } : { kind: "unsolved" };
  });
}
