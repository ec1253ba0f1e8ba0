/**
 * The directory's CSV format, for import and export alike (an export can be re-imported). Pure:
 * text in, validated profiles and row-level errors out; profiles in, text out.
 */
import { finished } from "node:stream/promises";
import { CsvError, type Options, parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import {
  companyKey,
  type ProfileField,
  type RawProfile,
  type SmeProfile,
  type SmeRecord,
  validateProfile,
} from "./profile.js";

type Column = { header: string; field: ProfileField; list?: true; help: string };

/** Columns in order. List cells hold several values separated by semicolons ("CE; ISO 14001"). */
export const csvColumns: readonly Column[] = [
  { header: "name", field: "name", help: "company name" },
  { header: "country", field: "country", help: "ISO code or name: DK, Denmark" },
  { header: "cluster", field: "cluster", help: "clean-dk, tweed-be, green-tech-at, tenerrdis-fr, sbh-se or none" },
  { header: "website", field: "website", help: "optional" },
  { header: "pitch", field: "pitch", help: "one line, 10–200 characters" },
  { header: "offer", field: "offer", help: "20–1,000 characters" },
  { header: "sectors", field: "sectors", list: true, help: "e.g. hydrogen; district heating and cooling" },
  { header: "stages", field: "stages", list: true, help: "e.g. equipment; services/o&m" },
  { header: "seeks", field: "seeks", list: true, help: "e.g. distributors; investors" },
  { header: "markets", field: "markets", list: true, help: "US; CN" },
  { header: "size", field: "sizeBand", help: "micro, small, medium or large" },
  { header: "founded", field: "foundedYear", help: "year" },
  { header: "trl", field: "trl", help: "1–9" },
  { header: "certifications", field: "certifications", list: true, help: "optional, e.g. CE; UL; CCC" },
  { header: "export_experience", field: "exportExperience", help: "none, europe, occasional or established" },
  { header: "contact_email", field: "contactEmail", help: "email" },
  { header: "contact_slack_id", field: "contactSlackUserId", help: "optional Slack member id, U…" },
  { header: "consent", field: "consent", help: "yes: the company agreed to be listed" },
];

export type CsvRowError = { line: number; column?: string; message: string };
export type CsvCheck = {
  valid: { line: number; profile: SmeProfile }[];
  errors: CsvRowError[];
  /** A problem with the whole file (not CSV, wrong header): nothing else is reported. */
  fileProblem?: string;
};

const headerOf = new Map(csvColumns.map((column) => [column.field, column.header]));

function split(cell: string | undefined): string[] {
  return (cell ?? "")
    .split(/[;|]/)
    .map((value) => value.trim())
    .filter(Boolean);
}

/**
 * The text of an uploaded file. Excel saves UTF-8 (with or without a BOM), UTF-16 ("Unicode text")
 * or, in Western Europe, Windows-1252. A BOM decides; without one, bytes that are valid UTF-8 are
 * UTF-8 (Windows-1252 text with accents almost never is), anything else is Windows-1252.
 * Statistical detectors guess wrong on files this short, so none is used.
 */
export function decodeCsvBytes(bytes: Buffer): string {
  const bomEncoding =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? "utf-8"
      : bytes[0] === 0xff && bytes[1] === 0xfe
        ? "utf-16le"
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? "utf-16be"
          : undefined;
  if (bomEncoding) return iconv.decode(bytes, bomEncoding); // strips the BOM
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, "windows-1252");
  }
}

/**
 * The delimiter the header line uses: a comma, or the semicolon of Excel in locales whose decimal
 * separator is a comma, or the tab of Excel's "Unicode text". Column names contain none of them.
 */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (delimiter: string) => headerLine.split(delimiter).length - 1;
  const candidates = [",", ";", "\t"] as const;
  return candidates.reduce((best, delimiter) => (count(delimiter) > count(best) ? delimiter : best));
}

/**
 * What a spreadsheet reads as the start of a formula (OWASP's CSV injection list), plus the quote
 * itself, so that the one quote export adds is the one import takes away, on every round trip.
 */
