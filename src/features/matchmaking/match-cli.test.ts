import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { MatchOutput } from "./match-cli.js";

const cli = fileURLToPath(new URL("./match-cli.ts", import.meta.url));
const projectRoot = fileURLToPath(new URL("../../..", import.meta.url));
const folder = mkdtempSync(path.join(tmpdir(), "match-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `npm run match`'s program as a child process, as a person at a terminal would. */
function match(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", cli, ...args], { cwd: projectRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function file(name: string, lines: string[]): string {
  const target = path.join(folder, name);
  writeFileSync(target, `${lines.join("\n")}\n`);
  return target;
}

const smeHeader =
  "name,country,cluster,website,pitch,offer,sectors,stages,seeks,markets,size,founded,trl,certifications,export_experience,contact_email,contact_slack_id,consent";
const smeRow = (name: string, pitch: string, offer: string, sectors: string, markets: string) =>
  `${name},DK,clean-dk,,${pitch},${offer},${sectors},equipment,project owners,${markets},small,2015,8,,europe,hello@example.com,,yes`;

const smes = file("smes.csv", [
  smeHeader,
  smeRow(
    "Vault Heat",
    "Hot water tanks for heating networks",
    "Stratified thermal storage tanks that keep a district's heat for days.",
    "energy storage",
    "US; CN",
  ),
  smeRow(
    "Charcoal Works",
    "We build biochar kilns",
    "Mobile kilns that turn wood residues into biochar for soils.",
    "waste and circular economy",
    "US",
  ),
]);

const orgsHeader = "name,type,country,city,needs,sectors";
const organisations = file("orgs.csv", [
  orgsHeader,
  "Springfield Parks Department,project-owner,US,Springfield,Wants a use for its parks' green waste instead of the landfill.,",
  "Boston Heat Co-op,project-owner,US,Boston,Our heat network needs thermal storage to shift heat pump operation.,energy storage",
  "Jiangsu Heat Networks,project-owner,CN,Nanjing,Thermal storage for three district heating networks by 2028.,district heating and cooling",
  "Shanghai Greening Bureau,agency,CN,Shanghai,Wants a use for the green waste of the city's parks.,",
]);

// Each case starts a process that loads the app's features: slow on a busy machine, not a timing check.
describe("npm run match", { timeout: 60_000 }, () => {
  it("writes each SME's suggestions, in the SMEs' file order, best first, with reasons", async () => {
    const out = path.join(folder, "suggestions.json");
    const result = await match("--smes", smes, "--orgs", organisations, "--top", "2", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("Wrote");
    const written = JSON.parse(readFileSync(out, "utf8")) as MatchOutput;
    expect(written.map((entry) => entry.sme)).toEqual(["Vault Heat", "Charcoal Works"]);
    const [vault, charcoal] = written;
    expect(vault?.suggestions.map((s) => s.organisation).sort()).toEqual([
      "Boston Heat Co-op",
      "Jiangsu Heat Networks",
    ]);
    expect(vault?.suggestions[0]?.score).toBeGreaterThanOrEqual(vault?.suggestions[1]?.score ?? 1);
    // Charcoal Works targets the US only: the Shanghai bureau, with the same needs, is never suggested.
    expect(charcoal?.suggestions.map((s) => s.organisation)).toEqual(["Springfield Parks Department"]);
    expect(charcoal?.suggestions[0]).toEqual({
      organisation: "Springfield Parks Department",
      score: expect.any(Number),
      reasons: [
        "their project needs what your offer describes: biomass and green waste",
        // The SMEs' file is the delegation: of its two SMEs, Charcoal Works answers the parks best.
        "of the delegation, your offer is the closest to their needs",
        "both in waste and circular economy",
        "they are a project owner, you seek project owners",
      ],
    });
  });

  it("writes to standard output without --out", async () => {
    const result = await match("--smes", smes, "--orgs", organisations);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as MatchOutput).length).toBe(2);
  });

  it("refuses bad files with the imports' row-level errors and exit code 1, and writes nothing", async () => {
    const badOrganisations = file("bad-orgs.csv", [
      orgsHeader,
      "Springfield Parks Department,project-owner,US,Springfield,Wants a use for its parks' green waste.,",
      "Too Short,buyer,US,Boston,short,",
      "Corner Shop,retailer,US,Austin,Wants a use for its parks' green waste.,",
    ]);
    const out = path.join(folder, "never.json");
    const result = await match("--smes", smes, "--orgs", badOrganisations, "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${badOrganisations}: line 3, column needs: `);
    expect(result.stderr).toMatch(/line 4, column type: "retailer" is not a type/);
    expect(() => readFileSync(out)).toThrow();

    const wrongHeader = file("wrong.csv", ["company,kind", "A,B"]);
    const header = await match("--smes", wrongHeader, "--orgs", organisations);
    expect(header.code).toBe(1);
    expect(header.stderr).toContain(`${wrongHeader}: `);
  });

  it("shows the usage on wrong arguments, with exit code 2", async () => {
    const wrong = [[], ["--smes", smes], ["--smes", smes, "--orgs", organisations, "--top", "zero"], ["--nope"]];
    for (const result of await Promise.all(wrong.map((args) => match(...args)))) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Usage: npm run match -- --smes");
    }
  });
});
