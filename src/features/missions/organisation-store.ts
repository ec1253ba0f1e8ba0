/**
 * Writes of local organisations and their links to missions, and the paged list of a mission's
 * organisations. An organisation is one row however many missions it meets: it is found again by
 * its normalised name and country (organisationKey), so adding or importing it again updates it.
 */
import { normalizeCompanyName } from "../../domain/text.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditRow, writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { toOrganisationRecord } from "./mission-reads.js";
import {
  type OrganisationProfile,
  type OrganisationRecord,
  type OrganisationTypeKey,
  typeToDb,
} from "./organisation.js";

/** Rows written per transaction by an import, with a pause between (as the directory's import). */
export const organisationBatchSize = 100;

function rowOf(profile: OrganisationProfile) {
  return {
    name: profile.name,
    normalizedName: normalizeCompanyName(profile.name),
    type: typeToDb(profile.type),
    country: profile.country,
    market: profile.market,
    city: profile.city,
    sectors: profile.sectors,
    needs: profile.needs,
    website: profile.website,
    contactName: profile.contactName,
    contactEmail: profile.contactEmail,
    languages: profile.languages,
    available: profile.available,
  };
}

/** What saving an organisation into a mission did. */
export type SaveOutcome = "created" | "linked" | "updated";

type Tx = Prisma.TransactionClient;

/** The organisation with this normalised name and country, other than `exceptId`. */
export async function findSameOrganisation(
  db: Database | Tx,
  profile: { name: string; country: string },
  exceptId?: number,
): Promise<OrganisationRecord | undefined> {
  const row = await db.localOrganisation.findFirst({
    where: {
      normalizedName: normalizeCompanyName(profile.name),
      country: profile.country,
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    orderBy: { id: "asc" },
  });
  return row ? toOrganisationRecord(row) : undefined;
}

const keyOf = (row: { normalizedName: string; country: string }) => `${row.normalizedName}|${row.country}`;

/**
 * Creates each organisation, or updates the one with the same name and country, and links it to the
 * mission (none: the sandbox's demo data before its missions exist). "linked": it existed and was
 * not yet in this mission; "updated": it was in it already. A few queries per call, not per row:
 * a batch of an import is one call. The profiles must have different names and countries.
 */
async function saveInto(
  tx: Tx,
  input: {
    missionId: number | null;
    profiles: readonly OrganisationProfile[];
    bySlackId: string;
    at: Date;
    action: string;
  },
): Promise<{ record: OrganisationRecord; outcome: SaveOutcome }[]> {
  const rows = input.profiles.map(rowOf);
  if (new Set(rows.map(keyOf)).size !== rows.length)
    throw new Error("saveInto: two profiles are the same organisation");
  const known = await tx.localOrganisation.findMany({
    where: {
      normalizedName: { in: [...new Set(rows.map((row) => row.normalizedName))] },
      country: { in: [...new Set(rows.map((row) => row.country))] },
    },
    orderBy: { id: "desc" }, // so that the oldest of two look-alikes wins in the map below
  });
  const existing = new Map(known.map((row) => [keyOf(row), row]));
  const created = await tx.localOrganisation.createManyAndReturn({
    data: rows.filter((row) => !existing.has(keyOf(row))).map((row) => ({ ...row, createdBySlackId: input.bySlackId })),
  });
  const createdByKey = new Map(created.map((row) => [keyOf(row), row]));
  const saved = [];
  for (const row of rows) {
    const before = existing.get(keyOf(row));
    const after = before
      ? await tx.localOrganisation.update({ where: { id: before.id }, data: row })
      : createdByKey.get(keyOf(row));
    if (!after) throw new Error(`saveInto: ${row.name} was not created`);
    saved.push({ row: after, existed: before !== undefined });
  }
  let linkedAlready = new Set(saved.map(({ row }) => row.id));
  if (input.missionId !== null) {
    const missionId = input.missionId;
    const links = await tx.missionOrganisation.findMany({
      where: { missionId, organisationId: { in: saved.map(({ row }) => row.id) } },
    });
    linkedAlready = new Set(links.map((link) => link.organisationId));
    await tx.missionOrganisation.createMany({
      data: saved
        .filter(({ row }) => !linkedAlready.has(row.id))
        .map(({ row }) => ({ missionId, organisationId: row.id })),
    });
  }
  const results = saved.map(({ row, existed }) => ({
    record: toOrganisationRecord(row),
    outcome: (!existed ? "created" : linkedAlready.has(row.id) ? "updated" : "linked") as SaveOutcome,
  }));
  await tx.auditLog.createMany({
    data: results.map(({ record, outcome }) =>
      auditRow(
        {
          by: input.bySlackId,
          action: input.action,
          target: { type: "organisation", id: record.id },
          details: { missionId: input.missionId, outcome },
        },
        input.at,
      ),
    ),
  });
  return results;
}

/** The staff form's "Add": one organisation into a mission. */
export async function addOrganisation(
  db: Database,
  input: { missionId: number; profile: OrganisationProfile; bySlackId: string; at: Date },
): Promise<{ record: OrganisationRecord; outcome: SaveOutcome }> {
  const { profile, ...rest } = input;
  const [saved] = await db.$transaction((tx) =>
    saveInto(tx, { ...rest, profiles: [profile], action: "organisation.add" }),
  );
  if (!saved) throw new Error("addOrganisation: nothing saved");
  return saved;
}

/** The staff form's "Edit": the caller has checked that no other organisation has the new name and country. */
export async function editOrganisation(
  db: Database,
  input: { id: number; profile: OrganisationProfile; bySlackId: string; at: Date; missionId: number },
): Promise<OrganisationRecord> {
  return db.$transaction(async (tx) => {
    const row = await tx.localOrganisation.update({ where: { id: input.id }, data: rowOf(input.profile) });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "organisation.edit",
        target: { type: "organisation", id: input.id },
        details: { missionId: input.missionId },
      },
      input.at,
    );
    return toOrganisationRecord(row);
  });
}