const needsQuotePrefix = /^[=+\-@\t\r']/;

/** An exported cell that a spreadsheet would run as a formula gets a leading ' (OWASP's advice). */
export function neutraliseFormula(cell: string): string {
  return needsQuotePrefix.test(cell) ? `'${cell}` : cell;
}

/** Undoes neutraliseFormula on import: removes exactly the one ' it added, nothing else. */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && needsQuotePrefix.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Rows as CSV text, every cell neutralised: the one way this app writes a CSV file. */
function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((row) => row.map(neutraliseFormula)));
}

/** Characters of a file handed to the parser between two pauses, and rows validated between two pauses. */
const parseChunkChars = 64_000;
const checkChunkRows = 100;

/** A record of the file and the line it ends on (blank lines are skipped, so lines and records differ). */
type CsvRecord = { cells: string[]; line: number };

/**
 * The file's records, parsed a chunk at a time with `pause` between chunks (the streaming parser
 * keeps its place); on a parse error, the records before it and the error.
 */
async function readRecords(
  text: string,
  options: Options,
  pause: () => Promise<void>,
): Promise<{ records: CsvRecord[]; failure?: unknown }> {
  const lines: number[] = []; // the line each record ends on, in the order of the records
  const parser = parse({
    ...options,
    on_record: (cells, context) => {
      lines.push(context.lines);
      return cells;
    },
  });
  const records: CsvRecord[] = [];
  parser.on("data", (cells: string[]) => records.push({ cells, line: lines[records.length] ?? 0 }));
  // A parse error is kept where it happens: a promise rejected during the write loop, with nobody
  // awaiting it yet, would be an unhandled rejection that ends the process.
  let failure: unknown;
  parser.on("error", (error) => {
    failure = error;
  });
  for (let start = 0; start < text.length && !failure; start += parseChunkChars) {
    parser.write(text.slice(start, start + parseChunkChars));
    await pause();
  }
  if (failure) return { records, failure };
  parser.end();
  try {
    await finished(parser); // rejects with an error found at the very end (a quote left open)
  } catch (error) {
    return { records, failure: error };
  }
  return { records };
}

/** A control character other than tab, line feed and carriage return: no text file has one, binary files many. */
const binaryCharacter = /[^\P{Cc}\t\n\r]/u;

const notCsvButBinary =
  "This is not a CSV file but a binary one (an Excel workbook, perhaps). In Excel, choose *File › Save As › CSV UTF-8* and post that file.";

/** What a person can do about a file the parser could not read, instead of the parser's own words. */
function unreadableCsvProblem(error: unknown, lineOfLastRecord: number): string {
  if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") {
    return `Line ${lineOfLastRecord + 1} opens a quoted value with " that is never closed. Remove that quote, or put one at the end of the value.`;
  }
  const line = error instanceof CsvError ? error.lines : lineOfLastRecord + 1;
  return `Line ${line} cannot be read as CSV. Check its quotes: a value with a comma in it goes between two ", and a " inside such a value is written "".`;
}

/**
 * Reads and validates a whole file; each row is checked as the form checks it, plus duplicates
 * within the file. Thousands of rows take a while: `pause` is awaited between chunks of work so
 * that a caller can let other work run.
 */
