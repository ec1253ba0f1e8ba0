/**
 * PostgreSQL's schema and migrations (prisma/postgres/) are generated from SQLite's by
 * `npm run db:migrate -- <name>`: these fail when someone changed prisma/schema.prisma without it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prismaCli } from "../../src/platform/db/migrate-cli.js";
import {
  postgresMigrationsDir,
  postgresSchemaFile,
  postgresSchemaFrom,
  sqliteSchemaFile,
} from "../../src/platform/db/postgres-schema.js";
import { freshDatabaseUrl, testDialect } from "../support/harness.js";

const rerun = "run npm run db:migrate -- <name> (it regenerates prisma/postgres/ and writes both migrations)";

describe("the PostgreSQL schema", () => {
  it("is prisma/schema.prisma for PostgreSQL, regenerated", () => {
    const expected = postgresSchemaFrom(readFileSync(sqliteSchemaFile, "utf8"));
    expect(readFileSync(postgresSchemaFile, "utf8"), `prisma/postgres/schema.prisma is stale: ${rerun}`).toBe(expected);
  });

  it("is covered by its migrations (the last one's snapshot is the schema)", { timeout: 90_000 }, () => {
    const diff = prismaCli(
      "file:/dev/null",
      "migrate",
      "diff",
      "--from-schema-datamodel",
      `${postgresMigrationsDir}/schema.snapshot.prisma`,
      "--to-schema-datamodel",
      postgresSchemaFile,
      "--script",
    );
    expect(diff, `prisma/postgres/migrations lacks a migration: ${rerun}`).not.toMatch(/\b(CREATE|ALTER|DROP)\b/);
  });

  /** Objects the hand-written migrations add beside the datamodel (the directory's tsvector search). */
  const handWritten = /"SmeSearch"|directory_unaccent|unaccent/;

  // Replays every PostgreSQL migration into a shadow database on the test server and compares the
  // result with the schema: catches a migration edited by hand into something else.
  it.skipIf(testDialect() !== "postgresql")(
    "is what its migrations build on a real server",
    { timeout: 180_000 },
    async () => {
      const { url, cleanup } = await freshDatabaseUrl();
      try {
        const diff = prismaCli(
          url,
          "migrate",
          "diff",
          "--from-migrations",
          postgresMigrationsDir,
          "--to-schema-datamodel",
          postgresSchemaFile,
          "--script",
        );
        const statements = diff
          .split(";")
          .map((statement) => statement.replace(/--.*$/gm, "").trim())
          .filter((statement) => statement && !handWritten.test(statement));
        expect(statements).toEqual([]);
      } finally {
        await cleanup();
      }
    },
  );
});
