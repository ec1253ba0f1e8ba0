/**
 * Makes a checkout ready to run: generates the Prisma clients (SQLite's and PostgreSQL's, both
 * always, since the app's code imports both), applies migrations to the database (creating the
 * SQLite file under data/; on a postgresql:// DATABASE_URL, prisma/postgres/migrations through
 * prisma.config.ts) and seeds the five clusters. Runs after `npm install`
 * and before `npm start`; when nothing changed since the last run it does nothing, so start-up
 * stays fast.
 */
import "dotenv/config";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot, resolveDatabaseUrl, sqliteFilePath } from "../src/platform/db/location.js";
import { ensurePostgresDatabase, isPostgresUrl } from "../src/platform/db/postgres.js";
import { maskUrlCredentials } from "../src/platform/logger.js";

const quiet = process.argv.includes("--quiet");
const say = (line: string) => {
  if (!quiet) console.log(`[setup] ${line}`);
};

const databaseUrl = resolveDatabaseUrl(process.env.DATABASE_URL);
const schemaFile = path.join(projectRoot, "prisma", "schema.prisma");
const postgresSchemaFile = path.join(projectRoot, "prisma", "postgres", "schema.prisma");
const migrationsDir = path.join(
  projectRoot,
  isPostgresUrl(databaseUrl) ? "prisma/postgres/migrations" : "prisma/migrations",
);
const generatedClients = ["prisma", "prisma-pg"].map((folder) =>
  path.join(projectRoot, "src", "generated", folder, "client.ts"),
);
const stampFile = path.join(projectRoot, "data", ".setup-stamp");

function fingerprint(): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(schemaFile));
  hash.update(readFileSync(postgresSchemaFile));
  for (const name of readdirSync(migrationsDir).sort()) hash.update(name);
  hash.update(databaseUrl);
  return hash.digest("hex");
}

function prisma(...args: string[]): void {
  execFileSync(process.execPath, [path.join(projectRoot, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: quiet ? "pipe" : ["ignore", "inherit", "inherit"],
  });
}

const stamp = fingerprint();
const file = sqliteFilePath(databaseUrl);
const upToDate =
  generatedClients.every((client) => existsSync(client)) &&
  (!file || existsSync(file)) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === stamp;

if (upToDate) {
  say("database and Prisma client are up to date");
} else {
  try {
    say("generating the Prisma clients");
    prisma("generate", "--schema", schemaFile);
    prisma("generate", "--schema", postgresSchemaFile);
    if (isPostgresUrl(databaseUrl) && (await ensurePostgresDatabase(databaseUrl))) say("created the database");
    say("applying migrations");
    prisma("migrate", "deploy");
    const { createDatabase } = await import("../src/platform/db/client.js");
    const { seedClusters } = await import("../src/platform/db/seed.js");
    const db = createDatabase(databaseUrl);
    try {
      say(`seeded ${await seedClusters(db)} clusters`);
    } finally {
      await db.$disconnect();
    }
    mkdirSync(path.dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, stamp);
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    console.error(
      `[setup] could not prepare the database at ${maskUrlCredentials(databaseUrl)}\n${output || String(error)}`,
    );
    process.exit(1);
  }
}
