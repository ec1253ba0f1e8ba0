import { describe, expect, it } from "vitest";
import { importBatchBudgetMs, nextImportBatchRows } from "./import-batches.js";

describe("nextImportBatchRows", () => {
  it("starts with 125 rows, then fits the batch to the time budget at the pace of the last one", () => {
    expect(nextImportBatchRows()).toBe(125);
    // 400 rows in twice the budget: half as many fit.
    expect(nextImportBatchRows({ rows: 400, ms: importBatchBudgetMs * 2 })).toBe(200);
    // 200 rows in two thirds of the budget: 300 fit.
    expect(nextImportBatchRows({ rows: 200, ms: (importBatchBudgetMs * 2) / 3 })).toBe(300);
  });

  it("grows at most twofold after a fast batch, and shrinks at once after a slow one", () => {
    expect(nextImportBatchRows({ rows: 125, ms: importBatchBudgetMs / 10 })).toBe(250);
    expect(nextImportBatchRows({ rows: 600, ms: importBatchBudgetMs * 4 })).toBe(150);
  });

  it("stays between 125 rows (more commits would only slow a busy server down) and 1,000", () => {
    expect(nextImportBatchRows({ rows: 125, ms: importBatchBudgetMs * 100 })).toBe(125);
    expect(nextImportBatchRows({ rows: 800, ms: 1 })).toBe(1000);
    expect(nextImportBatchRows({ rows: 800, ms: 0 })).toBe(1000);
  });
});
