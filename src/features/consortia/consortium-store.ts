/**
 * Consortia in the database: proposals stored as the builder makes them, members swapped, a
 * proposal discarded, formed, and every status change recorded with who and when (and in the audit
 * log, in the same transaction).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { foldText } from "../../domain/text.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { isUniqueViolation } from "../../platform/db/errors.js";
import { type BuildConstraints, scopes } from "./build-form.js";
import {
  type ConsortiumMemberRecord,
  type ConsortiumRecord,
  type ConsortiumStatus,
  consortiumStatuses,
  summaryOf,
} from "./consortium.js";
import type { ConsortiumRole } from "./engine/index.js";

const roleList = z.array(z.object({ key: z.string(), label: z.string() })).catch([]);
const keyList = z.array(z.string()).catch([]);
const fitList = z.array(z.object({ role: z.string(), fit: z.number(), reasons: z.array(z.string()) })).catch([]);
const storedConstraints = z
  .object({
    minCountries: z.number().int(),
    minClusters: z.number().int(),
    maxSize: z.number().int(),
    mustInclude: z.array(z.number().int()),
    mustExclude: z.array(z.number().int()),
    scope: z.enum(scopes),
  })
  .catch({ minCountries: 1, minClusters: 1, maxSize: 12, mustInclude: [], mustExclude: [], scope: "directory" });

const withMembers = {
  members: {
    where: { smeId: { not: null } },
    orderBy: { id: "asc" },
    include: { sme: { select: { name: true, country: true, cluster: { select: { key: true } } } } },
  },
  mission: { select: { name: true } },
} as const satisfies Prisma.ConsortiumInclude;

type ConsortiumRow = Prisma.ConsortiumGetPayload<{ include: typeof withMembers }>;

function toRecord(row: ConsortiumRow): ConsortiumRecord {
  return {
    id: row.id,
    name: row.name,
    missionId: row.missionId,
    missionName: row.mission?.name ?? null,
    opportunity: row.opportunity,
    roles: roleList.parse(row.roles),
    constraints: storedConstraints.parse(row.constraints),
    status: row.status,
    score: row.score,
    uncoveredRoles: keyList.parse(row.uncoveredRoles),
    channelId: row.channelId,
    buildId: row.buildId,
    createdBySlackId: row.createdBySlackId,
    members: row.members.map((member) => ({
      smeId: member.smeId as number,
      name: member.sme?.name ?? "(removed SME)",
      country: member.sme?.country ?? "",
      cluster: member.sme?.cluster?.key ?? null,
      roles: fitList.parse(member.roles),
    })),
  };
}

const memberRows = (members: readonly ConsortiumMemberRecord[]) =>
  members.map((member) => ({
    smeId: member.smeId,
    stage: null,
    roles: member.roles.map((fit) => ({ role: fit.role, fit: fit.fit, reasons: [...fit.reasons] })),
  }));

/** The SMEs a consortium is built from: the mission's confirmed delegation, or every listed SME. */
export async function candidateSmeIds(
  db: Database,
  scope: { missionId: number | null; delegationOnly: boolean },
  delegationSmeIds: (db: Database, missionId: number) => Promise<number[]>,
): Promise<number[]> {
  if (scope.delegationOnly && scope.missionId !== null) return delegationSmeIds(db, scope.missionId);
  const rows = await db.sme.findMany({ where: { status: "approved" }, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((row) => row.id);
}

export type NewProposal = { name: string; members: ConsortiumMemberRecord[] };

/** Stores the builder's proposals (status "proposed"), in order; returns them as records. */
export async function saveProposals(
  db: Database,
  input: {
    missionId: number | null;
    organisationId: number | null;
    opportunity: string;
    roles: readonly ConsortiumRole[];
    constraints: BuildConstraints;
    bySlackId: string;
    at: Date;
    proposals: readonly NewProposal[];
  },
): Promise<ConsortiumRecord[]> {
  // One id for the build: its proposals stay diverse among themselves, and only one is created.
  const buildId = randomUUID();
  const ids = await db.$transaction(async (tx) => {
    const created: number[] = [];
    for (const proposal of input.proposals) {
      const summary = summaryOf(proposal.members, input.roles);
      const row = await tx.consortium.create({
        data: {
          missionId: input.missionId,
          organisationId: input.organisationId,
          name: proposal.name,
          nameKey: foldText(proposal.name),
          opportunity: input.opportunity,
          roles: input.roles.map((role) => ({ key: role.key, label: role.label })),
          constraints: { ...input.constraints },
          uncoveredRoles: summary.uncoveredRoles,
          score: summary.score,
          status: "proposed",
          createdBySlackId: input.bySlackId,
          createdAt: input.at,
          buildId,
          members: { create: memberRows(proposal.members) },
          statusChanges: { create: { from: null, to: "proposed", bySlackId: input.bySlackId, at: input.at } },
        },
      });
      created.push(row.id);
    }
    return created;
  });
  return (await Promise.all(ids.map((id) => getConsortium(db, id)))).filter(
    (record): record is ConsortiumRecord => record !== undefined,
  );
}

/**
 * The private channel Create made for a proposal, kept as soon as Slack made it: a Create that
 * fails later (invites, the kick-off post, a restart) reuses it when pressed again.
 */
export async function recordChannel(db: Database, id: number, channelId: string): Promise<void> {
  await db.consortium.updateMany({ where: { id, status: "proposed" }, data: { channelId } });
}

/** Where a proposal's message was posted, to update it when another proposal of its build is created. */
export async function recordProposalMessage(db: Database, id: number, channel: string, ts: string): Promise<void> {
  await db.consortium.update({ where: { id }, data: { proposalChannel: channel, proposalTs: ts } });
}

/** The other proposals (and the consortium created) of a consortium's build, with where each was posted. */
export async function siblingsOf(
  db: Database,
  consortium: Pick<ConsortiumRecord, "id" | "buildId">,
): Promise<(ConsortiumRecord & { message: { channel: string; ts: string } | null })[]> {
  if (consortium.buildId === null) return [];
  const rows = await db.consortium.findMany({
    where: { buildId: consortium.buildId, id: { not: consortium.id } },
    include: withMembers,
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({
    ...toRecord(row),
    message: row.proposalChannel && row.proposalTs ? { channel: row.proposalChannel, ts: row.proposalTs } : null,
  }));
}

export async function getConsortium(db: Database, id: number): Promise<ConsortiumRecord | undefined> {
  const row = await db.consortium.findUnique({ where: { id }, include: withMembers });
  return row ? toRecord(row) : undefined;
}

/** A proposal's members after a swap, with its score and uncovered roles again. */
export async function replaceMembers(
  db: Database,
  change: {
    id: number;
    members: readonly ConsortiumMemberRecord[];
    roles: readonly ConsortiumRole[];
    bySlackId: string;
    at: Date;
    details: Prisma.InputJsonObject;
  },
): Promise<ConsortiumRecord | undefined> {
  const summary = summaryOf(change.members, change.roles);
  await db.$transaction(async (tx) => {
    await tx.consortiumMember.deleteMany({ where: { consortiumId: change.id } });
    await tx.consortium.update({
      where: { id: change.id },
      data: {
        score: summary.score,
        uncoveredRoles: summary.uncoveredRoles,
        members: { create: memberRows(change.members) },
      },
    });
    await writeAudit(
      tx,
      {
        by: change.bySlackId,
        action: "consortium.swap",
        target: { type: "consortium", id: change.id },
        details: change.details,
      },
      change.at,
    );
  });
  return getConsortium(db, change.id);
}

/** Removes a proposal nobody wants; only a proposal (a formed consortium changes status instead). */
export async function discardProposal(db: Database, id: number, bySlackId: string, at: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const removed = await tx.consortium.deleteMany({ where: { id, status: "proposed" } });
    if (removed.count === 0) return false;
    await writeAudit(
      tx,
      { by: bySlackId, action: "consortium.discard", target: { type: "consortium", id }, details: {} },
      at,
    );
    return true;
  });
}

/**
 * Changes a consortium's status from `from` and records who and when; `channelId` is set when it
 * is formed. Only if it is still `from` (two presses at once change it once: no formed → formed):
 * answers whether it changed, and the status it has now (undefined when it no longer exists).
 */
export async function changeStatus(
  db: Database,
  change: {
    id: number;
    from: ConsortiumStatus;
    to: ConsortiumStatus;
    bySlackId: string;
    at: Date;
    channelId?: string;
  },
): Promise<{ changed: boolean; status: ConsortiumStatus | undefined }> {
  if (change.from === change.to) {
    const row = await db.consortium.findUnique({ where: { id: change.id }, select: { status: true } });
    return { changed: false, status: row?.status };
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.consortium.updateMany({
      where: { id: change.id, status: change.from },
      data: { status: change.to, ...(change.channelId ? { channelId: change.channelId } : {}) },
    });
    if (updated.count === 0) {
      const row = await tx.consortium.findUnique({ where: { id: change.id }, select: { status: true } });
      return { changed: false, status: row?.status };
    }
    await tx.consortiumStatusChange.create({
      data: { consortiumId: change.id, from: change.from, to: change.to, bySlackId: change.bySlackId, at: change.at },
    });
    await writeAudit(
      tx,
      {
        by: change.bySlackId,
        action: "consortium.status",
        target: { type: "consortium", id: change.id },
        details: { from: change.from, to: change.to },
      },
      change.at,
    );
    return { changed: true, status: change.to };
  });
}

