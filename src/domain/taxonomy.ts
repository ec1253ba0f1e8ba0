/**
 * The one taxonomy of the app (directory, missions, matchmaking): sectors, value-chain stages, what
 * SMEs seek, markets, sizes, export experience, certifications and countries. Modals, filters, CSV
 * import and export all read it from here, so a new sector is added in one place.
 */
import { foldText } from "./text.js";

export type Term = Readonly<{ key: string; label: string }>;

export const sectors = [
  { key: "smart-city", label: "Smart city" },
  { key: "energy-efficiency", label: "Energy efficiency" },
  { key: "renewable-energy", label: "Renewable energy" },
  { key: "energy-storage", label: "Energy storage" },
  { key: "district-heating-cooling", label: "District heating and cooling" },
  { key: "green-buildings", label: "Green buildings" },
  { key: "water-wastewater", label: "Water and wastewater" },
  { key: "air-quality", label: "Air quality" },
  { key: "soil-remediation", label: "Soil remediation" },
  { key: "waste-circular", label: "Waste and circular economy" },
  { key: "clean-mobility", label: "Clean mobility" },
  { key: "smart-grids", label: "Smart grids" },
  { key: "hydrogen", label: "Hydrogen" },
] as const satisfies readonly Term[];

export const stages = [
  { key: "rnd", label: "R&D" },
  { key: "components", label: "Components" },
  { key: "equipment", label: "Equipment" },
  { key: "system-integration", label: "System integration" },
  { key: "engineering-epc", label: "Engineering / EPC" },
  { key: "software-data", label: "Software and data" },
  { key: "services-om", label: "Services / O&M" },
  { key: "finance", label: "Finance" },
] as const satisfies readonly Term[];

export const seeks = [
  { key: "distributors", label: "Distributors" },
  { key: "project-owners", label: "Project owners" },
  { key: "jv-partners", label: "Joint-venture partners" },
  { key: "investors", label: "Investors" },
  { key: "rnd-partners", label: "R&D partners" },
  { key: "suppliers", label: "Suppliers" },
] as const satisfies readonly Term[];

export const markets = [
  { key: "US", label: "United States" },
  { key: "CN", label: "China" },
] as const satisfies readonly Term[];

export const sizeBands = [
  { key: "micro", label: "Micro (1–9 people)" },
  { key: "small", label: "Small (10–49 people)" },
  { key: "medium", label: "Medium (50–249 people)" },
  { key: "large", label: "Large (250+ people)" },
] as const satisfies readonly Term[];

export const exportExperience = [
  { key: "none", label: "No exports yet" },
  { key: "europe", label: "Exports within Europe" },
  { key: "occasional", label: "Occasional exports outside Europe" },
  { key: "established", label: "Established exporter outside Europe" },
] as const satisfies readonly Term[];

export const certifications = [
  { key: "ce", label: "CE" },
  { key: "ul", label: "UL" },
  { key: "etl", label: "ETL" },
  { key: "fcc", label: "FCC" },
  { key: "ccc", label: "CCC" },
  { key: "cqc", label: "CQC" },
  { key: "iso-9001", label: "ISO 9001" },
  { key: "iso-14001", label: "ISO 14001" },
  { key: "iso-45001", label: "ISO 45001" },
  { key: "iso-50001", label: "ISO 50001" },
  { key: "iec", label: "IEC standards" },
  { key: "energy-star", label: "ENERGY STAR" },
] as const satisfies readonly Term[];

