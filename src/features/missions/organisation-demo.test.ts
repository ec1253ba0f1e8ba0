import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../../test/support/harness.js";
import { createDatabase, type Database } from "../../platform/db/client.js";
import { seedClusters } from "../../platform/db/seed.js";
import { loadDemoMissions } from "./mission-demo.js";
import { organisationsOfMission } from "./mission-reads.js";
import { organisationTypes } from "./organisation.js";
import { checkOrganisationCsv } from "./organisation-csv.js";
import { demoMissionNames, demoOrganisations, loadDemoOrganisations } from "./organisation-demo.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function database(): Promise<Database> {
  const { url, cleanup } = await freshDatabaseUrl();
  const db = createDatabase(url);
  cleanups.push(async () => {
    await db.$disconnect();
    await cleanup();
  });
  return db;
}

describe("the sandbox's demo organisations", () => {
  it("are 60 per market, of every type, each in its mission, and loading them twice changes nothing", async () => {
    const db = await database();
    await seedClusters(db);
    const [shanghai, boston] = await loadDemoMissions(db, new Date("2027-01-10T09:00:00Z"));
    if (!shanghai || !boston) throw new Error("the demo has a mission in each market");
    expect([shanghai.name, boston.name]).toEqual([demoMissionNames.CN, demoMissionNames.US]);
    await db.mission.delete({ where: { id: shanghai.id } }); // as if it came later
    const now = new Date("2027-03-01T09:00:00Z");
    expect(await loadDemoOrganisations(db, now)).toEqual({ organisations: 120 });
    const inBoston = await organisationsOfMission(db, boston.id);
    expect(inBoston).toHaveLength(60);
    expect(new Set(inBoston.map((o) => o.type))).toEqual(new Set(organisationTypes.map((t) => t.key)));
    expect(inBoston.every((o) => o.country === "US" && o.needs.length >= 20)).toBe(true);
    expect(inBoston.filter((o) => o.autoAccept).map((o) => o.type)).toContain("agency");

    // The China mission comes later: a second load links its organisations.
    const [china] = await loadDemoMissions(db, now);
    expect(await loadDemoOrganisations(db, now)).toEqual({ organisations: 60 });
    const inChina = await organisationsOfMission(db, china?.id ?? 0);
    expect(inChina).toHaveLength(60);
    expect(inChina.filter((o) => o.available.length > 0).map((o) => o.available)).toContainEqual([
      "2027-04-13",
      "2027-04-14",
    ]);
    expect(await loadDemoOrganisations(db, now)).toEqual({ organisations: 0 });
    expect(await db.localOrganisation.count()).toBe(120);
  });

  it("are the example files in docs/examples, which the import reads without an error", async () => {
    for (const [market, file] of [
      ["US", "orgs-us.csv"],
      ["CN", "orgs-cn.csv"],
    ] as const) {
      const text = readFileSync(path.join(import.meta.dirname, "../../../docs/examples", file), "utf8");
      const check = await checkOrganisationCsv(text);
      expect(check.errors).toEqual([]);
      expect(check.valid.map((row) => row.organisation)).toEqual(demoOrganisations(market));
    }
  });
});
