/**
 * Runs the sandbox: interactively in a terminal, or a script of sandbox commands (a file given with
 * --script, or standard input when it is not a terminal), printing the transcript.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { loadTemplates } from "../features/bi/template-files.js";
import { parseConfig } from "../platform/config.js";
import { migrate } from "../platform/db/migrate-cli.js";
import { Sandbox, sandboxHelp } from "./session.js";

const banner = [
  "EC2i Missions — local sandbox (no Slack workspace needed).",
  "The real app runs here against a local stand-in for Slack. To connect a real workspace instead, create",
  "the app from manifest.yml and set SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET (see README).",
];

export type SandboxRun = {
  scriptPath?: string | undefined;
  databaseUrl?: string;
  out?: (line: string) => void;
  /** Where the sandbox clock starts (tests pin it). */
  start?: Date;
};

/** Returns the exit code: 0, or 1 when a script line failed. */
export async function runSandbox(run: SandboxRun = {}): Promise<number> {
  const out = run.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const databaseUrl = run.databaseUrl ?? parseConfig(process.env).sandboxDatabaseUrl;
  migrate(databaseUrl);
  const sandbox = await Sandbox.start({
    databaseUrl,
    templates: loadTemplates(),
    out,
    ...(run.start ? { start: run.start } : {}),
  });
  try {
    for (const line of banner) out(line);
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
  }
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

// `npm run sandbox [-- --script file]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const index = process.argv.indexOf("--script");
  const scriptPath = index > 0 ? process.argv[index + 1] : undefined;
  process.exit(await runSandbox({ scriptPath }));
}
