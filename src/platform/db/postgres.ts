/**
 * PostgreSQL connections through @prisma/adapter-pg: the app's (createDatabase) and the Prisma
 * CLI's (prisma.config.ts), which needs three work-arounds for adapter-pg 6.19.3's migrations:
 * (1) catalog types `name`, `name[]` and `"char"` read as text (prisma/orm#27403), (2) the URL as
 * separate fields, (3) a shadow database dropped WITH (FORCE) after its pool closes. Each is
 * explained where it is done below. Runtime queries need none of them.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/** True for the URLs that select PostgreSQL (postgresql:// or postgres://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The URL as separate fields (work-around 2): in node-postgres a connectionString overrides
 * `database`, so the shadow database Prisma asks for would silently be the main one (P3006).
 */
export function postgresConnectionFields(url: string): pg.ClientConfig {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  const socketHost = parsed.searchParams.get("host"); // postgresql://u@/db?host=/var/run/postgresql
  return {
    host: socketHost ?? (parsed.hostname || "localhost"),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: database || undefined,
    ...(parsed.searchParams.get("sslmode") === "require" ? { ssl: { rejectUnauthorized: false } } : {}),
  };
}

/** The app's adapter: a pool of `max` connections (config.postgresPoolSize, PG_POOL_SIZE, 10 by default). */
export function postgresAdapter(url: string, max = 10): PrismaPg {
  return new PrismaPg({ ...postgresConnectionFields(url), max });
}

/** Catalog types adapter-pg cannot read (prisma/orm#27403), relabelled as the text types they print as. */
const textForCatalogType: Record<number, number> = { 19: 25, 18: 25, 1003: 1009 };
// pg's types list only the built-in ids it names; 1009 (text[]) has a parser all the same.
const parseTextArray = (pg.types.getTypeParser as (oid: number) => (value: string) => unknown)(1009);

type QueryResultLike = { fields?: { dataTypeID: number }[]; rows?: unknown[][] };

function relabelCatalogTypes<R>(result: R): R {
  const { fields, rows } = (result ?? {}) as QueryResultLike;
  fields?.forEach((field, index) => {
    const text = textForCatalogType[field.dataTypeID];
    if (text === undefined) return;
    if (field.dataTypeID === 1003) {
      for (const row of rows ?? []) {
        if (Array.isArray(row) && typeof row[index] === "string") row[index] = parseTextArray(row[index]);
      }
    }
    field.dataTypeID = text;
  });
  return result;
}

/** Work-around 1: a pg.Client whose results label `name`, `name[]` and `"char"` columns as text. */
class CatalogTypesAsText extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this only wraps the result.
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        last(error, error ? result : relabelCatalogTypes(result));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return result instanceof Promise ? result.then(relabelCatalogTypes) : result;
  }
}

/**
 * The Prisma CLI's adapter (migrate deploy/dev/diff/status): work-arounds 1 and 2, and 3: a shadow
 * database this factory creates and, after closing its pool, drops WITH (FORCE) (adapter-pg drops
 * it before closing, which fails while its connections are open).
 */
export function postgresMigrationAdapter(url: string) {
  const fields = { ...postgresConnectionFields(url), Client: CatalogTypesAsText, max: 2 };
  const factory = new PrismaPg(fields);
  return {
    provider: "postgres" as const,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    async connectToShadowDb() {
      const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client(postgresConnectionFields(url));
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const shadow = new PrismaPg({ ...fields, database: name });
      const adapter = await shadow.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const dropper = new pg.Client(postgresConnectionFields(url));
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return adapter;
    },
  };
}

/**
 * Creates the URL's database when it does not exist yet (as Prisma's native engine does before
 * `migrate deploy`; the adapter does not), connected to the server's maintenance database.
 */
export async function ensurePostgresDatabase(url: string): Promise<boolean> {
  const fields = postgresConnectionFields(url);
  const admin = new pg.Client({ ...fields, database: "postgres" });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [fields.database]);
    if (found.rowCount) return false;
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(fields.database ?? "")}`);
    return true;
  } finally {
    await admin.end();
  }
}