/**
 * An import into a mission, `organisationBatchSize` rows per transaction with `pause` between (so
 * other requests are answered meanwhile). Counts what happened to the rows.
 */
export async function importOrganisations(
  db: Database,
  input: { missionId: number | null; profiles: readonly OrganisationProfile[]; bySlackId: string; at: Date },
  batches: { pause: () => Promise<void>; onProgress?: (written: number) => void } = { pause: async () => {} },
): Promise<Record<SaveOutcome, number>> {
  const counts: Record<SaveOutcome, number> = { created: 0, linked: 0, updated: 0 };
  for (let start = 0; start < input.profiles.length; start += organisationBatchSize) {
    const batch = input.profiles.slice(start, start + organisationBatchSize);
    const saved = await db.$transaction((tx) =>
      saveInto(tx, { ...input, profiles: batch, action: "organisation.import" }),
    );
    for (const { outcome } of saved) counts[outcome] += 1;
    batches.onProgress?.(start + batch.length);
    await batches.pause();
  }
  return counts;
}

/** One page of a mission's organisations, by name, optionally of one type. */
export async function organisationPage(
  db: Database,
  missionId: number,
  options: { type?: OrganisationTypeKey | undefined; offset: number; limit: number },
): Promise<{ total: number; organisations: OrganisationRecord[] }> {
  const where = {
    missions: { some: { missionId } },
    ...(options.type ? { type: typeToDb(options.type) } : {}),
  };
  const [total, rows] = await Promise.all([
    db.localOrganisation.count({ where }),
    db.localOrganisation.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: options.offset,
      take: options.limit,
    }),
  ]);
  return { total, organisations: rows.map(toOrganisationRecord) };
}

export async function isInMission(db: Database, missionId: number, organisationId: number): Promise<boolean> {
  const link = await db.missionOrganisation.findUnique({
    where: { missionId_organisationId: { missionId, organisationId } },
  });
  return link !== null;
}

/** The stand tables of a mission's organisations that host meetings at their own stand. */
export async function standTables(db: Database, missionId: number): Promise<Map<number, number>> {
  const links = await db.missionOrganisation.findMany({
    where: { missionId, standTable: { not: null } },
    select: { organisationId: true, standTable: true },
  });
  return new Map(links.map((link) => [link.organisationId, link.standTable ?? 0]));
}

/** Sets (or clears, with null) the table of an organisation's own stand in a mission. */
export async function setStandTable(
  db: Database,
  input: { missionId: number; organisationId: number; table: number | null; bySlackId: string; at: Date },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const link = await tx.missionOrganisation.findUnique({
      where: { missionId_organisationId: { missionId: input.missionId, organisationId: input.organisationId } },
    });
    if (!link || link.standTable === input.table) return;
    await tx.missionOrganisation.update({
      where: { missionId_organisationId: { missionId: input.missionId, organisationId: input.organisationId } },
      data: { standTable: input.table },
    });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "organisation.stand_table",
        target: { type: "organisation", id: input.organisationId },
        details: { missionId: input.missionId, table: input.table },
      },
      input.at,
    );
  });
}

/** Turns auto-accept on or off: requests to the organisation are then accepted without a click. */
export async function setAutoAccept(
  db: Database,
  input: { id: number; on: boolean; bySlackId: string; at: Date; missionId: number },
): Promise<OrganisationRecord> {
  return db.$transaction(async (tx) => {
    const row = await tx.localOrganisation.update({ where: { id: input.id }, data: { autoAccept: input.on } });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "organisation.auto_accept",
        target: { type: "organisation", id: input.id },
        details: { missionId: input.missionId, on: input.on },
      },
      input.at,
    );
    return toOrganisationRecord(row);
  });
}

/** Meeting requests of the mission to the organisation that still wait for an answer or were accepted. */
export async function liveRequestsTo(db: Database, missionId: number, organisationId: number): Promise<number> {
  return db.meetingRequest.count({ where: { missionId, organisationId, status: { in: ["requested", "accepted"] } } });
}

/** Takes the organisation off the mission (it stays known for other missions). */
export async function removeFromMission(
  db: Database,
  input: { missionId: number; organisationId: number; bySlackId: string; at: Date },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.missionOrganisation.deleteMany({
      where: { missionId: input.missionId, organisationId: input.organisationId },
    });
    if (count > 0) {
      await writeAudit(
        tx,
        {
          by: input.bySlackId,
          action: "organisation.remove",
          target: { type: "organisation", id: input.organisationId },
          details: { missionId: input.missionId },
        },
        input.at,
      );
    }
    return count > 0;
  });
}
