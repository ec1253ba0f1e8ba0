/** Reads and writes of a mission's programme items (AgendaItem rows), each write with its audit entry. */
import type { AgendaItem } from "../../generated/prisma/client.js";
import { writeAudit } from "../../platform/db/audit.js";
import type { Database } from "../../platform/db/client.js";
import { type ProgrammeInput, type ProgrammeItem, programmeKindOf } from "./programme.js";

function toProgrammeItem(row: AgendaItem): ProgrammeItem {
  return {
    id: row.id,
    missionId: row.missionId,
    kind: programmeKindOf(row.kind),
    title: row.title,
    location: row.location,
    notes: row.notes,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  };
}

/** A mission's programme in time order; with `from`/`to`, only the items that start in [from, to). */
export async function programmeOf(
  db: Database,
  missionId: number,
  window: { from?: Date; to?: Date } = {},
): Promise<ProgrammeItem[]> {
  const rows = await db.agendaItem.findMany({
    where: {
      missionId,
      ...(window.from || window.to
        ? { startsAt: { ...(window.from ? { gte: window.from } : {}), ...(window.to ? { lt: window.to } : {}) } }
        : {}),
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toProgrammeItem);
}

export async function getProgrammeItem(db: Database, id: number): Promise<ProgrammeItem | undefined> {
  const row = await db.agendaItem.findUnique({ where: { id } });
  return row ? toProgrammeItem(row) : undefined;
}

const columnsOf = (item: ProgrammeInput) => ({
  kind: item.kind,
  title: item.title,
  location: item.location,
  notes: item.notes,
  startsAt: item.startsAt,
  endsAt: item.endsAt,
});

export async function addProgrammeItem(
  db: Database,
  input: { missionId: number; item: ProgrammeInput; bySlackId: string; at: Date },
): Promise<ProgrammeItem> {
  return db.$transaction(async (tx) => {
    const row = await tx.agendaItem.create({ data: { missionId: input.missionId, ...columnsOf(input.item) } });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "programme.add",
        target: { type: "agenda_item", id: row.id },
        details: { missionId: input.missionId, title: row.title },
      },
      input.at,
    );
    return toProgrammeItem(row);
  });
}

/** Saves the edited item; undefined when it is gone (removed by someone else meanwhile). */
export async function editProgrammeItem(
  db: Database,
  input: { id: number; item: ProgrammeInput; bySlackId: string; at: Date },
): Promise<ProgrammeItem | undefined> {
  return db.$transaction(async (tx) => {
    const before = await tx.agendaItem.findUnique({ where: { id: input.id } });
    if (!before) return undefined;
    const row = await tx.agendaItem.update({ where: { id: input.id }, data: columnsOf(input.item) });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "programme.edit",
        target: { type: "agenda_item", id: row.id },
        details: { missionId: row.missionId, title: row.title },
      },
      input.at,
    );
    return toProgrammeItem(row);
  });
}

/** Removes an item; undefined when it was already gone (a second click). */
export async function removeProgrammeItem(
  db: Database,
  input: { id: number; bySlackId: string; at: Date },
): Promise<ProgrammeItem | undefined> {
  return db.$transaction(async (tx) => {
    const before = await tx.agendaItem.findUnique({ where: { id: input.id } });
    if (!before) return undefined;
    await tx.agendaItem.delete({ where: { id: input.id } });
    await writeAudit(
      tx,
      {
        by: input.bySlackId,
        action: "programme.remove",
        target: { type: "agenda_item", id: before.id },
        details: { missionId: before.missionId, title: before.title },
      },
      input.at,
    );
    return toProgrammeItem(before);
  });
}
