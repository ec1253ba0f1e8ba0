/**
 * Answers to template fields: their shapes, how a typed answer is read without an LLM, how an LLM's
 * value is checked, and how an answer is shown. Pure.
 */
import { DateTime } from "luxon";
import { foldText, hasControlCharacters } from "../../domain/text.js";
import type { BiField } from "./template.js";

export type Money = { amount: number; currency: string };
export type AnswerValue = string | number | boolean | string[] | Money;
export type Answers = Record<string, AnswerValue>;

export type Parsed = { ok: true; value: AnswerValue } | { ok: false; reason: string };

const yesWords = [
  "yes",
  "y",
  "yeah",
  "yep",
  "sure",
  "of course",
  "correct",
  "true",
  "ja",
  "jo",
  "oui",
  "si",
  "sí",
  "sim",
  "是",
  "对",
  "有",
];
const noWords = ["no", "n", "nope", "not yet", "false", "nej", "nee", "nein", "non", "não", "不", "否", "没有"];

/** "Up to 30 % higher!" and "up to 30% higher" compare equal; the percent sign means something here. */
const simplify = (text: string) => foldText(text, "%");

export function readYesNo(text: string): boolean | undefined {
  const words = simplify(text);
  const first = words.split(" ").slice(0, 2).join(" ");
  if (yesWords.some((w) => words === w || first === w || words.startsWith(`${w} `))) return true;
  if (noWords.some((w) => words === w || first === w || words.startsWith(`${w} `))) return false;
  if (/^[是对有]/.test(text.trim())) return true;
  if (/^[不否没]/.test(text.trim())) return false;
  return undefined;
}

/** The allowed value a person meant: exact, a unique start, a unique containment, or its number in the list. */
export function matchValue(values: readonly string[], text: string): string | undefined {
  const wanted = simplify(text);
  if (!wanted) return undefined;
  const byNumber = /^\d+$/.test(wanted) ? values[Number(wanted) - 1] : undefined;
  if (byNumber) return byNumber;
  const exact = values.find((v) => simplify(v) === wanted);
  if (exact) return exact;
  const yesNo = readYesNo(text);
  if (yesNo !== undefined) {
    const word = values.find((v) => simplify(v) === (yesNo ? "yes" : "no"));
    if (word) return word;
  }
  const starts = values.filter((v) => simplify(v).startsWith(wanted) || wanted.startsWith(simplify(v)));
  if (starts.length === 1) return starts[0];
  const contains = values.filter((v) => wanted.includes(simplify(v)) || simplify(v).includes(wanted));
  return contains.length === 1 ? contains[0] : undefined;
}

/** Options as the question shows them, so a number in a reply means the same thing: "1. Distributors · 2. …". */
function numbered(values: readonly string[]): string {
  return values.map((value, index) => `${index + 1}. ${value}`).join(" · ");
}

export function splitList(text: string): string[] {
  return (
    text
      .split(/\s*(?:[,;\n、，；]|\band\b|\bund\b|\bet\b|\bog\b|\boch\b)\s*/i)
      // Bullets ("- ", "• ", "2. ", "3) ") go; a bare number stays, as it may pick an option by its number.
      .map((item) => item.replace(/^(?:[-•*]+|\d+[.)](?=\s))\s*/, "").trim())
      .filter((item) => item.length > 0)
  );
}

const currencies: [RegExp, string][] = [
  [/€|\beur(o|os)?\b/i, "EUR"],
  [/\$|\busd\b|\bdollars?\b/i, "USD"],
  [/¥|\brmb\b|\bcny\b|\byuan\b|元/i, "CNY"],
  [/£|\bgbp\b/i, "GBP"],
  [/\bsek\b|\bkr\b/i, "SEK"],
  [/\bdkk\b/i, "DKK"],
  [/\bchf\b/i, "CHF"],
];

