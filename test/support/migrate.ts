import { execFileSync } from "node:child_process";

/** Applies the committed migrations to `databaseUrl` with the real Prisma CLI; returns its output. */
export function prismaCli(databaseUrl: string, ...args: string[]): string {
  return execFileSync(process.execPath, ["node_modules/prisma/build/index.js", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: "pipe",
  });
}

export function migrate(databaseUrl: string): string {
  return prismaCli(databaseUrl, "migrate", "deploy");
}
