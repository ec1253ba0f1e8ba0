import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.js";
import { maskUrlCredentials } from "../logger.js";
import { sqliteFilePath } from "./location.js";

export type Database = PrismaClient;

/** The one place a Prisma client is made: the driver adapter follows the URL's scheme. */
export function createDatabase(url: string): Database {
  const file = sqliteFilePath(url);
  if (!file) {
    throw new Error(`DATABASE_URL "${maskUrlCredentials(url)}" is not supported yet: use a file: URL (SQLite).`);
  }
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}
