import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.js";
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

/** The better-sqlite3 adapter, with connectionPragmas run on each connection it opens. */
function sqliteAdapter(url: string) {
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    async connect() {
      const connection = await factory.connect();
      await connection.executeScript(connectionPragmas);
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
  return new PrismaClient({ adapter: sqliteAdapter(url) });
}
