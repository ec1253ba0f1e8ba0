/**
 * Reads and writes of the SME directory. Every write of an SME goes through here, so its tags and
 * its row in the FTS5 index (SmeSearch, see the directory_search migration) stay in step with it,
 * in one transaction.
 */
import { Prisma } from "../../generated/prisma/client.js";
import type { Database } from "../../platform/db/client.js";
import { parseJson } from "../../platform/json.js";
import {
  normalizeCompanyName,
  type ProposedChange,
  proposedChangeSchema,
  type SmeProfile,
  type SmeStatus,
} from "./profile.js";
import type { DirectoryQuery } from "./query.js";
import { type IndexedSme, searchExpressions, searchRow } from "./search-index.js";
import { type CountryCode, exportExperience, type MarketKey, sizeBands } from "./taxonomy.js";

export type { SmeStatus } from "./profile.js";

/** A profile as stored, with its place in the workflow. */
export type SmeRecord = SmeProfile & {
  id: number;
  status: SmeStatus;
  reviewNote: string | null;
  /** The SME's change to its listed name, pitch, offer or website, waiting for review. */
  proposedChange?: ProposedChange | null | undefined;
  createdBySlackId: string | null;
  consentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

type Tx = Prisma.TransactionClient;

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

async function writeSearchRow(tx: Tx, smeId: number, sme: IndexedSme): Promise<void> {
  await tx.$executeRawUnsafe(`DELETE FROM "SmeSearch" WHERE rowid = ?`, smeId);
  await insertSearchRows(tx, [{ id: smeId, sme }]);
}

async function insertSearchRows(tx: Tx, rows: readonly { id: number; sme: IndexedSme }[]): Promise<void> {
  await insertMany(
    tx,
    "SmeSearch",
    ["rowid", "name", "pitch", "offer", "tags", "facets"],
    rows.map(({ id, sme }) => {
      const row = searchRow(sme);
      return [id, row.name, row.pitch, row.offer, row.tags, row.facets];
    }),
  );
}

/** Bound parameters per statement, under SQLite's limit (32,766). */
const maxParameters = 10_000;

/**
 * Multi-row INSERTs of `rows` (values in the order of `columns`): for thousands of rows one
 * statement per few thousand values is many times faster than Prisma's createMany, which builds and
 * checks every row in JavaScript. With `returning`, gives back that column of the inserted rows.
 */
async function insertMany(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  returning?: string,
): Promise<unknown[]> {
  const perStatement = Math.floor(maxParameters / columns.length);
  const returned: unknown[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const placeholders = `(${columns.map(() => "?").join(", ")})`;
    const sql = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES ${chunk.map(() => placeholders).join(", ")}`;
    if (returning) {
      const inserted = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
        `${sql} RETURNING "${returning}"`,
        ...chunk.flat(),
      );
      returned.push(...inserted.map((row) => row[returning]));
    } else {
      await tx.$executeRawUnsafe(sql, ...chunk.flat());
    }
  }
  return returned;
}

/** Rewrites an SME's index row from what is stored (after a status change, say). */
async function reindexSme(tx: Tx, smeId: number): Promise<void> {
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
  const [id] = await db.$transaction(async (tx) => createSmesIn(tx, [input]));
  return getSme(db, id ?? 0) as Promise<SmeRecord>;
}

/**
 * Writes SMEs with their tags, search rows and audit entries, in batches: the body of createSme,
 * for callers that write many in one transaction (CSV import, benchmarks). Returns the new ids in
 * the order of `inputs`.
 */
export async function createSmesIn(tx: Tx, inputs: readonly CreateSmeInput[]): Promise<number[]> {
  const first = inputs[0];
  if (!first) return [];
  const clusters = await clusterIds(tx);
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
    await tx.person.upsert({
      where: { slackUserId: sme.memberSlackId ?? "" },
      create: { slackUserId: sme.memberSlackId ?? "", role: "sme", smeId: sme.id },
      update: { smeId: sme.id },
    });
  }
  await insertMany(
    tx,
    "AuditLog",
    ["at", "actorSlackId", "action", "entityType", "entityId", "details"],
    written.map((sme) => [
      writtenAt,
      sme.bySlackId,
      sme.action ?? "sme.create",
      "sme",
      String(sme.id),
      JSON.stringify({ name: sme.profile.name, status: sme.status }),
    ]),
  );
  return ids;
}

/** Field names whose values differ, for the audit log ("which fields"); lists are compared as sets. */
export function changedFields(before: SmeProfile, after: SmeProfile): (keyof SmeProfile)[] {
  const comparable = (value: unknown) => JSON.stringify(Array.isArray(value) ? [...value].sort() : value);
  return (Object.keys(after) as (keyof SmeProfile)[]).filter(
    (field) => comparable(before[field]) !== comparable(after[field]),
  );
}

export async function updateSme(
  db: Database,
  input: { id: number; profile: SmeProfile; bySlackId: string; status?: SmeStatus },
): Promise<{ record: SmeRecord; changed: (keyof SmeProfile)[] }> {
  const before = await getSme(db, input.id);
  if (!before) throw new Error(`SME ${input.id} does not exist`);
  const changed = changedFields(before, input.profile);
  if (changed.length === 0 && (input.status ?? before.status) === before.status) return { record: before, changed };
  await db.$transaction(async (tx) => {
    await tx.sme.update({
      where: { id: input.id },
      data: {
        ...columns(input.profile),
        clusterId: input.profile.cluster ? ((await clusterIds(tx)).get(input.profile.cluster) ?? null) : null,
        ...(input.status ? { status: input.status } : {}),
      },
    });
    await tx.smeTag.deleteMany({ where: { smeId: input.id } });
    await tx.smeTag.createMany({ data: tagRows(input.id, input.profile) });
    await writeSearchRow(tx, input.id, { ...input.profile, status: input.status ?? before.status });
    await tx.auditLog.create({
      data: {
        actorSlackId: input.bySlackId,
        action: "sme.edit",
        entityType: "sme",
        entityId: String(input.id),
        details: {
          fields: changed,
          ...(input.status && input.status !== before.status ? { status: input.status } : {}),
        },
      },
    });
  });
  return { record: (await getSme(db, input.id)) as SmeRecord, changed };
}

/**
 * Moves an SME through the review workflow, only from the status the caller saw, so a double click
 * or two reviewers at once change it once. Returns false when it had already moved.
 */
export async function reviewSme(
  db: Database,
  input: { id: number; from: SmeStatus; to: SmeStatus; bySlackId: string; note: string | null },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.sme.updateMany({
      where: { id: input.id, status: input.from },
      data: { status: input.to, reviewNote: input.note },
    });
    if (count === 0) return false;
    await reindexSme(tx, input.id);
    await tx.auditLog.create({
      data: {
        actorSlackId: input.bySlackId,
        action: `sme.review.${input.to}`,
        entityType: "sme",
        entityId: String(input.id),
        details: { from: input.from, to: input.to, note: input.note },
      },
    });
    return true;
  });
}

/** A row of the one query that loads SMEs: the Sme columns, the cluster's key and the tags as JSON. */
type SmeRow = {
  id: number | bigint;
  name: string;
  country: string;
  clusterKey: string | null;
  website: string | null;
  pitch: string;
  offer: string;
  sizeBand: string | null;
  foundedYear: number | bigint | null;
  trl: number | bigint | null;
  exportExperience: string | null;
  contactSlackUserId: string | null;
  contactEmail: string | null;
  status: SmeStatus;
  reviewNote: string | null;
  proposedChange: unknown;
  createdBySlackId: string | null;
  consentAt: string | Date | null;
  createdAt: string | Date;
  updatedAt: string | Date;
  tags: string;
};

// One query instead of Prisma's include (three queries and much mapping): search results load a
// page of SMEs on every /sme find, and this halves the work after the ack.
const loadSql = (count: number) => `
  SELECT s."id", s."name", s."country", c."key" AS "clusterKey", s."website", s."pitch", s."offer", s."sizeBand",
         s."foundedYear", s."trl", s."exportExperience", s."contactSlackUserId", s."contactEmail", s."status",
         s."reviewNote", s."proposedChange", s."createdBySlackId", s."consentAt", s."createdAt", s."updatedAt",
         (SELECT json_group_array(json_array(t."kind", t."value")) FROM "SmeTag" t WHERE t."smeId" = s."id") AS "tags"
  FROM "Sme" s LEFT JOIN "Cluster" c ON c."id" = s."clusterId"
  WHERE s."id" IN (${Array.from({ length: count }, () => "?").join(",")})`;

const asDate = (value: string | Date | null): Date | null => (value === null ? null : new Date(value));

function toRecord(row: SmeRow): SmeRecord {
  const pairs = JSON.parse(row.tags) as [string, string][];
  const tags = (kind: string) => pairs.filter(([k]) => k === kind).map(([, value]) => value);
  return {
    id: Number(row.id),
    name: row.name,
    country: row.country as CountryCode,
    cluster: row.clusterKey as SmeProfile["cluster"],
    website: row.website,
    pitch: row.pitch,
    offer: row.offer,
    sectors: tags("sector") as SmeProfile["sectors"],
    stages: tags("stage") as SmeProfile["stages"],
    seeks: tags("seeks") as SmeProfile["seeks"],
    markets: tags("market") as MarketKey[],
    sizeBand: (row.sizeBand ?? sizeBands[0].key) as SmeProfile["sizeBand"],
    foundedYear: Number(row.foundedYear ?? 0),
    trl: Number(row.trl ?? 0),
    certifications: tags("certification") as SmeProfile["certifications"],
    exportExperience: (row.exportExperience ?? exportExperience[0].key) as SmeProfile["exportExperience"],
    contactSlackUserId: row.contactSlackUserId,
    contactEmail: row.contactEmail ?? "",
    consent: true,
    status: row.status,
    reviewNote: row.reviewNote,
    proposedChange: readProposedChange(row.proposedChange),
    createdBySlackId: row.createdBySlackId,
    consentAt: asDate(row.consentAt),
    createdAt: asDate(row.createdAt) ?? new Date(0),
    updatedAt: asDate(row.updatedAt) ?? new Date(0),
  };
}

/** The stored JSON, checked: a change that does not read as one is no change. */
function readProposedChange(stored: unknown): ProposedChange | null {
  if (stored === null || stored === undefined) return null;
  const parsed = proposedChangeSchema.safeParse(typeof stored === "string" ? parseJson(stored) : stored);
  return parsed.success ? parsed.data : null;
}

/** Keeps an SME's change to its listed profile for review (null withdraws it). */
export async function proposeChange(
  db: Database,
  input: { id: number; change: ProposedChange | null; fields: readonly string[] },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.sme.update({
      where: { id: input.id },
      data: { proposedChange: input.change === null ? Prisma.DbNull : input.change },
    });
    if (input.change) {
      await tx.auditLog.create({
        data: {
          actorSlackId: input.change.bySlackId,
          action: "sme.change.proposed",
          entityType: "sme",
          entityId: String(input.id),
          details: { fields: [...input.fields] },
        },
      });
    }
  });
}

/**
 * Approves (the listed profile takes the proposed values) or rejects an SME's proposed change, once:
 * returns the change decided, or null when there was none left (already decided).
 */
export async function decideProposedChange(
  db: Database,
  input: { id: number; approve: boolean; bySlackId: string },
): Promise<ProposedChange | null> {
  return db.$transaction(async (tx) => {
    const [record] = await loadSmes(tx, [input.id]);
    const change = record?.proposedChange;
    if (!record || !change) return null;
    const { count } = await tx.sme.updateMany({
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
    await tx.auditLog.create({
      data: {
        actorSlackId: input.bySlackId,
        action: input.approve ? "sme.change.approved" : "sme.change.rejected",
        entityType: "sme",
        entityId: String(input.id),
        details: { from: { name: record.name }, to: { name: change.name } },
      },
    });
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

export async function getSme(db: Database, id: number): Promise<SmeRecord | null> {
  return (await getSmes(db, [id]))[0] ?? null;
}

/** SMEs by id, in the order of `ids` (missing ids are skipped). */
export async function getSmes(db: Database, ids: readonly number[]): Promise<SmeRecord[]> {
  return loadSmes(db, ids);
}

async function loadSmes(db: Database | Tx, ids: readonly number[]): Promise<SmeRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRawUnsafe<SmeRow[]>(loadSql(ids.length), ...ids);
  const byId = new Map(rows.map((row) => [Number(row.id), toRecord(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Who speaks for an SME in Slack: its contact person first, then its members. A contact who speaks
 * for another company is left out: a person belongs to one SME.
 */
export async function peopleOfSme(db: Database, sme: Pick<SmeRecord, "id" | "contactSlackUserId">): Promise<string[]> {
  const members = await db.person.findMany({
    where: { smeId: sme.id },
    select: { slackUserId: true },
    orderBy: { id: "asc" },
  });
  const contact = sme.contactSlackUserId && !(await otherCompanyOf(db, sme.contactSlackUserId, sme.id));
  const ids = [contact ? sme.contactSlackUserId : null, ...members.map((m) => m.slackUserId)];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** The company a person speaks for, when it is not `smeId`: they cannot speak for `smeId` too. */
export async function otherCompanyOf(
  db: Database,
  slackUserId: string,
  smeId: number | undefined,
): Promise<{ id: number; name: string } | null> {
  const person = await db.person.findUnique({
    where: { slackUserId },
    select: { sme: { select: { id: true, name: true } } },
  });
  return person?.sme && person.sme.id !== smeId ? person.sme : null;
}

/**
 * Makes a person speak for an SME when they speak for none yet (an SME member from then on). It never
 * moves someone from another company: that is a decision for staff, not a side effect.
 */
export async function linkToSme(
  db: Database,
  slackUserId: string,
  smeId: number,
): Promise<{ linked: true } | { linked: false; otherCompany: { id: number; name: string } }> {
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { slackUserId }, select: { sme: true } });
    if (person?.sme && person.sme.id !== smeId) {
      return { linked: false, otherCompany: { id: person.sme.id, name: person.sme.name } };
    }
    await tx.person.upsert({
      where: { slackUserId },
      create: { slackUserId, role: "sme", smeId },
      update: { smeId },
    });
    return { linked: true };
  });
}

/** The SME a person speaks for, if any. */
export async function smeOfMember(db: Database, slackUserId: string): Promise<SmeRecord | null> {
  const person = await db.person.findUnique({ where: { slackUserId }, select: { smeId: true } });
  return person?.smeId ? getSme(db, person.smeId) : null;
}

/** Counting stops here: beyond it people see "1000+", and a broad search stays as fast as a narrow one. */
export const countCap = 1000;

/** One page of results; `total` is exact up to countCap, and `totalIsAtLeast` says when it was cut. */
export type SearchPage = { total: number; totalIsAtLeast: boolean; ids: number[] };

type IdRow = { id: number | bigint };
type CountRow = { n: number | bigint };

/** Weights of name, pitch, offer, tags and facets in the BM25 score (lower scores rank first). */
const bm25 = `bm25("SmeSearch", 10.0, 5.0, 2.0, 1.0, 0.0)`;

/**
 * A tier with more matches than this lists them newest first: ranking thousands of profiles that
 * all mention "building" costs more than it tells.
 */
const rankLimit = countCap;

async function countMatches(db: Database, match: string, cap: number): Promise<number> {
  const rows = await db.$queryRawUnsafe<CountRow[]>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM "SmeSearch" WHERE "SmeSearch" MATCH ? LIMIT ?)`,
    match,
    cap,
  );
  return Number(rows[0]?.n ?? 0);
}

async function matchIds(db: Database, match: string, order: "rank" | "newest", limit: number, offset: number) {
  const rows = await db.$queryRawUnsafe<IdRow[]>(
    `SELECT rowid AS id FROM "SmeSearch" WHERE "SmeSearch" MATCH ? ORDER BY ${order === "rank" ? bm25 : "rowid DESC"} LIMIT ? OFFSET ?`,
    match,
    limit,
    offset,
  );
  return rows.map((row) => Number(row.id));
}

/**
 * The directory search: words ranked by BM25 (name weighs most, then pitch, offer, tags) with
 * filters; when a search matches more than rankLimit profiles, name matches come first, then pitch,
 * then the rest, so that no more than rankLimit are ever ranked. Filters alone list newest first. Returns one page of ids and the total (capped).
 * FTS5 does the work (see search-index.ts): words and filters meet in one MATCH.
 */
export async function searchDirectory(
  db: Database,
  query: DirectoryQuery,
  page: { offset: number; limit: number },
  statuses: readonly SmeStatus[] = ["approved"],
): Promise<SearchPage> {
  const expressions = searchExpressions(query, statuses);
  const match = expressions.kind === "filters" ? expressions.filters : expressions.all;
  const n = await countMatches(db, match, countCap + 1);
  const total = { total: Math.min(n, countCap), totalIsAtLeast: n > countCap };
  if (n === 0) return { ...total, ids: [] };
  if (expressions.kind === "filters") {
    return { ...total, ids: await matchIds(db, match, "newest", page.limit, page.offset) };
  }
  if (n <= rankLimit) return { ...total, ids: await matchIds(db, match, "rank", page.limit, page.offset) };
  // Many matches: walk the tiers (name, then pitch, then the rest), each ranked while it is small
  // enough, skipping whole tiers that lie before the page.
  const ids: number[] = [];
  let skip = page.offset;
  for (const tier of expressions.tiers) {
    const want = page.limit - ids.length;
    if (want === 0) break;
    const size = await countMatches(db, tier, Math.max(skip + want, rankLimit) + 1);
    if (skip >= size) {
      skip -= size;
      continue;
    }
    ids.push(...(await matchIds(db, tier, size > rankLimit ? "newest" : "rank", want, skip)));
    skip = 0;
  }
  return { ...total, ids };
}

/** Looks an SME up by name as people type it: the exact (normalised) name first, then the best search hits. */
export async function findSmesByName(
  db: Database,
  name: string,
  statuses: readonly SmeStatus[],
  limit = 5,
): Promise<number[]> {
  const exact = await db.sme.findMany({
    where: { normalizedName: normalizeCompanyName(name), status: { in: [...statuses] } },
    select: { id: true },
    take: limit,
  });
  if (exact.length > 0) return exact.map((row) => row.id);
  const hits = await searchDirectory(
    db,
    { text: name, filters: { sectors: [], countries: [], clusters: [], markets: [], stages: [], seeks: [] } },
    { offset: 0, limit },
    statuses,
  );
  return hits.ids;
}

export type DirectoryCounts = {
  byStatus: Record<SmeStatus, number>;
  byCluster: { key: string | null; count: number }[];
  bySector: { key: string; count: number }[];
};

/** Figures for the staff App Home. */
export async function directoryCounts(db: Database): Promise<DirectoryCounts> {
  const statuses = await db.sme.groupBy({ by: ["status"], _count: { _all: true } });
  const byStatus: Record<SmeStatus, number> = { draft: 0, pending: 0, approved: 0, archived: 0 };
  for (const row of statuses) byStatus[row.status] = row._count._all;
  const clusterRows = await db.$queryRawUnsafe<{ key: string | null; count: number | bigint }[]>(
    `SELECT c."key" AS key, count(*) AS count FROM "Sme" s LEFT JOIN "Cluster" c ON c."id" = s."clusterId"
     WHERE s."status" = 'approved' GROUP BY c."key" ORDER BY count(*) DESC`,
  );
  const sectorRows = await db.$queryRawUnsafe<{ key: string; count: number | bigint }[]>(
    `SELECT t."value" AS key, count(*) AS count FROM "SmeTag" t JOIN "Sme" s ON s."id" = t."smeId"
     WHERE t."kind" = 'sector' AND s."status" = 'approved' GROUP BY t."value" ORDER BY count(*) DESC`,
  );
  return {
    byStatus,
    byCluster: clusterRows.map((row) => ({ key: row.key, count: Number(row.count) })),
    bySector: sectorRows.map((row) => ({ key: row.key, count: Number(row.count) })),
  };
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
 * Who may review an SME: admins, and its cluster's staff; when its cluster has no staff (or it has
 * no cluster), every staff member. `clusterStaff` is empty in that case.
 */
export async function reviewRights(
  db: Database,
  clusterKey: string | null,
  admins: readonly string[],
): Promise<{ reviewers: Set<string>; clusterStaff: string[] }> {
  const clusterStaff = clusterKey
    ? (
        await db.person.findMany({
          where: { role: "staff", cluster: { key: clusterKey } },
          select: { slackUserId: true },
          orderBy: { id: "asc" },
        })
      ).map((person) => person.slackUserId)
    : [];
  const everyone = await db.person.findMany({
    where: { role: clusterStaff.length > 0 ? "admin" : { in: ["staff", "admin"] } },
    select: { slackUserId: true },
  });
  return {
    reviewers: new Set([...admins, ...clusterStaff, ...everyone.map((person) => person.slackUserId)]),
    clusterStaff,
  };
}

/** Staff who review a cluster's SMEs: its staff, or every admin and staff member when it has none. */
export async function reviewersFor(
  db: Database,
  clusterKey: string | null,
  admins: readonly string[],
): Promise<string[]> {
  const ofCluster = clusterKey
    ? await db.person.findMany({
        where: { role: "staff", cluster: { key: clusterKey } },
        select: { slackUserId: true },
      })
    : [];
  if (ofCluster.length > 0) return ofCluster.map((person) => person.slackUserId);
  const everyone = await db.person.findMany({
    where: { role: { in: ["staff", "admin"] } },
    select: { slackUserId: true },
  });
  return [...new Set([...admins, ...everyone.map((person) => person.slackUserId)])];
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
    const rows = await db.sme.findMany({
      where: { normalizedName: { in: names.slice(i, i + 500) } },
      select: { normalizedName: true, country: true },
    });
    for (const row of rows) found.add(`${row.normalizedName}|${row.country}`);
    await pause();
  }
  return found;
}

export function companyKey(profile: Pick<SmeProfile, "name" | "country">): string {
  return `${normalizeCompanyName(profile.name)}|${profile.country}`;
}

/** Rows an import writes between two pauses: about 20 ms of work, so other requests wait no longer. */
const importBatchSize = 100;

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
    await db.$transaction((tx) =>
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

/** Every SME a search matches, in result order, for exports (no paging). */
export async function searchAll(db: Database, query: DirectoryQuery): Promise<SmeRecord[]> {
  const { ids } = await searchDirectory(db, query, { offset: 0, limit: 1_000_000 });
  const records: SmeRecord[] = [];
  for (let i = 0; i < ids.length; i += 500) records.push(...(await getSmes(db, ids.slice(i, i + 500))));
  return records;
}