export async function checkSmeCsv(
  text: string,
  currentYear: number,
  pause: () => Promise<void> = async () => {},
): Promise<CsvCheck> {
  if (binaryCharacter.test(text)) return { valid: [], errors: [], fileProblem: notCsvButBinary };
  const { records, failure } = await readRecords(
    text,
    {
      bom: true,
      delimiter: detectDelimiter(text),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      // A quote inside a value (Nordic "Heat" A/S) is part of it, as spreadsheets read it.
      relax_quotes: true,
    },
    pause,
  );
  if (failure) return { valid: [], errors: [], fileProblem: unreadableCsvProblem(failure, records.at(-1)?.line ?? 0) };
  const [headerRecord, ...rows] = records;
  const header = headerRecord?.cells;
  if (!header) return { valid: [], errors: [], fileProblem: "The file is empty." };
  const headers = header.map((h) => h.trim().toLowerCase());
  const known = new Set(csvColumns.map((c) => c.header));
  const unknown = headers.filter((h) => !known.has(h));
  const missing = csvColumns.filter(
    (c) =>
      !headers.includes(c.header) && !["website", "certifications", "contact_slack_id", "cluster"].includes(c.header),
  );
  if (unknown.length > 0 || missing.length > 0) {
    return {
      valid: [],
      errors: [],
      fileProblem: [
        unknown.length > 0 ? `Unknown columns: ${unknown.join(", ")}.` : "",
        missing.length > 0 ? `Missing columns: ${missing.map((c) => c.header).join(", ")}.` : "",
        `The header row must be: ${csvColumns.map((c) => c.header).join(",")}`,
      ]
        .filter(Boolean)
        .join(" "),
    };
  }
  const result: CsvCheck = { valid: [], errors: [] };
  const seen = new Map<string, number>();
  for (const [index, { cells, line }] of rows.entries()) {
    if (index % checkChunkRows === checkChunkRows - 1) await pause();
    if (cells.length !== headers.length) {
      result.errors.push({ line, message: `has ${cells.length} cells, the header has ${headers.length}` });
      continue;
    }
    const cell = (name: string) => {
      const value = cells[headers.indexOf(name)];
      return value === undefined ? undefined : restoreFormula(value);
    };
    const raw: RawProfile = {};
    for (const column of csvColumns) {
      const value = cell(column.header);
      if (column.field === "consent") raw.consent = /^(yes|y|true|1|ja|oui|x)$/i.test(value?.trim() ?? "");
      else if (column.list) (raw as Record<string, unknown>)[column.field] = split(value);
      else (raw as Record<string, unknown>)[column.field] = value ?? "";
    }
    const validation = validateProfile(raw, currentYear);
    if (!validation.ok) {
      for (const [field, message] of Object.entries(validation.errors)) {
        result.errors.push({ line, column: headerOf.get(field as ProfileField) ?? field, message });
      }
      continue;
    }
    const key = companyKey(validation.profile);
    const first = seen.get(key);
    if (first !== undefined) {
      result.errors.push({ line, column: "name", message: `repeats the company of line ${first}` });
      continue;
    }
    seen.set(key, line);
    result.valid.push({ line, profile: validation.profile });
  }
  return result;
}

/** How many rows have errors: a row with three bad cells is one row to fix. */
export function rowsWithErrors(check: Pick<CsvCheck, "errors">): number {
  return new Set(check.errors.map((error) => error.line)).size;
}

/** Profiles as CSV in the import format (lists joined with "; "). */
export function smesToCsv(smes: readonly SmeRecord[]): string {
  const rows = smes.map((sme) =>
    csvColumns.map((column) => {
      if (column.field === "consent") return sme.consentAt ? "yes" : "no";
      const value = sme[column.field as keyof SmeProfile];
      if (Array.isArray(value)) return value.join("; ");
      if (column.field === "cluster") return String(value ?? "none");
      return value === null || value === undefined ? "" : String(value);
    }),
  );
  return toCsv([csvColumns.map((column) => column.header), ...rows]);
}

/** The columns as a short guide for people. */
export function csvGuide(): string {
  return csvColumns.map((column) => `\`${column.header}\` — ${column.help}`).join("\n");
}

/** A one-row example file people can start from. */
export function csvTemplate(): string {
  return toCsv([
    csvColumns.map((column) => column.header),
    [
      "Nordic Heat A/S",
      "DK",
      "clean-dk",
      "https://nordicheat.example",
      "Large heat pumps for district heating networks",
      "Industrial heat pumps from 1 to 20 MW for district heating utilities.",
      "district heating and cooling; energy efficiency",
      "equipment",
      "distributors; project owners",
      "CN",
      "small",
      "2011",
      "9",
      "CE; ISO 14001",
      "europe",
      "hello@nordicheat.example",
      "",
      "yes",
    ],
  ]);
}
