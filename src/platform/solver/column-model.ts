/**
 * Models for HiGHS built column by column (compressed sparse columns): each engine adds its
 * variables with their objective, bounds, kind and the rows they enter, then hands the result to
 * `highs.withModel`. The arrays stay readable afterwards (bounds, duals, rounding read them).
 */
import type { Highs } from "highs";

/** A column's coefficient in one row. */
export type ColumnEntry = readonly [row: number, value: number];

export type ColumnModelData = ReturnType<ReturnType<typeof columnModelBuilder>["build"]>;

export function columnModelBuilder() {
  const cost: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const integer: boolean[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  return {
    /** How many columns so far: the index the next column gets. */
    get columnCount(): number {
      return cost.length;
    },
    /** Adds a column; its entries are sorted by row here (HiGHS wants them in row order). */
    addColumn(
      column: { cost: number; lower: number; upper: number; integer: boolean },
      entries: ColumnEntry[],
    ): number {
      cost.push(column.cost);
      lower.push(column.lower);
      upper.push(column.upper);
      integer.push(column.integer);
      entries.sort((a, b) => a[0] - b[0]);
      for (const [row, value] of entries) {
        indices.push(row);
        values.push(value);
      }
      starts.push(indices.length);
      return cost.length - 1;
    },
    /**
     * The model as HiGHS column-wise data. `integral: false` gives its LP relaxation (every
     * column continuous); `true` keeps the integer columns integer.
     */
    build(
      highs: Highs,
      rows: { count: number; lower: Float64Array; upper: Float64Array },
      options: { sense: "maximize" | "minimize"; integral: boolean },
    ) {
      const numCols = cost.length;
      return {
        numCols,
        numRows: rows.count,
        sense: highs.constants.objectiveSense[options.sense],
        colCost: Float64Array.from(cost),
        colLower: Float64Array.from(lower),
        colUpper: Float64Array.from(upper),
        rowLower: rows.lower,
        rowUpper: rows.upper,
        matrix: {
          format: "csc" as const,
          numRows: rows.count,
          numCols,
          starts: Int32Array.from(starts),
          indices: Int32Array.from(indices),
          values: Float64Array.from(values),
        },
        ...(options.integral
          ? {
              integrality: Int32Array.from(integer, (isInteger) =>
                isInteger ? highs.constants.variableType.integer : highs.constants.variableType.continuous,
              ),
            }
          : {}),
      };
    },
  };
}
