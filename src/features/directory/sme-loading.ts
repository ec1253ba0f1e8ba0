/**
 * Loading SMEs by id in one query (the Sme columns, the cluster's key and the tags as JSON): every
 * read of whole profiles goes through here.
 */

import { type CountryCode, exportExperience, type MarketKey, sizeBands } from "../../domain/taxonomy.js";
import {
  type BulkWriteTx,
  type Database,
  type Dialect,
  dialectOf,
  numberedPlaceholders,
} from "../../platform/db/client.js";
import { parseJson } from "../../platform/json.js";
import {
  type ProposedChange,
  proposedChangeSchema,
  type SmeProfile,
  type SmeRecord,
  type SmeStatus,
} from "./profile.js";

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

/** The tags of an SME as a JSON array of [kind, value] pairs, in each database's own JSON functions. */
const tagsJson: Record<Dialect, string> = {
  sqlite: `SELECT json_group_array(json_array(t."kind", t."value")) FROM "SmeTag" t WHERE t."smeId" = s."id"`,
  // json_agg of no rows is NULL, where SQLite's json_group_array gives [].
  postgresql: `SELECT CAST(coalesce(json_agg(json_build_array(t."kind", t."value")), '[]') AS text) FROM "SmeTag" t WHERE t."smeId" = s."id"`,
};

// One query instead of Prisma's include (three queries and much mapping): search results load a
// page of SMEs on every /sme find, and this halves the work after the ack.
const loadSql = (dialect: Dialect, count: number) => {
  const sql = `
  SELECT s."id", s."name", s."country", c."key" AS "clusterKey", s."website", s."pitch", s."offer", s."sizeBand",
         s."foundedYear", s."trl", s."exportExperience", s."contactSlackUserId", s."contactEmail", s."status",
         s."reviewNote", s."proposedChange", s."createdBySlackId", s."consentAt", s."createdAt", s."updatedAt",
         (${tagsJson[dialect]}) AS "tags"
  FROM "Sme" s LEFT JOIN "Cluster" c ON c."id" = s."clusterId"
  WHERE s."id" IN (${Array.from({ length: count }, () => "?").join(",")})`;
  return dialect === "postgresql" ? numberedPlaceholders(sql) : sql;
};

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

export async function getSme(db: Database, id: number): Promise<SmeRecord | null> {
  return (await getSmes(db, [id]))[0] ?? null;
}

/** SMEs by id, in the order of `ids` (missing ids are skipped). */
export async function getSmes(db: Database, ids: readonly number[]): Promise<SmeRecord[]> {
  return loadSmes(db, ids);
}

/** SMEs by id from a Database, or inside a bulk write's transaction (seeing its writes). */
export async function loadSmes(from: Database | BulkWriteTx, ids: readonly number[]): Promise<SmeRecord[]> {
  if (ids.length === 0) return [];
  const [client, dialect] = "prisma" in from ? [from.prisma, from.dialect] : [from, dialectOf(from)];
  const rows = await client.$queryRawUnsafe<SmeRow[]>(loadSql(dialect, ids.length), ...ids);
  const byId = new Map(rows.map((row) => [Number(row.id), toRecord(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
