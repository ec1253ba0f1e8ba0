/**
 * Every write of a mission's delegation (adding SMEs, join requests and their decisions, leaving,
 * travellers), each with its audit entry in one transaction, and the delegation as people see it.
 * Places are counted inside the transaction that takes one, so two decisions at the same moment
 * cannot both take the last place.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { type ParticipantStatus, type Placement, placeNewcomers, storedTravellers } from "./delegation.js";

type Tx = Prisma.TransactionClient;

export type Participant = {
  smeId: number;
  status: ParticipantStatus;
  travellers: string[];
  waitingPlace: number | null;
  requestedBySlackId: string | null;
  decidedBySlackId: string | null;
};

/** A mission's delegation: confirmed SMEs, the waiting list in order, and requests waiting for a decision. */
export type Delegation = { confirmed: Participant[]; waiting: Participant[]; requested: Participant[] };

function toParticipant(row: {
  smeId: number;
  status: ParticipantStatus;
  travellers: unknown;
  waitingPlace: number | null;
  requestedBySlackId: string | null;
  decidedBySlackId: string | null;
}): Participant {
  return {
    smeId: row.smeId,
    status: row.status,
    travellers: storedTravellers(row.travellers),
    waitingPlace: row.waitingPlace,
    requestedBySlackId: row.requestedBySlackId,
    decidedBySlackId: row.decidedBySlackId,
  };
}

export async function delegationOf(db: Database, missionId: number): Promise<Delegation> {
  const rows = await db.missionParticipant.findMany({
    where: { missionId, status: { in: ["confirmed", "waiting", "requested"] } },
    // Places taken (no waiting place) first, then the waiting list: SQLite sorts NULLs first by itself, PostgreSQL last.
    orderBy: [{ waitingPlace: { sort: "asc", nulls: "first" } }, { joinedAt: "asc" }, { smeId: "asc" }],
  });
  const participants = rows.map(toParticipant);
  return {
    confirmed: participants.filter((p) => p.status === "confirmed"),
    waiting: participants.filter((p) => p.status === "waiting"),
    requested: participants.filter((p) => p.status === "requested"),
  };
}

export async function participantOf(db: Database, missionId: number, smeId: number): Promise<Participant | undefined> {
  const row = await db.missionParticipant.findUnique({ where: { missionId_smeId: { missionId, smeId } } });
  return row ? toParticipant(row) : undefined;
}

/** The places that SMEs arriving now would take, counted in the caller's transaction. */
async function placesFor(tx: Tx, missionId: number, count: number): Promise<Placement[]> {
  const mission = await tx.mission.findUniqueOrThrow({ where: { id: missionId }, select: { capacity: true } });
  const confirmed = await tx.missionParticipant.count({ where: { missionId, status: "confirmed" } });
  const last = await tx.missionParticipant.aggregate({
    where: { missionId, status: "waiting" },
    _max: { waitingPlace: true },
  });
  return placeNewcomers(count, {
    capacity: mission.capacity,
    confirmed,
    lastWaitingPlace: last._max.waitingPlace ?? 0,
  });
}

function placementData(placement: Placement, by: string, at: Date) {
  return placement.status === "confirmed"
    ? { status: "confirmed" as const, waitingPlace: null, decidedBySlackId: by, joinedAt: at }
    : { status: "waiting" as const, waitingPlace: placement.place, decidedBySlackId: by, joinedAt: at };
}

/** What adding one SME did: placed, or nothing because it already had a place (its status says which). */
export type AddOutcome = { smeId: number } & (Placement | { status: "already"; was: "confirmed" | "waiting" });

/**
 * Staff add SMEs, in the order given: free places first, then the waiting list. An SME that asked
 * to join is placed as if approved; one already confirmed or waiting keeps its place.
 */
