/**
 * The directory's full-text search: writing an SME's index row, and every search. Callers do not
 * know which database they talk to: on SQLite the index is FTS5 (the SmeSearch virtual table, see
 * prisma/migrations/…_directory_search), on PostgreSQL a table with weighted tsvector columns and
 * GIN indexes (prisma/postgres/…_directory_search). Both are reached through a SearchIndex below.
 */

import { normalizeCompanyName } from "../../domain/text.js";
import { type BulkWriteTx, type Database, type Dialect, dialectOf } from "../../platform/db/client.js";
import { insertMany } from "./bulk-insert.js";
import type { SmeRecord, SmeStatus } from "./profile.js";
import { type DirectoryQuery, searchWords } from "./query.js";
import { type IndexedSme, searchExpressions, searchRow, tsSearchQueries } from "./search-index.js";
import { getSmes } from "./sme-loading.js";

/** The column that holds the SME's id in each database's SmeSearch. */
const searchRowId: Record<Dialect, string> = { sqlite: "rowid", postgresql: "smeId" };

/** Replaces an SME's row in the index. */
export async function writeSearchRow(tx: BulkWriteTx, smeId: number, sme: IndexedSme): Promise<void> {
  await tx.execute(`DELETE FROM "SmeSearch" WHERE "${searchRowId[tx.dialect]}" = ?`, [smeId]);
  await insertSearchRows(tx, [{ id: smeId, sme }]);
}

export async function insertSearchRows(
  tx: BulkWriteTx,
  rows: readonly { id: number; sme: IndexedSme }[],
): Promise<void> {
  // FTS5 keys its rows by rowid; PostgreSQL's table has an smeId, and generates its tsvector.
  await insertMany(
    tx,
    "SmeSearch",
    [searchRowId[tx.dialect], "name", "pitch", "offer", "tags", "facets"],
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

/**
 * A search as one database's index runs it: what to match for filters alone, or for words (all
 * of them, and the tiers of searchExpressions), and how to count and list what a match finds.
 */
type SearchPlan<Match> = { kind: "filters"; filters: Match } | { kind: "words"; all: Match; tiers: Match[] };

type SearchIndex<Match> = {
  plan(query: DirectoryQuery, statuses: readonly SmeStatus[]): Promise<SearchPlan<Match>>;
  /** How many rows match, counting no further than `cap`. */
  count(match: Match, cap: number): Promise<number>;
  /** A page of ids, best first ("rank") or newest first. */
  ids(match: Match, order: "rank" | "newest", limit: number, offset: number): Promise<number[]>;
};

/** Weights of name, pitch, offer, tags and facets in the BM25 score (lower scores rank first). */
const bm25 = `bm25("SmeSearch", 10.0, 5.0, 2.0, 1.0, 0.0)`;

/** FTS5: one MATCH expression holds words and facets (search-index.ts). */
function fts5Index(db: Database): SearchIndex<string> {
  return {
    plan: async (query, statuses) => {
      const expressions = searchExpressions(query, statuses);
      return expressions.kind === "filters"
        ? expressions
        : { kind: "words", all: expressions.all, tiers: expressions.tiers };
    },
    count: async (match, cap) => {
      const rows = await db.$queryRawUnsafe<CountRow[]>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM "SmeSearch" WHERE "SmeSearch" MATCH ? LIMIT ?)`,
        match,
        cap,
      );
      return Number(rows[0]?.n ?? 0);
    },
    ids: async (match, order, limit, offset) => {
      const rows = await db.$queryRawUnsafe<IdRow[]>(
        `SELECT rowid AS id FROM "SmeSearch" WHERE "SmeSearch" MATCH ? ORDER BY ${order === "rank" ? bm25 : "rowid DESC"} LIMIT ? OFFSET ?`,
        match,
        limit,
        offset,
      );
      return rows.map((row) => Number(row.id));
    },
  };
}

/** PostgreSQL: a tsquery of facet lexemes, and one of words when there are words (search-index.ts). */
type TsMatch = { facets: string; words?: string };

/**
 * ts_rank_cd's weights for the labels D, C, B, A (tags, offer, pitch, name): 1 : 2 : 5 : 10, the
 * BM25 weights of FTS5. Normalisation 1 divides by the log of the document's length, so a long
 * profile does not win by repeating a word.
 */
const tsRank = `ts_rank_cd('{0.1, 0.2, 0.5, 1.0}', "terms", to_tsquery('simple', $2), 1)`;

function tsvectorIndex(db: Database): SearchIndex<TsMatch> {
  // $1 is always the facets (lexemes as stored, so a cast, not the parser), $2 the words. Words
  // the text parser reads as no lexeme at all give an empty tsquery, which && would drop: such a
  // search matches nothing rather than everything.
  const where = (match: TsMatch) =>
    match.words === undefined
      ? `"terms" @@ CAST($1 AS tsquery)`
      : `"terms" @@ (CAST($1 AS tsquery) && to_tsquery('simple', $2)) AND numnode(to_tsquery('simple', $2)) > 0`;
  const args = (match: TsMatch) => (match.words === undefined ? [match.facets] : [match.facets, match.words]);
  return {
    plan: async (query, statuses) => {
      const words = await foldAccents(db, searchWords(query.text));
      const queries = tsSearchQueries(words, query.filters, statuses);
      if (queries.kind === "filters") return { kind: "filters", filters: { facets: queries.facets } };
      return {
        kind: "words",
        all: { facets: queries.facets, words: queries.all },
        tiers: queries.tiers.map((tier) => ({ facets: queries.facets, words: tier })),
      };
    },
    count: async (match, cap) => {
      const next = args(match).length + 1;
      const rows = await db.$queryRawUnsafe<CountRow[]>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM "SmeSearch" WHERE ${where(match)} LIMIT $${next}) AS matched`,
        ...args(match),
        cap,
      );
      return Number(rows[0]?.n ?? 0);
    },
    ids: async (match, order, limit, offset) => {
      const next = args(match).length + 1;
      // Equal ranks list oldest first, as FTS5 does.
      const orderBy = order === "rank" && match.words !== undefined ? `${tsRank} DESC, "smeId"` : `"smeId" DESC`;
      const rows = await db.$queryRawUnsafe<IdRow[]>(
        `SELECT "smeId" AS id FROM "SmeSearch" WHERE ${where(match)} ORDER BY ${orderBy} LIMIT $${next} OFFSET $${next + 1}`,
        ...args(match),
        limit,
        offset,
      );
      return rows.map((row) => Number(row.id));
    },
  };
}

