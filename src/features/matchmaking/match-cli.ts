/**
 * `npm run match -- --smes smes.csv --orgs orgs.csv [--top 10] [--out suggestions.json]`: the
 * recommender without Slack or a database, on the directory's SME CSV format and the organisations'
 * format. Writes a JSON array in the SMEs' file order, each SME's suggestions best first. Bad files
 * get the imports' row-level errors on stderr and exit code 1; wrong arguments the usage and 2.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { z } from "zod";
import { type CsvRowError, decodeCsvBytes } from "../../domain/csv-files.js";
import { countOf } from "../../domain/text.js";
import type { MatchOrganisation, MatchSme } from "./match-input.js";

export const usage = `Usage: npm run match -- --smes <smes.csv> --orgs <organisations.csv> [--top <1-100>] [--out <suggestions.json>]

  --smes  SMEs in the directory's CSV format (as /sme export writes it)
  --orgs  local organisations in the organisations' CSV format (as the mission's export writes it)
  --top   suggestions per SME, best first (default 10)
  --out   where to write the JSON (default: standard output)`;

const argumentsSchema = z.object({
  smes: z.string({ error: "--smes is required" }).min(1),
  orgs: z.string({ error: "--orgs is required" }).min(1),
  top: z.coerce
    .number({ error: "--top is a number" })
    .int("--top is a whole number")
    .min(1, "--top is at least 1")
    .max(100, "--top is at most 100")
    .default(10),
  out: z.string().min(1).optional(),
});

export type MatchOutput = {
  sme: string;
  suggestions: { organisation: string; score: number; reasons: string[] }[];
}[];

type Outcome = { code: 0 | 1 | 2; stdout?: string; stderr?: string };

/** "orgs.csv: line 4, column type: …", the imports' row-level errors for a terminal. */
function describeErrors(file: string, errors: readonly CsvRowError[]): string[] {
  return [...errors]
    .sort((a, b) => a.line - b.line)
    .map((error) => `${file}: line ${error.line}${error.column ? `, column ${error.column}` : ""}: ${error.message}`);
}

function readText(file: string): { text: string } | { problem: string } {
  try {
    return { text: decodeCsvBytes(readFileSync(file)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `${file}: cannot be read (${code === "ENOENT" ? "no such file" : (code ?? String(error))})` };
  }
}

export async function runMatch(argv: readonly string[]): Promise<Outcome> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        smes: { type: "string" },
        orgs: { type: "string" },
        top: { type: "string" },
        out: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { code: 2, stderr: `${(error as Error).message}\n\n${usage}\n` };
  }
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join("; ");
    return { code: 2, stderr: `${problems}\n\n${usage}\n` };
  }
  const { smes: smeFile, orgs: organisationFile, top, out } = parsed.data;

  const problems: string[] = [];
  const smeText = readText(smeFile);
  const organisationText = readText(organisationFile);
  if ("problem" in smeText) problems.push(smeText.problem);
  if ("problem" in organisationText) problems.push(organisationText.problem);
  if ("problem" in smeText || "problem" in organisationText) return { code: 1, stderr: `${problems.join("\n")}\n` };

  // Loaded only now: a wrong argument gets its usage at once, without loading the app's features.
  const [{ checkSmeCsv }, { checkOrganisationCsv }, { recommendForSme }] = await Promise.all([
    import("../directory/index.js"),
    import("../missions/index.js"),
    import("./recommender.js"),
  ]);
  const smeCheck = await checkSmeCsv(smeText.text, DateTime.now().year);
  const organisationCheck = await checkOrganisationCsv(organisationText.text);
  if (smeCheck.fileProblem) problems.push(`${smeFile}: ${smeCheck.fileProblem}`);
  else problems.push(...describeErrors(smeFile, smeCheck.errors));
  if (organisationCheck.fileProblem) problems.push(`${organisationFile}: ${organisationCheck.fileProblem}`);
  else problems.push(...describeErrors(organisationFile, organisationCheck.errors));
  if (problems.length > 0) {
    return { code: 1, stderr: `${problems.join("\n")}\nNothing was matched: fix these rows and run again.\n` };
  }

  const smes: MatchSme[] = smeCheck.valid.map(({ profile }, index) => ({
    id: index + 1,
    name: profile.name,
    country: profile.country,
    sectors: profile.sectors,
    stages: profile.stages,
    seeks: profile.seeks,
    markets: profile.markets,
    pitch: profile.pitch,
    offer: profile.offer,
    bi: [],
  }));
  const organisations: MatchOrganisation[] = organisationCheck.valid.map(({ organisation }, index) => ({
    id: index + 1,
    name: organisation.name,
    type: organisation.type,
    market: organisation.market,
    city: organisation.city,
    sectors: organisation.sectors,
    needs: organisation.needs,
    languages: organisation.languages,
  }));
  const output: MatchOutput = smes.map((sme) => ({
    sme: sme.name,
    suggestions: recommendForSme(sme, organisations, { limit: top, delegation: smes }).map((suggestion) => ({
      organisation: suggestion.counterpart.name,
      score: suggestion.score,
      reasons: suggestion.reasons,
    })),
  }));
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (!out) return { code: 0, stdout: json };
  writeFileSync(out, json);
  const count = output.reduce((sum, entry) => sum + entry.suggestions.length, 0);
  return {
    code: 0,
    stderr: `Wrote ${countOf(count, "suggestion")} for ${countOf(output.length, "SME")} to ${out}.\n`,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const outcome = await runMatch(process.argv.slice(2));
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
