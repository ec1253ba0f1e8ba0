/**
 * Demo meeting requests for the sandbox, on whatever missions, delegations and organisations the
 * other demo data made: for every active mission, requests in every state (pending, accepted,
 * declined, withdrawn) to organisations, and SME–SME requests inside the delegation, some still
 * waiting for an answer. Some organisations are left unasked and some SMEs short of meetings, so
 * the staff overview has something to show. Idempotent: a pair that has a request keeps it.
 */
import type { Database } from "../../platform/db/client.js";
import { delegationSmeIds, organisationsOfMission } from "../missions/index.js";
import type { RequestPriority, RequestStatus } from "./request.js";

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

/** The requests the demo wants for one mission, before looking at what exists. Pure. */
export function demoRequestsFor(missionId: number, smeIds: readonly number[], organisationIds: readonly number[]) {
  const wanted: DemoRequest[] = [];
  let n = 0;
  const next = <T>(cycle: readonly T[]) => cycle[n % cycle.length] as T;
  // Organisations from the middle of the list on are never asked: the overview lists them.
  const askable = organisationIds.slice(0, Math.max(1, Math.ceil(organisationIds.length / 2)));
  for (const [i, smeId] of smeIds.slice(0, askingSmes).entries()) {
    for (let k = 0; k < requestsPerSme && askable.length > 0; k += 1) {
      const organisationId = askable[(i * requestsPerSme + k) % askable.length] as number;
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
    const organisationIds = (await organisationsOfMission(db, mission.id)).map((o) => o.id);
    if (smeIds.length === 0) continue;
    for (const [i, request] of demoRequestsFor(mission.id, smeIds, organisationIds).entries()) {
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
