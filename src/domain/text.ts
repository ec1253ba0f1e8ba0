/**
 * The one way the app compares what people type with what it knows: lower-case, without accents,
 * punctuation turned into single spaces. `keep` names punctuation that carries meaning ("30%").
 */
export function foldText(text: string, keep = ""): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(separatorsKeeping(keep), " ").trim();
}

/** One compiled pattern per `keep`: folding runs for every term of every row of a CSV import. */
const separatorPatterns = new Map<string, RegExp>();
function separatorsKeeping(keep: string): RegExp {
  let pattern = separatorPatterns.get(keep);
  if (!pattern) {
    pattern = new RegExp(`[^\\p{L}\\p{N}${keep.replace(/[\\\]^-]/g, "\\$&")}]+`, "gu");
    separatorPatterns.set(keep, pattern);
  }
  return pattern;
}

/**
 * The one escaping rule for anything people typed that the app shows in mrkdwn: Slack reads `<...>`
 * as mentions, channel pings and links, so `&`, `<` and `>` are sent as entities (Slack's own rule).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** NUL, escape and the other C0/C1 controls, and the bidi overrides that make text read backwards. */
const controlCharacter = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/**
 * The one rule for control characters in what people type: they hide text, break exports and spoof
 * what people read. `multiline` allows line breaks and tabs (an offer, a reason, a long answer).
 */
export function hasControlCharacters(text: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  return controlCharacter.test(multiline ? text.replace(/\r?\n|\t/g, " ") : text);
}

/** A count with its noun in the right number: "1 SME", "2 SMEs", "1 valid row". */
export function countOf(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** Legal forms left out when names are compared: "Nordic Heat A/S" is "Nordic Heat". */
const legalForms = new Set([
  "gmbh",
  "ag",
  "kg",
  "og",
  "ug",
  "sa",
  "sas",
  "sasu",
  "sarl",
  "sprl",
  "srl",
  "scrl",
  "bv",
  "bvba",
  "nv",
  "as",
  "a s",
  "aps",
  "ab",
  "oy",
  "oyj",
  "asa",
  "ltd",
  "limited",
  "plc",
  "inc",
  "llc",
  "co",
  "company",
  "spa",
  "se",
  "sl",
  "sro",
  "kft",
  "zoo",
  "sp",
]);

/** "Nordic Heat A/S" and "nordic heat" are the same company: lower-case, no accents, punctuation or legal form. */
export function normalizeCompanyName(name: string): string {
  const words = foldText(name).split(" ").filter(Boolean);
  while (words.length > 1) {
    const last = words.at(-1) ?? "";
    const lastTwo = words.slice(-2).join(" ");
    if (legalForms.has(lastTwo) && words.length > 2) words.splice(-2);
    else if (legalForms.has(last)) words.pop();
    else break;
  }
  return words.join(" ");
}
