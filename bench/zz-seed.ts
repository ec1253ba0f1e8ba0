import { rmSync } from "node:fs";
import { createSmesIn } from "../src/features/directory/directory-store.js";
import { validateProfile } from "../src/features/directory/profile.js";
import { syntheticSmes } from "../src/features/directory/synthetic.js";
import { createDatabase } from "../src/platform/db/client.js";
import { seedClusters } from "../src/platform/db/seed.js";
import { migrate } from "../test/support/migrate.js";

rmSync("/tmp/b50k.db", { force: true });
migrate("file:/tmp/b50k.db");
const db = createDatabase("file:/tmp/b50k.db");
await seedClusters(db);
const t = performance.now();
const profiles = syntheticSmes(50000, 7).map((raw) => {
  const r = validateProfile(raw, 2026);
  if (!r.ok) throw new Error();
  return r.profile;
});
for (let i = 0; i < profiles.length; i += 5000)
  await db.$transaction(
    async (tx) => {
      await createSmesIn(
        tx,
        profiles
          .slice(i, i + 5000)
          .map((profile) => ({ profile, status: "approved" as const, bySlackId: "U1", now: new Date() })),
      );
    },
    { timeout: 600000 },
  );
console.log("seed s", (performance.now() - t) / 1000);
await db.$disconnect();
