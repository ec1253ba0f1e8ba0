/**
 * Publishing a ready draft in one transaction: the draft is claimed first (a second click finds it
 * published and writes nothing), refused when a newer draft exists or the accepted requests changed
 * since it was made, then the Meeting rows follow the draft and the mission is marked scheduled.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { acceptedRequestsKey } from "./mission-problem.js";
import { schedulableRequests } from "./mission-problem-store.js";
import { addChange, counterpartName, placedRequests, publishPlan, type ScheduleChange } from "./publish.js";
import { readStoredDraft } from "./schedule-draft-store.js";

export type PublishOutcome =
  | { kind: "published"; changes: Map<number, ScheduleChange[]>; republished: boolean; counts: PublishCounts }
  | { kind: "already"; status: string }
  | { kind: "refused"; reason: "newer-draft" | "requests-changed" | "unreadable" };

export type PublishCounts = { kept: number; moved: number; created: number; dropped: number };

/** Thrown inside the transaction to roll it back with the reason. */
class Refusal extends Error {
  constructor(readonly reason: "newer-draft" | "requests-changed" | "unreadable") {
    super(reason);
  }
}

const withNames = {
  sme: { select: { name: true } },
  organisation: { select: { name: true } },
  targetSme: { select: { name: true } },
} as const;

export async function publishDraft(
  db: Database,
  input: { draftId: number; bySlackId: string; now: Date },
): Promise<PublishOutcome> {
  try {
    // A mission-size schedule is a few hundred rows; the default 5 s would be short for ten times that.
    return await db.$transaction(async (tx) => publishIn(tx, input), { timeout: 60_000, maxWait: 10_000 });
  } catch (error) {
    if (error instanceof Refusal) return { kind: "refused", reason: error.reason };
    throw error;
  }
}

async function publishIn(
  tx: Prisma.TransactionClient,
  { draftId, bySlackId, now }: { draftId: number; bySlackId: string; now: Date },
): Promise<PublishOutcome> {
  // A write first: SQLite serialises writers, so of two clicks the second sees this one's result.
  const { count } = await tx.scheduleDraft.updateMany({
    where: { id: draftId, status: "ready" },
    data: { status: "published", decidedAt: now, decidedBySlackId: bySlackId },
  });
  const draft = await tx.scheduleDraft.findUniqueOrThrow({ where: { id: draftId } });
  if (count === 0) return { kind: "already", status: draft.status };
  const stored = readStoredDraft(draft);
  if (!stored) throw new Refusal("unreadable");
  const newest = await tx.scheduleDraft.findFirst({ where: { missionId: draft.missionId }, orderBy: { id: "desc" } });
  if (newest && newest.id !== draft.id) throw new Refusal("newer-draft");
  const requests = await schedulableRequests(tx, draft.missionId);
  if (acceptedRequestsKey(requests) !== stored.requestsKey) throw new Refusal("requests-changed");

  const existing = await tx.meeting.findMany({
    where: { missionId: draft.missionId, status: "scheduled" },
    include: withNames,
  });
  const plan = publishPlan(placedRequests(stored), existing, now);
  const changes = new Map<number, ScheduleChange[]>();
  for (const { meeting, to } of plan.move) {
    await tx.meeting.update({
      where: { id: meeting.id },
      data: { startsAt: to.startsAt, endsAt: to.endsAt, tableNumber: to.tableNumber },
    });
    addChange(changes, meeting, () => ({ kind: "moved", meetingId: meeting.id, from: meeting, to }));
  }
  if (plan.drop.length > 0) await tx.meeting.deleteMany({ where: { id: { in: plan.drop.map((m) => m.id) } } });
  for (const meeting of plan.drop) {
    addChange(changes, meeting, (smeId) => ({
      kind: "cancelled",
      counterpart: counterpartName(meeting, smeId),
      from: meeting,
    }));
  }
  const requestRows = new Map(requests.map((request) => [request.id, request]));
  const created = await tx.meeting.createManyAndReturn({
    data: plan.create.flatMap((to) => {
      const request = requestRows.get(to.requestId);
      if (!request) return [];
      const { id: requestId, smeId, organisationId, targetSmeId } = request;
      const { startsAt, endsAt, tableNumber } = to;
      return [
        { missionId: draft.missionId, requestId, smeId, organisationId, targetSmeId, startsAt, endsAt, tableNumber },
      ];
    }),
    include: withNames,
  });
  for (const meeting of created) {
    addChange(changes, meeting, () => ({ kind: "new", meetingId: meeting.id, to: meeting }));
  }
  // A mission already under way or closed keeps its status; a re-plan does not take it back.
  await tx.mission.updateMany({
    where: { id: draft.missionId, status: { in: ["draft", "open"] } },
    data: { status: "scheduled" },
  });
  const counts = {
    kept: plan.keep.length,
    moved: plan.move.length,
    created: plan.create.length,
    dropped: plan.drop.length,
  };
  await writeAudit(
    tx,
    { by: bySlackId, action: "schedule.publish", target: { type: "scheduleDraft", id: draftId }, details: counts },
    now,
  );
  return { kind: "published", changes, republished: existing.length > 0, counts };
}

/** An SME's published meetings with their counterparts' names, in time order. */
export function meetingsOfSme(db: Database, missionId: number, smeId: number) {
  return db.meeting.findMany({
    where: { missionId, status: "scheduled", OR: [{ smeId }, { targetSmeId: smeId }] },
    include: withNames,
    orderBy: [{ startsAt: "asc" }, { tableNumber: "asc" }],
  });
}