/** How long a Create may take before its claim is stale (the app stopped half-way) and another may take it. */
const createClaimLease = 5 * 60 * 1000;

const createClaimKey = (consortium: Pick<ConsortiumRecord, "id" | "buildId">) =>
  consortium.buildId ?? `consortium:${consortium.id}`;

/**
 * Claims the creation of a build's consortium for this proposal, before any Slack call: exactly
 * one Create per build proceeds. Answers the proposal that holds the claim when it is not this one
 * (or this one, pressed twice at once): `{ claimed: false, by }`.
 */
export async function claimCreate(
  db: Database,
  consortium: Pick<ConsortiumRecord, "id" | "buildId">,
  at: Date,
): Promise<{ claimed: true } | { claimed: false; by: number }> {
  const key = createClaimKey(consortium);
  try {
    await db.consortiumCreateClaim.create({ data: { key, consortiumId: consortium.id, claimedAt: at } });
    return { claimed: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const held = await db.consortiumCreateClaim.findUnique({ where: { key } });
  if (!held) return claimCreate(db, consortium, at);
  if (held.claimedAt.getTime() > at.getTime() - createClaimLease) return { claimed: false, by: held.consortiumId };
  // A stale claim: taken over only if nobody else took it over first.
  const taken = await db.consortiumCreateClaim.updateMany({
    where: { key, claimedAt: held.claimedAt, consortiumId: held.consortiumId },
    data: { consortiumId: consortium.id, claimedAt: at },
  });
  return taken.count === 1 ? { claimed: true } : { claimed: false, by: held.consortiumId };
}

/** Gives a claim back when Create failed half-way: the next Create (of any proposal of the build) may proceed. */
export async function releaseCreateClaim(db: Database, consortium: Pick<ConsortiumRecord, "id" | "buildId">) {
  await db.consortiumCreateClaim.deleteMany({
    where: { key: createClaimKey(consortium), consortiumId: consortium.id },
  });
}

/** How many consortia a list shows at most (a Slack message holds 50 blocks: each takes two). */
export const consortiaListed = 15;

/**
 * Consortia of a mission (or every one), those an SME is in when `smeId` is given, newest first:
 * the first `consortiaListed`, and how many there are in all.
 */
export async function listConsortia(
  db: Database,
  filter: { missionId?: number | undefined; smeId?: number | undefined; includeProposed?: boolean },
): Promise<{ consortia: ConsortiumRecord[]; total: number }> {
  const where = {
    ...(filter.missionId !== undefined ? { missionId: filter.missionId } : {}),
    ...(filter.smeId !== undefined ? { members: { some: { smeId: filter.smeId } } } : {}),
    ...(filter.includeProposed ? {} : { status: { not: "proposed" as const } }),
  } satisfies Prisma.ConsortiumWhereInput;
  const [rows, total] = await Promise.all([
    db.consortium.findMany({
      where,
      include: withMembers,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: consortiaListed,
    }),
    db.consortium.count({ where }),
  ]);
  return { consortia: rows.map(toRecord), total };
}

/** The status changes of a consortium, oldest first. */
export async function statusHistory(db: Database, consortiumId: number) {
  return db.consortiumStatusChange.findMany({ where: { consortiumId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}

/**
 * Whether a typed name names a consortium at word level: each typed word starts the name's word at
 * the same place ("tianjin heat" names "Tianjin Heating Co. consortium A"; "… consortium c" does
 * not name "… consortium A", and a lone "c" names only names whose first word starts with c).
 */
export function namesAtWordLevel(typedKey: string, nameKey: string): boolean {
  const typed = typedKey.split(" ").filter(Boolean);
  const name = nameKey.split(" ").filter(Boolean);
  return typed.length > 0 && typed.length <= name.length && typed.every((word, k) => name[k]?.startsWith(word));
}

/**
 * The consortium a person typed: `#12`, its exact (folded) name, or the one consortium whose name
 * it names at word level (namesAtWordLevel). Several: they are answered so the person can say
 * which. `smeId`: an SME member's company; only consortia it is in are found (nor named).
 */
export async function findConsortium(
  db: Database,
  typed: string,
  visibleTo: { smeId?: number | undefined } = {},
): Promise<{ found?: ConsortiumRecord; candidates: ConsortiumRecord[] }> {
  const visible = visibleTo.smeId === undefined ? {} : { members: { some: { smeId: visibleTo.smeId } } };
  const byId = /^#?(\d+)$/.exec(typed.trim());
  if (byId) {
    const row = await db.consortium.findFirst({ where: { id: Number(byId[1]), ...visible }, include: withMembers });
    return { ...(row ? { found: toRecord(row) } : {}), candidates: [] };
  }
  const key = foldText(typed);
  if (key === "") return { candidates: [] };
  const exact = (
    await db.consortium.findMany({
      where: { nameKey: key, ...visible },
      include: withMembers,
      orderBy: { id: "desc" },
      take: 10,
    })
  ).map(toRecord);
  if (exact.length === 1) return { found: exact[0] as ConsortiumRecord, candidates: [] };
  if (exact.length > 1) return { candidates: exact };
  const firstWord = key.split(" ")[0] as string;
  const rows = await db.consortium.findMany({
    where: { nameKey: { startsWith: firstWord }, ...visible },
    include: withMembers,
    orderBy: { id: "desc" },
    take: 200,
  });
  const candidates = rows.filter((row) => namesAtWordLevel(key, row.nameKey)).map(toRecord);
  return candidates.length === 1
    ? { found: candidates[0] as ConsortiumRecord, candidates: [] }
    : { candidates: candidates.slice(0, 10) };
}

/** The Slack ids of the people of these SMEs: their members in the app and each profile's contact. */
export async function contactsOfSmes(db: Database, smeIds: readonly number[]): Promise<Map<number, string[]>> {
  const [people, smes] = await Promise.all([
    db.person.findMany({ where: { smeId: { in: [...smeIds] } }, select: { slackUserId: true, smeId: true } }),
    db.sme.findMany({ where: { id: { in: [...smeIds] } }, select: { id: true, contactSlackUserId: true } }),
  ]);
  const contacts = new Map<number, string[]>(smeIds.map((id) => [id, []]));
  for (const sme of smes) if (sme.contactSlackUserId) contacts.get(sme.id)?.push(sme.contactSlackUserId);
  for (const person of people) {
    const list = person.smeId === null ? undefined : contacts.get(person.smeId);
    if (list && !list.includes(person.slackUserId)) list.push(person.slackUserId);
  }
  return contacts;
}

/** The Slack ids of the staff of these SMEs' clusters: they follow the consortium in its channel. */
export async function clusterStaffOfSmes(db: Database, smeIds: readonly number[]): Promise<string[]> {
  const staff = await db.person.findMany({
    where: { role: "staff", cluster: { smes: { some: { id: { in: [...smeIds] } } } } },
    select: { slackUserId: true },
    orderBy: { id: "asc" },
  });
  return staff.map((person) => person.slackUserId);
}

/**
 * What the mission report shows of a mission's consortia (proposals left out): name, status, SMEs,
 * local organisations (the project's own one included), the project's organisation, and the
 * status history with who and when.
 */
export async function consortiaForReport(
  db: Database,
  missionId: number,
): Promise<
  {
    name: string;
    status: ConsortiumStatus;
    smes: number;
    organisations: number;
    project: string | null;
    history: { from: ConsortiumStatus | null; to: ConsortiumStatus; bySlackId: string; at: Date }[];
  }[]
> {
  const rows = await db.consortium.findMany({
    where: { missionId, status: { in: consortiumStatuses.filter((status) => status !== "proposed") } },
    select: {
      name: true,
      status: true,
      organisationId: true,
      members: { select: { smeId: true, organisationId: true } },
      statusChanges: {
        select: { from: true, to: true, bySlackId: true, at: true },
        orderBy: [{ at: "asc" }, { id: "asc" }],
      },
    },
    orderBy: { name: "asc" },
  });
  const projectIds = [...new Set(rows.flatMap((row) => (row.organisationId === null ? [] : [row.organisationId])))];
  const projects = new Map(
    (await db.localOrganisation.findMany({ where: { id: { in: projectIds } }, select: { id: true, name: true } })).map(
      (organisation) => [organisation.id, organisation.name],
    ),
  );
  return rows.map((row) => {
    const organisations = new Set(
      row.members.flatMap((member) => (member.organisationId === null ? [] : [member.organisationId])),
    );
    if (row.organisationId !== null) organisations.add(row.organisationId);
    return {
      name: row.name,
      status: row.status,
      smes: row.members.filter((member) => member.smeId !== null).length,
      organisations: organisations.size,
      project: row.organisationId === null ? null : (projects.get(row.organisationId) ?? null),
      history: row.statusChanges,
    };
  });
}
