import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsvBytes, neutraliseFormula, restoreFormula, rowsWithErrors } from "../../domain/csv-files.js";
import { checkSmeCsv, csvColumns, csvTemplate, smesToCsv } from "./csv.js";
import type { SmeProfile, SmeRecord } from "./profile.js";

const header = csvColumns.map((column) => column.header).join(",");
const row = (overrides: Record<string, string> = {}) => {
  const values: Record<string, string> = {
    name: "Aqua Pure AB",
    country: "Sweden",
    cluster: "sbh-se",
    website: "aquapure.se",
    pitch: "Membrane filtration for municipal water",
    offer: "Ceramic membrane systems that clean municipal wastewater for reuse.",
    sectors: "water and wastewater",
    stages: "equipment; system integration",
    seeks: "distributors; project owners",
    markets: "US; CN",
    size: "small",
    founded: "2015",
    trl: "8",
    certifications: "CE; ISO 9001",
    export_experience: "occasional",
    contact_email: "sales@aquapure.se",
    contact_slack_id: "",
    consent: "yes",
    ...overrides,
  };
  return csvColumns.map((column) => JSON.stringify(values[column.header] ?? "")).join(",");
};

function asRecord(profile: SmeProfile): SmeRecord {
  return {
    ...profile,
    id: 1,
    status: "approved",
    reviewNote: null,
    createdBySlackId: null,
    consentAt: new Date(),
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

describe("checkSmeCsv", () => {
  it("accepts a valid file, reading names, labels and lists", async () => {
    const check = await checkSmeCsv([header, row(), row({ name: "Vind Tech ApS", country: "DK" })].join("\n"), 2026);
    expect(check.errors).toEqual([]);
    expect(check.valid.map((r) => r.line)).toEqual([2, 3]);
    expect(check.valid[0]?.profile).toMatchObject({
      country: "SE",
      stages: ["equipment", "system-integration"],
      markets: ["US", "CN"],
      certifications: ["ce", "iso-9001"],
      website: "https://aquapure.se",
    });
  });

  it("reports every bad cell with its line and column, and repeated companies", async () => {
    const check = await checkSmeCsv(
      [
        header,
        row(),
        row({ trl: "11", contact_email: "nope" }),
        row({ name: "AQUA PURE" }),
        row({ consent: "no" }),
      ].join("\n"),
      2026,
    );
    expect(check.valid.map((r) => r.line)).toEqual([2]);
    expect(check.errors).toEqual([
      { line: 3, column: "trl", message: "The TRL is at most 9." },
      { line: 3, column: "contact_email", message: "Enter an email address such as anna@example.com." },
      { line: 4, column: "name", message: "repeats the company of line 2" },
      { line: 5, column: "consent", message: "The company must agree to be listed in the directory." },
    ]);
  });

  it("rejects a file with a wrong header as a whole", async () => {
    const check = await checkSmeCsv("company,land\nA,B", 2026);
    expect(check.fileProblem).toContain("Unknown columns: company, land.");
    expect(check.fileProblem).toContain("The header row must be: name,country,cluster");
  });

  it("reads a quote inside a value as part of it, and counts rows with errors, not bad cells", async () => {
    const stray = csvTemplate().replace("Nordic Heat A/S", 'Nordic "Heat" A/S');
    expect((await checkSmeCsv(stray, 2026)).valid.map((r) => r.profile.name)).toEqual(['Nordic "Heat" A/S']);
    const twoBadCells = await checkSmeCsv([header, row({ trl: "12", size: "huge" })].join("\n"), 2026);
    expect(twoBadCells.errors).toHaveLength(2);
    expect(rowsWithErrors(twoBadCells)).toBe(1);
  });

  it("names the line of the file a bad row is on, counting blank lines", async () => {
    const check = await checkSmeCsv([header, "", row(), "", "", row({ name: "Beta", trl: "12" })].join("\n"), 2026);
    expect(check.errors).toEqual([{ line: 6, column: "trl", message: "The TRL is at most 9." }]);
  });

  it("says which line to fix in a file it cannot read, and that a binary file is not CSV", async () => {
    const unclosed = await checkSmeCsv(
      [header, row(), row({ name: "Beta" }).replace(`"Beta"`, `"Beta`), row({ name: "Gamma" })].join("\n"),
      2026,
    );
    expect(unclosed.fileProblem).toMatch(/^Line 3 cannot be read as CSV\. Check its quotes/);
    const neverClosed = await checkSmeCsv([header, row(), '"Beta,Sweden', "Gamma,Sweden"].join("\n"), 2026);
    expect(neverClosed.fileProblem).toMatch(/^Line 3 opens a quoted value with " that is never closed\./);
    const binary = await checkSmeCsv('PK\u0003\u0004\u0014\u0000"x,"', 2026);
    expect(binary.fileProblem).toMatch(/^This is not a CSV file but a binary one/);
  });

  it("exports in the same format it imports (round trip)", async () => {
    const first = (await checkSmeCsv([header, row()].join("\n"), 2026)).valid[0]?.profile;
    if (!first) throw new Error("fixture did not validate");
    const again = await checkSmeCsv(smesToCsv([asRecord(first)]), 2026);
    expect(again.errors).toEqual([]);
    expect(again.valid[0]?.profile).toEqual(first);
  });

  it("exports cells a spreadsheet would run as formulas with a leading quote, and imports them without it", async () => {
    const planted = (
      await checkSmeCsv(
        [
          header,
          row({
            name: "+45 Heat ApS",
            pitch: "=2+5+cmd|' /C calc'!A0 for heat pumps",
            offer: "-30% energy use for district heating networks of any size.",
          }),
        ].join("\n"),
        2026,
      )
    ).valid[0]?.profile;
    if (!planted) throw new Error("fixture did not validate");
    const exported = smesToCsv([asRecord(planted)]);
    const cells = parse(exported, { columns: true })[0] as Record<string, string>;
    expect(cells.name).toBe("'+45 Heat ApS");
    expect(cells.pitch).toBe("'=2+5+cmd|' /C calc'!A0 for heat pumps");
    expect(cells.offer?.startsWith("'-30%")).toBe(true);
    // Re-imported, then exported again: the same file, the same profile, never a doubled quote.
    const reimported = (await checkSmeCsv(exported, 2026)).valid[0]?.profile;
    expect(reimported).toEqual(planted);
    expect(smesToCsv([asRecord(reimported ?? planted)])).toBe(exported);
  });

  it("ships a template that validates", async () => {
    expect((await checkSmeCsv(csvTemplate(), 2026)).valid).toHaveLength(1);
    expect(parse(csvTemplate())[0]).toEqual(csvColumns.map((column) => column.header));
  });
});

describe("neutraliseFormula and restoreFormula", () => {
  it("quote exactly the cells that start a formula, and undo exactly that quote", async () => {
    for (const cell of ["=1+2", "+4512345678", "-5", "@SUM(A1)", "\tcmd", "\rcmd", "'=already quoted", "'"]) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
      expect(restoreFormula(neutraliseFormula(cell))).toBe(cell);
    }
    for (const cell of ["Nordic Heat", "", "it's fine", "4512345678", "a=b"]) {
      expect(neutraliseFormula(cell)).toBe(cell);
      expect(restoreFormula(cell)).toBe(cell);
    }
  });
});

describe("decodeCsvBytes", () => {
  const text = "name,city\nWärme Øst A/S,Malmö\n";
  it("reads UTF-8 with and without a BOM, UTF-16 LE and BE with a BOM, and Windows-1252", async () => {
    expect(decodeCsvBytes(Buffer.from(text))).toBe(text);
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeCsvBytes(iconv.encode(text, "utf-16le", { addBOM: true }))).toBe(text);
    expect(decodeCsvBytes(iconv.encode(text, "utf-16be", { addBOM: true }))).toBe(text);
    expect(decodeCsvBytes(iconv.encode(text, "windows-1252"))).toBe(text);
  });
});

describe("checkSmeCsv with European Excel files", () => {
  it("reads semicolon-separated and tab-separated files, lists quoted inside them", async () => {
    const semicolons = [
      csvColumns.map((column) => column.header).join(";"),
      row({ stages: "equipment; system integration" }).replaceAll('","', '";"'),
    ].join("\r\n");
    const check = await checkSmeCsv(semicolons, 2026);
    expect(check.fileProblem).toBeUndefined();
    expect(check.errors).toEqual([]);
    expect(check.valid[0]?.profile.stages).toEqual(["equipment", "system-integration"]);
    const tabs = [csvColumns.map((column) => column.header).join("\t"), row().replaceAll('","', '"\t"')].join("\n");
    expect((await checkSmeCsv(tabs, 2026)).valid).toHaveLength(1);
  });
});
