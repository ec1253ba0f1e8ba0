/**
 * Writes of the SME directory. Every write of an SME goes through here, so its tags and its row in
 * the search index (search-store.ts) stay in step with it, in one transaction, with its audit entry.
 */

import { normalizeCompanyName } from "../../domain/text.js";
import { Prisma } from "../../generated/prisma/client.js";
import { auditRow, writeAudit } from "../../platform/db/audit.js";
import { type BulkWriteTx, bulkWriteTransaction, type Database } from "../../platform/db/client.js";
import { insertMany, type Tx } from "./bulk-insert.js";
import {
  changedFields,
  companyKey,
  type ProposedChange,
  type SmeProfile,
  type SmeRecord,
  type SmeStatus,
} from "./profile.js";
import { insertSearchRows, writeSearchRow } from "./search-store.js";
import { getSme, getSmes, loadSmes } from "./sme-loading.js";

type IdRow = { id: number | bigint };

const tagKinds = {
  sectors: "sector",
  stages: "stage",
  seeks: "seeks",
  markets: "market",
  certifications: "certification",
} as const;

function tagRows(smeId: number, profile: SmeProfile) {
  return Object.entries(tagKinds).flatMap(([field, kind]) =>
    (profile[field as keyof typeof tagKinds] as readonly string[]).map((value) => ({ smeId, kind, value })),
  );
}

/** Rewrites an SME's index row from what is stored (after a status change, say). */
async function reindexSme(tx: BulkWriteTx, smeId: number): Promise<void> {
  const [record] = await loadSmes(tx, [smeId]);
  if (record) await writeSearchRow(tx, smeId, record);
}

async function clusterIds(tx: Tx): Promise<Map<string, number>> {
  return new Map((await tx.cluster.findMany({ select: { key: true, id: true } })).map((c) => [c.key, c.id]));
}

function columns(profile: SmeProfile) {
  return {
    name: profile.name,
    normalizedName: normalizeCompanyName(profile.name),
    country: profile.country,
    website: profile.website,
    pitch: profile.pitch,
    offer: profile.offer,
    sizeBand: profile.sizeBand,
    foundedYear: profile.foundedYear,
    trl: profile.trl,
    exportExperience: profile.exportExperience,
    contactSlackUserId: profile.contactSlackUserId,
    contactEmail: profile.contactEmail,
  };
}

export async function findDuplicate(
  db: Database,
  name: string,
  country: string,
  exceptId?: number,
): Promise<{ id: number; name: string; status: SmeStatus } | null> {
  return db.sme.findFirst({
    where: { normalizedName: normalizeCompanyName(name), country, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true, status: true },
  });
}

export type CreateSmeInput = {
  profile: SmeProfile;
  status: SmeStatus;
  bySlackId: string;
  /** Links the registering SME user to the company. */
  memberSlackId?: string | undefined;
  now: Date;
  action?: string;
};

export async function createSme(db: Database, input: CreateSmeInput): Promise<SmeRecord> {
  const [id] = await bulkWriteTransaction(db, (tx) => createSmesIn(tx, [input]));
  return getSme(db, id ?? 0) as Promise<SmeRecord>;
}

/**
 * Writes SMEs with their tags, search rows and audit entries, in batches: the body of createSme,
 * for callers that write many in one bulkWriteTransaction (CSV import, benchmarks, demo data).
 * Returns the new ids in the order of `inputs`.
 */
export async function createSmesIn(tx: BulkWriteTx, inputs: readonly CreateSmeInput[]): Promise<number[]> {
  const first = inputs[0];
  if (!first) return [];
  const clusters = await clusterIds(tx.prisma);
  const writtenAt = new Date();
  const smeRows = inputs.map((input) => [
    ...Object.values(columns(input.profile)),
    input.profile.cluster ? (clusters.get(input.profile.cluster) ?? null) : null,
    input.status,
    input.now,
    input.bySlackId,
    input.bySlackId,
    writtenAt,
    writtenAt,
  ]);
  const smeColumns = [
    ...Object.keys(columns(first.profile)),
    "clusterId",
    "status",
    "consentAt",
    "consentBySlackId",
    "createdBySlackId",
    "createdAt",
    "updatedAt",
  ];
  // One INSERT hands out ascending ids in the order of its rows (RETURNING's order is not promised).
  const ids = (await insertMany(tx, "Sme", smeColumns, smeRows, "id")).map(Number).sort((a, b) => a - b);
  const written = inputs.map((input, index) => ({ ...input, id: ids[index] ?? 0 }));
  await insertMany(
    tx,
    "SmeTag",
    ["smeId", "kind", "value"],
    written.flatMap((sme) => tagRows(sme.id, sme.profile).map((tag) => [tag.smeId, tag.kind, tag.value])),
  );
  await insertSearchRows(
    tx,
    written.map((sme) => ({ id: sme.id, sme: { ...sme.profile, status: sme.status } })),
  );
  for (const sme of written.filter((w) => w.memberSlackId)) {
    await tx.prisma.person.upsert({
      where: { slackUserId: sme.memberSlackId ?? "" },
      create: { slackUserId: sme.memberSlackId ?? "", role: "sme", smeId: sme.id },
      update: { smeId: sme.id },
    });
  }
  const auditRows = written.map((sme) =>
    auditRow(
      {
        by: sme.bySlackId,
        action: sme.action ?? "sme.create",
        target: { type: "sme", id: sme.id },
        details: { name: sme.profile.name, status: sme.status },
      },
      sme.now,
    ),
  );
  await insertMany(
    tx,
    "AuditLog",
    ["at", "actorSlackId", "action", "entityType", "entityId", "details"],
    auditRows.map((row) => [
      row.at,
      row.actorSlackId,
      row.action,
      row.entityType,
      row.entityId,
      JSON.stringify(row.details),
    ]),
  );
  return ids;
}

