/**
 * `/sme find` text → free text plus filters. Pure, so every wording (and every hostile input) is
 * tested without Slack. Free text is reduced to its words by `searchWords` (letters and digits
 * only), so FTS operators typed by people are searched as words, never run, on either database.
 */
import { clusterKeys, clusters, findCluster } from "../../domain/clusters.js";
import {
  type CountryCode,
  countries,
  type MarketKey,
  markets,
  matchTerm,
  type SectorKey,
  type SeekKey,
  type StageKey,
  sectors,
  seeks,
  simplify,
  stages,
  type Term,
} from "../../domain/taxonomy.js";
import { escapeMrkdwn } from "../../domain/text.js";

export type DirectoryFilters = {
  sectors: SectorKey[];
  countries: CountryCode[];
  clusters: string[];
  markets: MarketKey[];
  stages: StageKey[];
  seeks: SeekKey[];
  trlMin?: number;
  trlMax?: number;
};

export type DirectoryQuery = { text: string; filters: DirectoryFilters };

export type QueryParse = { ok: true; query: DirectoryQuery } | { ok: false; message: string };

/** The longest `/sme find` text accepted: the page buttons carry it, and Slack caps a button value at 2,000. */
export const maxQueryLength = 500;

export const emptyFilters = (): DirectoryFilters => ({
  sectors: [],
  countries: [],
  clusters: [],
  markets: [],
  stages: [],
  seeks: [],
});

const filterNames = ["sector", "country", "cluster", "market", "stage", "seeks", "trl"] as const;

export const findUsage = [
  "Usage: `/sme find <words> [sector:… country:… cluster:… market:us|cn stage:… seeks:… trl>=N]`",
  "Example: `/sme find heat pump sector:district-heating country:dk market:cn trl>=6`",
  'Several values: `country:dk,se`. Values with spaces: `sector:"district heating"`.',
].join("\n");

function validValues(terms: readonly Term[]): string {
  return terms.map((term) => `\`${term.key.toLowerCase()}\``).join(", ");
}

const termFilters = {
  sector: { terms: sectors, field: "sectors" },
  country: { terms: countries, field: "countries" },
  market: { terms: markets, field: "markets" },
  stage: { terms: stages, field: "stages" },
  seeks: { terms: seeks, field: "seeks" },
} as const;

/** Splits on spaces, keeping "quoted phrases" and key:"quoted values" together. */
function tokens(text: string): string[] {
  const found: string[] = [];
  const pattern = /(\S*?)"([^"]*)"?|\S+/g;
  for (const match of text.matchAll(pattern)) {
    if (match[2] !== undefined) found.push(`${match[1] ?? ""}${match[2]}`);
    else found.push(match[0]);
  }
  return found.filter((token) => token.length > 0);
}

const filterPattern = /^([a-z]+)\s*(:|>=|<=|=|>|<)\s*(.*)$/i;

/** `trl > 6` and `sector: hydrogen` as people type them → `trl>6`, `sector:hydrogen`. */
const spacedFilter = new RegExp(`\\b(${filterNames.join("|")})\\s*(:|>=|<=|=|>|<)\\s*`, "gi");

/**
 * The closest of `candidates` to what was typed, for "Did you mean …?": at most one edit per
 * three letters away, so `hydrgen` finds hydrogen but `nuclear` finds nothing.
 */
export function closestMatch(typed: string, candidates: readonly string[]): string | undefined {
  const wanted = simplify(typed);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, simplify(candidate));
    if (distance <= Math.max(1, Math.floor(wanted.length / 3)) && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const didYouMean = (suggestion: string | undefined) => (suggestion ? ` Did you mean \`${suggestion}\`?` : "");

export function parseDirectoryQuery(input: string): QueryParse {
  if (input.length > maxQueryLength) {
    return {
      ok: false,
      message: `That search is ${input.length.toLocaleString("en")} characters long; I search at most ${maxQueryLength}. Use a few words and filters.\n${findUsage}`,
    };
  }
  const filters = emptyFilters();
  const words: string[] = [];
  for (const token of tokens(input.replace(spacedFilter, "$1$2"))) {
    const match = filterPattern.exec(token);
    if (!match) {
      words.push(token);
      continue;
    }
    const name = (match[1] ?? "").toLowerCase();
    const operator = match[2] ?? ":";
    const value = (match[3] ?? "").trim();
    if (!(filterNames as readonly string[]).includes(name)) {
      return {
        ok: false,
        message: `\`${name}\` is not a filter I know.${didYouMean(closestMatch(name, filterNames))} Filters: ${filterNames.map((f) => `\`${f}:\``).join(" ")}\n${findUsage}`,
      };
    }
    if (value === "") return { ok: false, message: `\`${name}${operator}\` needs a value.\n${findUsage}` };
    if (name === "trl") {
      const problem = applyTrl(filters, operator, value);
      if (problem) return { ok: false, message: `${problem}\n${findUsage}` };
      continue;
    }
    if (operator !== ":") {
      return { ok: false, message: `Use \`${name}:value\` (only trl takes >= or <=).\n${findUsage}` };
    }
    for (const part of value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean)) {
      if (name === "cluster") {
        const cluster = findCluster(part);
        if (!cluster) {
          return {
            ok: false,
            message: `\`${escapeMrkdwn(part)}\` is not a cluster.${didYouMean(closestMatch(part, clusterKeys))} Valid clusters: ${clusters.map((c) => `\`${c.key}\``).join(", ")}`,
          };
        }
        if (!filters.clusters.includes(cluster.key)) filters.clusters.push(cluster.key);
        continue;
      }
      const spec = termFilters[name as keyof typeof termFilters];
      const key = matchTerm(spec.terms, part);
      if (!key) {
        const suggestion = closestMatch(
          part,
          spec.terms.map((term) => term.key.toLowerCase()),
        );
        return {
          ok: false,
          message: `\`${escapeMrkdwn(part)}\` is not a valid ${name}.${didYouMean(suggestion)} Valid values: ${validValues(spec.terms)}`,
        };
      }
      const list = filters[spec.field] as string[];
      if (!list.includes(key)) list.push(key);
    }
  }
  if (filters.trlMin !== undefined && filters.trlMax !== undefined && filters.trlMin > filters.trlMax) {
    return { ok: false, message: `No TRL is both at least ${filters.trlMin} and at most ${filters.trlMax}.` };
  }
  const text = words.join(" ").trim();
  // Empty means "everything" (an export of all); typed text with nothing searchable is a mistake.
  if (text !== "" && !toFtsQuery(text) && describeFilters(filters).length === 0) {
    return {
      ok: false,
      message: `“${escapeMrkdwn(text)}” has no word I can search for: search with letters or digits, or a filter.\n${findUsage}`,
    };
  }
  return { ok: true, query: { text, filters } };
}

