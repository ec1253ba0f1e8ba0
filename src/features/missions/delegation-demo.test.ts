import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openFreshDatabase } from "../../../test/support/harness.js";
import type { Database } from "../../platform/db/client.js";
import { loadDemoData } from "../../sandbox/demo-data.js";
import { loadDemoDelegations } from "./delegation-demo.js";
import { delegationOf } from "./delegation-store.js";
import { loadDemoMissions } from "./mission-demo.js";

let db: Database;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ db, close } = await openFreshDatabase());
});
afterEach(async () => close());

/** The demo's SMEs without BI answers: no template catalogue is needed for delegations. */
const noTemplates = { forMarket: () => undefined } as unknown as Parameters<typeof loadDemoData>[1];

describe("the demo delegations", () => {
  it("fill both demo missions, with a waiting list and a request for CLEAN's staff, once", async () => {
    const now = new Date("2027-03-01T09:00:00Z");
    await loadDemoData(db, noTemplates, now);
    const missions = await loadDemoMissions(db, now);
    const shanghai = missions.find((m) => m.city === "Shanghai");
    const boston = missions.find((m) => m.city === "Boston");
    if (!shanghai || !boston) throw new Error("the demo has a Shanghai and a Boston mission");
    const places = shanghai.capacity + boston.capacity;

    expect(await loadDemoDelegations(db, now)).toEqual({ missions: 2, smes: places + 6 });
    for (const mission of [shanghai, boston]) {
      const delegation = await delegationOf(db, mission.id);
      expect([delegation.confirmed.length, delegation.waiting.length, delegation.requested.length]).toEqual([
        mission.capacity,
        2,
        1,
      ]);
      const requester = await db.sme.findUniqueOrThrow({
        where: { id: delegation.requested[0]?.smeId ?? 0 },
        include: { cluster: true, tags: true },
      });
      expect(requester.cluster?.key).toBe("clean-dk");
      expect(requester.tags).toContainEqual(expect.objectContaining({ kind: "market", value: mission.market }));
    }
    const eriks = await db.sme.findFirstOrThrow({ where: { contactSlackUserId: "U0ERIK0001" } });
    const shanghaiDelegation = await delegationOf(db, shanghai.id);
    expect(shanghaiDelegation.confirmed.find((p) => p.smeId === eriks.id)?.travellers).toEqual(["U0ERIK0001"]);

    expect(await loadDemoDelegations(db, now)).toEqual({ missions: 0, smes: 0 });
    expect(await db.missionParticipant.count()).toBe(places + 6);
  });
});
