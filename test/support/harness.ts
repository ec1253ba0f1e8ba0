/** The test-runner side of app-under-test.ts: the template database comes from global-setup.ts. */
import { inject } from "vitest";
import { createDatabase, type Database } from "../../src/platform/db/client.js";
import { seedClusters } from "../../src/platform/db/seed.js";
import { type AppUnderTest, type AppUnderTestOptions, copyOfDatabase, startAppUnderTest } from "./app-under-test.js";

export { copyDatabaseFiles, SIGNING_SECRET } from "./app-under-test.js";
export type TestApp = AppUnderTest;

/** A fresh, migrated, empty SQLite database; the cleanup removes it. */
export function freshDatabaseUrl(): { url: string; cleanup: () => void } {
  return copyOfDatabase(inject("templateDatabase"));
}

/** A client on a fresh database with the five clusters, for tests of stores and demo data; close() removes it. */
export async function openFreshDatabase(): Promise<{ db: Database; close: () => Promise<void> }> {
  const { url, cleanup } = freshDatabaseUrl();
  const db = createDatabase(url);
  await seedClusters(db);
  return {
    db,
    async close() {
      await db.$disconnect();
      cleanup();
    },
  };
}

export function startTestApp(options: Omit<AppUnderTestOptions, "templateDatabase"> = {}): Promise<TestApp> {
  return startAppUnderTest({ templateDatabase: inject("templateDatabase"), ...options });
}