/** "1,2 million €", "120k EUR", "$ 150 000" → amount and currency. */
export function readMoney(text: string, defaultCurrency = "EUR"): Money | undefined {
  const match = /(\d[\d\s.,']*)\s*(k|m|mn|million|millions|mio|thousand|bn|billion)?\b/i.exec(text);
  if (!match?.[1]) return undefined;
  const amount = readNumber(match[1]);
  if (amount === undefined) return undefined;
  const scale = {
    k: 1e3,
    thousand: 1e3,
    m: 1e6,
    mn: 1e6,
    million: 1e6,
    millions: 1e6,
    mio: 1e6,
    bn: 1e9,
    billion: 1e9,
  }[(match[2] ?? "").toLowerCase()];
  const currency = currencies.find(([pattern]) => pattern.test(text))?.[1] ?? defaultCurrency;
  return { amount: Math.round(amount * (scale ?? 1) * 100) / 100, currency };
}

/** "1 200", "1,200.50", "1.200,50", "3,5" → a number. */
export function readNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/[\s']/g, "");
  if (!/^\d[\d.,]*$/.test(cleaned)) return undefined;
  const lastSeparator = Math.max(cleaned.lastIndexOf("."), cleaned.lastIndexOf(","));
  const decimals = lastSeparator >= 0 ? cleaned.length - lastSeparator - 1 : 0;
  const normalised =
    lastSeparator >= 0 && decimals !== 3
      ? `${cleaned.slice(0, lastSeparator).replace(/[.,]/g, "")}.${cleaned.slice(lastSeparator + 1)}`
      : cleaned.replace(/[.,]/g, "");
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

const dateFormats = ["yyyy-MM-dd", "yyyy-MM", "d LLLL yyyy", "LLLL yyyy", "LLL yyyy", "MM/yyyy", "d.M.yyyy", "yyyy"];

/** A date or month as people write it ("June 2027", "Q3 2027", "2027-06") → ISO "2027-06" or "2027-06-15". */
export function readDate(text: string): string | undefined {
  const t = text.trim().replace(/^(in|by|around|end of|early|late)\s+/i, "");
  const quarter = /\bq([1-4])\s*(\d{4})\b/i.exec(t);
  if (quarter)
    return DateTime.fromObject({ year: Number(quarter[2]), month: (Number(quarter[1]) - 1) * 3 + 1 }).toFormat(
      "yyyy-MM",
    );
  for (const format of dateFormats) {
    const parsed = DateTime.fromFormat(t, format, { locale: "en" });
    if (parsed.isValid)
      return format.includes("d")
        ? (parsed.toISODate() ?? undefined)
        : parsed.toFormat(format === "yyyy" ? "yyyy" : "yyyy-MM");
  }
  const iso = DateTime.fromISO(t);
  return iso.isValid ? (iso.toISODate() ?? undefined) : undefined;
}

/** A text answer needs real content: at least two letters or digits, not an emoji or punctuation alone. */
export function hasContent(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2;
}

const vagueAnswers = new Set([
  "not sure",
  "dont know",
  "don t know",
  "i don t know",
  "no idea",
  "idk",
  "maybe",
  "tbd",
  "n a",
  "na",
  "unknown",
  "later",
  "soon",
  "ok",
  "good",
  "yes",
  "no",
  "some",
  "various",
  "many",
  "everything",
]);

/** A text answer that says nothing concrete ("not sure", "ok", one word for a long answer): it scores low. */
export function isVague(text: string, long: boolean): boolean {
  const folded = foldText(text);
  if (!hasContent(text) || vagueAnswers.has(folded)) return true;
  return long && folded.split(" ").length < 3;
}

/** Reads a typed answer for one field without an LLM; the reason says what is expected. */
export function parseAnswer(field: BiField, text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, reason: "That was empty." };
  const values = field.values ?? [];
  switch (field.type) {
    case "text":
    case "long_text":
      if (hasControlCharacters(trimmed, { multiline: true })) {
        return {
          ok: false,
          reason: "Your answer has control characters (such as NUL or escape): send it without them.",
        };
      }
      return hasContent(trimmed)
        ? { ok: true, value: trimmed }
        : { ok: false, reason: "Please answer in a few words (an emoji or a sign alone is not an answer)." };
    case "enum": {
      const value = matchValue(values, trimmed);
      return value ? { ok: true, value } : { ok: false, reason: `Please choose one of: ${values.join(" · ")}.` };
    }
    case "multi_enum": {
      if (/^(all|all of them|everything)$/i.test(trimmed)) return { ok: true, value: [...values] };
      // "1 3" picks options by number like "1, 3" does.
      const parts = /^\d+(?:\s+\d+)+$/.test(trimmed) ? trimmed.split(/\s+/) : splitList(trimmed);
      const chosen = parts.map((part) => matchValue(values, part));
      const unknown = parts.filter((_, i) => chosen[i] === undefined);
      if (parts.length === 0 || unknown.length > 0) {
        return {
          ok: false,
          reason: `${unknown.length ? `I don't know “${unknown.join("”, “")}”. ` : ""}Choose one or more of: ${numbered(values)}.`,
        };
      }
      return { ok: true, value: [...new Set(chosen as string[])] };
    }
    case "number": {
      const value = readNumber(/(\d[\d\s.,']*)/.exec(trimmed)?.[1] ?? "");
      return value === undefined ? { ok: false, reason: "Please answer with a number." } : { ok: true, value };
    }
    case "money": {
      const value = readMoney(trimmed);
      return value ? { ok: true, value } : { ok: false, reason: "Please give an amount, e.g. 120000 EUR." };
    }
    case "yes_no": {
      const value = readYesNo(trimmed);
      return value === undefined ? { ok: false, reason: "Please answer yes or no." } : { ok: true, value };
    }
    case "list": {
      const items = splitList(trimmed);
      return items.length > 0 ? { ok: true, value: items } : { ok: false, reason: "Please list one or more items." };
    }
    case "date": {
      const value = readDate(trimmed);
      return value
        ? { ok: true, value }
        : { ok: false, reason: "Please give a date or month, e.g. June 2027 or Q3 2027." };
    }
  }
}

/** Checks a value an LLM extracted against the field: enums must be allowed values, shapes must fit. */
export function checkExtracted(field: BiField, value: unknown): AnswerValue | undefined {
  const values = field.values ?? [];
  switch (field.type) {
    case "text":
    case "long_text":
      return typeof value === "string" && hasContent(value) && !hasControlCharacters(value, { multiline: true })
        ? value.trim()
        : undefined;
    case "enum":
      return typeof value === "string" ? matchValue(values, value) : undefined;
    case "multi_enum": {
      if (!Array.isArray(value)) return undefined;
      const chosen = value
        .map((v) => (typeof v === "string" ? matchValue(values, v) : undefined))
        .filter((v): v is string => !!v);
      return chosen.length > 0 ? [...new Set(chosen)] : undefined;
    }
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : undefined;
    case "money": {
      const money = value as Partial<Money> | null;
      return typeof money?.amount === "number" && typeof money.currency === "string" && money.currency.length === 3
        ? { amount: money.amount, currency: money.currency.toUpperCase() }
        : undefined;
    }
    case "yes_no":
      return typeof value === "boolean" ? value : undefined;
    case "list":
      return Array.isArray(value) && value.every((v) => typeof v === "string") && value.length > 0
        ? (value as string[]).map((v) => v.trim()).filter(Boolean)
        : undefined;
    case "date":
      return typeof value === "string" ? readDate(value) : undefined;
  }
}

export function showAnswer(value: AnswerValue | undefined): string {
  if (value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return `${value.amount.toLocaleString("en-US")} ${value.currency}`;
  return String(value);
}