/** EU member states, the EEA, the United Kingdom and Switzerland (ISO 3166-1 alpha-2). */
export const countries = [
  { key: "AT", label: "Austria" },
  { key: "BE", label: "Belgium" },
  { key: "BG", label: "Bulgaria" },
  { key: "HR", label: "Croatia" },
  { key: "CY", label: "Cyprus" },
  { key: "CZ", label: "Czechia" },
  { key: "DK", label: "Denmark" },
  { key: "EE", label: "Estonia" },
  { key: "FI", label: "Finland" },
  { key: "FR", label: "France" },
  { key: "DE", label: "Germany" },
  { key: "GR", label: "Greece" },
  { key: "HU", label: "Hungary" },
  { key: "IE", label: "Ireland" },
  { key: "IT", label: "Italy" },
  { key: "LV", label: "Latvia" },
  { key: "LT", label: "Lithuania" },
  { key: "LU", label: "Luxembourg" },
  { key: "MT", label: "Malta" },
  { key: "NL", label: "Netherlands" },
  { key: "PL", label: "Poland" },
  { key: "PT", label: "Portugal" },
  { key: "RO", label: "Romania" },
  { key: "SK", label: "Slovakia" },
  { key: "SI", label: "Slovenia" },
  { key: "ES", label: "Spain" },
  { key: "SE", label: "Sweden" },
  { key: "IS", label: "Iceland" },
  { key: "LI", label: "Liechtenstein" },
  { key: "NO", label: "Norway" },
  { key: "GB", label: "United Kingdom" },
  { key: "CH", label: "Switzerland" },
] as const satisfies readonly Term[];

export type KeyOf<T extends readonly Term[]> = T[number]["key"];
export type SectorKey = KeyOf<typeof sectors>;
export type StageKey = KeyOf<typeof stages>;
export type SeekKey = KeyOf<typeof seeks>;
export type MarketKey = KeyOf<typeof markets>;
export type CountryCode = KeyOf<typeof countries>;

export function keysOf<T extends readonly Term[]>(terms: T): [KeyOf<T>, ...KeyOf<T>[]] {
  return terms.map((term) => term.key) as [KeyOf<T>, ...KeyOf<T>[]];
}

export function labelOf(terms: readonly Term[], key: string): string {
  return terms.find((term) => term.key === key)?.label ?? key;
}

/** Lower-case, without accents and punctuation: "Engineering / EPC" → "engineering epc". */
export function simplify(text: string): string {
  return foldText(text.replace(/&/g, "n"));
}

/**
 * Finds the term a person meant: its key, its label, or an unambiguous start of either
 * ("district" → district-heating-cooling, "us" → US). Undefined when nothing or several match.
 */
export function matchTerm<T extends readonly Term[]>(terms: T, text: string): KeyOf<T> | undefined {
  let matched = matchedTexts.get(terms);
  if (!matched) {
    matched = new Map();
    matchedTexts.set(terms, matched);
  }
  if (matched.has(text)) return matched.get(text) as KeyOf<T> | undefined;
  const key = findTerm(terms, text);
  if (matched.size >= maxMatchedTexts) matched.clear();
  matched.set(text, key);
  return key;
}

/**
 * Each list's texts already matched: a CSV import matches the same few values thousands of times,
 * and simplifying a text costs more than looking it up. Bounded, as the texts come from people.
 */
const matchedTexts = new WeakMap<readonly Term[], Map<string, string | undefined>>();
const maxMatchedTexts = 1000;

function findTerm<T extends readonly Term[]>(terms: T, text: string): KeyOf<T> | undefined {
  const wanted = simplify(text);
  if (!wanted) return undefined;
  const simplified = simplifiedTerms(terms);
  const exact = simplified.find((term) => term.key === wanted || term.label === wanted);
  if (exact) return exact.term.key as KeyOf<T>;
  const starts = simplified.filter((term) => term.key.startsWith(wanted) || term.label.startsWith(wanted));
  return starts.length === 1 ? (starts[0]?.term.key as KeyOf<T>) : undefined;
}

/** Each list's keys and labels simplified once: matching runs for every cell of a CSV import. */
const simplifiedLists = new WeakMap<readonly Term[], { term: Term; key: string; label: string }[]>();
function simplifiedTerms(terms: readonly Term[]) {
  let simplified = simplifiedLists.get(terms);
  if (!simplified) {
    simplified = terms.map((term) => ({ term, key: simplify(term.key), label: simplify(term.label) }));
    simplifiedLists.set(terms, simplified);
  }
  return simplified;
}
