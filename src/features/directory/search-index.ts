/**
 * What the FTS5 index (SmeSearch) holds for an SME, and the MATCH expressions that query it. Pure.
 *
 * Filters are facets: one token per filterable value in the `facets` column ("fmarketcn",
 * "ftrl7", "fstatusapproved"), so FTS5 intersects words and filters itself, in C, and ranks only
 * what passes. Words are only ever matched in the text columns, so they cannot hit a facet.
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

function anyOf(kind: string, values: readonly (string | number)[]): string | undefined {
  return values.length === 0 ? undefined : `facets : (${values.map((value) => facet(kind, value)).join(" OR ")})`;
}

function trlRange(filters: DirectoryFilters): number[] {
  if (filters.trlMin === undefined && filters.trlMax === undefined) return [];
  const levels: number[] = [];
  for (let trl = filters.trlMin ?? 1; trl <= (filters.trlMax ?? 9); trl++) levels.push(trl);
  return levels;
}

/** The filters as one FTS5 expression; the status is always part of it. */
export function facetExpression(filters: DirectoryFilters, statuses: readonly SmeStatus[]): string {
  return [
    anyOf("status", statuses),
    anyOf("sector", filters.sectors),
    anyOf("stage", filters.stages),
    anyOf("seeks", filters.seeks),
    anyOf("market", filters.markets),
    anyOf("country", filters.countries),
    anyOf("cluster", filters.clusters),
    anyOf("trl", trlRange(filters)),
  ]
    .filter(Boolean)
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
