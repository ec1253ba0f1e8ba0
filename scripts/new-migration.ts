/**
 * `npm run db:migrate -- <name>`: writes a migration for what changed in prisma/schema.prisma.
 *
 * Why not `prisma migrate dev`: on these machines Prisma runs without its native engines, and with
 * a driver adapter `migrate dev` cannot build its shadow database. So we diff two datamodels
 * instead: the schema as of the last migration (prisma/migrations/schema.snapshot.prisma) against
 * the current schema. Hand-written SQL that the datamodel cannot express (the FTS5 search index)
 * lives in its own migrations and is invisible to this diff, as it should be.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { projectRoot } from "../src/platform/db/location.js";

const name = process.argv[2]?.replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migrate -- <name>   e.g. npm run db:migrate -- add_meeting_rooms");
  process.exit(2);
}
const schema = path.join(projectRoot, "prisma", "schema.prisma");
const snapshot = path.join(projectRoot, "prisma", "migrations", "schema.snapshot.prisma");
const prisma = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");

const sql = execFileSync(
  process.execPath,
  [prisma, "migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", schema, "--script"],
  { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!/\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/i.test(sql)) {
  console.log("prisma/schema.prisma has not changed since the last migration: nothing to write.");
  process.exit(0);
}
const folder = path.join(projectRoot, "prisma", "migrations", `${DateTime.utc().toFormat("yyyyLLddHHmmss")}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
copyFileSync(schema, snapshot);
console.log(
  `Wrote ${path.relative(projectRoot, folder)}/migration.sql. Read it, then npm start (or npm run db:setup) applies it.`,
);
