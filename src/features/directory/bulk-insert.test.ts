/** insertMany against a real database: what it stores must read back exactly as Prisma's own writes. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../../test/support/harness.js";
import { bulkWriteTransaction, createDatabase, type Database } from "../../platform/db/client.js";
import { insertMany } from "./bulk-insert.js";

let db: Database;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  const fresh = await freshDatabaseUrl();
  cleanup = fresh.cleanup;
  db = createDatabase(fresh.url);
});
afterEach(async () => {
  await db.$disconnect();
  await cleanup();
});

const columns = ["at", "actorSlackId", "action", "entityType", "entityId", "details"];
const at = new Date("2027-03-15T08:00:00.123Z");

describe("insertMany", () => {
  it("stores a date as Prisma does, so Prisma's reads and filters on it agree", async () => {
    await bulkWriteTransaction(db, (tx) => insertMany(tx, "AuditLog", columns, [[at, "U1", "bulk", "sme", "1", "{}"]]));
    await db.auditLog.create({ data: { at, actorSlackId: "U1", action: "prisma", entityType: "sme", details: {} } });
    const stored = await db.$queryRawUnsafe<{ action: string; at: string }[]>(
      `SELECT "action", CAST("at" AS TEXT) AS "at" FROM "AuditLog" ORDER BY "id"`,
    );
    expect(stored[0]?.at).toBe(stored[1]?.at);
    const found = await db.auditLog.findMany({ where: { at }, orderBy: { id: "asc" } });
    expect(found.map((row) => [row.action, row.at])).toEqual([
      ["bulk", at],
      ["prisma", at],
    ]);
  });

  it("keeps text exactly, nulls as nulls, and JSON text as text", async () => {
    const awkward = `Nordic "Heat" A/S \\ Wärme 🔥\nline two, 'quoted'; DROP TABLE "Sme"`;
    const details = JSON.stringify({ name: awkward, list: [1, "two"] });
    await bulkWriteTransaction(db, (tx) =>
      insertMany(tx, "AuditLog", columns, [[at, null, awkward, "sme", null, details]]),
    );
    const row = await db.auditLog.findFirstOrThrow();
    expect(row).toMatchObject({ actorSlackId: null, action: awkward, entityId: null });
    expect(row.details).toEqual({ name: awkward, list: [1, "two"] });
  });

  it("returns the new ids in the order of the rows, across statements", async () => {
    const rows = Array.from({ length: 2500 }, (_, index) => [at, "U1", "bulk", "sme", String(index), "{}"]);
    const ids = (await bulkWriteTransaction(db, (tx) => insertMany(tx, "AuditLog", columns, rows, "id"))).map(Number);
    expect(ids).toHaveLength(2500);
    const stored = await db.auditLog.findMany({ select: { id: true, entityId: true } });
    const entityOf = new Map(stored.map((row) => [row.id, row.entityId]));
    expect(ids.map((id) => entityOf.get(id))).toEqual(rows.map((row) => row[4]));
  });
});
