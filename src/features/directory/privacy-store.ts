/** GDPR self-service: everything stored about a person, and its erasure. */
import { createHash } from "node:crypto";
import type { Database } from "../../platform/db/client.js";

/** The id kept in the audit log for an erased person: proves the erasure without keeping the id. */
export function erasedPersonRef(slackUserId: string): string {
  return `sha256:${createHash("sha256").update(slackUserId).digest("hex").slice(0, 16)}`;
}

const aboutSme = (slackUserId: string) => ({
  OR: [{ contactSlackUserId: slackUserId }, { createdBySlackId: slackUserId }, { members: { some: { slackUserId } } }],
});

export async function personalData(db: Database, slackUserId: string, now: Date) {
  const person = await db.person.findUnique({ where: { slackUserId }, include: { cluster: true } });
  const companies = await db.sme.findMany({
    where: aboutSme(slackUserId),
    include: { tags: { select: { kind: true, value: true } }, biResponses: { include: { messages: true } } },
  });
  const auditEntries = await db.auditLog.findMany({
    where: { OR: [{ actorSlackId: slackUserId }, { entityId: slackUserId }] },
    orderBy: { at: "asc" },
  });
  const meetingRequests = await db.meetingRequest.findMany({ where: { requestedBySlackId: slackUserId } });
  return {
    exportedAt: now.toISOString(),
    slackUserId,
    person,
    companies,
    meetingRequests,
    auditEntries,
  };
}

/**
 * Removes a person's personal data: their person record, their contact details on company
 * profiles, and their id wherever the app recorded who did what. Company profiles themselves stay
 * (they are not personal data); the SMEs whose contact this was are returned so staff can decide.
 */
export async function erasePerson(
  db: Database,
  slackUserId: string,
): Promise<{ companies: { id: number; name: string; clusterKey: string | null }[] }> {
  return db.$transaction(async (tx) => {
    const companies = await tx.sme.findMany({
      where: { contactSlackUserId: slackUserId },
      select: { id: true, name: true, cluster: { select: { key: true } } },
    });
    await tx.sme.updateMany({
      where: { contactSlackUserId: slackUserId },
      data: { contactSlackUserId: null, contactEmail: null },
    });
    await tx.sme.updateMany({ where: { createdBySlackId: slackUserId }, data: { createdBySlackId: null } });
    await tx.sme.updateMany({ where: { consentBySlackId: slackUserId }, data: { consentBySlackId: null } });
    await tx.meetingRequest.updateMany({
      where: { requestedBySlackId: slackUserId },
      data: { requestedBySlackId: null },
    });
    await tx.mission.updateMany({ where: { createdBySlackId: slackUserId }, data: { createdBySlackId: null } });
    const ref = erasedPersonRef(slackUserId);
    await tx.auditLog.updateMany({ where: { actorSlackId: slackUserId }, data: { actorSlackId: ref } });
    await tx.auditLog.updateMany({ where: { entityId: slackUserId }, data: { entityId: ref } });
    await tx.person.deleteMany({ where: { slackUserId } });
    await tx.auditLog.create({
      data: {
        actorSlackId: ref,
        action: "privacy.erase",
        entityType: "person",
        entityId: ref,
        details: { companiesWithoutContact: companies.map((company) => company.id) },
      },
    });
    return { companies: companies.map((c) => ({ id: c.id, name: c.name, clusterKey: c.cluster?.key ?? null })) };
  });
}
