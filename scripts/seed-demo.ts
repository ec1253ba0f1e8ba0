/** `npm run seed:demo`: loads the sandbox's demo data into its database (data/sandbox.db), as `demo` does in the sandbox. */
import { loadTemplates } from "../src/features/bi/template-files.js";
import "dotenv/config";
import { parseConfig } from "../src/platform/config.js";
import { createDatabase } from "../src/platform/db/client.js";
import { migrate } from "../src/platform/db/migrate-cli.js";
import { seedClusters } from "../src/platform/db/seed.js";
import { loadDemoData, loadDemoMissionData } from "../src/sandbox/demo-data.js";

const sandboxDatabaseUrl = parseConfig(process.env).sandboxDatabaseUrl;
migrate(sandboxDatabaseUrl);
const db = createDatabase(sandboxDatabaseUrl);
try {
  await seedClusters(db);
  const loaded = await loadDemoData(db, loadTemplates(), new Date());
  const missions = await loadDemoMissionData(db, new Date());
  console.log(
    loaded.smes > 0 || missions.missions > 0
      ? `Loaded ${loaded.smes} SMEs, ${loaded.responses} BI responses, ${missions.missions} missions and ${missions.organisations} local organisations into data/sandbox.db. npm start opens the sandbox.`
      : "The demo data is already in data/sandbox.db.",
  );
} finally {
  await db.$disconnect();
}
