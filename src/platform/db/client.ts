import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { type Prisma, PrismaClient } from "../../generated/prisma/client.js";
import { maskUrlCredentials } from "../logger.js";
import { sqliteFilePath } from "./location.js";

export type Database = PrismaClient;

/**
 * Set on every connection (journal_mode is kept in the file, synchronous is not): write-ahead
 * logging, which commits with one sync of the log instead of several of the journal and the file,
 * and a sync at every commit, so an acknowledged write survives a power loss too. Why FULL and
 * not NORMAL: docs/decisions/008-sqlite-wal.md.
 */
const connectionPragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

/** The driver adapter's connection: Prisma runs every query and transaction of a Database on it. */
type DriverConnection = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** Each Database's current driver connection (Prisma opens it at the first query). */
const driverConnections = new WeakMap<Database, () => DriverConnection | undefined>();

/** The better-sqlite3 adapter, with connectionPragmas run on each connection it opens. */
function sqliteAdapter(url: string, onConnected: (connection: DriverConnection) => void) {
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    async connect() {
      const connection = await factory.connect();
      await connection.executeScript(connectionPragmas);
      onConnected(connection);
      return connection;
    },
  };
}

/** The one place a Prisma client is made: the driver adapter follows the URL's scheme. */
export function createDatabase(url: string): Database {
  const file = sqliteFilePath(url);
  if (!file) {
    throw new Error(`DATABASE_URL "${maskUrlCredentials(url)}" is not supported yet: use a file: URL (SQLite).`);
  }
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  let current: DriverConnection | undefined;
  const db = new PrismaClient({
    adapter: sqliteAdapter(url, (connection) => {
      current = connection;
    }),
  });
  driverConnections.set(db, () => current);
  return db;
}

/**
 * A transaction for bulk writes: Prisma's transaction client, and raw statements that run on the
 * same connection, inside the same transaction, without Prisma's query compiler.
 */
export type BulkWriteTx = {
  prisma: Prisma.TransactionClient;
  /** Runs a statement; gives the number of rows it changed. */
  execute(sql: string, args: readonly unknown[]): Promise<number>;
  /** Runs a statement that returns rows (a SELECT, or RETURNING); gives each row's values in column order. */
  rows(sql: string, args: readonly unknown[]): Promise<unknown[][]>;
};

/** Values as bound by the driver: dates are written as Prisma writes them, the rest as they are. */
const unknownArgType = { scalarType: "unknown", arity: "scalar" } as const;

/**
 * Runs `work` in one transaction of `db` (Prisma's interactive transaction: all or nothing, other
 * transactions wait) with raw statements that go straight to the driver adapter's connection.
 * Prisma compiles every query in WebAssembly, raw ones too, copying the arguments in and the plan
 * out: a statement carrying 100 KB of rows as JSON cost ~3 ms before SQLite saw it, a fifth of a
 * 10,000-row import. The connection is the one Prisma's transaction holds, so those statements
 * commit or roll back with it; outside a transaction of `db` they must never be used (they would
 * land in whichever transaction is open), which is why only `work` gets them.
 */
export async function bulkWriteTransaction<T>(
  db: Database,
  work: (tx: BulkWriteTx) => Promise<T>,
  options: { timeout?: number } = {},
): Promise<T> {
  return db.$transaction(async (prisma) => {
    const connection = driverConnections.get(db)?.();
    if (!connection) throw new Error("bulkWriteTransaction needs a Database made by createDatabase.");
    const query = (sql: string, args: readonly unknown[]) => ({
      sql,
      args: [...args],
      argTypes: args.map(() => unknownArgType),
    });
    return work({
      prisma,
      execute: (sql, args) => connection.executeRaw(query(sql, args)),
      rows: async (sql, args) => (await connection.queryRaw(query(sql, args))).rows,
    });
  }, options);
}
