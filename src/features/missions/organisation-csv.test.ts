import { describe, expect, it } from "vitest";
import { validateOrganisation } from "./organisation.js";
import { checkOrganisationCsv, organisationCsvTemplate, organisationsToCsv } from "./organisation-csv.js";

const header = "name,type,country,city,needs";
const needs = "Wants a use for the green waste of its parks and streets";

describe("the organisations' CSV format", () => {
  it("reads the template, and an export of what it read reads back the same", async () => {
    const check = await checkOrganisationCsv(organisationCsvTemplate());
    expect(check.errors).toEqual([]);
    const row = check.valid[0];
    if (!row) throw new Error("the template has a valid row");
    expect(row.organisation).toMatchObject({
      name: "Jiangsu Heat Networks Co.",
      type: "project-owner",
      country: "CN",
      market: "CN",
      sectors: ["district-heating-cooling", "energy-storage"],
      languages: ["Mandarin", "English"],
      available: [],
    });
    const exported = organisationsToCsv([
      { ...row.organisation, needs: "=HYPERLINK(evil) and twenty more characters" },
    ]);
    expect(exported).toContain("'=HYPERLINK(evil)");
    const again = await checkOrganisationCsv(exported);
    expect(again.valid[0]?.organisation).toEqual({
      ...row.organisation,
      needs: "=HYPERLINK(evil) and twenty more characters",
    });
  });

  it("needs only the required columns, and reports every bad cell by line and column", async () => {
    const text = [
      header,
      `City of Boston,agency,US,Boston,${needs}`,
      "Too Short,buyer,US,Boston,short",
      `Lyon Métropole,agency,FR,Lyon,${needs}`,
      `Acme,retailer,us,Austin,${needs}`,
      `city of boston,partner,US,Boston,${needs}`,
    ].join("\n");
    const check = await checkOrganisationCsv(text);
    expect(check.valid.map((v) => v.organisation.name)).toEqual(["City of Boston"]);
    expect(check.errors).toEqual([
      { line: 3, column: "needs", message: "Describe the needs in at least 20 characters." },
      { line: 4, column: "country", message: "Missions go to the US and China: the country is US or CN, not FR." },
      {
        line: 5,
        column: "type",
        message:
          '"retailer" is not a type. Use one of: project-owner, buyer, distributor, partner, investor, agency, research.',
      },
      { line: 6, column: "name", message: "repeats the organisation of line 2" },
    ]);
  });

  it("reads semicolon-separated files and refuses unknown columns with the header it expects", async () => {
    const semicolons = await checkOrganisationCsv(`name;type;country;city;needs\nGrid Co;buyer;US;Austin;${needs}`);
    expect(semicolons.valid).toHaveLength(1);
    const unknown = await checkOrganisationCsv(`name,kind,country,city,needs\nGrid Co,buyer,US,Austin,${needs}`);
    expect(unknown.fileProblem).toBe(
      "Unknown columns: kind. Missing columns: type. The header row must be: name,type,country,city,needs,sectors,website,contact_name,contact_email,languages,available",
    );
  });
});

describe("validateOrganisation", () => {
  it("takes a type by its label, sectors by label, and checks dates", () => {
    const result = validateOrganisation({
      name: "Shanghai Green Capital",
      type: "Investor",
      country: "cn",
      city: "Shanghai",
      needs: "Invests in energy storage start-ups entering China",
      sectors: ["Energy storage"],
      available: ["2027-04-14", "14/04/2027"],
    });
    expect(result).toEqual({
      ok: false,
      errors: { available: '"14/04/2027" is not a date: write days as YYYY-MM-DD, e.g. 2027-04-13.' },
    });
  });
});
