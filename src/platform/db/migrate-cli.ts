import { execFileSync } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./location.js";

/** Runs the Prisma CLI against `databaseUrl` (see prisma.config.ts); returns its output. */
export function prismaCli(databaseUrl: string, ...args: string[]): string {
  return execFileSync(
    process.execPath,
    [path.join(projectRoot, "node_modules", "prisma", "build", "index.js"), ...args],
    {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      encoding: "utf8",
      stdio: "pipe",
    },
  );
}

/**
 * Applies the committed migrations to `databaseUrl` with the real Prisma CLI: prisma/migrations on
 * SQLite, prisma/postgres/migrations on a postgresql:// URL (prisma.config.ts picks them; the
 * database must exist, see ensurePostgresDatabase).
 */
export function migrate(databaseUrl: string): string {
  return prismaCli(databaseUrl, "migrate", "deploy");
}