export async function addToDelegation(
  db: Database,
  input: { missionId: number; smeIds: readonly number[]; by: string; at: Date },
): Promise<AddOutcome[]> {
  return db.$transaction(async (tx) => {
    const existing = await tx.missionParticipant.findMany({
      where: { missionId: input.missionId, smeId: { in: [...input.smeIds] }, status: { in: ["confirmed", "waiting"] } },
      select: { smeId: true, status: true },
    });
    const placed = new Map(existing.map((row) => [row.smeId, row.status as "confirmed" | "waiting"]));
    const newcomers = [...new Set(input.smeIds)].filter((id) => !placed.has(id));
    const places = await placesFor(tx, input.missionId, newcomers.length);
    const outcomes: AddOutcome[] = [];
    for (const [i, smeId] of newcomers.entries()) {
      const placement = places[i] as Placement;
      const data = placementData(placement, input.by, input.at);
      await tx.missionParticipant.upsert({
        where: { missionId_smeId: { missionId: input.missionId, smeId } },
        create: { missionId: input.missionId, smeId, requestedBySlackId: input.by, ...data },
        update: data,
      });
      await writeAudit(
        tx,
        {
          by: input.by,
          action: "delegation.add",
          target: { type: "mission", id: input.missionId },
          details: { smeId, ...placement },
        },
        input.at,
      );
      outcomes.push({ smeId, ...placement });
    }
    for (const [smeId, was] of placed) outcomes.push({ smeId, status: "already", was });
    return outcomes;
  });
}

/** A join request: made, or refused because the SME already asked or has a place. */
export async function requestToJoin(
  db: Database,
  input: { missionId: number; smeId: number; by: string; at: Date },
): Promise<{ requested: true } | { requested: false; status: "requested" | "confirmed" | "waiting" }> {
  return db.$transaction(async (tx) => {
    const key = { missionId_smeId: { missionId: input.missionId, smeId: input.smeId } };
    const existing = await tx.missionParticipant.findUnique({ where: key, select: { status: true } });
    if (
      existing &&
      (existing.status === "requested" || existing.status === "confirmed" || existing.status === "waiting")
    )
      return { requested: false, status: existing.status };
    // Declined or withdrawn before: asking again is a new request.
    const data = {
      status: "requested" as const,
      requestedBySlackId: input.by,
      decidedBySlackId: null,
      waitingPlace: null,
      joinedAt: input.at,
    };
    await tx.missionParticipant.upsert({
      where: key,
      create: { missionId: input.missionId, smeId: input.smeId, ...data },
      update: data,
    });
    await writeAudit(
      tx,
      {
        by: input.by,
        action: "delegation.request",
        target: { type: "mission", id: input.missionId },
        details: { smeId: input.smeId },
      },
      input.at,
    );
    return { requested: true };
  });
}

export type JoinDecision =
  | { decided: true; outcome: Placement | { status: "declined" } }
  | { decided: false; status: ParticipantStatus | undefined; decidedBySlackId: string | null };

/**
 * Approves (a place, or the waiting list when the mission is full) or declines a join request.
 * Only a request still waiting is decided: a second click, or another staff member's, gets who
 * decided and what.
 */
export async function decideJoinRequest(
  db: Database,
  input: { missionId: number; smeId: number; approve: boolean; by: string; at: Date },
): Promise<JoinDecision> {
  return db.$transaction(async (tx) => {
    const key = { missionId_smeId: { missionId: input.missionId, smeId: input.smeId } };
    const current = await tx.missionParticipant.findUnique({ where: key });
    if (current?.status !== "requested") {
      return { decided: false, status: current?.status, decidedBySlackId: current?.decidedBySlackId ?? null };
    }
    const outcome: Placement | { status: "declined" } = input.approve
      ? ((await placesFor(tx, input.missionId, 1))[0] as Placement)
      : { status: "declined" };
    await tx.missionParticipant.update({
      where: key,
      data:
        outcome.status === "declined"
          ? { status: "declined", decidedBySlackId: input.by }
          : placementData(outcome, input.by, input.at),
    });
    await writeAudit(
      tx,
      {
        by: input.by,
        action: input.approve ? "delegation.approve" : "delegation.decline",
        target: { type: "mission", id: input.missionId },
        details: { smeId: input.smeId, ...outcome },
      },
      input.at,
    );
    return { decided: true, outcome };
  });
}

