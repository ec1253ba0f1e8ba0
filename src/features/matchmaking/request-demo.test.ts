import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openFreshDatabase } from "../../../test/support/harness.js";
import type { Database } from "../../platform/db/client.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { loadDemoRequests } from "./request-demo.js";
import { seedOrganisation } from "./request-fixtures.test-support.js";

let db: Database;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ db, close } = await openFreshDatabase());
});
afterEach(async () => close());

describe("loadDemoRequests", () => {
  it("makes requests in every state on the missions that exist, once", async () => {
    const mission = await seedMission(db);
    for (let i = 0; i < 6; i += 1) {
      const sme = await seedSme(db, { name: `Demo Heat ${i}` });
      await db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status: "confirmed" } });
    }
    for (let i = 0; i < 10; i += 1) {
      await seedOrganisation(db, mission.id, {
        name: `Demo Organisation ${i}`,
        needs: "Needs heat pumps for its district heating.",
      });
    }
    const now = new Date("2027-03-15T08:00:00Z");
    const first = await loadDemoRequests(db, now);
    expect(first.requests).toBeGreaterThan(10);
    const statuses = await db.meetingRequest.groupBy({ by: ["status"], _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual(["accepted", "declined", "requested", "withdrawn"]);
    expect(await db.meetingRequest.count({ where: { targetSmeId: { not: null }, status: "requested" } })).toBe(1);
    const asked = await db.meetingRequest.findMany({
      where: { organisationId: { not: null } },
      distinct: ["organisationId"],
    });
    expect(asked.length).toBeLessThan(10);

    expect(await loadDemoRequests(db, now)).toEqual({ requests: 0 });
    expect(await db.meetingRequest.count()).toBe(first.requests);
  });
});
