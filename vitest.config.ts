import { defineConfig } from "vitest/config";

// On PostgreSQL (TEST_DATABASE=postgresql, see test/global-setup.ts) each test creates its database on
// a server and every query crosses a socket: on a loaded two-core machine that needs a larger budget.
const onPostgres = process.env.TEST_DATABASE === "postgresql" || Boolean(process.env.TEST_POSTGRES_URL);

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default", "./test/support/summary-line.ts"],
    testTimeout: onPostgres ? 60_000 : 20_000,
    hookTimeout: onPostgres ? 90_000 : 30_000,
  },
});
