/**
 * Writes of local organisations and their links to missions, and the paged list of a mission's
 * organisations. An organisation is one row however many missions it meets: it is found again by
 * its normalised name and country (organisationKey), so adding or importing it again updates it.
 */
import { normalizeCompanyName } from "../../domain/text.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
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

/**
 * Creates the organisation, or updates the one with the same name and country, and links it to the
 * mission. "linked": it existed and was not yet in this mission; "updated": it was in it already.
 */
async function saveInto(
  tx: Tx,
  input: { missionId: number; profile: OrganisationProfile; bySlackId: string; at: Date; action: string },
): Promise<{ record: OrganisationRecord; outcome: SaveOutcome }> {
  const existing = await findSameOrganisation(tx, input.profile);
  const row = existing
    ? await tx.localOrganisation.update({ where: { id: existing.id }, data: rowOf(input.profile) })
    : await tx.localOrganisation.create({ data: { ...rowOf(input.profile), createdBySlackId: input.bySlackId } });
  const link = { missionId: input.missionId, organisationId: row.id };
  const linkedAlready = await tx.missionOrganisation.findUnique({ where: { missionId_organisationId: link } });
  if (!linkedAlready) await tx.missionOrganisation.create({ data: link });
  const outcome: SaveOutcome = !existing ? "created" : linkedAlready ? "updated" : "linked";
  await writeAudit(
    tx,
    {
      by: input.bySlackId,
      action: input.action,
      target: { type: "organisation", id: row.id },
      details: { missionId: input.missionId, outcome },
    },
    input.at,
  );
  return { record: toOrganisationRecord(row), outcome };
}

/** The staff form's "Add": one organisation into a mission. */
export async function addOrganisation(
  db: Database,
  input: { missionId: number; profile: OrganisationProfile; bySlackId: string; at: Date },
): Promise<{ record: OrganisationRecord; outcome: SaveOutcome }> {
  return db.$transaction((tx) => saveInto(tx, { ...input, action: "organisation.add" }));
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
  input: { missionId: number; profiles: readonly OrganisationProfile[]; bySlackId: string; at: Date },
  batches: { pause: () => Promise<void>; onProgress?: (written: number) => void } = { pause: async () => {} },
): Promise<Record<SaveOutcome, number>> {
  const counts: Record<SaveOutcome, number> = { created: 0, linked: 0, updated: 0 };
  for (let start = 0; start < input.profiles.length; start += organisationBatchSize) {
    const batch = input.profiles.slice(start, start + organisationBatchSize);
    await db.$transaction(async (tx) => {
      for (const profile of batch) {
        const { outcome } = await saveInto(tx, { ...input, profile, action: "organisation.import" });
        counts[outcome] += 1;
      }
    });
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
