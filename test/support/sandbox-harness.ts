/**
 * The sandbox as a person plays it, for tests of what a feature shows there: a fresh database with
 * the demo loaded, a folder for the files the app sends, and `play` to type lines and read what they
 * printed. `stop()` removes the database and the folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Sandbox } from "../../src/sandbox/session.js";
import { freshDatabaseUrl } from "./harness.js";

export type DemoSandbox = Awaited<ReturnType<typeof startDemoSandbox>>;

export async function startDemoSandbox(options: { start: Date; env?: Record<string, string> }) {
  const database = await freshDatabaseUrl();
  const folder = mkdtempSync(path.join(tmpdir(), "ec2i-sandbox-test-"));
  const transcript: string[] = [];
  const sandbox = await Sandbox.start({
    databaseUrl: database.url,
    env: options.env ?? {},
    filesFolder: folder,
    out: (line) => transcript.push(line),
    start: options.start,
  });
  await sandbox.run("demo");
  return {
    sandbox,
    folder,
    /** Runs sandbox lines and returns what they printed. */
    async play(...lines: string[]): Promise<string> {
      const from = transcript.length;
      for (const line of lines) await sandbox.run(line);
      return transcript.slice(from).join("\n");
    },
    async stop(): Promise<void> {
      await sandbox.stop();
      await database.cleanup();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
