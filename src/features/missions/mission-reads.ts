/**
 * What other features read of a mission: its delegation and its organisations. The delegation and
 * organisation stores write these tables; this file only reads them.
 */

import { type SectorKey, sectors } from "../../domain/taxonomy.js";
import type { LocalOrganisation } from "../../generated/prisma/client.js";
import type { Database } from "../../platform/db/client.js";
import { type OrganisationRecord, typeFromDb } from "./organisation.js";

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export function toOrganisationRecord(row: LocalOrganisation): OrganisationRecord {
  return {
    id: row.id,
    name: row.name,
    type: typeFromDb(row.type),
    country: row.country,
    market: row.market,
    city: row.city,
    needs: row.needs,
    sectors: stringList(row.sectors).filter((key): key is SectorKey => sectors.some((sector) => sector.key === key)),
    website: row.website,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    languages: stringList(row.languages),
    available: stringList(row.available),
    autoAccept: row.autoAccept,
  };
}

/** The SMEs confirmed in a mission's delegation (not those asking, waiting, declined or withdrawn). */
export async function delegationSmeIds(db: Database, missionId: number): Promise<number[]> {
  const rows = await db.missionParticipant.findMany({
    where: { missionId, status: "confirmed" },
    select: { smeId: true },
    // smeId breaks ties (SMEs confirmed together): SQLite would give them in insertion order, PostgreSQL in any.
    orderBy: [{ joinedAt: "asc" }, { smeId: "asc" }],
  });
  return rows.map((row) => row.smeId);
}

/** The missions (not archived) an SME is confirmed in, soonest first. */
export async function missionIdsOfSme(db: Database, smeId: number): Promise<number[]> {
  const rows = await db.missionParticipant.findMany({
    where: { smeId, status: "confirmed", mission: { archivedAt: null } },
    select: { missionId: true },
    orderBy: { mission: { startDate: "asc" } },
  });
  return rows.map((row) => row.missionId);
}

/** A mission's local organisations, by name. */
export async function organisationsOfMission(db: Database, missionId: number): Promise<OrganisationRecord[]> {
  const rows = await db.localOrganisation.findMany({
    where: { missions: { some: { missionId } } },
    orderBy: { name: "asc" },
  });
  return rows.map(toOrganisationRecord);
}

export async function getOrganisation(db: Database, id: number): Promise<OrganisationRecord | undefined> {
  const row = await db.localOrganisation.findUnique({ where: { id } });
  return row ? toOrganisationRecord(row) : undefined;
}
