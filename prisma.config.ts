// Prisma's native engines cannot be downloaded on our machines: pointing the engine paths at a file
// that exists makes the CLI skip the download, and the WebAssembly engine does the work.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/dev/null";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/dev/null";

import "dotenv/config";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { resolveDatabaseUrl, sqliteFilePath } from "./src/platform/db/location.js";
import { isPostgresUrl, postgresMigrationAdapter } from "./src/platform/db/postgres.js";

const url = resolveDatabaseUrl(process.env.DATABASE_URL);

// DATABASE_URL picks the database: a postgresql:// URL uses the generated PostgreSQL schema and its
// own migrations (prisma/postgres/, see src/platform/db/postgres-schema.ts); anything else is SQLite.
export default isPostgresUrl(url)
  ? defineConfig({
      schema: "prisma/postgres/schema.prisma",
      migrations: { path: "prisma/postgres/migrations" },
      experimental: { adapter: true },
      engine: "js",
      adapter: async () => postgresMigrationAdapter(url),
    })
  : defineConfig({
      schema: "prisma/schema.prisma",
      migrations: { path: "prisma/migrations" },
      experimental: { adapter: true },
      engine: "js",
      adapter: async () => {
        const file = sqliteFilePath(url);
        if (file) mkdirSync(path.dirname(file), { recursive: true });
        return new PrismaBetterSQLite3({ url });
      },
    });
