/**
 * The directory's CSV format, for import and export alike (an export can be re-imported). Pure:
 * text in, validated profiles and row-level errors out; profiles in, text out.
 */
import {
  type CsvRowError,
  checkChunkRows,
  headerProblem,
  readCsvTable,
  restoreFormula,
  splitListCell,
  toCsv,
} from "../../domain/csv-files.js";
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

export type CsvCheck = {
  valid: { line: number; profile: SmeProfile }[];
  errors: CsvRowError[];
  /** A problem with the whole file (not CSV, wrong header): nothing else is reported. */
  fileProblem?: string;
};

const headerOf = new Map(csvColumns.map((column) => [column.field, column.header]));

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
  const table = await readCsvTable(text, pause);
  if (table.fileProblem !== undefined) return { valid: [], errors: [], fileProblem: table.fileProblem };
  const { header: headers, rows } = table;
  const fileProblem = headerProblem(
    headers,
    csvColumns.map((c) => c.header),
    ["website", "certifications", "contact_slack_id", "cluster"],
  );
  if (fileProblem) return { valid: [], errors: [], fileProblem };
  const result: CsvCheck = { valid: [], errors: [] };
  const seen = new Map<string, number>();
  // Where each column is in this file (found once: a file has thousands of rows).
  const columns = csvColumns.map((column) => ({ ...column, position: headers.indexOf(column.header) }));
  for (const [index, { cells, line }] of rows.entries()) {
    if (index % checkChunkRows === checkChunkRows - 1) await pause();
    if (cells.length !== headers.length) {
      result.errors.push({ line, message: `has ${cells.length} cells, the header has ${headers.length}` });
      continue;
    }
    const raw: RawProfile = {};
    for (const column of columns) {
      const cell = cells[column.position];
      const value = cell === undefined ? undefined : restoreFormula(cell);
      if (column.field === "consent") raw.consent = /^(yes|y|true|1|ja|oui|x)$/i.test(value?.trim() ?? "");
      else if (column.list) (raw as Record<string, unknown>)[column.field] = splitListCell(value);
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
