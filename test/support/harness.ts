/** The test-runner side of app-under-test.ts: the template database comes from global-setup.ts. */
import { inject } from "vitest";
import { type AppUnderTest, type AppUnderTestOptions, copyOfDatabase, startAppUnderTest } from "./app-under-test.js";

export { copyDatabaseFiles, SIGNING_SECRET } from "./app-under-test.js";
export type TestApp = AppUnderTest;

/** A fresh, migrated, empty SQLite database; the cleanup removes it. */
export function freshDatabaseUrl(): { url: string; cleanup: () => void } {
  return copyOfDatabase(inject("templateDatabase"));
}

export function startTestApp(options: Omit<AppUnderTestOptions, "templateDatabase"> = {}): Promise<TestApp> {
  return startAppUnderTest({ templateDatabase: inject("templateDatabase"), ...options });
}
