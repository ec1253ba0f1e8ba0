/**
 * The test-runner side of app-under-test.ts: the template database comes from global-setup.ts,
 * SQLite by default, PostgreSQL with TEST_DATABASE=postgresql (or `npm run test:postgres`).
 *
 *   const { url, cleanup } = await freshDatabaseUrl();   // a migrated, empty database of its own
 *   const { db, close } = await openFreshDatabase();     // the same, opened, with the five clusters
 *   const { url, cleanup } = await freshSandboxDatabaseUrl(); // a SQLite file, as the sandbox always uses
 *   if (testDialect() === "postgresql") ...              // for the rare test of one database's behaviour
 */
import { inject } from "vitest";
import { createDatabase, type Database, type Dialect } from "../../src/platform/db/client.js";
import { seedClusters } from "../../src/platform/db/seed.js";
import {
  type AppUnderTest,
  type AppUnderTestOptions,
  copyOfDatabase,
  type DatabaseCopy,
  startAppUnderTest,
} from "./app-under-test.js";

export { copyAsKilledProcessLeavesIt, copyDatabaseFiles, SIGNING_SECRET } from "./app-under-test.js";
export type TestApp = AppUnderTest;

/** The database this run of the tests uses. */
export function testDialect(): Dialect {
  return inject("testDialect");
}

/** A fresh, migrated, empty database (SQLite or PostgreSQL, see global-setup.ts); the cleanup removes it. */
export function freshDatabaseUrl(): Promise<DatabaseCopy> {
  return copyOfDatabase(inject("testDatabaseTemplate"));
}

/** A fresh, migrated, empty SQLite file for the sandbox, which runs on SQLite whatever the tests' database. */
export function freshSandboxDatabaseUrl(): Promise<DatabaseCopy> {
  return copyOfDatabase(inject("templateDatabase"));
}

/** A client on a fresh database with the five clusters, for tests of stores and demo data; close() removes it. */
export async function openFreshDatabase(): Promise<{ db: Database; close: () => Promise<void> }> {
  const { url, cleanup } = await freshDatabaseUrl();
  const db = createDatabase(url);
  await seedClusters(db);
  return {
    db,
    async close() {
      await db.$disconnect();
      await cleanup();
    },
  };
}

export function startTestApp(options: Omit<AppUnderTestOptions, "templateDatabase"> = {}): Promise<TestApp> {
  return startAppUnderTest({ templateDatabase: inject("testDatabaseTemplate"), ...options });
}