export async function updateSme(
  db: Database,
  input: { id: number; profile: SmeProfile; bySlackId: string; status?: SmeStatus; at: Date },
): Promise<{ record: SmeRecord; changed: (keyof SmeProfile)[] }> {
  const before = await getSme(db, input.id);
  if (!before) throw new Error(`SME ${input.id} does not exist`);
  const changed = changedFields(before, input.profile);
  if (changed.length === 0 && (input.status ?? before.status) === before.status) return { record: before, changed };
  await bulkWriteTransaction(db, async (tx) => {
    await tx.prisma.sme.update({
      where: { id: input.id },
      data: {
        ...columns(input.profile),
        clusterId: input.profile.cluster ? ((await clusterIds(tx.prisma)).get(input.profile.cluster) ?? null) : null,
        ...(input.status ? { status: input.status } : {}),
      },
    });
    await tx.prisma.smeTag.deleteMany({ where: { smeId: input.id } });
    await tx.prisma.smeTag.createMany({ data: tagRows(input.id, input.profile) });
    await writeSearchRow(tx, input.id, { ...input.profile, status: input.status ?? before.status });
    await writeAudit(
      tx.prisma,
      {
        by: input.bySlackId,
        action: "sme.edit",
        target: { type: "sme", id: input.id },
        details: {
          fields: changed,
          ...(input.status && input.status !== before.status ? { status: input.status } : {}),
        },
      },
      input.at,
    );
  });
  return { record: (await getSme(db, input.id)) as SmeRecord, changed };
}

/**
 * Moves an SME through the review workflow, only from the status the caller saw, so a double click
 * or two reviewers at once change it once. Returns false when it had already moved.
 */
export async function reviewSme(
  db: Database,
  input: { id: number; from: SmeStatus; to: SmeStatus; bySlackId: string; note: string | null; at: Date },
): Promise<boolean> {
  return bulkWriteTransaction(db, async (tx) => {
    const { count } = await tx.prisma.sme.updateMany({
      where: { id: input.id, status: input.from },
      data: { status: input.to, reviewNote: input.note },
    });
    if (count === 0) return false;
    await reindexSme(tx, input.id);
    await writeAudit(
      tx.prisma,
      {
        by: input.bySlackId,
        action: `sme.review.${input.to}`,
        target: { type: "sme", id: input.id },
        details: { from: input.from, to: input.to, note: input.note },
      },
      input.at,
    );
    return true;
  });
}

/** Keeps an SME's change to its listed profile for review (null withdraws it). */
export async function proposeChange(
  db: Database,
  input: { id: number; change: ProposedChange | null; fields: readonly string[]; at: Date },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.sme.update({
      where: { id: input.id },
      data: { proposedChange: input.change === null ? Prisma.DbNull : input.change },
    });
    if (input.change) {
      await writeAudit(
        tx,
        {
          by: input.change.bySlackId,
          action: "sme.change.proposed",
          target: { type: "sme", id: input.id },
          details: { fields: [...input.fields] },
        },
        input.at,
      );
    }
  });
}

/**
 * Approves (the listed profile takes the proposed values) or rejects an SME's proposed change, once:
 * returns the change decided, or null when there was none left (already decided).
 */
