/**
 * Runs once before the tests: applies the committed migrations with the real Prisma CLI to an empty
 * SQLite file. Each test copies that file, so every test starts from a migrated, empty database.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-template-"));
  const file = path.join(dir, "template.db");
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: "pipe",
  });
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
