import type { Role } from "../../domain/roles.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";

export type PersonProfile = { name?: string | undefined; timeZone?: string | undefined; email?: string | undefined };

/** Gives a person a role and a cluster (null: none), and writes the change to the audit log in the same transaction. */
export async function assignRole(
  db: Database,
  change: { userId: string; role: Role; clusterKey: string | null; byUserId: string; profile: PersonProfile; at: Date },
) {
  return db.$transaction(async (tx) => {
    const cluster = change.clusterKey ? await tx.cluster.findUnique({ where: { key: change.clusterKey } }) : null;
    const before = await tx.person.findUnique({ where: { slackUserId: change.userId } });
    const clusterId = cluster?.id ?? null;
    const profile = {
      ...(change.profile.name ? { name: change.profile.name } : {}),
      ...(change.profile.timeZone ? { timeZone: change.profile.timeZone } : {}),
      ...(change.profile.email ? { email: change.profile.email } : {}),
    };
    const person = await tx.person.upsert({
      where: { slackUserId: change.userId },
      create: { slackUserId: change.userId, role: change.role, clusterId, ...profile },
      update: { role: change.role, clusterId, ...profile },
      include: { cluster: true },
    });
    await writeAudit(
      tx,
      {
        by: change.byUserId,
        action: "role.assign",
        target: { type: "person", id: change.userId },
        details: { from: before?.role ?? "guest", to: change.role, clusterKey: person.cluster?.key ?? null },
      },
      change.at,
    );
    return { person, previousRole: (before?.role ?? "guest") as Role };
  });
}

/**
 * An invitation to register a company: the person becomes an SME member so they can answer (a
 * person who has a role keeps it), in the inviting staff member's cluster when they have none.
 */
export async function inviteAsSmeMember(
  db: Database,
  invite: {
    userId: string;
    byUserId: string;
    clusterId: number | null;
    profile: PersonProfile;
    companyName: string | null;
    at: Date;
  },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.person.findUnique({ where: { slackUserId: invite.userId } });
    await tx.person.upsert({
      where: { slackUserId: invite.userId },
      create: {
        slackUserId: invite.userId,
        role: "sme",
        clusterId: invite.clusterId,
        name: invite.profile.name ?? null,
        timeZone: invite.profile.timeZone ?? null,
      },
      update: {
        ...(existing?.role === "guest" ? { role: "sme" as const } : {}),
        ...(existing?.clusterId ? {} : { clusterId: invite.clusterId }),
      },
    });
    await writeAudit(
      tx,
      {
        by: invite.byUserId,
        action: "sme.invite",
        target: { type: "person", id: invite.userId },
        details: { companyName: invite.companyName },
      },
      invite.at,
    );
  });
}

/** Everyone with a role other than guest, admins first. */
export async function listPeopleWithRoles(db: Database) {
  return db.person.findMany({
    where: { role: { not: "guest" } },
    include: { cluster: true, sme: true },
    orderBy: [{ role: "asc" }, { name: "asc" }, { slackUserId: "asc" }],
  });
}

export async function findPerson(db: Database, slackUserId: string) {
  return db.person.findUnique({ where: { slackUserId }, include: { cluster: true, sme: true } });
}

/**
 * Who speaks for an SME in Slack: its contact person first, then its members. A contact who speaks
 * for another company is left out: a person belongs to one SME.
 */
export async function peopleOfSme(
  db: Database,
  sme: Readonly<{ id: number; contactSlackUserId: string | null }>,
): Promise<string[]> {
  const members = await db.person.findMany({
    where: { smeId: sme.id },
    select: { slackUserId: true },
    orderBy: { id: "asc" },
  });
  const contact = sme.contactSlackUserId && !(await otherCompanyOf(db, sme.contactSlackUserId, sme.id));
  const ids = [contact ? sme.contactSlackUserId : null, ...members.map((m) => m.slackUserId)];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** The company a person speaks for, when it is not `smeId`: they cannot speak for `smeId` too. */
export async function otherCompanyOf(
  db: Database,
  slackUserId: string,
  smeId: number | undefined,
): Promise<{ id: number; name: string } | null> {
  const person = await db.person.findUnique({
    where: { slackUserId },
    select: { sme: { select: { id: true, name: true } } },
  });
  return person?.sme && person.sme.id !== smeId ? person.sme : null;
}

/**
 * Makes a person speak for an SME when they speak for none yet (an SME member from then on). It never
 * moves someone from another company: that is a decision for staff, not a side effect.
 */
export async function linkToSme(
  db: Database,
  slackUserId: string,
  smeId: number,
): Promise<{ linked: true } | { linked: false; otherCompany: { id: number; name: string } }> {
  return db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { slackUserId }, select: { sme: true } });
    if (person?.sme && person.sme.id !== smeId) {
      return { linked: false, otherCompany: { id: person.sme.id, name: person.sme.name } };
    }
    await tx.person.upsert({
      where: { slackUserId },
      create: { slackUserId, role: "sme", smeId },
      update: { smeId },
    });
    return { linked: true };
  });
}

/**
 * The one rule of who reviews an SME. Admins and its cluster's staff may; when its cluster has no
 * staff (or it has no cluster), every staff member may, and `clusterStaff` is empty. `asked`: whom a
 * review request goes to (its cluster's staff, else everyone who may review).
 */
export async function reviewRights(
  db: Database,
  clusterKey: string | null,
  admins: readonly string[],
): Promise<{ reviewers: Set<string>; clusterStaff: string[]; asked: string[] }> {
  const clusterStaff = clusterKey
    ? (
        await db.person.findMany({
          where: { role: "staff", cluster: { key: clusterKey } },
          select: { slackUserId: true },
          orderBy: { id: "asc" },
        })
      ).map((person) => person.slackUserId)
    : [];
  const everyone = await db.person.findMany({
    where: { role: clusterStaff.length > 0 ? "admin" : { in: ["staff", "admin"] } },
    select: { slackUserId: true },
  });
  const reviewers = new Set([...admins, ...clusterStaff, ...everyone.map((person) => person.slackUserId)]);
  return { reviewers, clusterStaff, asked: clusterStaff.length > 0 ? clusterStaff : [...reviewers] };
}

/** Whom a review request for a cluster's SME goes to (see reviewRights). */
export async function reviewersFor(
  db: Database,
  clusterKey: string | null,
  admins: readonly string[],
): Promise<string[]> {
  return (await reviewRights(db, clusterKey, admins)).asked;
}
