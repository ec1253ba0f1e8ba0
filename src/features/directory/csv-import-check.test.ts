/** The import's check in its worker thread answers exactly what checkSmeCsv answers on the main thread. */
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkSmeCsv, csvTemplate } from "./csv.js";
import { checkSmeFile } from "./csv-import-check.js";

const template = csvTemplate();
const [header = "", example = ""] = template.split("\n");

describe("checkSmeFile", () => {
  it("gives the same valid rows, row errors and file problems as checkSmeCsv", async () => {
    const withErrors = [
      header,
      example,
      example.replace(",2011,9,", ",2011,12,"),
      example.replace("Nordic", "Baltic"),
    ].join("\n");
    expect((await checkSmeCsv(withErrors, 2027)).errors.map((error) => error.line)).toEqual([3]);
    for (const text of [template, withErrors, "name;country\nx;DK", "\u0000PK binary"]) {
      expect(await checkSmeFile(Buffer.from(text, "utf8"), 2027)).toEqual(await checkSmeCsv(text, 2027));
    }
  });

  it("decodes the bytes as the import does (a Windows-1252 file keeps its accents)", async () => {
    const text = template.replace("Nordic", "Wärme Nordic");
    const check = await checkSmeFile(iconv.encode(text, "win1252"), 2027);
    expect(check.valid[0]?.profile.name).toContain("Wärme");
  });

  it("answers files checked at the same time each with its own result", async () => {
    const files = ["Alpha", "Beta", "Gamma"].map((name) => template.replace("Nordic", name));
    const checks = await Promise.all(files.map((text) => checkSmeFile(Buffer.from(text, "utf8"), 2027)));
    expect(checks.map((check) => check.valid[0]?.profile.name.split(" ")[0])).toEqual(["Alpha", "Beta", "Gamma"]);
  });
});
