/**
 * Runs once before the tests: applies the committed migrations with the real Prisma CLI to an empty
 * template database, which each test copies (freshDatabaseUrl, startTestApp), so every test starts
 * from a migrated, empty database.
 *
 * Which database the tests run on:
 *   npx vitest run                      SQLite (a template file)
 *   npm run test:postgres               PostgreSQL: a throwaway server (scripts/postgres-server.ts)
 *   TEST_DATABASE=postgresql npx vitest run [file]     PostgreSQL: TEST_POSTGRES_URL's server (a
 *                                       role with CREATEDB), or a throwaway one started here
 * On PostgreSQL the template is a database on that server (ec2i_template_<random>) and each test
 * gets CREATE DATABASE ... TEMPLATE it. `templateDatabase` stays a SQLite file either way (the
 * sandbox's tests copy it).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import type { Dialect } from "../src/platform/db/client.js";
import { migrate } from "../src/platform/db/migrate-cli.js";
import { postgresConnectionFields } from "../src/platform/db/postgres.js";
import { startThrowawayPostgres } from "./support/postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated SQLite file. */
    templateDatabase: string;
    /** What the tests copy: the SQLite file above, or a migrated PostgreSQL database's URL. */
    testDatabaseTemplate: string;
    testDialect: Dialect;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-template-"));
  const file = path.join(dir, "template.db");
  migrate(`file:${file}`);
  project.provide("templateDatabase", file);
  const removeFile = () => rmSync(dir, { recursive: true, force: true });

  const onPostgres = process.env.TEST_DATABASE === "postgresql" || Boolean(process.env.TEST_POSTGRES_URL);
  if (!onPostgres) {
    project.provide("testDatabaseTemplate", file);
    project.provide("testDialect", "sqlite");
    return removeFile;
  }
  const server = process.env.TEST_POSTGRES_URL ? undefined : await startThrowawayPostgres();
  const serverUrl = process.env.TEST_POSTGRES_URL ?? (server as { url: string }).url;
  const name = `ec2i_template_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const onServer = async (sql: string) => {
    const client = new pg.Client({ ...postgresConnectionFields(serverUrl), database: "postgres" });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE "${name}"`);
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${name}`;
  migrate(templateUrl.toString());
  project.provide("testDatabaseTemplate", templateUrl.toString());
  project.provide("testDialect", "postgresql");
  return async () => {
    removeFile();
    if (server) await server.stop();
    else await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
}
