/** The staff digest's facts: who gets it, in which zone, and what happened in their cluster(s). */
import { DateTime } from "luxon";
import type { JobDeps } from "../../platform/slack/feature.js";
import { getSmes, smesAddedBetween, smesAwaitingReview } from "../directory/index.js";
import { type ReadinessReads, reminderWishes, slackZones, type UnknownZones } from "./chase-store.js";
import type { DigestFacts, DigestMission, DigestRecipient } from "./digest-plan.js";

/** Every staff member and admin (EC2I_ADMINS included), with their cluster, Slack zone and wishes. */
export async function digestRecipients(deps: JobDeps, unknownZones?: UnknownZones): Promise<DigestRecipient[]> {
  const people = await deps.db.person.findMany({
    where: { OR: [{ role: { in: ["staff", "admin"] } }, { slackUserId: { in: [...deps.config.admins] } }] },
    select: { slackUserId: true, role: true, cluster: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  const known = new Set(people.map((person) => person.slackUserId));
  const all = [
    ...people.map((person) => ({
      slackUserId: person.slackUserId,
      // Admins oversee every cluster; staff their own (all of them when they have none).
      clusterKey:
        person.role === "admin" || deps.config.admins.includes(person.slackUserId)
          ? null
          : (person.cluster?.key ?? null),
    })),
    ...deps.config.admins.filter((id) => !known.has(id)).map((slackUserId) => ({ slackUserId, clusterKey: null })),
  ];
  const ids = all.map((person) => person.slackUserId);
  const zones = await slackZones(deps, ids, unknownZones);
  const wishes = await reminderWishes(deps.db, ids);
  return all.map((person) => ({
    ...person,
    timeZone: zones.get(person.slackUserId) ?? null,
    wish: wishes.get(person.slackUserId),
  }));
}

/** What the digest of one cluster (null: all) says about the week from `since` to `until`. */
export async function digestFacts(
  deps: JobDeps,
  reads: ReadinessReads,
  input: { clusterKey: string | null; since: Date; until: Date; zone: string },
): Promise<DigestFacts> {
  const { db } = deps;
  const inScope = (sme: { cluster?: string | null | undefined }) =>
    input.clusterKey === null || sme.cluster === input.clusterKey;
  const newSmes = (await smesAddedBetween(db, input.since, input.until)).filter(inScope);
  const awaitingReview = (await smesAwaitingReview(db)).filter(inScope);
  const missions = await db.mission.findMany({
    where: { archivedAt: null, status: { not: "closed" } },
    include: { participants: { where: { status: { in: ["confirmed", "requested"] } }, orderBy: { joinedAt: "asc" } } },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  const joinRequests: DigestFacts["joinRequests"][number][] = [];
  const missionFigures: DigestMission[] = [];
  for (const mission of missions) {
    // Missions that ended (in their own zone) are no longer worth a line.
    const today = DateTime.fromJSDate(input.until, { zone: mission.timeZone }).toISODate() ?? "";
    if (mission.endDate < today) continue;
    const smes = (
      await getSmes(
        db,
        mission.participants.map((participant) => participant.smeId),
      )
    ).filter(inScope);
    const statusOf = new Map(mission.participants.map((participant) => [participant.smeId, participant.status]));
    const asking = smes.filter((sme) => statusOf.get(sme.id) === "requested");
    if (asking.length > 0) joinRequests.push({ mission: mission.name, smes: asking.map((sme) => sme.name) });
    const confirmed = smes.filter((sme) => statusOf.get(sme.id) === "confirmed").map((sme) => sme.id);
    if (confirmed.length === 0) continue;
    const bi = await reads.templateProgress(db, confirmed, mission.market);
    const counts = await reads.requestCounts(db, mission.id);
    const requests = { requested: 0, accepted: 0, declined: 0 };
    let smesWithoutRequests = 0;
    for (const smeId of confirmed) {
      const own = counts.get(smeId);
      requests.requested += own?.requested ?? 0;
      requests.accepted += own?.accepted ?? 0;
      requests.declined += own?.declined ?? 0;
      if ((own?.requested ?? 0) + (own?.accepted ?? 0) === 0) smesWithoutRequests += 1;
    }
    const progress = confirmed.map((smeId) => bi.get(smeId));
    missionFigures.push({
      name: mission.name,
      city: mission.city,
      startDate: mission.startDate,
      endDate: mission.endDate,
      smes: confirmed.length,
      templateTitle:
        progress.find((entry) => entry)?.title ?? (mission.market === "CN" ? "China market entry" : "US market entry"),
      biDone: progress.filter((entry) => entry?.status === "done").length,
      biUnderWay: progress.filter((entry) => entry && entry.status !== "done").length,
      requests,
      smesWithoutRequests,
    });
  }
  return {
    clusterKey: input.clusterKey,
    since: input.since,
    until: input.until,
    zone: input.zone,
    newSmes: newSmes.map((sme) => ({ name: sme.name, status: sme.status })),
    awaitingReview: awaitingReview.map((sme) => ({ name: sme.name })),
    joinRequests,
    missions: missionFigures,
  };
}
