/**
 * insertMany on PostgreSQL (see bulk-insert.ts): the same one JSON parameter per statement,
 * unpacked by json_array_elements, each value cast to its column's type as the table declares it
 * (integers, timestamps, enums, jsonb from the JSON text SQLite would store), so callers pass the
 * same rows to either database.
 */
import type { BulkWriteTx } from "../../platform/db/client.js";

/** Each table's column types (format_type: "integer", "timestamp(3) without time zone", "\"SmeStatus\""). */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

async function typesOf(tx: BulkWriteTx, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = tx
      .rows(
        `SELECT CAST(a.attname AS text), format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
         WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped`,
        [`"${table}"`],
      )
      .then((rows) => new Map(rows.map(([name, type]) => [String(name), String(type)])));
    // A failed look-up (a table not there yet) is asked again next time.
    types.catch(() => columnTypes.delete(table));
    columnTypes.set(table, types);
  }
  return types;
}

/** A value as JSON carries it to PostgreSQL: dates as ISO text in UTC, as Prisma stores them. */
function postgresValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number(value);
  if (value === undefined) return null;
  return value;
}

export async function insertManyPostgres(
  tx: BulkWriteTx,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  rowsPerStatement: number,
  returning?: string,
): Promise<unknown[]> {
  const types = await typesOf(tx, table);
  const names = columns.map((column) => `"${column}"`).join(", ");
  const values = columns
    .map((column, index) => {
      const type = types.get(column);
      if (!type) throw new Error(`insertMany: "${table}" has no column "${column}".`);
      return `CAST(value ->> ${index} AS ${type})`;
    })
    .join(", ");
  // ORDER BY the position: rows are inserted in the array's order, so ascending ids follow `rows`.
  const sql = `INSERT INTO "${table}" (${names})
    SELECT ${values} FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY AS r(value, position) ORDER BY position`;
  const returned: unknown[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = JSON.stringify(rows.slice(start, start + rowsPerStatement).map((row) => row.map(postgresValue)));
    if (returning) {
      const inserted = await tx.rows(`${sql} RETURNING "${returning}"`, [chunk]);
      returned.push(...inserted.map((row) => row[0]));
    } else {
      await tx.execute(sql, [chunk]);
    }
  }
  return returned;
}
