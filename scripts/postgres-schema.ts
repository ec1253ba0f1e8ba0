/** `npm run db:postgres-schema`: writes prisma/postgres/schema.prisma from prisma/schema.prisma (see src/platform/db/postgres-schema.ts). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { postgresSchemaFile, postgresSchemaFrom, sqliteSchemaFile } from "../src/platform/db/postgres-schema.js";

mkdirSync(path.dirname(postgresSchemaFile), { recursive: true });
writeFileSync(postgresSchemaFile, postgresSchemaFrom(readFileSync(sqliteSchemaFile, "utf8")));
console.log(`Wrote ${path.relative(process.cwd(), postgresSchemaFile)}.`);
