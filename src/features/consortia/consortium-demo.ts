/**
 * Demo consortia for the sandbox, on whatever missions, delegations and organisations the other
 * demo data made: for each active mission, the builder's best consortium for the first local
 * organisation whose needs name roles, stored in a different status per mission (formed, bidding,
 * won…) with its history, so `/consortium list` and `/mission report` have something to show.
 * Idempotent: a mission that has consortia keeps them.
 */
import type { Database } from "../../platform/db/client.js";
import { getSmes } from "../directory/index.js";
import { delegationSmeIds, organisationsOfMission } from "../missions/index.js";
import { buildDefaults } from "./build-form.js";
import { type ConsortiumStatus, consortiumCandidates, membersOf } from "./consortium.js";
import { changeStatus, saveProposals } from "./consortium-store.js";
import { proposeConsortia } from "./engine/index.js";
import { roleToFill, suggestRolesByRules } from "./value-chain-roles.js";

/** Alice (staff, CLEAN) builds the demo consortia. */
const demoStaff = "U0ALICE001";
/** Where each mission's demo consortium is, in mission order. */
const statusPaths: readonly ConsortiumStatus[][] = [["formed", "bidding"], ["formed"], ["formed", "bidding", "won"]];

export async function loadDemoConsortia(db: Database, now: Date): Promise<{ consortia: number }> {
  const missions = await db.mission.findMany({
    where: { archivedAt: null },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  let created = 0;
  for (const [index, mission] of missions.entries()) {
    if ((await db.consortium.count({ where: { missionId: mission.id } })) > 0) continue;
    const smeIds = await delegationSmeIds(db, mission.id);
    if (smeIds.length === 0) continue;
    const smes = await getSmes(db, smeIds);
    for (const organisation of await organisationsOfMission(db, mission.id)) {
      const suggested = suggestRolesByRules(organisation.needs);
      if (!suggested.ok || suggested.labels.length < 2) continue;
      const roles = suggested.labels.slice(0, 5).map(roleToFill);
      const candidates = consortiumCandidates(roles, smes);
      const constraints = { ...buildDefaults, mustInclude: [], mustExclude: [] };
      const outcome = await proposeConsortia(
        { roles: roles.map(({ key, label }) => ({ key, label })), constraints, candidates, alternatives: 1 },
        { timeLimitSeconds: 1 },
      );
      if (outcome.kind !== "proposals" || !outcome.proposals[0]) continue;
      const [saved] = await saveProposals(db, {
        missionId: mission.id,
        organisationId: organisation.id,
        opportunity: organisation.needs,
        roles: roles.map(({ key, label }) => ({ key, label })),
        constraints: { ...constraints, scope: "delegation" },
        bySlackId: demoStaff,
        at: now,
        proposals: [{ name: `${organisation.name} consortium`, members: membersOf(outcome.proposals[0], candidates) }],
      });
      if (!saved) continue;
      let from = saved.status;
      for (const status of statusPaths[index % statusPaths.length] ?? []) {
        await changeStatus(db, { id: saved.id, from, to: status, bySlackId: demoStaff, at: now });
        from = status;
      }
      created += 1;
      break;
    }
  }
  return { consortia: created };
}
