/**
 * What the search index (SmeSearch) holds for an SME, and the expressions that query it: FTS5
 * MATCH expressions on SQLite, tsquery texts on PostgreSQL. Pure.
 *
 * Filters are facets: one token per filterable value in the `facets` column ("fmarketcn",
 * "ftrl7", "fstatusapproved"), so the full-text index intersects words and filters itself and
 * ranks only what passes. Words are only ever matched in the text columns, so they cannot hit a
 * facet (FTS5: column filters; PostgreSQL: words and facets are two tsvector columns).
 */

import { labelOf, sectors, seeks, stages } from "../../domain/taxonomy.js";
import type { SmeProfile, SmeStatus } from "./profile.js";
import type { DirectoryFilters, DirectoryQuery } from "./query.js";
import { toFtsQuery } from "./query.js";

export type IndexedSme = Pick<
  SmeProfile,
  "name" | "pitch" | "offer" | "sectors" | "stages" | "seeks" | "markets" | "country" | "cluster" | "trl"
> & { status: SmeStatus };

export function facet(kind: string, value: string | number): string {
  return `f${kind}${String(value)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}`;
}

/** The row of SmeSearch for an SME. */
export function searchRow(sme: IndexedSme): {
  name: string;
  pitch: string;
  offer: string;
  tags: string;
  facets: string;
} {
  const tags = [
    ...sme.sectors.map((key) => labelOf(sectors, key)),
    ...sme.stages.map((key) => labelOf(stages, key)),
    ...sme.seeks.map((key) => labelOf(seeks, key)),
  ].join(" · ");
  const facets = [
    facet("status", sme.status),
    facet("country", sme.country),
    facet("cluster", sme.cluster ?? "none"),
    facet("trl", sme.trl),
    ...sme.sectors.map((key) => facet("sector", key)),
    ...sme.stages.map((key) => facet("stage", key)),
    ...sme.seeks.map((key) => facet("seeks", key)),
    ...sme.markets.map((key) => facet("market", key)),
  ].join(" ");
  return { name: sme.name, pitch: sme.pitch, offer: sme.offer, tags, facets };
}

function trlRange(filters: DirectoryFilters): number[] {
  if (filters.trlMin === undefined && filters.trlMax === undefined) return [];
  const levels: number[] = [];
  for (let trl = filters.trlMin ?? 1; trl <= (filters.trlMax ?? 9); trl++) levels.push(trl);
  return levels;
}

/** The filters as groups of facet tokens: any token of a group, and every group. The status is always one. */
function facetGroups(filters: DirectoryFilters, statuses: readonly SmeStatus[]): string[][] {
  const group = (kind: string, values: readonly (string | number)[]) => values.map((value) => facet(kind, value));
  return [
    group("status", statuses),
    group("sector", filters.sectors),
    group("stage", filters.stages),
    group("seeks", filters.seeks),
    group("market", filters.markets),
    group("country", filters.countries),
    group("cluster", filters.clusters),
    group("trl", trlRange(filters)),
  ].filter((tokens) => tokens.length > 0);
}

/** The filters as one FTS5 expression; the status is always part of it. */
export function facetExpression(filters: DirectoryFilters, statuses: readonly SmeStatus[]): string {
  return facetGroups(filters, statuses)
    .map((tokens) => `facets : (${tokens.join(" OR ")})`)
    .join(" AND ");
}

export type SearchExpressions =
  | { kind: "filters"; filters: string }
  | {
      kind: "words";
      /** Everything that matches, for the count. */
      all: string;
      /**
       * The same matches split into tiers that rank one after the other: all words in the name,
       * then in name or pitch, then anywhere (offer, tags). Each tier excludes the ones before it.
       */
      tiers: string[];
    };

export function searchExpressions(query: DirectoryQuery, statuses: readonly SmeStatus[]): SearchExpressions {
  const filters = facetExpression(query.filters, statuses);
  const words = toFtsQuery(query.text);
  if (!words) return { kind: "filters", filters };
  const within = (columns: string) => `{${columns}} : (${words})`;
  const name = within("name");
  const prominent = within("name pitch");
  const anywhere = within("name pitch offer tags");
  return {
    kind: "words",
    all: `(${anywhere}) AND ${filters}`,
    tiers: [
      `(${name}) AND ${filters}`,
      `((${prominent}) NOT (${name})) AND ${filters}`,
      `((${anywhere}) NOT (${prominent})) AND ${filters}`,
    ],
  };
}

/**
 * Which PostgreSQL weights (setweight labels of the `terms` tsvector, see the PostgreSQL
 * directory_search migration) hold which columns: name A, pitch B, offer C, tags D.
 */
const nameWeight = "A";
const prominentWeights = "AB";

/**
 * How the PostgreSQL index stores a facet token: with a leading "=" (the migration adds it), so
 * that no search word, which is letters and digits, can prefix-match a facet.
 */
export const tsFacet = (token: string) => `'=${token}'`;

/** The same search as searchExpressions, as tsquery texts for PostgreSQL. */
export type TsSearchQueries =
  | { kind: "filters"; facets: string }
  | {
      kind: "words";
      /** What the filters let through, as a tsquery of facet lexemes (read verbatim: CAST(… AS tsquery)). */
      facets: string;
      /** The words, for to_tsquery('simple', …): everything that matches, for the count and the ranking. */
      all: string;
      /** The tiers of searchExpressions: all words in the name, then in name or pitch, then anywhere. */
      tiers: string[];
    };

/** Every word required and prefix-matched, within the given weights (all of them when empty). */
function tsWords(words: readonly string[], weights: string): string {
  return `(${words.map((word) => `${word}:*${weights}`).join(" & ")})`;
}

/**
 * The tsquery texts for a search. `words` must come from searchWords (letters and digits only),
 * after the database folded their accents: then no word can carry tsquery syntax.
 */
export function tsSearchQueries(
  words: readonly string[],
  filters: DirectoryFilters,
  statuses: readonly SmeStatus[],
): TsSearchQueries {
  const facets = facetGroups(filters, statuses)
    .map((tokens) => `(${tokens.map(tsFacet).join(" | ")})`)
    .join(" & ");
  // A guard, not a cleaner: searchWords already keeps only such words.
  const safeWords = words.filter((word) => /^[\p{L}\p{N}]+$/u.test(word));
  if (safeWords.length === 0) return { kind: "filters", facets };
  const name = tsWords(safeWords, nameWeight);
  const prominent = tsWords(safeWords, prominentWeights);
  const anywhere = tsWords(safeWords, "");
  return {
    kind: "words",
    facets,
    all: anywhere,
    tiers: [name, `${prominent} & !${name}`, `${anywhere} & !${prominent}`],
  };
}
