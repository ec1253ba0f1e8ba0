/** The database connection's settings: see docs/decisions/008-sqlite-wal.md. */
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl, testDialect } from "../../../test/support/harness.js";
import { bulkWriteTransaction, createDatabase, dialectOf, dialectOfUrl, numberedPlaceholders } from "./client.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("createDatabase", () => {
  it("picks the database from DATABASE_URL's scheme: file: is SQLite, postgresql:// is PostgreSQL", async () => {
    expect(dialectOfUrl("file:/srv/ec2i/data/ec2i.db")).toBe("sqlite");
    expect(dialectOfUrl("postgresql://ec2i:secret@db.internal:5432/ec2i")).toBe("postgresql");
    expect(dialectOfUrl("postgres://ec2i@db.internal/ec2i")).toBe("postgresql");
    expect(() => createDatabase("mysql://db.internal/ec2i")).toThrow(/file: URL \(SQLite\) or postgresql:\/\//);
    const { url, cleanup } = await freshDatabaseUrl();
    cleanups.push(cleanup);
    const db = createDatabase(url);
    cleanups.push(() => db.$disconnect());
    expect(dialectOf(db)).toBe(testDialect());
    expect(await db.cluster.count()).toBe(0);
  });

  // SQLite's durability settings; PostgreSQL's are the server's (docs/DEPLOYMENT.md).
  it.skipIf(testDialect() !== "sqlite")(
    "commits through a write-ahead log and syncs it at every commit, so an acknowledged write survives a power loss",
    async () => {
      const { url, cleanup } = await freshDatabaseUrl();
      cleanups.push(cleanup);
      const db = createDatabase(url);
      cleanups.push(() => db.$disconnect());
      expect(await db.$queryRawUnsafe("PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
      // 2 is FULL: NORMAL (1) would sync only at checkpoints.
      expect(await db.$queryRawUnsafe("PRAGMA synchronous")).toEqual([{ synchronous: 2n }]);
    },
  );

  // A pool is PostgreSQL's: SQLite has one connection per process.
  it.skipIf(testDialect() !== "postgresql")(
    "keeps at most postgresPoolSize connections to PostgreSQL (PG_POOL_SIZE), however many queries wait",
    async () => {
      const { url, cleanup } = await freshDatabaseUrl();
      cleanups.push(cleanup);
      const db = createDatabase(url, { postgresPoolSize: 2 });
      cleanups.push(() => db.$disconnect());
      const backends = await Promise.all(
        Array.from({ length: 6 }, () =>
          db.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid FROM pg_sleep(0.05)"),
        ),
      );
      expect(new Set(backends.map(([row]) => row?.pid)).size).toBeLessThanOrEqual(2);
    },
  );
});

describe("bulkWriteTransaction", () => {
  it("lets callers write ? placeholders on PostgreSQL too (numbered there), leaving quoted text alone", () => {
    expect(numberedPlaceholders(`SELECT ?, '?', "a?b", ? FROM t WHERE x = 'it''s ?' AND y = ?`)).toBe(
      `SELECT $1, '?', "a?b", $2 FROM t WHERE x = 'it''s ?' AND y = $3`,
    );
  });

  const insertAudit = `INSERT INTO "AuditLog" ("at", "action", "entityType", "details") VALUES ('2027-03-15T08:00:00.000+00:00', ?, 'sme', '{}')`;

  it("runs its raw statements inside the transaction: they roll back with it, and Prisma's reads in it see them", async () => {
    const { url, cleanup } = await freshDatabaseUrl();
    cleanups.push(cleanup);
    const db = createDatabase(url);
    cleanups.push(() => db.$disconnect());
    const failed = bulkWriteTransaction(db, async (tx) => {
      await tx.execute(insertAudit, ["half-written"]);
      expect(await tx.prisma.auditLog.count()).toBe(1);
      throw new Error("the batch fails half way");
    });
    await expect(failed).rejects.toThrow("the batch fails half way");
    expect(await db.auditLog.count()).toBe(0);

    const ids = await bulkWriteTransaction(db, (tx) => tx.rows(`${insertAudit} RETURNING "id"`, ["kept"]));
    expect(ids).toHaveLength(1);
    expect(await db.auditLog.findMany({ select: { action: true } })).toEqual([{ action: "kept" }]);
  });
});
