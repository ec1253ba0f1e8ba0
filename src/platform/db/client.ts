import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { type Prisma, PrismaClient } from "../../generated/prisma/client.js";
import { PrismaClient as PostgresPrismaClient } from "../../generated/prisma-pg/client.js";
import { maskUrlCredentials } from "../logger.js";
import { sqliteFilePath } from "./location.js";
import { isPostgresUrl, postgresAdapter } from "./postgres.js";

/**
 * One type for callers whichever database runs: the SQLite and PostgreSQL clients are generated
 * from the same datamodel (prisma/postgres/schema.prisma is generated from prisma/schema.prisma),
 * so their model APIs are the same.
 */
export type Database = PrismaClient;

/** The SQL dialect behind a Database, for the few raw statements that differ. */
export type Dialect = "sqlite" | "postgresql";

/** The dialect a DATABASE_URL selects: postgresql:// (or postgres://) is PostgreSQL, the rest SQLite. */
export function dialectOfUrl(url: string): Dialect {
  return isPostgresUrl(url) ? "postgresql" : "sqlite";
}

const dialects = new WeakMap<Database, Dialect>();

/** The dialect of a Database made by createDatabase. */
export function dialectOf(db: Database): Dialect {
  const dialect = dialects.get(db);
  if (!dialect) throw new Error("dialectOf needs a Database made by createDatabase.");
  return dialect;
}

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

/**
 * The one place a Prisma client is made: the driver adapter follows the URL's scheme (file: is
 * SQLite, postgresql:// is PostgreSQL through @prisma/adapter-pg with a pool of `postgresPoolSize`
 * connections: the app passes config.postgresPoolSize, PG_POOL_SIZE; scripts and tests keep 10).
 */
export function createDatabase(url: string, options: { postgresPoolSize?: number } = {}): Database {
  if (isPostgresUrl(url)) {
    let adapter: ReturnType<typeof postgresAdapter>;
    try {
      adapter = postgresAdapter(url, options.postgresPoolSize);
    } catch {
      // The URL parser's own message would quote the URL, password and all.
      throw new Error(
        `DATABASE_URL "${maskUrlCredentials(url)}" is not a valid PostgreSQL URL (postgresql://user:password@host:5432/database; percent-encode @ and : in the password).`,
      );
    }
    // The cast is the one place the two generated clients meet: same datamodel, same model API.
    const db = new PostgresPrismaClient({ adapter }) as unknown as Database;
    dialects.set(db, "postgresql");
    return db;
  }
  const file = sqliteFilePath(url);
  if (!file) {
    throw new Error(
      `DATABASE_URL "${maskUrlCredentials(url)}" is not supported: use a file: URL (SQLite) or postgresql:// (PostgreSQL).`,
    );
  }
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  let current: DriverConnection | undefined;
  const db = new PrismaClient({
    adapter: sqliteAdapter(url, (connection) => {
      current = connection;
    }),
  });
  driverConnections.set(db, () => current);
  dialects.set(db, "sqlite");
  return db;
}

/**
 * A transaction for bulk writes: Prisma's transaction client, and raw statements that run on the
 * same connection, inside the same transaction, without Prisma's query compiler.
 */
export type BulkWriteTx = {
  prisma: Prisma.TransactionClient;
  /** The SQL dialect the statements must be written in. */
  dialect: Dialect;
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
  if (dialectOf(db) === "postgresql") return postgresBulkWriteTransaction(db, work, options);
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
      dialect: "sqlite",
      execute: (sql, args) => connection.executeRaw(query(sql, args)),
      rows: async (sql, args) => (await connection.queryRaw(query(sql, args))).rows,
    });
  }, options);
}

/**
 * On PostgreSQL the pool gives each transaction its own connection, which Prisma does not expose:
 * the raw statements go through the transaction client instead (they still commit or roll back
 * with it). Callers keep writing `?` placeholders; they become $1, $2, ...
 */
async function postgresBulkWriteTransaction<T>(
  db: Database,
  work: (tx: BulkWriteTx) => Promise<T>,
  options: { timeout?: number },
): Promise<T> {
  return db.$transaction(
    async (prisma) =>
      work({
        prisma,
        dialect: "postgresql",
        execute: (sql, args) => prisma.$executeRawUnsafe(numberedPlaceholders(sql), ...args),
        rows: async (sql, args) =>
          (await prisma.$queryRawUnsafe<Record<string, unknown>[]>(numberedPlaceholders(sql), ...args)).map((row) =>
            Object.values(row),
          ),
      }),
    options,
  );
}

/** `?` placeholders as PostgreSQL's $1, $2, ... (a `?` inside quotes is left alone). */
export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === "?" ? `$${++index}` : match));
}
