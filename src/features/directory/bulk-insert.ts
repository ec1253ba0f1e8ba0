/**
 * Multi-row INSERTs for the directory's bulk writes (CSV import, benchmarks, the FTS5 index), run
 * in a bulkWriteTransaction. SQLite syntax; on PostgreSQL, bulk-insert-postgres.ts does the same.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import type { BulkWriteTx } from "../../platform/db/client.js";
import { insertManyPostgres } from "./bulk-insert-postgres.js";

export type Tx = Prisma.TransactionClient;

/** Rows per statement: keeps the one JSON parameter a few hundred kilobytes. */
const rowsPerStatement = 1000;

/** A value as SQLite stores it, the way the Prisma adapter writes it (see sqliteTimestamp). */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return sqliteTimestamp(value);
  if (typeof value === "bigint") return Number(value);
  if (value === undefined) return null;
  return value;
}

/**
 * A DateTime as @prisma/adapter-better-sqlite3 writes it (its default "iso8601" format): bulk rows
 * must store the very text Prisma's own writes store, or Prisma's comparisons on them go wrong.
 */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * Inserts `rows` (values in the order of `columns`) with one statement per rowsPerStatement rows,
 * the rows passed as a single JSON array that SQLite unpacks itself (json_each). One parameter per
 * statement, not one per value: Prisma's raw queries cost microseconds per parameter and SQLite
 * parses a statement of thousands of placeholders at every call, which made a 10,000-row import
 * spend most of its time outside the database. The statements skip Prisma's query compiler (see
 * bulkWriteTransaction). With `returning`, gives back that column of the inserted rows, in the
 * order of `rows`.
 */
export async function insertMany(
  tx: BulkWriteTx,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  returning?: string,
): Promise<unknown[]> {
  if (tx.dialect === "postgresql") return insertManyPostgres(tx, table, columns, rows, rowsPerStatement, returning);
  const names = columns.map((column) => `"${column}"`).join(", ");
  const values = columns.map((_, index) => `value ->> ${index}`).join(", ");
  // ORDER BY key: rows are inserted in the array's order, so ascending ids follow `rows`.
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_each(?) ORDER BY key`;
  const returned: unknown[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = JSON.stringify(rows.slice(start, start + rowsPerStatement).map((row) => row.map(sqliteValue)));
    if (returning) {
      const inserted = await tx.rows(`${sql} RETURNING "${returning}"`, [chunk]);
      returned.push(...inserted.map((row) => row[0]));
    } else {
      await tx.execute(sql, [chunk]);
    }
  }
  return returned;
}
