/**
 * The health endpoints a load balancer or an orchestrator asks, unsigned, on the HTTP port:
 * `GET /healthz` (liveness: the process answers) and `GET /readyz` (readiness: the database answers
 * within a bounded time and every migration this build ships is applied). Neither says more than a
 * short reason: no URL, no error text, nothing that could carry a credential. The full error goes
 * to the log once, when readiness changes.
 */
import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import BetterSqlite3 from "better-sqlite3";
import { type Database, dialectOfUrl } from "./db/client.js";
import { sqliteFilePath } from "./db/location.js";
import { postgresMigrationsDir, sqliteMigrationsDir } from "./db/postgres-schema.js";
import type { Logger } from "./logger.js";

export const livenessPath = "/healthz";
export const readinessPath = "/readyz";

export type Readiness = { ready: true } | { ready: false; reason: string };
export type ReadinessCheck = () => Promise<Readiness>;

/** How long /readyz waits for the database before it says the database is not answering. */
const defaultTimeoutMs = 2_000;

/** The migrations this build ships for a database URL's dialect (what `prisma migrate deploy` applies). */
export function shippedMigrationsFolder(databaseUrl: string): string {
  return dialectOfUrl(databaseUrl) === "postgresql" ? postgresMigrationsDir : sqliteMigrationsDir;
}

/** Migration folder names, oldest first: Prisma names them by a UTC timestamp. */
export function migrationNames(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** A row of Prisma's own bookkeeping table, read the same way on SQLite and PostgreSQL. */
type MigrationRow = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };
const appliedMigrationsSql = "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations";

/** Pure: what the applied rows say about the shipped migrations. */
export function migrationReadiness(shipped: readonly string[], rows: readonly MigrationRow[]): Readiness {
  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length > 0) {
    return { ready: false, reason: `migration ${failed[0]?.migration_name} did not finish: resolve it, then deploy` };
  }
  const applied = new Set(rows.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
  // Applied rows this build does not know are fine: a newer instance migrated during a rolling deploy.
  const pending = shipped.filter((name) => !applied.has(name));
  if (pending.length === 0) return { ready: true };
  const count = pending.length === 1 ? "1 migration is" : `${pending.length} migrations are`;
  return { ready: false, reason: `${count} not applied (${pending.join(", ")}): run the migrations` };
}

class ReadinessTimeout extends Error {}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * SQLite: a connection of its own for each check. The app's connection would still answer after
 * the file was deleted (it keeps the unlinked file open), and better-sqlite3 waits for a lock
 * synchronously, so a short busy wait here keeps a locked file from stalling the process for long.
 */
function readSqliteMigrations(file: string, busyWaitMs: number): MigrationRow[] {
  const connection = new BetterSqlite3(file, { fileMustExist: true, timeout: busyWaitMs });
  try {
    return connection.prepare(appliedMigrationsSql).all() as MigrationRow[];
  } finally {
    connection.close();
  }
}

function unreadyReason(error: unknown, timeoutMs: number): string {
  if (error instanceof ReadinessTimeout) return `the database did not answer within ${timeoutMs / 1000} s`;
  if ((error as { code?: unknown })?.code === "ENOENT") return "this build ships no migrations for this database";
  const text = String((error as { message?: unknown })?.message ?? error);
  if (/_prisma_migrations/.test(text) && /no such table|does not exist/i.test(text)) {
    return "the database has no migrations applied: run the migrations";
  }
  if (/unable to open|SQLITE_CANTOPEN|directory does not exist/i.test(text))
    return "the database file cannot be opened";
  if (/busy|locked/i.test(text)) return "the database is locked";
  return "the database cannot be reached";
}

export type DatabaseReadinessOptions = {
  databaseUrl: string;
  db: Database;
  logger: Logger;
  timeoutMs?: number;
  /** The migrations this build ships; shippedMigrationsFolder(databaseUrl) unless given. */
  migrationsFolder?: string;
};

/** Readiness as the database sees it; logs (with the error) only when the answer changes. */
export function databaseReadiness(options: DatabaseReadinessOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const folder = options.migrationsFolder ?? shippedMigrationsFolder(options.databaseUrl);
  let shipped: string[] | undefined;
  const sqliteFile = dialectOfUrl(options.databaseUrl) === "sqlite" ? sqliteFilePath(options.databaseUrl) : undefined;
  const logger = options.logger.child({ component: "readiness" });
  let lastReason: string | undefined;

  const readRows = (): Promise<MigrationRow[]> =>
    sqliteFile
      ? Promise.resolve().then(() => readSqliteMigrations(sqliteFile, Math.min(timeoutMs, 1_000)))
      : options.db.$queryRawUnsafe<MigrationRow[]>(appliedMigrationsSql);

  return async () => {
    let readiness: Readiness;
    let failure: unknown;
    try {
      // Read at the first probe, not at start-up: the folder is part of the build and never changes.
      shipped ??= migrationNames(folder);
      readiness = migrationReadiness(shipped, await within(readRows(), timeoutMs));
    } catch (error) {
      failure = error;
      readiness = { ready: false, reason: unreadyReason(error, timeoutMs) };
    }
    const reason = readiness.ready ? undefined : readiness.reason;
    if (reason !== lastReason) {
      if (reason) logger.warn({ err: failure, reason }, "not ready");
      else logger.info("ready");
      lastReason = reason;
    }
    return readiness;
  };
}

function answerJson(response: ServerResponse, status: number, body: Record<string, string>, head: boolean): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(head ? undefined : JSON.stringify(body));
}

/**
 * Answers GET (or HEAD) /healthz and /readyz; returns false for any other request, which is the
 * caller's. /healthz never touches the database: a database outage must not get a live process
 * restarted, only taken out of the load balancer by /readyz.
 */
export async function answerHealthRequest(
  request: IncomingMessage,
  response: ServerResponse,
  readiness: ReadinessCheck,
): Promise<boolean> {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const head = request.method === "HEAD";
  const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
  if (pathname === livenessPath) {
    answerJson(response, 200, { status: "ok" }, head);
    return true;
  }
  if (pathname !== readinessPath) return false;
  const answer = await readiness();
  if (answer.ready) answerJson(response, 200, { status: "ready" }, head);
  else answerJson(response, 503, { status: "not ready", reason: answer.reason }, head);
  return true;
}

/**
 * Socket Mode has no HTTP receiver: this small server on PORT answers the health endpoints only
 * (404 for anything else), so a deployment probes both modes the same way.
 */
export async function startHealthServer(
  listen: { port: number; host?: string },
  readiness: ReadinessCheck,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => {
    answerHealthRequest(request, response, readiness)
      .then((answered) => {
        if (!answered) {
          response.writeHead(404);
          response.end();
        }
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${listen.host ?? "localhost"}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
