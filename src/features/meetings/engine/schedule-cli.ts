/**
 * `npm run schedule -- --in mission.json --out schedule.json [--time-limit <s>] [--seed <n>]`: the
 * meeting scheduler without Slack or a database, on the files of docs/schedule-files.md. Reads and
 * checks the mission (the same zod schema as the app), runs the engine, writes the schedule and
 * prints a one-line summary. Any bad input (arguments, a file that cannot be read, JSON syntax, a
 * field that breaks the format) gets its reasons on stderr and exit code 1, and nothing is written.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { parseArgs } from "node:util";
import { z } from "zod";
import { countOf } from "../../../domain/text.js";
import {
  percentOfBound,
  problemErrors,
  type ScheduleProblem,
  type ScheduleResult,
  scheduleProblemSchema,
  type UnplacedReason,
} from "./schedule-problem.js";

export const usage = `Usage: npm run schedule -- --in <mission.json> --out <schedule.json> [--time-limit <seconds>] [--seed <n>]

  --in          the mission: slots, parties and meetings to place (docs/schedule-files.md); - reads standard input
  --out         where to write the schedule as JSON; - writes it to standard output
  --time-limit  seconds the scheduler may take, 0.1 to 3600 (default 10)
  --seed        a whole number that makes the scheduler's random choices repeatable (default 1)`;

const argumentsSchema = z.object({
  in: z.string({ error: "--in is required" }).min(1, "--in needs a file name"),
  out: z.string({ error: "--out is required" }).min(1, "--out needs a file name"),
  "time-limit": z.coerce
    .number({ error: "--time-limit is a number of seconds" })
    .min(0.1, "--time-limit is at least 0.1 seconds")
    .max(3600, "--time-limit is at most 3600 seconds")
    .default(10),
  seed: z.coerce
    .number({ error: "--seed is a whole number" })
    .int("--seed is a whole number")
    .min(0, "--seed is 0 or more")
    .default(1),
});

/** How many of the file's problems are listed before "…and N more". */
const problemsShown = 5;

type Outcome = { code: 0 | 1; stdout?: string; stderr?: string };

export async function runSchedule(argv: readonly string[]): Promise<Outcome> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        in: { type: "string" },
        out: { type: "string" },
        "time-limit": { type: "string" },
        seed: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { code: 1, stderr: `${(error as Error).message}\n\n${usage}\n` };
  }
  const parsed = argumentsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join("; ");
    return { code: 1, stderr: `${problems}\n\n${usage}\n` };
  }
  const { in: input, out, "time-limit": timeLimitSeconds, seed } = parsed.data;
  if (input !== "-" && out !== "-" && path.resolve(input) === path.resolve(out)) {
    return { code: 1, stderr: `--out must not be the mission file itself (${input}): it would be overwritten.\n` };
  }
  // Checked before the run, not after minutes of it.
  if (out !== "-" && !existsSync(path.dirname(path.resolve(out)))) {
    return { code: 1, stderr: `${out}: cannot be written (its folder does not exist).\n` };
  }

  const name = input === "-" ? "standard input" : input;
  let bytes: Buffer;
  try {
    bytes = input === "-" ? await buffer(process.stdin) : readFileSync(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (code ?? String(error));
    return { code: 1, stderr: `${name}: cannot be read (${why}).\n` };
  }
  const read = readMission(bytes);
  if ("problems" in read) {
    const lines = read.problems.map((problem) => `${name}: ${problem}`);
    return { code: 1, stderr: `${lines.join("\n")}\nNothing was scheduled: fix these and run again.\n` };
  }

  // Loaded only now: bad arguments and bad files are answered without loading the solver.
  const { planSchedule } = await import("./schedule-engine.js");
  const result = await planSchedule(read.problem, { timeLimitSeconds, seed });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const summary = `${summaryLine(result, read.problem.meetings)}${out === "-" ? "" : ` Wrote ${out}.`}\n`;
  if (out === "-") return { code: 0, stdout: json, stderr: summary };
  try {
    writeFileSync(out, json);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { code: 1, stderr: `${out}: cannot be written (${code ?? String(error)}).\n` };
  }
  return { code: 0, stdout: summary };
}

