/**
 * Demo delegations for the sandbox: the demo missions (loadDemoMissions, which this makes sure are
 * there) filled to capacity with listed SMEs that target their market, two more on each waiting
 * list, and one request to join each, from a CLEAN SME (Alice, CLEAN's staff in the sandbox,
 * decides). Erik's company (the first demo SME, China only) is in the China delegation with Erik as
 * its traveller, so Erik can play Withdraw and "Who travels", and `/mission join us mission` shows
 * him the market rule. Written through the delegation store, as staff's clicks would. Idempotent:
 * a mission with a delegation is left alone.
 */
import type { MarketKey } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";
import { addToDelegation, requestToJoin, setTravellers } from "./delegation-store.js";
import { loadDemoMissions } from "./mission-demo.js";

const staff = "U0ALICE001";
const erik = "U0ERIK0001";

export async function loadDemoDelegations(db: Database, now: Date): Promise<{ missions: number; smes: number }> {
  const used = new Set<number>();
  let missions = 0;
  let smes = 0;
  for (const mission of await loadDemoMissions(db, now)) {
    if ((await db.missionParticipant.count({ where: { missionId: mission.id } })) > 0) continue;
    const candidates = await listedSmesTargeting(db, mission.market);
    // Each SME goes on one demo mission when there are enough, so the two delegations differ.
    const fresh = candidates.filter((sme) => !used.has(sme.id));
    const pool = fresh.length >= mission.capacity + 3 ? fresh : candidates;
    const requester = pool.find((sme) => sme.clusterKey === "clean-dk" && sme.contactSlackUserId !== erik);
    const members = pool.filter((sme) => sme !== requester).slice(0, mission.capacity + 2);
    await addToDelegation(db, { missionId: mission.id, smeIds: members.map((sme) => sme.id), by: staff, at: now });
    const eriks = members.find((sme) => sme.contactSlackUserId === erik);
    if (eriks)
      await setTravellers(db, { missionId: mission.id, smeId: eriks.id, travellers: [erik], by: erik, at: now });
    if (requester) {
      await requestToJoin(db, { missionId: mission.id, smeId: requester.id, by: staff, at: now });
      // Nobody in the sandbox speaks for it: the list should not say a staff member asked.
      await db.missionParticipant.update({
        where: { missionId_smeId: { missionId: mission.id, smeId: requester.id } },
        data: { requestedBySlackId: requester.contactSlackUserId },
      });
    }
    for (const sme of [...members, ...(requester ? [requester] : [])]) used.add(sme.id);
    missions += 1;
    smes += members.length + (requester ? 1 : 0);
  }
  return { missions, smes };
}

/** Listed SMEs whose target markets include `market`, oldest first (Erik's company is the first demo SME). */
async function listedSmesTargeting(db: Database, market: MarketKey) {
  const rows = await db.sme.findMany({
    where: { status: "approved", tags: { some: { kind: "market", value: market } } },
    select: { id: true, contactSlackUserId: true, cluster: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({ id: row.id, contactSlackUserId: row.contactSlackUserId, clusterKey: row.cluster?.key }));
}
