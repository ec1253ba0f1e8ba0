import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openFreshDatabase } from "../../../test/support/harness.js";
import type { Database } from "../../platform/db/client.js";
import { loadDemoData, loadDemoMissionData } from "../../sandbox/demo-data.js";
import { loadDemoConsortia } from "./consortium-demo.js";
import { consortiaForReport, listConsortia } from "./consortium-store.js";

let db: Database;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ db, close } = await openFreshDatabase());
});
afterEach(async () => close());

/** The demo's SMEs without BI answers: consortia read profiles only. */
const noTemplates = { forMarket: () => undefined } as unknown as Parameters<typeof loadDemoData>[1];

describe("loadDemoConsortia", () => {
  it("builds a consortium on each demo mission, in different statuses with their history, once", async () => {
    const now = new Date("2027-03-15T08:00:00Z");
    await loadDemoData(db, noTemplates, now);
    // The demo's missions come with their consortia (loadDemoMissionData calls loadDemoConsortia).
    const missions = await loadDemoMissionData(db, now);
    expect(missions.consortia).toBeGreaterThanOrEqual(2);
    const { consortia } = await listConsortia(db, {});
    expect(new Set(consortia.map((consortium) => consortium.status)).size).toBeGreaterThanOrEqual(2);
    for (const consortium of consortia) {
      expect(consortium.members.length).toBeGreaterThanOrEqual(2);
      expect(new Set(consortium.members.map((member) => member.country)).size).toBeGreaterThanOrEqual(2);
      expect(await db.consortiumStatusChange.count({ where: { consortiumId: consortium.id } })).toBeGreaterThanOrEqual(
        2,
      );
    }
    const missionId = consortia[0]?.missionId as number;
    expect((await consortiaForReport(db, missionId)).length).toBe(1);
    expect(await loadDemoConsortia(db, now)).toEqual({ consortia: 0 });
  });
});