export type Departure =
  | { left: true; was: "confirmed" | "waiting" | "requested"; promoted: number | undefined }
  | { left: false; status: ParticipantStatus | undefined };

/**
 * An SME leaves (withdraws, or staff remove it). When it had a place, the first SME on the waiting
 * list takes it, in the same transaction.
 */
export async function leaveDelegation(
  db: Database,
  input: { missionId: number; smeId: number; by: string; removed: boolean; at: Date },
): Promise<Departure> {
  return db.$transaction(async (tx) => {
    const key = { missionId_smeId: { missionId: input.missionId, smeId: input.smeId } };
    const current = await tx.missionParticipant.findUnique({ where: key, select: { status: true } });
    const was = current?.status;
    if (was !== "confirmed" && was !== "waiting" && was !== "requested") return { left: false, status: was };
    await tx.missionParticipant.update({
      where: key,
      data: { status: "withdrawn", waitingPlace: null, decidedBySlackId: input.by },
    });
    let promoted: number | undefined;
    if (was === "confirmed") {
      const first = await tx.missionParticipant.findFirst({
        where: { missionId: input.missionId, status: "waiting" },
        orderBy: [{ waitingPlace: "asc" }, { joinedAt: "asc" }],
        select: { smeId: true },
      });
      const [place] = await placesFor(tx, input.missionId, 1);
      if (first && place?.status === "confirmed") {
        promoted = first.smeId;
        await tx.missionParticipant.update({
          where: { missionId_smeId: { missionId: input.missionId, smeId: first.smeId } },
          data: { status: "confirmed", waitingPlace: null },
        });
      }
    }
    await writeAudit(
      tx,
      {
        by: input.by,
        action: input.removed ? "delegation.remove" : "delegation.withdraw",
        target: { type: "mission", id: input.missionId },
        details: { smeId: input.smeId, was, promoted: promoted ?? null },
      },
      input.at,
    );
    return { left: true, was, promoted };
  });
}

/** Names the people who travel for an SME; false when the SME is not (or no longer) in the mission. */
export async function setTravellers(
  db: Database,
  input: { missionId: number; smeId: number; travellers: readonly string[]; by: string; at: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const changed = await tx.missionParticipant.updateMany({
      where: {
        missionId: input.missionId,
        smeId: input.smeId,
        status: { in: ["confirmed", "waiting", "requested"] },
      },
      data: { travellers: [...input.travellers] },
    });
    if (changed.count === 0) return false;
    await writeAudit(
      tx,
      {
        by: input.by,
        action: "delegation.travellers",
        target: { type: "mission", id: input.missionId },
        details: { smeId: input.smeId, travellers: [...input.travellers] },
      },
      input.at,
    );
    return true;
  });
}

export type MissionDelegation = { name: string; city: string; startDate: string; smeIds: number[] };

/**
 * Missions neither closed nor archived, soonest first, with their confirmed SMEs (not those asking,
 * waiting or gone): `/bi status` groups progress by delegation.
 */
export async function missionDelegations(db: Database): Promise<MissionDelegation[]> {
  const missions = await db.mission.findMany({
    where: { status: { not: "closed" }, archivedAt: null },
    include: {
      participants: { where: { status: "confirmed" }, select: { smeId: true }, orderBy: { joinedAt: "asc" } },
    },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  return missions.map((m) => ({
    name: m.name,
    city: m.city,
    startDate: m.startDate,
    smeIds: m.participants.map((p) => p.smeId),
  }));
}
