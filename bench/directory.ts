/**
 * Directory search at scale: 50,000 synthetic SMEs in a fresh database, a fixed mix of 1,000
 * queries (free text, filters, both), timed through `searchDirectory` and, in the same run, through
 * a naive baseline: Prisma `contains` (LIKE '%…%', ILIKE on PostgreSQL) over name, pitch and offer
 * with the same filters and the same count. On SQLite (FTS5), then on PostgreSQL (tsvector + GIN):
 * BENCH_POSTGRES_URL's server (a role that may create databases), else a throwaway server, else a
 * line saying why it was skipped. Then the ack latency of `/sme find` through the HTTP receiver.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { validateProfile } from "../src/features/directory/profile.js";
import { type DirectoryQuery, parseDirectoryQuery } from "../src/features/directory/query.js";
import { searchDirectory } from "../src/features/directory/search-store.js";
import { createSmesIn } from "../src/features/directory/sme-store.js";
import { products, randomSource, syntheticSmes } from "../src/features/directory/synthetic.js";
import type { Prisma } from "../src/generated/prisma/client.js";
import { bulkWriteTransaction, createDatabase, type Database, dialectOf } from "../src/platform/db/client.js";
import { migrate } from "../src/platform/db/migrate-cli.js";
import { postgresConnectionFields } from "../src/platform/db/postgres.js";
import { seedClusters } from "../src/platform/db/seed.js";
import { startAppUnderTest } from "../test/support/app-under-test.js";
import { startThrowawayPostgres } from "../test/support/postgres-server.js";
import { measureAck } from "./ack.js";
import { ms, percentile } from "./stats.js";

const SMES = Number(process.env.BENCH_SMES ?? 50_000);
const QUERIES = 1000;
const PAGE = { offset: 0, limit: 8 };

async function seed(db: Database): Promise<void> {
  await seedClusters(db);
  const profiles = syntheticSmes(SMES, 7).map((raw) => {
    const result = validateProfile(raw, 2026);
    if (!result.ok) throw new Error(`synthetic profile is invalid: ${JSON.stringify(result.errors)}`);
    return result.profile;
  });
  const started = performance.now();
  for (let i = 0; i < profiles.length; i += 5000) {
    await bulkWriteTransaction(
      db,
      async (tx) => {
        const batch = profiles.slice(i, i + 5000);
        await createSmesIn(
          tx,
          batch.map((profile) => ({ profile, status: "approved" as const, bySlackId: "U0BENCH001", now: new Date() })),
        );
      },
      { timeout: 600_000 },
    );
  }
  console.log(`seeded ${SMES} SMEs through the store in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The fixed query mix: 40% words, 30% filters, 30% both; words from the products SMEs make. */
function queryMix(): string[] {
  const random = randomSource(2027);
  const words = products.flatMap((p) => p.things.flatMap((thing) => thing.split(" "))).filter((w) => w.length > 3);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const text = () => {
    const word = pick(words);
    const prefix = random() < 0.3 ? word.slice(0, Math.max(4, word.length - 3)) : word;
    return random() < 0.4 ? `${prefix} ${pick(words)}` : prefix;
  };
  const filters = () =>
    [
      random() < 0.6 ? `sector:${pick(products).sector}` : "",
      random() < 0.5 ? `country:${pick(["at", "be", "dk", "fr", "se", "de"])}` : "",
      random() < 0.4 ? `market:${pick(["us", "cn"])}` : "",
      random() < 0.3 ? `trl>=${5 + Math.floor(random() * 4)}` : "",
      random() < 0.2 ? `stage:${pick(["equipment", "components", "software-data", "services-om"])}` : "",
    ]
      .filter(Boolean)
      .join(" ") || "market:cn";
  return Array.from({ length: QUERIES }, () => {
    const r = random();
    return r < 0.4 ? text() : r < 0.7 ? filters() : `${text()} ${filters()}`;
  });
}

/** The naive way: LIKE '%word%' over the text columns, the same filters, a page (newest first) and the count. */
async function naiveSearch(db: Database, query: DirectoryQuery): Promise<{ total: number; ids: number[] }> {
  const f = query.filters;
  const words = query.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's needs ILIKE for the same matches.
  const caseless = dialectOf(db) === "postgresql" ? { mode: "insensitive" } : {};
  const contains = (word: string) => ({ contains: word, ...caseless }) as Prisma.StringFilter<"Sme">;
  const tag = (kind: string, values: readonly string[]): Prisma.SmeWhereInput[] =>
    values.length ? [{ tags: { some: { kind, value: { in: [...values] } } } }] : [];
  const where: Prisma.SmeWhereInput = {
    status: "approved",
    AND: [
      ...words.map((word) => ({
        OR: [{ name: contains(word) }, { pitch: contains(word) }, { offer: contains(word) }],
      })),
      ...tag("sector", f.sectors),
      ...tag("stage", f.stages),
      ...tag("seeks", f.seeks),
      ...tag("market", f.markets),
      ...(f.countries.length ? [{ country: { in: [...f.countries] } }] : []),
      ...(f.clusters.length ? [{ cluster: { key: { in: [...f.clusters] } } }] : []),
      ...(f.trlMin !== undefined ? [{ trl: { gte: f.trlMin } }] : []),
      ...(f.trlMax !== undefined ? [{ trl: { lte: f.trlMax } }] : []),
    ],
  };
  const [total, rows] = await Promise.all([
    db.sme.count({ where }),
    db.sme.findMany({ where, select: { id: true }, orderBy: { id: "desc" }, take: PAGE.limit }),
  ]);
  return { total, ids: rows.map((row) => row.id) };
}

