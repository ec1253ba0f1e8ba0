/**
 * Demo meeting requests for the sandbox, on whatever missions, delegations and organisations the
 * other demo data made: for every active mission, requests in every state (pending, accepted,
 * declined, withdrawn) to the organisations each SME's suggestions put first, and SME–SME requests
 * inside the delegation, one still waiting for an answer. Organisations no SME's suggestions favour
 * stay unasked and most SMEs stay short of meetings, so the staff overview has something to show. Idempotent: a pair that has a request keeps it.
 */
import type { Database } from "../../platform/db/client.js";
import { delegationSmeIds, organisationsOfMission } from "../missions/index.js";
import { recommendForSme } from "./recommender.js";
import type { RequestPriority, RequestStatus } from "./request.js";
import { loadMatchSmes, toMatchOrganisation } from "./suggest-inputs.js";

/** Answers to organisations' requests are recorded by Alice (staff, CLEAN) in the demo. */
const demoStaff = "U0ALICE001";
const statusCycle: readonly RequestStatus[] = ["requested", "accepted", "declined", "accepted", "withdrawn"];
const priorityCycle: readonly RequestPriority[] = ["must", "want", "nice"];
/** SMEs that make requests, and how many each makes to organisations. */
const askingSmes = 12;
const requestsPerSme = 3;
const hour = 3_600_000;

type DemoRequest = {
  missionId: number;
  smeId: number;
  organisationId?: number;
  targetSmeId?: number;
  status: RequestStatus;
  priority: RequestPriority;
};

/**
 * The requests the demo wants for one mission, before looking at what exists. Pure. `choices` are
 * the organisations each SME asks, best first (its suggestions), so the demo asks as people would.
 */
export function demoRequestsFor(
  missionId: number,
  smeIds: readonly number[],
  choices: ReadonlyMap<number, readonly number[]>,
) {
  const wanted: DemoRequest[] = [];
  let n = 0;
  const next = <T>(cycle: readonly T[]) => cycle[n % cycle.length] as T;
  for (const smeId of smeIds.slice(0, askingSmes)) {
    for (const organisationId of (choices.get(smeId) ?? []).slice(0, requestsPerSme)) {
      wanted.push({ missionId, smeId, organisationId, status: next(statusCycle), priority: next(priorityCycle) });
      n += 1;
    }
  }
  // Pairs inside the delegation: the first SME receives one still waiting, so its people can answer it.
  for (let i = 1; i + 1 < Math.min(smeIds.length, 8); i += 2) {
    const [asker, asked] = [smeIds[i] as number, smeIds[i - 1] as number];
    wanted.push({
      missionId,
      smeId: asker,
      targetSmeId: asked,
      status: i === 1 ? "requested" : "accepted",
      priority: "want",
    });
  }
  return wanted;
}

export async function loadDemoRequests(db: Database, now: Date): Promise<{ requests: number }> {
  const missions = await db.mission.findMany({
    where: { archivedAt: null },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  let created = 0;
  for (const mission of missions) {
    const smeIds = await delegationSmeIds(db, mission.id);
    if (smeIds.length === 0) continue;
    const organisations = (await organisationsOfMission(db, mission.id)).map(toMatchOrganisation);
    const delegation = await loadMatchSmes(db, smeIds);
    const choices = new Map(
      delegation
        .slice(0, askingSmes)
        .map((sme) => [
          sme.id,
          recommendForSme(sme, organisations, { limit: requestsPerSme, delegation }).map((s) => s.counterpart.id),
        ]),
    );
    for (const [i, request] of demoRequestsFor(mission.id, smeIds, choices).entries()) {
      const exists = await db.meetingRequest.findFirst({
        where: {
          missionId: request.missionId,
          smeId: request.smeId,
          organisationId: request.organisationId ?? null,
          targetSmeId: request.targetSmeId ?? null,
        },
        select: { id: true },
      });
      if (exists) continue;
      const answered = request.status === "accepted" || request.status === "declined";
      await db.meetingRequest.create({
        data: {
          ...request,
          message: i % 2 === 0 ? "We would like to present our solution for your project." : null,
          requestedBySlackId: null,
          decidedBySlackId: answered && request.organisationId ? demoStaff : null,
          createdAt: new Date(now.getTime() - (48 - i) * hour),
          answeredAt: answered ? now : null,
        },
      });
      created += 1;
    }
  }
  return { requests: created };
}
