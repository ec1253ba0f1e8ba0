/** Reads and writes of meeting requests, each change with its audit entry in one transaction. */
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { isUniqueViolation } from "../../platform/db/errors.js";
import { activeStatuses, type RequestPriority, type RequestStatus } from "./request.js";

/** Whom an SME asks to meet: a local organisation of the mission, or another SME of its delegation. */
export type RequestTarget = { kind: "organisation"; id: number } | { kind: "sme"; id: number };

export type RequestRecord = {
  id: number;
  missionId: number;
  missionName: string;
  timeZone: string;
  smeId: number;
  smeName: string;
  target: RequestTarget & { name: string };
  priority: RequestPriority;
  message: string | null;
  status: RequestStatus;
  requestedBySlackId: string | null;
  decidedBySlackId: string | null;
  createdAt: Date;
  answeredAt: Date | null;
};

const withNames = {
  mission: { select: { name: true, timeZone: true } },
  sme: { select: { name: true } },
  organisation: { select: { name: true } },
  targetSme: { select: { name: true } },
} as const satisfies Prisma.MeetingRequestInclude;

type RequestRow = Prisma.MeetingRequestGetPayload<{ include: typeof withNames }>;

function toRequestRecord(row: RequestRow): RequestRecord {
  const target: RequestRecord["target"] =
    row.organisationId !== null
      ? { kind: "organisation", id: row.organisationId, name: row.organisation?.name ?? "" }
      : { kind: "sme", id: row.targetSmeId ?? 0, name: row.targetSme?.name ?? "" };
  return {
    id: row.id,
    missionId: row.missionId,
    missionName: row.mission.name,
    timeZone: row.mission.timeZone,
    smeId: row.smeId,
    smeName: row.sme.name,
    target,
    priority: row.priority,
    message: row.message,
    status: row.status,
    requestedBySlackId: row.requestedBySlackId,
    decidedBySlackId: row.decidedBySlackId,
    createdAt: row.createdAt,
    answeredAt: row.answeredAt,
  };
}

const targetWhere = (target: RequestTarget) =>
  target.kind === "organisation" ? { organisationId: target.id } : { targetSmeId: target.id };

export async function getRequest(db: Database, id: number): Promise<RequestRecord | undefined> {
  const row = await db.meetingRequest.findUnique({ where: { id }, include: withNames });
  return row ? toRequestRecord(row) : undefined;
}

/** The request an SME already made to this counterpart in this mission, whatever its status. */
export async function existingRequest(
  db: Database,
  missionId: number,
  smeId: number,
  target: RequestTarget,
): Promise<RequestRecord | undefined> {
  const row = await db.meetingRequest.findFirst({
    where: { missionId, smeId, ...targetWhere(target) },
    include: withNames,
  });
  return row ? toRequestRecord(row) : undefined;
}

/** How many of its places an SME uses in a mission (pending and accepted requests). */
export function activeRequestCount(db: Database, missionId: number, smeId: number): Promise<number> {
  return db.meetingRequest.count({ where: { missionId, smeId, status: { in: [...activeStatuses] } } });
}

export type NewRequest = {
  missionId: number;
  smeId: number;
  target: RequestTarget;
  priority: RequestPriority;
  message: string;
  bySlackId: string;
  /** The organisation answers yes to every request (its autoAccept flag). */
  acceptAtOnce: boolean;
};

/**
 * Makes a request, or renews a withdrawn one (the unique key allows one row per pair). Null when a
 * request that is not withdrawn exists already: a double submit or a second window, never a second row.
 */
export async function saveRequest(db: Database, input: NewRequest, at: Date): Promise<RequestRecord | null> {
  const status: RequestStatus = input.acceptAtOnce ? "accepted" : "requested";
  const answer = input.acceptAtOnce
    ? { answeredAt: at, decidedBySlackId: null }
    : { answeredAt: null, decidedBySlackId: null };
  const fields = {
    priority: input.priority,
    message: input.message || null,
    requestedBySlackId: input.bySlackId,
    status,
    createdAt: at,
    ...answer,
  };
  try {
    return await db.$transaction(async (tx) => {
      const where = { missionId: input.missionId, smeId: input.smeId, ...targetWhere(input.target) };
      const before = await tx.meetingRequest.findFirst({ where, select: { id: true, status: true } });
      if (before && before.status !== "withdrawn") return null;
      const row = before
        ? await tx.meetingRequest.update({ where: { id: before.id }, data: fields, include: withNames })
        : await tx.meetingRequest.create({ data: { ...where, ...fields }, include: withNames });
      await writeAudit(
        tx,
        {
          by: input.bySlackId,
          action: before ? "meeting_request.renew" : "meeting_request.create",
          target: { type: "meeting_request", id: row.id },
          details: { status, priority: input.priority },
        },
        at,
      );
      return toRequestRecord(row);
    });
  } catch (error) {
    // Two submissions at the same moment: the unique key keeps one, the other is a duplicate.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * Moves a request from one status to another, once: a double click or a second person deciding at
 * the same time finds it moved already and changes nothing (false).
 */
export async function moveRequest(
  db: Database,
  input: { id: number; from: RequestStatus; to: RequestStatus; bySlackId: string },
  at: Date,
): Promise<boolean> {
  const answered = input.to === "accepted" || input.to === "declined";
  return db.$transaction(async (tx) => {
    const moved = await tx.meetingRequest.updateMany({
      where: { id: input.id, status: input.from },
      data: {
        status: input.to,
        ...(answered ? { decidedBySlackId: input.bySlackId, answeredAt: at } : {}),
        ...(input.to === "requested" ? { decidedBySlackId: null, answeredAt: null } : {}),
      },
    });
    if (moved.count === 0) return false;
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: `meeting_request.${input.to}`,
        target: { type: "meeting_request", id: input.id },
        details: { from: input.from },
      },
      at,
    );
    return true;
  });
}

/** Every request of a mission, oldest first. */
export async function requestsOfMission(db: Database, missionId: number): Promise<RequestRecord[]> {
  const rows = await db.meetingRequest.findMany({
    where: { missionId },
    include: withNames,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toRequestRecord);
}

/** The requests an SME made and received in its missions that are not archived, newest first. */
export async function requestsOfSme(db: Database, smeId: number): Promise<RequestRecord[]> {
  const rows = await db.meetingRequest.findMany({
    where: { OR: [{ smeId }, { targetSmeId: smeId }], mission: { archivedAt: null } },
    include: withNames,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toRequestRecord);
}
