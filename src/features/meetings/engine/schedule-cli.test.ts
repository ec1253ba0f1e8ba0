import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateInstance, missionSize } from "./instance-generator.js";
import { jsonSyntaxError } from "./schedule-cli.js";
import type { ScheduleProblem, ScheduleResult } from "./schedule-problem.js";

const cli = fileURLToPath(new URL("./schedule-cli.ts", import.meta.url));
const projectRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const example = path.join(projectRoot, "docs/examples/schedule-mission.json");
const folder = mkdtempSync(path.join(tmpdir(), "schedule-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Run = { code: number; stdout: string; stderr: string };

/** Runs `npm run schedule`'s program as a child process, as a person at a terminal would. */
function schedule(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", cli, ...args],
      { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? "");
  });
}

function file(name: string, content: string | Buffer): string {
  const target = path.join(folder, name);
  writeFileSync(target, content);
  return target;
}

/** Everything a schedule must respect, as the sentences a user would complain with. */
function violations(problem: ScheduleProblem, result: ScheduleResult): string[] {
  const found: string[] = [];
  const parties = new Map(problem.parties.map((party) => [party.id, party]));
  const meetings = new Map(problem.meetings.map((meeting) => [meeting.id, meeting]));
  const slots = new Map(problem.slots.map((slot) => [slot.id, slot]));
  const busy = new Set<string>();
  const tables = new Set<string>();
  const poolUsed = new Map<string, number>();
  for (const { meeting: id, slot, table } of result.placed) {
    const meeting = meetings.get(id);
    if (!meeting || !slots.has(slot)) {
      found.push(`${id} in ${slot}: no such meeting or slot`);
      continue;
    }
    for (const partyId of meeting.parties) {
      const party = parties.get(partyId);
      if (party?.available && !party.available.includes(slot)) found.push(`${partyId} is not there in ${slot}`);
      if (busy.has(`${partyId}@${slot}`)) found.push(`${partyId} has two meetings in ${slot}`);
      busy.add(`${partyId}@${slot}`);
    }
    if (tables.has(`${table}@${slot}`)) found.push(`table ${table} is used twice in ${slot}`);
    tables.add(`${table}@${slot}`);
    const stand = meeting.parties.map((p) => parties.get(p)?.stand).find((s) => s !== undefined);
    if (stand !== undefined && table !== stand) found.push(`${id} is not at its stand ${stand}`);
    if (stand === undefined) poolUsed.set(slot, (poolUsed.get(slot) ?? 0) + 1);
    if (meeting.pinned && meeting.pinned.slot !== slot) found.push(`pinned ${id} moved to ${slot}`);
  }
  for (const [slot, used] of poolUsed) {
    if (used > (slots.get(slot)?.tables ?? 0)) found.push(`${slot} has ${used} meetings for its tables`);
  }
  const accounted = [...result.placed.map((p) => p.meeting), ...result.unplaced.map((u) => u.meeting)].sort();
  if (accounted.join() !== [...meetings.keys()].sort().join()) found.push("not every meeting is placed or unplaced");
  if (result.objective > result.bound + 1e-6) found.push("objective above its bound");
  return found;
}