async function time(
  queries: readonly DirectoryQuery[],
  run: (q: DirectoryQuery) => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await run(query);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

type Figures = { naive: number[]; fast: number[]; hits: number };

/** Seeds a fresh, migrated database at `url` and times the query mix through both searches. */
async function measure(url: string): Promise<Figures> {
  migrate(url);
  const db = createDatabase(url);
  try {
    await seed(db);
    const queries = queryMix().map((text) => {
      const parsed = parseDirectoryQuery(text);
      if (!parsed.ok) throw new Error(`bad benchmark query ${text}: ${parsed.message}`);
      return parsed.query;
    });
    // Warm-up, then the same 1,000 queries through both.
    await time(queries.slice(0, 50), (q) => searchDirectory(db, q, PAGE));
    await time(queries.slice(0, 20), (q) => naiveSearch(db, q));
    const naive = await time(queries, (q) => naiveSearch(db, q));
    const fast = await time(queries, (q) => searchDirectory(db, q, PAGE));
    let hits = 0;
    for (const q of queries.slice(0, 100)) hits += (await searchDirectory(db, q, PAGE)).total > 0 ? 1 : 0;
    return { naive, fast, hits };
  } finally {
    await db.$disconnect();
  }
}

/**
 * A PostgreSQL server's URL for the benchmark: BENCH_POSTGRES_URL, or a throwaway server; or why
 * there is none.
 */
async function postgresServer(): Promise<{ url: string; stop: () => Promise<void> } | { skipped: string }> {
  if (process.env.BENCH_POSTGRES_URL) return { url: process.env.BENCH_POSTGRES_URL, stop: async () => {} };
  try {
    return await startThrowawayPostgres();
  } catch (error) {
    return { skipped: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) };
  }
}

/** Runs `work` on a new database of the server at `serverUrl`, dropped afterwards. */
async function onNewPostgresDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `ec2i_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ ...postgresConnectionFields(serverUrl), database: "postgres" });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** One database's line in the side-by-side table. */
function row(label: string, figures: Figures): string {
  const [nMed, nP95, fMed, fP95] = [
    percentile(figures.naive, 50),
    percentile(figures.naive, 95),
    percentile(figures.fast, 50),
    percentile(figures.fast, 95),
  ];
  const ratio = `${(sum(figures.naive) / sum(figures.fast)).toFixed(1)}x (median ${(nMed / fMed).toFixed(1)}x)`;
  return `  ${label.padEnd(32)} median ${ms(fMed).padStart(9)}, p95 ${ms(fP95).padStart(9)}; naive scan median ${ms(nMed).padStart(9)}, p95 ${ms(nP95).padStart(9)}; ${ratio} faster`;
}

export async function benchDirectory(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-bench-directory-"));
  const file = path.join(dir, "directory.db");
  const results: { label: string; figures: Figures }[] = [];
  const sqlite = await measure(`file:${file}`);
  results.push({ label: "SQLite (FTS5, bm25)", figures: sqlite });

  const server = await postgresServer();
  let postgresLine = "";
  if ("skipped" in server) {
    postgresLine = `  PostgreSQL: skipped (${server.skipped})`;
  } else {
    try {
      const figures = await onNewPostgresDatabase(server.url, measure);
      results.push({ label: "PostgreSQL (tsvector, GIN)", figures });
    } finally {
      await server.stop();
    }
  }

  console.log(
    `${QUERIES} queries (40% words, 30% filters, 30% both; ${sqlite.hits}% of a sample have results), page of ${PAGE.limit} with total, ${SMES} SMEs:`,
  );
  for (const { label, figures } of results) console.log(row(label, figures));
  if (postgresLine) console.log(postgresLine);
  for (const { label, figures } of results) {
    console.log(
      `directory search on ${label}: ${(sum(figures.naive) / sum(figures.fast)).toFixed(1)}x faster than naive scan (median ${(percentile(figures.naive, 50) / percentile(figures.fast, 50)).toFixed(1)}x), p95 ${ms(percentile(figures.fast, 95))} at ${SMES} SMEs`,
    );
  }

  const app = await startAppUnderTest({ templateDatabase: file, logLevel: "silent" });
  try {
    await app.db.person.create({ data: { slackUserId: "U0BENCH001", role: "staff" } });
    const finds = queryMix()
      .slice(0, 200)
      .map((q) => `find ${q}`);
    const peak = await measureAck(app, "U0BENCH001", "/sme", finds, "bursts");
    const saturated = await measureAck(app, "U0BENCH001", "/sme", finds, "closed");
    console.log(
      `/sme find ack (SQLite) at 20 concurrent requests: median ${ms(peak.median)}, p99 ${ms(peak.p99)} (bare baseline p99 ${ms(peak.baselineP99)}); with 20 clients sending back to back (CPU saturated by the searches): median ${ms(saturated.median)}, p99 ${ms(saturated.p99)}`,
    );
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
