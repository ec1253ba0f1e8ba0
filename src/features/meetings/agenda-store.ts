/**
 * What the agenda reads: a mission's scheduled meetings with both parties' details, whether its
 * schedule is published, and the SMEs whose agenda can be asked for. Reads only: publishing writes
 * the meetings.
 */
import { labelOf, sectors } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";
import { delegationSmeIds, organisationTypes } from "../missions/index.js";
import type { AgendaMeeting, OrganisationParty, SmeParty } from "./agenda.js";

const smeSelect = {
  id: true,
  name: true,
  cluster: { select: { name: true } },
  tags: { where: { kind: "sector" }, select: { value: true }, orderBy: { value: "asc" } },
} as const;

type SmeRow = { id: number; name: string; cluster: { name: string } | null; tags: { value: string }[] };

function smeParty(row: SmeRow): SmeParty {
  return {
    kind: "sme",
    id: row.id,
    name: row.name,
    cluster: row.cluster?.name ?? null,
    sectors: row.tags.map((tag) => labelOf(sectors, tag.value)),
  };
}

function organisationParty(row: {
  id: number;
  name: string;
  type: string;
  contactName: string | null;
  contactEmail: string | null;
  needs: string;
}): OrganisationParty {
  const contact = [row.contactName, row.contactEmail].filter(Boolean).join(", ");
  return {
    kind: "org",
    id: row.id,
    name: row.name,
    // The database spells the types with underscores, people read the labels.
    type: labelOf(organisationTypes, row.type.replace("_", "-")),
    contact: contact || null,
    needs: row.needs,
  };
}

/**
 * A mission's scheduled meetings (not cancelled, done or missed), with both parties, in time order;
 * with `smeId`, only those that SME sits at, on either side.
 */
export async function scheduledMeetings(
  db: Database,
  missionId: number,
  options: { smeId?: number } = {},
): Promise<AgendaMeeting[]> {
  const { smeId } = options;
  const rows = await db.meeting.findMany({
    where: { missionId, status: "scheduled", ...(smeId ? { OR: [{ smeId }, { targetSmeId: smeId }] } : {}) },
    orderBy: [{ startsAt: "asc" }, { tableNumber: "asc" }],
    include: {
      sme: { select: smeSelect },
      targetSme: { select: smeSelect },
      organisation: {
        select: { id: true, name: true, type: true, contactName: true, contactEmail: true, needs: true },
      },
    },
  });
  const meetings: AgendaMeeting[] = [];
  for (const row of rows) {
    const counterpart = row.organisation
      ? organisationParty(row.organisation)
      : row.targetSme
        ? smeParty(row.targetSme)
        : undefined;
    // A meeting whose counterpart was deleted has nobody to meet: it is left out.
    if (!counterpart) continue;
    meetings.push({
      id: row.id,
      requestId: row.requestId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      table: row.tableNumber,
      asking: smeParty(row.sme),
      counterpart,
    });
  }
  return meetings;
}

/** Whether the mission has a published schedule: a published draft, or meetings already written. */
export async function schedulePublished(db: Database, missionId: number): Promise<boolean> {
  const [drafts, meetings] = await Promise.all([
    db.scheduleDraft.count({ where: { missionId, status: "published" } }),
    db.meeting.count({ where: { missionId } }),
  ]);
  return drafts > 0 || meetings > 0;
}

/** The SMEs whose agenda staff can ask for: the confirmed delegation and anyone with a meeting. */
export async function agendaSmes(db: Database, missionId: number): Promise<{ id: number; name: string }[]> {
  const withMeetings = await db.meeting.findMany({
    where: { missionId },
    select: { smeId: true, targetSmeId: true },
  });
  const ids = new Set(await delegationSmeIds(db, missionId));
  for (const row of withMeetings) {
    ids.add(row.smeId);
    if (row.targetSmeId !== null) ids.add(row.targetSmeId);
  }
  return db.sme.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The missions (not archived) an SME is in or has meetings in, soonest first. */
export async function missionIdsWithSme(db: Database, smeId: number): Promise<number[]> {
  const rows = await db.mission.findMany({
    where: {
      archivedAt: null,
      OR: [
        { participants: { some: { smeId, status: "confirmed" } } },
        { meetings: { some: { OR: [{ smeId }, { targetSmeId: smeId }] } } },
      ],
    },
    select: { id: true },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => row.id);
}

/** The mission (not archived) that has this Slack channel as its own. */
export async function missionIdOfChannel(db: Database, channelId: string): Promise<number | undefined> {
  const row = await db.mission.findFirst({ where: { channelId, archivedAt: null }, select: { id: true } });
  return row?.id;
}
