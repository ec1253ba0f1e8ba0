/**
 * The PostgreSQL schema is GENERATED from prisma/schema.prisma (a Prisma schema has one provider):
 * `npm run db:migrate -- <name>` regenerates it with its migration, and test/platform/
 * postgres-schema.test.ts fails when prisma/postgres/ is out of step. Never edit
 * prisma/postgres/schema.prisma by hand: change prisma/schema.prisma.
 */
import path from "node:path";
import { projectRoot } from "./location.js";

export const sqliteSchemaFile = path.join(projectRoot, "prisma", "schema.prisma");
export const sqliteMigrationsDir = path.join(projectRoot, "prisma", "migrations");
export const postgresSchemaFile = path.join(projectRoot, "prisma", "postgres", "schema.prisma");
export const postgresMigrationsDir = path.join(projectRoot, "prisma", "postgres", "migrations");

const header = `// GENERATED from prisma/schema.prisma by \`npm run db:postgres-schema\` (also run by \`npm run db:migrate\`):
// do not edit. The same datamodel for PostgreSQL, with its own client (src/generated/prisma-pg) and
// its own migrations (prisma/postgres/migrations).
`;

/** The SQLite schema's text, rewritten for PostgreSQL: provider, url and the generated client's folder. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const replacements: [RegExp, string][] = [
    [/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"'],
    [/^(\s*output\s*=\s*)"\.\.\/src\/generated\/prisma"/m, '$1"../../src/generated/prisma-pg"'],
  ];
  let schema = sqliteSchema;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(schema))
      throw new Error(`prisma/schema.prisma no longer matches ${pattern}: update postgres-schema.ts.`);
    schema = schema.replace(pattern, replacement);
  }
  return header + schema;
}
