/** What staff digests in other features read of the directory: SMEs added in a period, profiles waiting for review. */
import type { Database } from "../../platform/db/client.js";
import { getSmes } from "./sme-loading.js";

export type DirectoryEntry = { id: number; name: string; cluster: string | null; status: string };

/**
 * SMEs added between `from` (included) and `to` (excluded), oldest first. Read from the audit log,
 * whose entries carry the app's clock (the rows' createdAt is the database's own time).
 */
export async function smesAddedBetween(db: Database, from: Date, to: Date): Promise<DirectoryEntry[]> {
  const entries = await db.auditLog.findMany({
    where: { entityType: "sme", action: { in: ["sme.create", "sme.import"] }, at: { gte: from, lt: to } },
    select: { entityId: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  const ids = [...new Set(entries.map((entry) => Number(entry.entityId)).filter(Number.isInteger))];
  return (await getSmes(db, ids)).map(toEntry);
}

/** Profiles waiting for staff review (registered by SMEs themselves), oldest first. */
export async function smesAwaitingReview(db: Database): Promise<DirectoryEntry[]> {
  const rows = await db.sme.findMany({
    where: { status: "pending" },
    select: { id: true },
    orderBy: [{ id: "asc" }],
  });
  return (
    await getSmes(
      db,
      rows.map((row) => row.id),
    )
  ).map(toEntry);
}

function toEntry(sme: {
  id: number;
  name: string;
  cluster?: string | null | undefined;
  status: string;
}): DirectoryEntry {
  return { id: sme.id, name: sme.name, cluster: sme.cluster ?? null, status: sme.status };
}
