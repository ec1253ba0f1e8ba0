/**
 * The audit log: who did what to which record, and when. Every feature writes its entries through
 * `writeAudit` (or `auditRow` for bulk inserts), so the rows read the same everywhere and the time
 * is the app's Clock (tests and the sandbox move it), never the database's now().
 */
import type { Prisma } from "../../generated/prisma/client.js";

export type AuditEntry = Readonly<{
  /** The Slack id of the person who acted. */
  by: string;
  /** What was done, as "<thing>.<verb>": "sme.edit", "role.assign". */
  action: string;
  /** What it was done to: the kind of record and its id. */
  target: Readonly<{ type: "sme" | "person" | (string & {}); id: string | number }>;
  details: Prisma.InputJsonObject;
}>;

/** The row an entry becomes: Prisma's create data, also the column order of a raw bulk insert. */
export function auditRow(entry: AuditEntry, at: Date) {
  return {
    at,
    actorSlackId: entry.by,
    action: entry.action,
    entityType: entry.target.type,
    entityId: String(entry.target.id),
    details: entry.details,
  };
}

/** Writes one entry, inside the caller's transaction when given one; `at` comes from the app's Clock. */
export async function writeAudit(
  db: Pick<Prisma.TransactionClient, "auditLog">,
  entry: AuditEntry,
  at: Date,
): Promise<void> {
  await db.auditLog.create({ data: auditRow(entry, at) });
}
