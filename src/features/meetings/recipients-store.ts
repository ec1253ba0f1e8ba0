/**
 * Who reads an SME's messages on a mission (its schedule, reminders, surveys): its travellers on
 * the mission, else its members in the app (the people who speak for it), else its contact. The
 * one rule for every DM about an SME's meetings.
 */
import type { Database } from "../../platform/db/client.js";
import { recipientsKey } from "./reminder-due.js";

/** The recipients of many SMEs at once, by `recipientsKey(missionId, smeId)`. */
export async function recipientsBySme(
  db: Database,
  pairs: readonly { missionId: number; smeId: number }[],
): Promise<Map<string, string[]>> {
  const missionIds = [...new Set(pairs.map((p) => p.missionId))];
  const smeIds = [...new Set(pairs.map((p) => p.smeId))];
  const [participants, members, smes] = await Promise.all([
    db.missionParticipant.findMany({
      where: { missionId: { in: missionIds }, smeId: { in: smeIds } },
      select: { missionId: true, smeId: true, travellers: true },
    }),
    db.person.findMany({
      where: { smeId: { in: smeIds } },
      select: { smeId: true, slackUserId: true },
      orderBy: { id: "asc" },
    }),
    db.sme.findMany({ where: { id: { in: smeIds } }, select: { id: true, contactSlackUserId: true } }),
  ]);
  const travellers = new Map(
    participants.map((p) => [
      recipientsKey(p.missionId, p.smeId),
      Array.isArray(p.travellers) ? p.travellers.filter((id): id is string => typeof id === "string") : [],
    ]),
  );
  const result = new Map<string, string[]>();
  for (const { missionId, smeId } of pairs) {
    const key = recipientsKey(missionId, smeId);
    if (result.has(key)) continue;
    const named = travellers.get(key) ?? [];
    const memberIds = members.filter((m) => m.smeId === smeId).map((m) => m.slackUserId);
    const contact = smes.find((s) => s.id === smeId)?.contactSlackUserId;
    result.set(key, named.length > 0 ? named : memberIds.length > 0 ? memberIds : contact ? [contact] : []);
  }
  return result;
}

/** The recipients of one SME on one mission. */
export async function recipientsOfSme(db: Database, missionId: number, smeId: number): Promise<string[]> {
  return (await recipientsBySme(db, [{ missionId, smeId }])).get(recipientsKey(missionId, smeId)) ?? [];
}