/**
 * The words with their accents folded by the database's own unaccent (the one that built the
 * index: "Énergie" → "energie", "Straße" → "strasse"), then split again into letters and digits,
 * since a few letters fold into punctuation ("aʼb" → "a'b" → a, b). A word that folds into nothing
 * but punctuation ("ʼ") stays as it was: it then matches nothing, rather than dropping out and
 * widening the search. Plain ASCII needs no trip to the database.
 */
async function foldAccents(db: Database, words: readonly string[]): Promise<string[]> {
  if (words.every((word) => /^[a-z0-9]+$/.test(word))) return [...words];
  // One word per line: unaccent never folds a letter into a line break.
  const rows = await db.$queryRawUnsafe<{ folded: string }[]>(
    `SELECT directory_unaccent($1) AS folded`,
    words.join("\n"),
  );
  const folded = (rows[0]?.folded ?? "").split("\n");
  return words.flatMap((word, index) => {
    const parts = searchWords(folded[index] ?? "");
    return parts.length > 0 ? parts : [word];
  });
}

/**
 * A tier with more matches than this lists them newest first: ranking thousands of profiles that
 * all mention "building" costs more than it tells.
 */
const rankLimit = countCap;

/**
 * The directory search: words ranked (name weighs most, then pitch, offer, tags) with filters;
 * when a search matches more than rankLimit profiles, name matches come first, then pitch, then
 * the rest, so that no more than rankLimit are ever ranked. Filters alone list newest first.
 * Returns one page of ids and the total (capped). The full-text index does the work (see
 * search-index.ts): words and filters meet in one indexed match.
 */
export async function searchDirectory(
  db: Database,
  query: DirectoryQuery,
  page: { offset: number; limit: number },
  statuses: readonly SmeStatus[] = ["approved"],
): Promise<SearchPage> {
  return dialectOf(db) === "postgresql"
    ? search(tsvectorIndex(db), query, page, statuses)
    : search(fts5Index(db), query, page, statuses);
}

async function search<Match>(
  index: SearchIndex<Match>,
  query: DirectoryQuery,
  page: { offset: number; limit: number },
  statuses: readonly SmeStatus[],
): Promise<SearchPage> {
  const plan = await index.plan(query, statuses);
  const match = plan.kind === "filters" ? plan.filters : plan.all;
  const n = await index.count(match, countCap + 1);
  const total = { total: Math.min(n, countCap), totalIsAtLeast: n > countCap };
  if (n === 0) return { ...total, ids: [] };
  if (plan.kind === "filters") {
    return { ...total, ids: await index.ids(match, "newest", page.limit, page.offset) };
  }
  if (n <= rankLimit) return { ...total, ids: await index.ids(match, "rank", page.limit, page.offset) };
  // Many matches: walk the tiers (name, then pitch, then the rest), each ranked while it is small
  // enough, skipping whole tiers that lie before the page.
  const ids: number[] = [];
  let skip = page.offset;
  for (const tier of plan.tiers) {
    const want = page.limit - ids.length;
    if (want === 0) break;
    const size = await index.count(tier, Math.max(skip + want, rankLimit) + 1);
    if (skip >= size) {
      skip -= size;
      continue;
    }
    ids.push(...(await index.ids(tier, size > rankLimit ? "newest" : "rank", want, skip)));
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
