import { searchDirectory } from "../src/features/directory/directory-store.js";
import { parseDirectoryQuery } from "../src/features/directory/query.js";
import { createDatabase } from "../src/platform/db/client.js";
import { queryMix } from "./directory.js";
import { percentile } from "./stats.js";

const db = createDatabase("file:/tmp/b50k.db");
const qs = queryMix().map((t) => {
  const p = parseDirectoryQuery(t);
  if (!p.ok) throw new Error();
  return { t, q: p.query };
});
for (const { q } of qs.slice(0, 50)) await searchDirectory(db, q, { offset: 0, limit: 8 });
const lat: { t: string; ms: number }[] = [];
for (const { t, q } of qs) {
  const s = performance.now();
  await searchDirectory(db, q, { offset: 0, limit: 8 });
  lat.push({ t, ms: performance.now() - s });
}
const ms = lat.map((l) => l.ms);
console.log(
  "median",
  percentile(ms, 50).toFixed(2),
  "p95",
  percentile(ms, 95).toFixed(2),
  "sum",
  ms.reduce((a, b) => a + b, 0).toFixed(0),
);
console.log(
  lat
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 15)
    .map((l) => `${l.ms.toFixed(1)} ${l.t}`)
    .join("\n"),
);
await db.$disconnect();