function applyTrl(filters: DirectoryFilters, operator: string, value: string): string | undefined {
  if (!/^\d$/.test(value) || Number(value) < 1) return "TRL is a whole number from 1 to 9, e.g. `trl>=6`.";
  const n = Number(value);
  if (operator === ">=") filters.trlMin = n;
  else if (operator === ">") filters.trlMin = n + 1;
  else if (operator === "<=") filters.trlMax = n;
  else if (operator === "<") filters.trlMax = n - 1;
  else {
    filters.trlMin = n;
    filters.trlMax = n;
  }
  if ((filters.trlMin ?? 1) > 9 || (filters.trlMax ?? 9) < 1) return "TRL runs from 1 to 9.";
  return undefined;
}

/** The largest number of words a search uses; more only slows the index down. */
const maxSearchWords = 12;

/**
 * Words that match nearly every profile and say nothing about it ("heat pumps for cities"):
 * dropped unless they are all there is.
 */
const _stopWords = new Set([
  "a",
  "an",
  "and",
  "at",
  "by",
  "for",
  "from",
  "in",
  "of",
  "on",
  "or",
  "our",
  "the",
  "to",
  "we",
  "with",
]);

/**
 * The words a search looks for: letters and digits only (NFKC, lower case), at most
 * maxSearchWords. Everything else (quotes, `*`, `:`, `&|!()`, NEAR, `-`) separates words, so no
 * query language of either database ever sees what people typed.
 */
export function searchWords(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, maxSearchWords);
}

/**
 * Free text → an FTS5 MATCH expression: each word quoted and prefix-matched, all required
 * ("geotherm" finds "geothermal"). Only letters and digits survive, so `"`, `*`, NEAR, `-` and
 * parentheses cannot change the query. Undefined when no word is left.
 */
export function toFtsQuery(text: string): string | undefined {
  const words = searchWords(text);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word}"*`).join(" ");
}

/** The filter words back as text, e.g. for "Next page" buttons and "relax this filter" advice. */
export function describeFilters(filters: DirectoryFilters): string[] {
  const parts: string[] = [];
  const list = (name: string, values: readonly string[]) => {
    if (values.length > 0) parts.push(`${name}:${values.map((v) => v.toLowerCase()).join(",")}`);
  };
  list("sector", filters.sectors);
  list("country", filters.countries);
  list("cluster", filters.clusters);
  list("market", filters.markets);
  list("stage", filters.stages);
  list("seeks", filters.seeks);
  if (filters.trlMin !== undefined && filters.trlMin === filters.trlMax) parts.push(`trl=${filters.trlMin}`);
  else {
    if (filters.trlMin !== undefined) parts.push(`trl>=${filters.trlMin}`);
    if (filters.trlMax !== undefined) parts.push(`trl<=${filters.trlMax}`);
  }
  return parts;
}

const listFilters = ["sectors", "countries", "clusters", "markets", "stages", "seeks"] as const;

export type Relaxation = { filter: string; query: DirectoryQuery; dropsWords?: true };

/** The query with one filter left out at a time (the words last), to tell which filter keeps results away. */
export function relaxedQueries(query: DirectoryQuery): Relaxation[] {
  const f = query.filters;
  const options: Relaxation[] = [];
  for (const field of listFilters) {
    if (f[field].length === 0) continue;
    const filter = describeFilters({ ...emptyFilters(), [field]: f[field] }).join(" ");
    options.push({ filter, query: { text: query.text, filters: { ...f, [field]: [] } } });
  }
  if (f.trlMin !== undefined || f.trlMax !== undefined) {
    const filter = describeFilters({ ...emptyFilters(), trlMin: f.trlMin, trlMax: f.trlMax }).join(" ");
    options.push({ filter, query: { text: query.text, filters: { ...f, trlMin: undefined, trlMax: undefined } } });
  }
  if (query.text && options.length > 0) {
    options.push({ filter: `the words “${query.text}”`, query: { text: "", filters: f }, dropsWords: true });
  }
  return options;
}
