/**
 * Runs the sandbox: interactively in a terminal, or a script of sandbox commands (a file given with
 * --script, or standard input when it is not a terminal), printing the transcript.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { config as loadDotenv } from "dotenv";
import { TemplateError } from "../features/bi/template.js";
import { ConfigError, parseConfig } from "../platform/config.js";
import { projectRoot, sqliteFilePath } from "../platform/db/location.js";
import { migrate } from "../platform/db/migrate-cli.js";
import { channelsFileOf } from "./channel-memory.js";
import { Sandbox, sandboxHelp } from "./session.js";

const banner = [
  "EC2i Missions — local sandbox (no Slack workspace needed).",
  "The real app runs here against a local stand-in for Slack. To connect a real workspace instead, create",
  "the app from manifest.yml and set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (see README).",
];

/** Where the sandbox saves the files the app sends (exports, BI reports). */
export const sandboxFilesFolder = path.join(projectRoot, "data", "sandbox-files");

export type SandboxRun = {
  scriptPath?: string | undefined;
  /** A new empty database for this run only, removed at the end: `npm run demo` starts from scratch every time. */
  fresh?: boolean;
  /** Deletes the sandbox's database and the files the app sent, then starts on an empty database. */
  reset?: boolean;
  /** The sandbox's database when not fresh: SANDBOX_DATABASE_URL (data/sandbox.db) by default. */
  databaseUrl?: string;
  /** A migrated SQLite file that a fresh database copies instead of running the migrations (tests). */
  migratedDatabase?: string;
  filesFolder?: string;
  /** The environment the app is composed from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
  /** Where the sandbox clock starts (tests pin it). */
  start?: Date;
};

const usage = "Usage: npm run sandbox [-- --script <file>] [--fresh] [--reset]";

/** `--script <file>`, `--fresh` and `--reset`, from the command line of npm start or npm run sandbox. */
export function sandboxArguments(argv: readonly string[]): SandboxRun {
  const index = argv.indexOf("--script");
  const scriptPath = index >= 0 ? argv[index + 1] : undefined;
  if (index >= 0 && !scriptPath) throw new Error(`--script needs a file. ${usage}`);
  const unknown = argv.filter((arg, i) => arg !== scriptPath && i !== index && !["--fresh", "--reset"].includes(arg));
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(" ")}. ${usage}`);
  return { scriptPath, fresh: argv.includes("--fresh"), reset: argv.includes("--reset") };
}

/** Returns the exit code: 0, or 1 when a script line failed or the sandbox could not start. */
export async function runSandbox(run: SandboxRun = {}): Promise<number> {
  const out = run.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = run.env ?? process.env;
  const filesFolder = run.filesFolder ?? sandboxFilesFolder;
  let database: { url: string; cleanup: () => void; channelsFile?: string };
  let sandbox: Sandbox;
  try {
    database = prepareDatabase(run, env, filesFolder, out);
    try {
      sandbox = await Sandbox.start({
        databaseUrl: database.url,
        env,
        filesFolder,
        out,
        ...(run.start ? { start: run.start } : {}),
        ...(database.channelsFile ? { channelsFile: database.channelsFile } : {}),
      });
    } catch (error) {
      database.cleanup();
      throw error;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TemplateError) {
      out(error.message);
      return 1;
    }
    throw error;
  }
  try {
    for (const line of banner) out(line);
    out(
      sandbox.llmModel
        ? `Business Intelligence answers are read by ${sandbox.llmModel} (OPENAI_API_KEY is set).`
        : "No OPENAI_API_KEY: Business Intelligence answers are read without an LLM.",
    );
    const interactive = !run.scriptPath && process.stdin.isTTY === true;
    if (interactive) return await repl(sandbox, out);
    const text = run.scriptPath ? readFileSync(run.scriptPath, "utf8") : await readStdin();
    if (await sandbox.needsDemoData()) out("The directory is empty: `demo` loads demo data.");
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      out(line.trim().startsWith("#") ? line : `${sandbox.me.handle}> ${line}`);
      try {
        if (!(await sandbox.run(line))) break;
      } catch {
        return 1;
      }
    }
    return 0;
  } finally {
    await sandbox.stop();
    database.cleanup();
  }
}

/** The database this run uses: a fresh one, or the sandbox's own (emptied first with --reset), migrated. */
function prepareDatabase(
  run: SandboxRun,
  env: NodeJS.ProcessEnv,
  filesFolder: string,
  out: (line: string) => void,
): { url: string; cleanup: () => void; channelsFile?: string } {
  if (run.fresh) {
    const folder = mkdtempSync(path.join(tmpdir(), "ec2i-sandbox-"));
    const url = `file:${path.join(folder, "sandbox.db")}`;
    if (run.migratedDatabase) copyFileSync(run.migratedDatabase, path.join(folder, "sandbox.db"));
    else migrate(url);
    return { url, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
  }
  const url = run.databaseUrl ?? parseConfig(env).sandboxDatabaseUrl;
  const file = sqliteFilePath(url);
  const channelsFile = file && file !== ":memory:" ? channelsFileOf(file) : undefined;
  if (run.reset) {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) if (file) rmSync(`${file}${suffix}`, { force: true });
    if (channelsFile) rmSync(channelsFile, { force: true });
    rmSync(filesFolder, { recursive: true, force: true });
    out(`Reset: removed the sandbox database (${file}) and the files the app sent (${filesFolder}).`);
  }
  migrate(url);
  return { url, cleanup: () => {}, ...(channelsFile ? { channelsFile } : {}) };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function repl(sandbox: Sandbox, out: (line: string) => void): Promise<number> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const ask = (question: string) => new Promise<string>((resolve) => rl.question(question, resolve));
  if (await sandbox.needsDemoData()) {
    const answer = await ask(
      "The directory is empty. Load demo data (80 SMEs, people of each role, BI answers)? [Y/n] ",
    );
    if (!/^n/i.test(answer.trim())) await sandbox.run("demo");
  }
  out(sandboxHelp);
  out("You are @ada, an admin. Try: who · as alice · /sme find heat pump · home");
  for (;;) {
    const line = await ask(`${sandbox.me.handle}> `);
    try {
      if (!(await sandbox.run(line))) break;
    } catch {
      // The error was printed; the session goes on.
    }
  }
  rl.close();
  return 0;
}

// `npm run sandbox [-- --script file] [--fresh] [--reset]`: reads .env as `npm start` does (OPENAI_API_KEY…).
if (import.meta.url === `file://${process.argv[1]}`) {
  loadDotenv({ quiet: true });
  let run: SandboxRun;
  try {
    run = sandboxArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  process.exit(await runSandbox(run));
}
