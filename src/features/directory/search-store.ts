/**
 * The directory's full-text search on SQLite's FTS5 (the SmeSearch table, see the directory_search
 * migration): writing an SME's index row, and every search. The one file a PostgreSQL version
 * would replace.
 */

import { normalizeCompanyName } from "../../domain/text.js";
import type { BulkWriteTx, Database } from "../../platform/db/client.js";
import { insertMany } from "./bulk-insert.js";
import type { SmeRecord, SmeStatus } from "./profile.js";
import type { DirectoryQuery } from "./query.js";
import { type IndexedSme, searchExpressions, searchRow } from "./search-index.js";
import { getSmes } from "./sme-loading.js";

/** Replaces an SME's row in the index. */
export async function writeSearchRow(tx: BulkWriteTx, smeId: number, sme: IndexedSme): Promise<void> {
  await tx.execute(`DELETE FROM "SmeSearch" WHERE rowid = ?`, [smeId]);
  await insertSearchRows(tx, [{ id: smeId, sme }]);
}

export async function insertSearchRows(
  tx: BulkWriteTx,
  rows: readonly { id: number; sme: IndexedSme }[],
): Promise<void> {
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

/** Every SME a search matches, in result order, for exports (no paging). */
export async function searchAll(db: Database, query: DirectoryQuery): Promise<SmeRecord[]> {
  const { ids } = await searchDirectory(db, query, { offset: 0, limit: 1_000_000 });
  const records: SmeRecord[] = [];
  for (let i = 0; i < ids.length; i += 500) records.push(...(await getSmes(db, ids.slice(i, i + 500))));
  return records;
}
