/**
 * Multi-row INSERTs for the directory's bulk writes (CSV import, benchmarks, the FTS5 index).
 * SQLite syntax; a PostgreSQL version would use its own bulk path.
 */
import type { Prisma } from "../../generated/prisma/client.js";

export type Tx = Prisma.TransactionClient;

/** Bound parameters per statement, under SQLite's limit (32,766). */
const maxParameters = 10_000;

/**
 * Multi-row INSERTs of `rows` (values in the order of `columns`): for thousands of rows one
 * statement per few thousand values is many times faster than Prisma's createMany, which builds and
 * checks every row in JavaScript. With `returning`, gives back that column of the inserted rows.
 */
export async function insertMany(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  returning?: string,
): Promise<unknown[]> {
  const perStatement = Math.floor(maxParameters / columns.length);
  const returned: unknown[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const placeholders = `(${columns.map(() => "?").join(", ")})`;
    const sql = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES ${chunk.map(() => placeholders).join(", ")}`;
    if (returning) {
      const inserted = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
        `${sql} RETURNING "${returning}"`,
        ...chunk.flat(),
      );
      returned.push(...inserted.map((row) => row[returning]));
    } else {
      await tx.$executeRawUnsafe(sql, ...chunk.flat());
    }
  }
  return returned;
}
