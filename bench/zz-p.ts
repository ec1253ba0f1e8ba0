import { createDatabase } from "../src/platform/db/client.js";

const db = createDatabase("file:/tmp/b50k.db");
async function t(label: string, sql: string, ...p: unknown[]) {
  await db.$queryRawUnsafe(sql, ...p);
  const s = performance.now();
  for (let i = 0; i < 20; i++) await db.$queryRawUnsafe(sql, ...p);
  console.log(label.padEnd(30), ((performance.now() - s) / 20).toFixed(2));
}
await t(
  "fts top64",
  `SELECT rowid AS id FROM "SmeSearch" WHERE "SmeSearch" MATCH ? ORDER BY bm25("SmeSearch", 10.0, 5.0, 2.0, 1.0) LIMIT ?`,
  '"heat"*',
  64,
);
await t(
  "fts top64 rank",
  `SELECT rowid AS id FROM "SmeSearch" WHERE "SmeSearch" MATCH ? ORDER BY rank LIMIT ?`,
  '"heat"*',
  64,
);
await t(
  "count",
  `SELECT count(*) AS n FROM (SELECT 1 FROM "SmeSearch" f WHERE "SmeSearch" MATCH ? AND EXISTS (SELECT 1 FROM "Sme" s WHERE s."id" = f.rowid AND s.status IN (?)) LIMIT ?)`,
  '"heat"*',
  "approved",
  1001,
);
await t(
  "count fts only",
  `SELECT count(*) AS n FROM (SELECT 1 FROM "SmeSearch" f WHERE "SmeSearch" MATCH ? LIMIT ?)`,
  '"heat"*',
  1001,
);
await t(
  "filter cn",
  `SELECT s."id" AS id FROM "Sme" s WHERE s.status IN (?) AND EXISTS (SELECT 1 FROM "SmeTag" t WHERE t."smeId" = s."id" AND t."kind" = ? AND t."value" IN (?)) ORDER BY s."name" LIMIT ? OFFSET ?`,
  "approved",
  "market",
  "CN",
  8,
  0,
);
await t(
  "filter cn count",
  `SELECT count(*) AS n FROM (SELECT 1 FROM "Sme" s WHERE s.status IN (?) AND EXISTS (SELECT 1 FROM "SmeTag" t WHERE t."smeId" = s."id" AND t."kind" = ? AND t."value" IN (?)) LIMIT ?)`,
  "approved",
  "market",
  "CN",
  1001,
);
await t("trivial", `SELECT 1 AS x`);
await db.$disconnect();