// Each case starts a process (tsx and the engine): slow on a busy machine, not a timing check.
describe("npm run schedule", { timeout: 60_000 }, () => {
  const exampleProblem = JSON.parse(readFileSync(example, "utf8")) as ScheduleProblem;

  it("schedules the worked example of docs/schedule-files.md into a valid schedule file with a summary", async () => {
    const out = path.join(folder, "schedule.json");
    const run = await schedule(["--in", example, "--out", out, "--time-limit", "2", "--seed", "7"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const result = JSON.parse(readFileSync(out, "utf8")) as ScheduleResult;
    expect(violations(exampleProblem, result)).toEqual([]);
    // The port is only there after lunch, when Charcoal Works has left: no engine can place that one.
    expect(result.unplaced).toContainEqual({ meeting: "charcoal-port", reason: "no-common-free-slot" });
    // The best schedule worked out by hand in the docs: both must-haves, everything but two meetings.
    expect(result.objective).toBe(31);
    expect(result.placed.map((placement) => placement.meeting)).toEqual(
      expect.arrayContaining(["vault-jiangsu", "tidal-grid"]),
    );
    expect(result.placed).toContainEqual(
      expect.objectContaining({ meeting: "vault-grid", slot: "2027-03-16T10:00", table: 5 }),
    );
    expect(result).toEqual(
      expect.objectContaining({ objective: expect.any(Number), bound: expect.any(Number), gap: expect.any(Number) }),
    );
    expect(run.stdout).toMatch(
      new RegExp(
        `^Placed ${result.placed.length}/9 meetings \\(must \\d/2\\): weight ${result.objective}, [\\d.]+% of the bound .* in [\\d.]+ s.*\\. Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.\\n$`,
      ),
    );
  });

  it("reads standard input and writes standard output with '-', keeping the summary apart on stderr", async () => {
    const problem = generateInstance(missionSize, 3);
    const run = await schedule(["--in", "-", "--out", "-", "--time-limit", "1"], JSON.stringify(problem));
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ScheduleResult;
    expect(violations(problem, result)).toEqual([]);
    expect(result.placed.length).toBeGreaterThan(200);
    expect(run.stderr).toMatch(/^Placed \d+\/600 meetings/);
  });

  it("refuses a bad mission file with where and why, exit code 1, and writes nothing", async () => {
    const out = path.join(folder, "never.json");
    const withMeetings = (meetings: unknown[]) => JSON.stringify({ ...exampleProblem, meetings }, null, 2);
    const cases: { input: string; says: string[] }[] = [
      { input: path.join(folder, "missing.json"), says: ["missing.json: cannot be read (no such file)"] },
      {
        input: file("trailing-comma.json", '{\n  "timeZone": "Asia/Shanghai",\n  "slots": [1,]\n}\n'),
        says: ["trailing-comma.json: line 3, column 15: not valid JSON (Unexpected token ']')"],
      },
      {
        input: file("cut-short.json", '{ "timeZone": "Asia/Shanghai",\n  "slots": ['),
        says: ["cut-short.json: line 2, column 13: not valid JSON (the file ends too early)"],
      },
      {
        input: file("latin-1.json", Buffer.from('{ "timeZone": "Europe/K\xf8benhavn" }', "latin1")),
        says: ["latin-1.json: is not UTF-8 text"],
      },
      {
        input: file(
          "unknown-party.json",
          withMeetings([
            { id: "ok", parties: ["vault", "grid"], priority: "want" },
            { id: "bad", parties: ["vault", "nobody"], priority: "must" },
          ]),
        ),
        says: ['unknown-party.json: meetings[1].parties[1]: no party has id "nobody"'],
      },
      {
        input: file(
          "wrong-fields.json",
          JSON.stringify({
            ...exampleProblem,
            timeZone: "Shanghai",
            slots: [{ id: "s1", start: "16/03/2027 09:30", end: "2027-03-16T10:00", tables: -1 }],
          }),
        ),
        says: [
          "wrong-fields.json: timeZone: must be an IANA time zone like Asia/Shanghai",
          "wrong-fields.json: slots[0].start: must be a local date and time like 2027-03-16T09:00",
          "wrong-fields.json: slots[0].tables: ",
        ],
      },
      {
        input: file(
          "many-problems.json",
          withMeetings(Array.from({ length: 8 }, (_, k) => ({ id: `m${k}`, parties: ["vault"], priority: "must" }))),
        ),
        says: ["many-problems.json: meetings[0].parties: a meeting needs at least two parties", "…and 3 more problems"],
      },
    ];
    const runs = await Promise.all(cases.map(({ input }) => schedule(["--in", input, "--out", out])));
    runs.forEach((run, k) => {
      expect(run.code).toBe(1);
      for (const line of cases[k]?.says ?? []) expect(run.stderr).toContain(line);
      expect(run.stdout).toBe("");
    });
    expect(existsSync(out)).toBe(false);
  });

  it("shows the usage on missing, unknown or wrong arguments and refuses an --out it must not or cannot write, with exit code 1", async () => {
    const out = path.join(folder, "never.json");
    const wrong = [
      [],
      ["--in", example],
      ["--in", example, "--out", out, "--time-limit", "0"],
      ["--in", example, "--out", out, "--seed", "lucky"],
      ["--in", example, "--out", out, "--verbose"],
      [example, out],
    ];
    const runs = await Promise.all(wrong.map((args) => schedule(args)));
    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("Usage: npm run schedule -- --in <mission.json> --out <schedule.json>");
    }
    expect(runs[1]?.stderr).toMatch(/^--out is required/);
    expect(runs[2]?.stderr).toMatch(/^--time-limit is at least 0\.1 seconds/);
    expect(existsSync(out)).toBe(false);

    const overwrite = await schedule(["--in", example, "--out", example]);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain("--out must not be the mission file itself");

    const nowhere = path.join(folder, "no-such-folder", "schedule.json");
    const lost = await schedule(["--in", example, "--out", nowhere]);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toBe(`${nowhere}: cannot be written (its folder does not exist).\n`);
  });
});

describe("where a JSON syntax error is", () => {
  const at = (text: string) => {
    try {
      JSON.parse(text);
    } catch (error) {
      return jsonSyntaxError(text, error as SyntaxError);
    }
    throw new Error("the text is valid JSON");
  };

  it("finds the line and column of errors Node names a position for and of those it does not", () => {
    expect(at('{\n  "a": 1\n  "b": 2\n}')).toEqual({
      line: 3,
      column: 3,
      reason: "Expected ',' or '}' after property value",
    });
    expect(at('{\n  "a": [1, 2,]\n}')).toEqual({ line: 2, column: 14, reason: "Unexpected token ']'" });
    expect(at('{\n  // a comment\n  "a": 1\n}')).toEqual({
      line: 2,
      column: 3,
      reason: "Expected property name or '}'",
    });
    expect(at('\n\n// the mission\n{ "a": 1 }')).toEqual({ line: 3, column: 1, reason: "Unexpected token '/'" });
    expect(at('{ "a": tru }')).toEqual({ line: 1, column: 11, reason: "Unexpected token ' '" });
    expect(at('{ "a": 1 }\n{ "b": 2 }')).toEqual({
      line: 2,
      column: 1,
      reason: "Unexpected non-whitespace character after JSON",
    });
    expect(at('{ "a": ')).toEqual({ line: 1, column: 8, reason: "the file ends too early" });
  });
});
