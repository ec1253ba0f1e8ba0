/**
 * `npm run db:migrate -- <name>`: writes a migration for what changed in prisma/schema.prisma, for
 * SQLite (prisma/migrations) and for PostgreSQL (prisma/postgres/migrations, after regenerating
 * prisma/postgres/schema.prisma from prisma/schema.prisma), under the same folder name, so the two
 * never drift (test/platform/postgres-schema.test.ts checks it). Then regenerates both clients.
 *
 * Why not `prisma migrate dev`: on these machines Prisma runs without its native engines, and with
 * a driver adapter `migrate dev` cannot build its shadow database. So we diff two datamodels
 * instead: the schema as of the last migration (each migrations folder's schema.snapshot.prisma)
 * against the current schema. Hand-written SQL that the datamodel cannot express (the directory's
 * search index: FTS5 on SQLite, tsvector on PostgreSQL) lives in its own migrations and is
 * invisible to this diff, as it should be.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { projectRoot } from "../src/platform/db/location.js";
import {
  postgresMigrationsDir,
  postgresSchemaFile,
  postgresSchemaFrom,
  sqliteMigrationsDir,
  sqliteSchemaFile,
} from "../src/platform/db/postgres-schema.js";

const name = process.argv[2]?.replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migrate -- <name>   e.g. npm run db:migrate -- add_meeting_rooms");
  process.exit(2);
}
const prismaCli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
const prisma = (...args: string[]) =>
  execFileSync(process.execPath, [prismaCli, ...args], {
    cwd: projectRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: "", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });

writeFileSync(postgresSchemaFile, postgresSchemaFrom(readFileSync(sqliteSchemaFile, "utf8")));

const folderName = `${DateTime.utc().toFormat("yyyyLLddHHmmss")}_${name}`;
const databases = [
  { label: "SQLite", schema: sqliteSchemaFile, migrations: sqliteMigrationsDir },
  { label: "PostgreSQL", schema: postgresSchemaFile, migrations: postgresMigrationsDir },
];
let written = 0;
for (const { label, schema, migrations } of databases) {
  const snapshot = path.join(migrations, "schema.snapshot.prisma");
  const sql = prisma(
    "migrate",
    "diff",
    "--from-schema-datamodel",
    snapshot,
    "--to-schema-datamodel",
    schema,
    "--script",
  );
  if (!/\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/i.test(sql)) {
    console.log(`${label}: ${path.relative(projectRoot, schema)} has not changed since the last migration.`);
    continue;
  }
  const folder = path.join(migrations, folderName);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  copyFileSync(schema, snapshot);
  written++;
  console.log(`${label}: wrote ${path.relative(projectRoot, folder)}/migration.sql.`);
}
if (written === 0) process.exit(0);
prisma("generate", "--schema", sqliteSchemaFile);
prisma("generate", "--schema", postgresSchemaFile);
console.log(
  "Read the migrations (a PostgreSQL one may need the data step its SQLite twin has), then npm start (or npm run db:setup) applies them.",
);