export async function decideProposedChange(
  db: Database,
  input: { id: number; approve: boolean; bySlackId: string; at: Date },
): Promise<ProposedChange | null> {
  return bulkWriteTransaction(db, async (tx) => {
    const [record] = await loadSmes(tx, [input.id]);
    const change = record?.proposedChange;
    if (!record || !change) return null;
    const { count } = await tx.prisma.sme.updateMany({
      where: { id: input.id, proposedChange: { not: Prisma.DbNull } },
      data: {
        proposedChange: Prisma.DbNull,
        ...(input.approve
          ? {
              name: change.name,
              normalizedName: normalizeCompanyName(change.name),
              pitch: change.pitch,
              offer: change.offer,
              website: change.website,
            }
          : {}),
      },
    });
    if (count === 0) return null;
    if (input.approve) await reindexSme(tx, input.id);
    await writeAudit(
      tx.prisma,
      {
        by: input.bySlackId,
        action: input.approve ? "sme.change.approved" : "sme.change.rejected",
        target: { type: "sme", id: input.id },
        details: { from: { name: record.name }, to: { name: change.name } },
      },
      input.at,
    );
    return change;
  });
}

/** Listed SMEs whose own change waits for review, oldest first. */
export async function smesWithProposedChanges(db: Database, limit: number): Promise<SmeRecord[]> {
  const rows = await db.sme.findMany({
    where: { proposedChange: { not: Prisma.DbNull } },
    select: { id: true },
    orderBy: { updatedAt: "asc" },
    take: limit,
  });
  return getSmes(
    db,
    rows.map((row) => row.id),
  );
}

/** The SME a person speaks for, if any. */
export async function smeOfMember(db: Database, slackUserId: string): Promise<SmeRecord | null> {
  const person = await db.person.findUnique({ where: { slackUserId }, select: { smeId: true } });
  return person?.smeId ? getSme(db, person.smeId) : null;
}

/** Profiles waiting for review, oldest first, those of `firstClusterId` (the reviewer's cluster) before the rest. */
export async function pendingSmes(
  db: Database,
  limit = 10,
  firstClusterId: number | null = null,
): Promise<SmeRecord[]> {
  const rows = await db.$queryRawUnsafe<IdRow[]>(
    `SELECT "id" FROM "Sme" WHERE "status" = 'pending'
     ORDER BY CASE WHEN "clusterId" = ? THEN 0 ELSE 1 END, "createdAt", "id" LIMIT ?`,
    firstClusterId ?? -1,
    limit,
  );
  return getSmes(
    db,
    rows.map((row) => Number(row.id)),
  );
}

/**
 * Which of these (name, country) pairs are already in the directory, in any status (as companyKey
 * gives them). `pause` is awaited between lookups, so a large import lets other requests through.
 */
export async function existingCompanies(
  db: Database,
  profiles: readonly SmeProfile[],
  pause: () => Promise<void> = async () => {},
): Promise<Set<string>> {
  const names = [...new Set(profiles.map((profile) => normalizeCompanyName(profile.name)))];
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    // The names as one JSON parameter: a Prisma `in` list of 500 parameters costs many times more.
    const rows = await db.$queryRawUnsafe<{ normalizedName: string; country: string }[]>(
      `SELECT "normalizedName", "country" FROM "Sme" WHERE "normalizedName" IN (SELECT value FROM json_each(?))`,
      JSON.stringify(names.slice(i, i + 500)),
    );
    for (const row of rows) found.add(companyKey(row));
    await pause();
  }
  return found;
}

/**
 * Rows an import writes between two pauses: a few tens of milliseconds of work, so other requests
 * wait no longer. Each batch also costs a commit (a sync of the log) and the FTS5 index's flush: on
 * 10,000 rows, 125 per batch took about a quarter less CPU than 100, while 250 saved no more and held
 * other requests twice as long. A divisor of the progress step (csv-listeners.ts), as progress comes
 * per batch.
 */
const importBatchSize = 125;

/**
 * Writes imported profiles, listed at once, importBatchSize rows per transaction with `pause` between
 * batches, so the app acknowledges other requests meanwhile (a 10,000-row file written in one go held
 * the event loop for seconds). One transaction per batch, not one for the whole file: SQLite has one
 * connection here, and other requests' writes made while a long transaction pauses would land inside
 * it (and be lost with it). Rows are validated and deduplicated before the first batch, so an import
 * cut short by a crash is finished by posting the file again: the rows already written are reported
 * as duplicates and the rest are imported.
 */
export async function importSmes(
  db: Database,
  profiles: readonly SmeProfile[],
  bySlackId: string,
  now: Date,
  batches: { pause: () => Promise<void>; onProgress?: (written: number) => void } = { pause: async () => {} },
): Promise<number> {
  for (let start = 0; start < profiles.length; start += importBatchSize) {
    const batch = profiles.slice(start, start + importBatchSize);
    await bulkWriteTransaction(db, (tx) =>
      createSmesIn(
        tx,
        batch.map((profile) => ({ profile, status: "approved" as const, bySlackId, now, action: "sme.import" })),
      ),
    );
    batches.onProgress?.(start + batch.length);
    await batches.pause();
  }
  return profiles.length;
}
