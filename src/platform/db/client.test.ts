/** The database connection's settings: see docs/decisions/008-sqlite-wal.md. */
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../../test/support/harness.js";
import { createDatabase } from "./client.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("createDatabase", () => {
  it("commits through a write-ahead log and syncs it at every commit, so an acknowledged write survives a power loss", async () => {
    const { url, cleanup } = freshDatabaseUrl();
    cleanups.push(cleanup);
    const db = createDatabase(url);
    cleanups.push(() => db.$disconnect());
    expect(await db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    // 2 is FULL: NORMAL (1) would sync only at checkpoints.
    expect(await db.$queryRawUnsafe("PRAGMA synchronous")).toEqual([{ synchronous: 2n }]);
  });
});
