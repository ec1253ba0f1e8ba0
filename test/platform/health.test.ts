/**
 * GET /healthz and /readyz on the app's HTTP port, as a load balancer probes them: no signature,
 * liveness never depends on the database, readiness says why it is not ready (without any URL or
 * error text), and a broken database is reported within a probe's timeout instead of hanging.
 */
import { rmSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { createDatabase } from "../../src/platform/db/client.js";
import {
  databaseReadiness,
  migrationNames,
  migrationReadiness,
  shippedMigrationsFolder,
  startHealthServer,
} from "../../src/platform/health.js";
import { createLogger } from "../../src/platform/logger.js";
import { startTcpRelay } from "../multi-instance/tcp-relay.js";
import { freshDatabaseUrl, startTestApp, type TestApp, testDialect } from "../support/harness.js";

/** A load balancer's probe gives up after this long: every answer here must come sooner. */
const probeTimeoutMs = 5_000;

async function probe(base: string, path: string, method: "GET" | "HEAD" = "GET") {
  const response = await fetch(`${base}${path}`, { method, signal: AbortSignal.timeout(probeTimeoutMs) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), body: text ? JSON.parse(text) : null };
}

describe("the health endpoints on the Slack HTTP port", () => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await startTestApp();
    base = new URL(t.url).origin;
  });
  afterEach(async () => t.stop());

  const sqliteFile = () => t.config.databaseUrl.slice("file:".length);

  it("answer 200 without a Slack signature when the process is up and the database migrated", async () => {
    expect(await probe(base, "/healthz")).toEqual({
      status: 200,
      type: "application/json; charset=utf-8",
      body: { status: "ok" },
    });
    expect(await probe(base, "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
    expect((await probe(base, "/readyz", "HEAD")).status).toBe(200);
    // Everything else still needs Slack's signature: a GET elsewhere is not found.
    expect((await probe(base, "/slack/events")).status).toBe(404);
  });

  it("/readyz is 503 naming the migration not applied yet; /healthz stays 200", async () => {
    const latest = migrationNames(shippedMigrationsFolder(t.config.databaseUrl)).at(-1) ?? "";
    // The database of the previous build: its newest migration has not been applied.
    await t.db.$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${latest}`;
    const ready = await probe(base, "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: "not ready",
      reason: `1 migration is not applied (${latest}): run the migrations`,
    });
    expect((await probe(base, "/healthz")).status).toBe(200);
    expect(t.logLines.join("\n")).toContain('"msg":"not ready"');
  });

  it.skipIf(testDialect() !== "sqlite")(
    "/readyz is 503 when the SQLite file was deleted under the running app, and 200 once it is back",
    async () => {
      const kept = `${sqliteFile()}.kept`;
      const copy = new BetterSqlite3(sqliteFile());
      await copy.backup(kept);
      copy.close();
      // The app's own connection keeps the deleted file open and would go on answering from it.
      rmSync(sqliteFile());
      const ready = await probe(base, "/readyz");
      expect(ready).toMatchObject({
        status: 503,
        body: { status: "not ready", reason: "the database file cannot be opened" },
      });
      expect((await probe(base, "/healthz")).status).toBe(200);
      const restored = new BetterSqlite3(kept);
      await restored.backup(sqliteFile());
      restored.close();
      expect(await probe(base, "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
    },
  );
});

describe.skipIf(testDialect() !== "postgresql")("readiness on PostgreSQL", () => {
  it("is 503 within a probe's timeout while the server is stopped or stalls, and 200 once it is back", async () => {
    const { url, cleanup } = await freshDatabaseUrl();
    const server = new URL(url);
    // The app reaches the server through a relay the test can cut, stall and restore on one port.
    const relay = await startTcpRelay({ host: server.hostname, port: Number(server.port) });
    const throughRelay = new URL(url);
    throughRelay.port = String(relay.port);
    const t = await startTestApp({ reuseDatabase: throughRelay.toString() });
    onTestFinished(async () => {
      await relay.start();
      await t.stop();
      await relay.close();
      await cleanup();
    });
    const base = new URL(t.url).origin;
    expect(await probe(base, "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });

    await relay.stop();
    const stopped = await probe(base, "/readyz");
    expect(stopped).toMatchObject({
      status: 503,
      body: { status: "not ready", reason: "the database cannot be reached" },
    });
    expect(JSON.stringify(stopped.body)).not.toContain(server.password);
    expect((await probe(base, "/healthz")).status).toBe(200);

    await relay.hang();
    expect(await probe(base, "/readyz")).toMatchObject({
      status: 503,
      body: { status: "not ready", reason: "the database did not answer within 2 s" },
    });

    await relay.start();
    // The pool drops the connections the outage broke and opens new ones.
    await vi.waitFor(async () => expect((await probe(base, "/readyz")).status).toBe(200), { timeout: 10_000 });
  });
});

describe("the health server of Socket Mode (no Slack HTTP port)", () => {
  it("answers /healthz and /readyz on its own port, and nothing else", async () => {
    const { url: databaseUrl, cleanup } = await freshDatabaseUrl();
    const db = createDatabase(databaseUrl);
    onTestFinished(async () => {
      await db.$disconnect();
      await cleanup();
    });
    const readiness = databaseReadiness({ databaseUrl, db, logger: createLogger("silent") });
    const server = await startHealthServer({ port: 0, host: "127.0.0.1" }, readiness);
    onTestFinished(() => server.stop());
    expect(await probe(server.url, "/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await probe(server.url, "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
    expect((await fetch(`${server.url}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});

describe("readiness from Prisma's migration table (pure)", () => {
  const shipped = ["20261129000000_init", "20261129010000_search"];
  const done = { finished_at: new Date(), rolled_back_at: null };

  it("is ready when every shipped migration finished, even with newer ones from a rolling deploy", () => {
    expect(
      migrationReadiness(shipped, [
        { migration_name: "20261129000000_init", ...done },
        { migration_name: "20261129010000_search", ...done },
        { migration_name: "20261201000000_newer", ...done },
      ]),
    ).toEqual({ ready: true });
  });

  it("names a migration that started and never finished", () => {
    expect(
      migrationReadiness(shipped, [
        { migration_name: "20261129000000_init", ...done },
        { migration_name: "20261129010000_search", finished_at: null, rolled_back_at: null },
      ]),
    ).toEqual({
      ready: false,
      reason: "migration 20261129010000_search did not finish: resolve it, then deploy",
    });
  });

  it("counts a rolled-back migration as not applied", () => {
    expect(
      migrationReadiness(shipped, [
        { migration_name: "20261129000000_init", ...done },
        { migration_name: "20261129010000_search", finished_at: null, rolled_back_at: new Date() },
      ]),
    ).toEqual({ ready: false, reason: "1 migration is not applied (20261129010000_search): run the migrations" });
  });
});
