/**
 * The organisations' CSV format: staff import it into a mission, export writes it, and
 * `npm run match` reads it. The same checks as the directory's import: the whole file is checked,
 * every bad cell reported by line and column, encodings and separators of European Excel read.
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
import { normalizeCompanyName } from "../../domain/text.js";
import {
  type OrganisationField,
  type OrganisationProfile,
  organisationTypes,
  type RawOrganisation,
  validateOrganisation,
} from "./organisation.js";

type Column = { header: string; field: OrganisationField; list?: true; optional?: true; help: string };

/** Columns in order. List cells hold several values separated by semicolons. */
export const organisationColumns: readonly Column[] = [
  { header: "name", field: "name", help: "organisation name" },
  { header: "type", field: "type", help: organisationTypes.map((t) => t.key).join(", ") },
  { header: "country", field: "country", help: "ISO code: US or CN" },
  { header: "city", field: "city", help: "e.g. Boston, Shanghai" },
  { header: "needs", field: "needs", help: "what they need, or the project they run: 20–2,000 characters" },
  { header: "sectors", field: "sectors", list: true, optional: true, help: "optional, e.g. hydrogen; smart grids" },
  { header: "website", field: "website", optional: true, help: "optional" },
  { header: "contact_name", field: "contactName", optional: true, help: "optional" },
  { header: "contact_email", field: "contactEmail", optional: true, help: "optional" },
  { header: "languages", field: "languages", list: true, optional: true, help: "optional, e.g. English; Mandarin" },
  {
    header: "available",
    field: "available",
    list: true,
    optional: true,
    help: "optional mission dates, YYYY-MM-DD; empty means every day",
  },
];

const headerOf = new Map(organisationColumns.map((column) => [column.field, column.header]));

export type OrganisationCsvCheck = {
  valid: { line: number; organisation: OrganisationProfile }[];
  errors: CsvRowError[];
  /** A problem with the whole file (not CSV, wrong header): nothing else is reported. */
  fileProblem?: string;
};

/** One organisation's identity for duplicate checks: its normalised name and country. */
export function organisationKey(organisation: { name: string; country: string }): string {
  return `${normalizeCompanyName(organisation.name)}|${organisation.country}`;
}

/** Reads and validates a whole file, row by row as the form validates, plus duplicates within the file. */
export async function checkOrganisationCsv(
  text: string,
  pause: () => Promise<void> = async () => {},
): Promise<OrganisationCsvCheck> {
  const table = await readCsvTable(text, pause);
  if (table.fileProblem !== undefined) return { valid: [], errors: [], fileProblem: table.fileProblem };
  const { header, rows } = table;
  const fileProblem = headerProblem(
    header,
    organisationColumns.map((c) => c.header),
    organisationColumns.filter((c) => c.optional).map((c) => c.header),
  );
  if (fileProblem) return { valid: [], errors: [], fileProblem };
  const result: OrganisationCsvCheck = { valid: [], errors: [] };
  const seen = new Map<string, number>();
  for (const [index, { cells, line }] of rows.entries()) {
    if (index % checkChunkRows === checkChunkRows - 1) await pause();
    if (cells.length !== header.length) {
      result.errors.push({ line, message: `has ${cells.length} cells, the header has ${header.length}` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    for (const column of organisationColumns) {
      const position = header.indexOf(column.header);
      const value = position < 0 ? undefined : restoreFormula(cells[position] ?? "");
      raw[column.field] = column.list ? splitListCell(value) : (value ?? "");
    }
    const validation = validateOrganisation(raw as RawOrganisation);
    if (!validation.ok) {
      for (const [field, message] of Object.entries(validation.errors)) {
        result.errors.push({ line, column: headerOf.get(field as OrganisationField) ?? field, message });
      }
      continue;
    }
    const key = organisationKey(validation.organisation);
    const first = seen.get(key);
    if (first !== undefined) {
      result.errors.push({ line, column: "name", message: `repeats the organisation of line ${first}` });
      continue;
    }
    seen.set(key, line);
    result.valid.push({ line, organisation: validation.organisation });
  }
  return result;
}

/** Organisations as CSV in the import format (lists joined with "; "), formula-safe. */
export function organisationsToCsv(organisations: readonly OrganisationProfile[]): string {
  const rows = organisations.map((organisation) =>
    organisationColumns.map((column) => {
      const value = organisation[column.field];
      if (Array.isArray(value)) return value.join("; ");
      return value === null || value === undefined ? "" : String(value);
    }),
  );
  return toCsv([organisationColumns.map((column) => column.header), ...rows]);
}

/** The columns as a short guide for people. */
export function organisationCsvGuide(): string {
  return organisationColumns.map((column) => `\`${column.header}\` — ${column.help}`).join("\n");
}

/** A one-row example file people can start from. */
export function organisationCsvTemplate(): string {
  return toCsv([
    organisationColumns.map((column) => column.header),
    [
      "Jiangsu Heat Networks Co.",
      "project-owner",
      "CN",
      "Nanjing",
      "Replacing coal boilers in three district heating networks with heat pumps and thermal storage by 2028.",
      "district heating and cooling; energy storage",
      "https://jiangsu-heat.example",
      "Li Wei",
      "li.wei@jiangsu-heat.example",
      "Mandarin; English",
      "",
    ],
  ]);
}
