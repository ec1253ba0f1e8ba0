import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { checkSmeCsv, csvColumns, csvTemplate, smesToCsv } from "./csv.js";
import type { SmeRecord } from "./directory-store.js";

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

describe("checkSmeCsv", () => {
  it("accepts a valid file, reading names, labels and lists", () => {
    const check = checkSmeCsv([header, row(), row({ name: "Vind Tech ApS", country: "DK" })].join("\n"), 2026);
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

  it("reports every bad cell with its line and column, and repeated companies", () => {
    const check = checkSmeCsv(
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

  it("rejects a file with a wrong header as a whole", () => {
    const check = checkSmeCsv("company,land\nA,B", 2026);
    expect(check.fileProblem).toContain("Unknown columns: company, land.");
    expect(check.fileProblem).toContain("The header row must be: name,country,cluster");
  });

  it("exports in the same format it imports (round trip)", () => {
    const first = checkSmeCsv([header, row()].join("\n"), 2026).valid[0]?.profile;
    if (!first) throw new Error("fixture did not validate");
    const record: SmeRecord = {
      ...first,
      id: 1,
      status: "approved",
      reviewNote: null,
      createdBySlackId: null,
      consentAt: new Date(),
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    const again = checkSmeCsv(smesToCsv([record]), 2026);
    expect(again.errors).toEqual([]);
    expect(again.valid[0]?.profile).toEqual(first);
  });

  it("ships a template that validates", () => {
    expect(checkSmeCsv(csvTemplate(), 2026).valid).toHaveLength(1);
    expect(parse(csvTemplate())[0]).toEqual(csvColumns.map((column) => column.header));
  });
});
