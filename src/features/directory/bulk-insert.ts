/**
 * Multi-row INSERTs for the directory's bulk writes (CSV import, benchmarks, the FTS5 index), run
 * in a bulkWriteTransaction: on SQLite a plain `INSERT … VALUES (?, …), (?, …) … RETURNING`, values
 * bound by the driver adapter, which writes dates as Prisma does; on PostgreSQL,
 * bulk-insert-postgres.ts casts each value to its column's type.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import type { BulkWriteTx } from "../../platform/db/client.js";
import { insertManyPostgres } from "./bulk-insert-postgres.js";

export type Tx = Prisma.TransactionClient;

/** SQLite's limit on the values one statement binds (PostgreSQL's is higher): a statement holds as many rows as fit. */
const maxBoundValues = 32_766;

/**
 * Inserts `rows` (values in the order of `columns`) with as few statements as the bound-value limit
 * allows: 1,000 rows of 19 columns are one statement. Statements go straight to the driver (see
 * bulkWriteTransaction): SQLite prepares a statement of thousands of placeholders in a few
 * milliseconds and binds the values natively, about twice as fast as passing the rows as one JSON
 * parameter for SQLite to unpack. With `returning`, gives back that column of the inserted rows, in
 * the order of `rows`: both databases insert a VALUES list in its order, so new ids ascend with it.
 */
export async function insertMany(
  tx: BulkWriteTx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  returning?: string,
): Promise<unknown[]> {
  const rowsPerStatement = Math.floor(maxBoundValues / columns.length);
  if (tx.dialect === "postgresql") return insertManyPostgres(tx, table, columns, rows, rowsPerStatement, returning);
  const names = columns.map((column) => `"${column}"`).join(", ");
  const placeholders = `(${columns.map(() => "?").join(", ")})`;
  const returned: unknown[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const sql = `INSERT INTO "${table}" (${names}) VALUES ${Array(chunk.length).fill(placeholders).join(", ")}`;
    // undefined is not a value SQL knows: an absent optional value is stored as NULL.
    const values = chunk.flatMap((row) => row.map((value) => (value === undefined ? null : value)));
    if (returning) {
      const inserted = await tx.rows(`${sql} RETURNING "${returning}"`, values);
      returned.push(...inserted.map((row) => row[0]));
    } else {
      await tx.execute(sql, values);
    }
  }
  return returned;
}
