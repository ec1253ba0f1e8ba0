/** GDPR self-service: everything stored about a person, and its erasure. */
import { writeAudit } from "../../platform/db/audit.js";
import { type Database, type Dialect, dialectOf } from "../../platform/db/client.js";

/**
 * What the audit log says instead of an erased person's Slack id. The same for everyone: a hash of
 * the id (even salted with a secret the server keeps) would let anyone with the id find them again.
 */
export const erasedPerson = "erased";

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
 * profiles, the Business Intelligence conversations they had in their DM with the app (raw
 * messages, the answers taken from them), the DM's channel id wherever it is kept (conversations,
 * records of which deliveries were handled) and their id wherever the app recorded who did what. Company profiles themselves stay (they are not personal data); the SMEs
 * whose contact this was are returned so staff can decide. Then the database file is rebuilt so
 * the erased text does not linger in its free pages.
 */
export async function erasePerson(
  db: Database,
  input: { slackUserId: string; dmChannelId: string; at: Date },
): Promise<{ companies: { id: number; name: string; clusterKey: string | null }[] }> {
  const { slackUserId, dmChannelId } = input;
  const dialect = dialectOf(db);
  const result = await db.$transaction(async (tx) => {
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
    await tx.localOrganisation.updateMany({
      where: { createdBySlackId: slackUserId },
      data: { createdBySlackId: null },
    });
    await tx.expectedUpload.deleteMany({ where: { slackUserId } });

    // BI conversations held in their DM: the raw messages and answers are theirs. LLM call records
    // keep their token counts for /bi usage, without the error text that may quote a message.
    const conversations = await tx.biResponse.findMany({ where: { channelId: dmChannelId }, select: { id: true } });
    const conversationIds = conversations.map((conversation) => conversation.id);
    await tx.llmCall.updateMany({ where: { responseId: { in: conversationIds } }, data: { error: null } });
    await tx.biResponse.deleteMany({ where: { id: { in: conversationIds } } });
    // Delivery records are keyed by where and by whom (`bi.dm:<DM channel>:<ts>`, imports by channel).
    await tx.processedDelivery.deleteMany({
      where: { OR: [{ key: { contains: dmChannelId } }, { key: { contains: slackUserId } }] },
    });

    await tx.auditLog.updateMany({ where: { actorSlackId: slackUserId }, data: { actorSlackId: erasedPerson } });
    await tx.auditLog.updateMany({ where: { entityId: slackUserId }, data: { entityId: erasedPerson } });
    // Details name people too (e.g. who was given a role). A Slack id is letters and digits, so
    // replacing it in the JSON's text keeps the JSON valid. SQLite keeps JSON as text, PostgreSQL as jsonb.
    if (dialect === "postgresql") {
      await tx.$executeRaw`UPDATE "AuditLog" SET "details" = CAST(REPLACE(CAST("details" AS text), ${slackUserId}, ${erasedPerson}) AS jsonb) WHERE strpos(CAST("details" AS text), ${slackUserId}) > 0`;
    } else {
      await tx.$executeRaw`UPDATE "AuditLog" SET "details" = REPLACE("details", ${slackUserId}, ${erasedPerson}) WHERE instr("details", ${slackUserId}) > 0`;
    }
    await tx.person.deleteMany({ where: { slackUserId } });
    await writeAudit(
      tx,
      {
        by: erasedPerson,
        action: "privacy.erase",
        target: { type: "person", id: erasedPerson },
        details: {
          companiesWithoutContact: companies.map((company) => company.id),
          biConversationsErased: conversationIds.length,
        },
      },
      input.at,
    );
    return { companies: companies.map((c) => ({ id: c.id, name: c.name, clusterKey: c.cluster?.key ?? null })) };
  });
  await rebuildWithoutErasedRows(db, dialect);
  return result;
}

/** The tables erasePerson deletes from or rewrites, whose old row versions hold erased text. */
const erasedTables = [
  "Person",
  "Sme",
  "MeetingRequest",
  "Mission",
  "LocalOrganisation",
  "ExpectedUpload",
  "LlmCall",
  "BiResponse",
  "BiMessage",
  "ProcessedDelivery",
  "AuditLog",
];

/**
 * Deleted rows stay in the database's free space until it is rebuilt.
 * SQLite: VACUUM rewrites the file without them; the write-ahead log still holds the pages as they
 * were before, so the checkpoint moves the rebuilt pages into the file and empties the log (TRUNCATE).
 * PostgreSQL: VACUUM FULL rewrites the tables erasePerson touched into new files (the old ones are
 * removed). It locks each table while it copies it: erasures are rare, and these tables small.
 */
async function rebuildWithoutErasedRows(db: Database, dialect: Dialect): Promise<void> {
  if (dialect === "postgresql") {
    await db.$executeRawUnsafe(`VACUUM (FULL) ${erasedTables.map((table) => `"${table}"`).join(", ")}`);
    return;
  }
  await db.$executeRawUnsafe("VACUUM");
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
