/**
 * Reading and writing CSV files people make in spreadsheets: the decoding, separators, formula
 * safety and row-level checking rules every import and export of the app shares (the directory's
 * SMEs, a mission's organisations). Pure: bytes or text in, records or text out.
 */
import { finished } from "node:stream/promises";
import { CsvError, type Options, parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { escapeMrkdwn } from "./text.js";

/** A problem with one cell or row, by the line people see in their spreadsheet. */
export type CsvRowError = { line: number; column?: string; message: string };

/** How many rows have errors: a row with three bad cells is one row to fix. */
export function rowsWithErrors(check: { errors: readonly CsvRowError[] }): number {
  return new Set(check.errors.map((error) => error.line)).size;
}

/** The first `max` errors as mrkdwn lines ("• Line 4, `type`: …"), and how many more there are. */
export function rowErrorLines(errors: readonly CsvRowError[], max: number): string[] {
  const lines = errors
    .slice(0, max)
    .map(
      (error) => `• Line ${error.line}${error.column ? `, \`${error.column}\`` : ""}: ${escapeMrkdwn(error.message)}`,
    );
  if (errors.length > max) lines.push(`…and ${errors.length - max} more.`);
  return lines;
}

/** A list cell's values: several values separated by semicolons ("CE; ISO 14001") or bars. */
export function splitListCell(cell: string | undefined): string[] {
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
export function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((row) => row.map(neutraliseFormula)));
}

/** Characters of a file handed to the parser between two pauses. */
const parseChunkChars = 64_000;

/** Rows a check validates between two pauses. */
export const checkChunkRows = 100;

/** A record of the file and the line it ends on (blank lines are skipped, so lines and records differ). */
export type CsvRecord = { cells: string[]; line: number };

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

/** A file's header (lower-cased) and its records, or what is wrong with the whole file. */
export type CsvTable =
  | { header: string[]; rows: CsvRecord[]; fileProblem?: undefined }
  | { fileProblem: string; header?: undefined; rows?: undefined };

/**
 * Reads a whole file as people's spreadsheets write it: any of the separators, quotes inside values,
 * trimmed cells, blank lines skipped. `pause` is awaited between chunks so a caller can let other
 * work run. Binary files and unreadable quoting are a file problem in words people can act on.
 */
export async function readCsvTable(text: string, pause: () => Promise<void> = async () => {}): Promise<CsvTable> {
  if (binaryCharacter.test(text)) return { fileProblem: notCsvButBinary };
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
  if (failure) return { fileProblem: unreadableCsvProblem(failure, records.at(-1)?.line ?? 0) };
  const [headerRecord, ...rows] = records;
  if (!headerRecord) return { fileProblem: "The file is empty." };
  return { header: headerRecord.cells.map((h) => h.trim().toLowerCase()), rows };
}

/**
 * What is wrong with a header: unknown columns, missing required ones, and the header expected.
 * Undefined when it is fine.
 */
export function headerProblem(
  header: readonly string[],
  columns: readonly string[],
  optional: readonly string[],
): string | undefined {
  const unknown = header.filter((h) => !columns.includes(h));
  const missing = columns.filter((c) => !header.includes(c) && !optional.includes(c));
  if (unknown.length === 0 && missing.length === 0) return undefined;
  return [
    unknown.length > 0 ? `Unknown columns: ${unknown.join(", ")}.` : "",
    missing.length > 0 ? `Missing columns: ${missing.join(", ")}.` : "",
    `The header row must be: ${columns.join(",")}`,
  ]
    .filter(Boolean)
    .join(" ");
}
