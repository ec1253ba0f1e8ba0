import type { Role } from "../../domain/roles.js";
import type { Database } from "../../platform/db/client.js";

export type PersonProfile = { name?: string | undefined; timeZone?: string | undefined; email?: string | undefined };

/** Gives a person a role and a cluster (null: none), and writes the change to the audit log in the same transaction. */
export async function assignRole(
  db: Database,
  change: { userId: string; role: Role; clusterKey: string | null; byUserId: string; profile: PersonProfile },
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
    await tx.auditLog.create({
      data: {
        actorSlackId: change.byUserId,
        action: "role.assign",
        entityType: "person",
        entityId: change.userId,
        details: { from: before?.role ?? "guest", to: change.role, clusterKey: person.cluster?.key ?? null },
      },
    });
    return { person, previousRole: (before?.role ?? "guest") as Role };
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
