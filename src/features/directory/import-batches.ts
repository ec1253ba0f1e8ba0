/**
 * How many rows an import writes in its next batch. A batch is one transaction, written without a
 * pause (other requests' writes would land inside it), so it holds the event loop: acks of requests
 * that arrive meanwhile wait for it. Each batch also costs a commit (a sync of the log), the FTS5
 * index's flush and rewriting the pages the batch touched: the bigger the batch, the less all that
 * costs per row (on 10,000 rows, batches of 250 took a fifth less CPU than batches of 125).
 * So batches are sized by time, not rows: as many rows as fit in importBatchBudgetMs after what the
 * last batch took, which makes them bigger on an idle server and smaller on a busy one. Pure.
 */

/** How long a batch may hold the event loop: well within the 200 ms an ack may take, with room for the ack itself. */
export const importBatchBudgetMs = 50;

/**
 * The first batch, before any has been timed, and the smallest (the fixed size imports had before):
 * on a machine too busy to write that many rows within the budget, smaller batches kept acks no
 * faster (the machine is what is slow) while every extra commit slowed the import down.
 */
const minBatchRows = 125;
/** The largest: one statement per table (bulk-insert.ts), and memory that stays small. */
const maxBatchRows = 1000;

/**
 * The rows of the next batch after one of `rows` rows took `ms` milliseconds: the rows that fit in
 * the budget at that pace, growing at most twofold (a batch that happened to run fast should not
 * make the next one overshoot) and shrinking at once when a batch overran.
 */
export function nextImportBatchRows(last?: { rows: number; ms: number }): number {
  if (!last) return minBatchRows;
  const atThisPace = last.ms > 0 ? (importBatchBudgetMs * last.rows) / last.ms : maxBatchRows;
  const steadied = Math.min(atThisPace, last.rows * 2);
  return Math.round(Math.max(minBatchRows, Math.min(maxBatchRows, steadied)));
}
