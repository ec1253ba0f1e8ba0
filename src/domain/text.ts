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