/** The mission file's text checked against the one schema, or its problems as "where: why" lines. */
export function readMission(bytes: Buffer): { problem: ScheduleProblem } | { problems: string[] } {
  let text: string;
  try {
    // JSON files are UTF-8 (RFC 8259); a byte order mark, as some editors write, is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problems: ["is not UTF-8 text: save it as UTF-8 and run again"] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const { line, column, reason } = jsonSyntaxError(text, error as SyntaxError);
    return { problems: [`line ${line}, column ${column}: not valid JSON (${reason})`] };
  }
  const checked = scheduleProblemSchema.safeParse(data);
  if (checked.success) return { problem: checked.data };
  const problems = problemErrors(checked.error, problemsShown);
  const more = checked.error.issues.length - problems.length;
  if (more > 0) problems.push(`…and ${countOf(more, "more problem")}`);
  return { problems };
}

/**
 * Where JSON.parse stopped, as a 1-based line and column. Node 20 names the position for most
 * errors but not for an unexpected token (a trailing comma, a comment): then the position is found
 * by parsing ever longer beginnings of the text, since every beginning shorter than the bad
 * character fails only by ending early.
 */
export function jsonSyntaxError(text: string, error: SyntaxError): { line: number; column: number; reason: string } {
  const positionOf = (message: string): number | undefined => {
    const match = /at position (\d+)/.exec(message);
    return match ? Number(match[1]) : undefined;
  };
  const breaksBefore = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (prefixError) {
      const message = (prefixError as Error).message;
      if (message.startsWith("Unexpected end of JSON input")) return false;
      const at = positionOf(message);
      return at === undefined || at < length;
    }
  };
  let position = positionOf(error.message);
  if (position === undefined && error.message.startsWith("Unexpected end of JSON input")) position = text.length;
  if (position === undefined) {
    let low = 0;
    let high = text.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (breaksBefore(middle + 1)) high = middle;
      else low = middle + 1;
    }
    position = low;
  }
  const before = text.slice(0, position).split("\n");
  const reason = error.message
    .replace(/( in JSON)? at position \d+.*$/s, "")
    .replace(/, .*is not valid JSON$/s, "")
    .replace(/^Unexpected end of JSON input$/, "the file ends too early");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, reason };
}

const reasonWords: Record<UnplacedReason, string> = {
  "no-common-free-slot": "no common free slot",
  "table-shortage": "table shortage",
  outranked: "outranked",
};

/** "Placed 334/600 meetings (must 118/120): weight 1109, 99.6% of the bound 1113 (gap 0.4%) in 0.62 s; …" */
export function summaryLine(result: ScheduleResult, meetings: readonly { id: string; priority: string }[]): string {
  const placed = new Set(result.placed.map((placement) => placement.meeting));
  const musts = meetings.filter((meeting) => meeting.priority === "must");
  const mustsPlaced = musts.filter((meeting) => placed.has(meeting.id)).length;
  const share = `${percentOfBound(result).toFixed(1)}%`;
  const gap = `${(100 - Number.parseFloat(share)).toFixed(1)}%`;
  const reasons = Object.entries(reasonWords)
    .map(([reason, words]) => [result.unplaced.filter((u) => u.reason === reason).length, words] as const)
    .filter(([count]) => count > 0)
    .map(([count, words]) => `${count} ${words}`);
  return (
    `Placed ${placed.size}/${meetings.length} meetings (must ${mustsPlaced}/${musts.length}): ` +
    `weight ${result.objective}, ${share} of the bound ${Number(result.bound.toFixed(1))} (gap ${gap}, ${result.method}) ` +
    `in ${result.seconds.toFixed(2)} s${reasons.length > 0 ? `; unplaced: ${reasons.join(", ")}` : ""}.`
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const outcome = await runSchedule(process.argv.slice(2));
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
