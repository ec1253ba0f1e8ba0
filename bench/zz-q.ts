import { searchDirectory } from "../src/features/directory/directory-store.js";
import { parseDirectoryQuery } from "../src/features/directory/query.js";
import { createDatabase } from "../src/platform/db/client.js";

const db = createDatabase("file:/tmp/b50k.db");
for (const text of [
  "market:cn",
  "sector:hydrogen",
  "country:dk market:us trl>=6",
  "heat",
  "heat pumps",
  "geotherm",
  "solar inverters market:cn",
  "battery sector:energy-storage country:se",
  "systems",
  "for",
]) {
  const q = parseDirectoryQuery(text);
  if (!q.ok) throw new Error(q.message);
  await searchDirectory(db, q.query, { offset: 0, limit: 8 });
  const t = performance.now();
  let total = 0;
  for (let i = 0; i < 20; i++) total = (await searchDirectory(db, q.query, { offset: 0, limit: 8 })).total;
  console.log(text.padEnd(45), ((performance.now() - t) / 20).toFixed(2), "ms", total);
}
await db.$disconnect();
