/**
 * The facts chasers are computed from: missions whose chase day is near, their confirmed SMEs, who
 * speaks for each, their Slack zones and reminder wishes, and what each SME still misses. BI and
 * matchmaking import missions, so missions cannot import them: their reads are handed in
 * (`ReadinessReads`, given by features/index.ts from their index.ts).
 */
import { DateTime } from "luxon";
import type { MarketKey } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { lookUpUser } from "../../platform/slack/users.js";
import { peopleOfSme } from "../core/index.js";
import { getSmes, missingProfileParts } from "../directory/index.js";
import { type ChaseMission, type ChaseSme, chaseDay, missingItems, type ReminderWish } from "./chase-plan.js";
import { storedTravellers } from "./delegation.js";

/** What missions reads of BI and matchmaking, for chasers and the staff digest. */
export type ReadinessReads = Readonly<{
  /** Each started SME's progress with the template of a market (BI's `templateProgressFor`). */
  templateProgress(
    db: Database,
    smeIds: readonly number[],
    market: MarketKey,
  ): Promise<ReadonlyMap<number, { status: "in_progress" | "paused" | "done"; percent: number; title: string }>>;
  /** Requests made in a mission by SME and status (matchmaking's `requestCountsOfMission`). */
  requestCounts(
    db: Database,
    missionId: number,
  ): Promise<ReadonlyMap<number, { requested: number; accepted: number; declined: number; withdrawn: number }>>;
}>;

/**
 * People Slack could not give a zone for, and until when not to ask again (epoch ms): jobs compute
 * their runs every minute, and a person Slack does not know would otherwise be asked about each time.
 */
export type UnknownZones = Map<string, number>;

const askAgainAfter = 60 * 60_000;

/**
 * Each person's Slack zone: the one cached in Person.timeZone, else users.info's `tz` (then cached,
 * so Slack is asked once per person). Null when Slack cannot say; callers fall back.
 */
export async function slackZones(
  deps: JobDeps,
  userIds: readonly string[],
  unknown: UnknownZones = new Map(),
): Promise<Map<string, string | null>> {
  const people = await deps.db.person.findMany({
    where: { slackUserId: { in: [...userIds] } },
    select: { slackUserId: true, timeZone: true },
  });
  const zones = new Map<string, string | null>(people.map((person) => [person.slackUserId, person.timeZone]));
  for (const userId of new Set(userIds)) {
    if (zones.get(userId)) continue;
    zones.set(userId, null);
    const now = deps.clock.now().getTime();
    if ((unknown.get(userId) ?? 0) > now) continue;
    const user = await lookUpUser(deps.slack.client, userId, deps.logger);
    const zone = user?.timeZone && DateTime.local({ zone: user.timeZone }).isValid ? user.timeZone : null;
    if (!zone) {
      unknown.set(userId, now + askAgainAfter);
      continue;
    }
    zones.set(userId, zone);
    // A traveller may have no row yet: a guest row keeps the zone and grants nothing.
    await deps.db.person.upsert({
      where: { slackUserId: userId },
      create: { slackUserId: userId, timeZone: zone, ...(user?.name ? { name: user.name } : {}) },
      update: { timeZone: zone },
    });
  }
  return zones;
}

/** People's `/mission reminders` wishes, by Slack user id (absent: no wish, nudges welcome). */
export async function reminderWishes(db: Database, userIds: readonly string[]): Promise<Map<string, ReminderWish>> {
  const rows = await db.reminderSetting.findMany({ where: { slackUserId: { in: [...userIds] } } });
  return new Map(rows.map((row) => [row.slackUserId, { off: row.off, snoozedUntil: row.snoozedUntil }]));
}

/** The due time already recorded for each of these job targets (what was sent, claimed or skipped). */
export async function recordedRuns(db: Database, kind: string, targets: readonly string[]): Promise<Map<string, Date>> {
  const rows = await db.jobRun.findMany({
    where: { kind, target: { in: [...targets] } },
    select: { target: true, dueAt: true },
    orderBy: { dueAt: "asc" },
  });
  return new Map(rows.map((row) => [row.target, row.dueAt]));
}

const day = (instant: Date, plusDays: number) =>
  DateTime.fromJSDate(instant, { zone: "utc" }).plus({ days: plusDays }).toISODate() ?? "";

/**
 * The chase facts of missions whose chase day falls in the window (a day's margin either side: the
 * people's zones run from UTC-12 to UTC+14), or of one mission (`missionId`, when a run is sent).
 * Draft, running, closed and archived missions are left alone: only a mission people prepare for is chased.
 */
export async function chaseFacts(
  deps: JobDeps,
  reads: ReadinessReads,
  scope: { window: { from: Date; to: Date } } | { missionId: number },
  unknownZones?: UnknownZones,
): Promise<ChaseMission[]> {
  const rows = await deps.db.mission.findMany({
    where: {
      archivedAt: null,
      status: { in: ["open", "scheduled"] },
      ...("missionId" in scope ? { id: scope.missionId } : {}),
    },
    include: { participants: { where: { status: "confirmed" }, orderBy: { joinedAt: "asc" } } },
    orderBy: { id: "asc" },
  });
  const missions =
    "window" in scope
      ? rows.filter((row) => {
          const chase = chaseDay(row);
          return chase >= day(scope.window.from, -1) && chase <= day(scope.window.to, 1);
        })
      : rows;
  const result: ChaseMission[] = [];
  for (const mission of missions) {
    const smeIds = mission.participants.map((participant) => participant.smeId);
    const smes = new Map((await getSmes(deps.db, smeIds)).map((sme) => [sme.id, sme]));
    const bi = await reads.templateProgress(deps.db, smeIds, mission.market);
    const requests = await reads.requestCounts(deps.db, mission.id);
    const chased: { sme: Omit<ChaseSme, "recipients">; people: string[] }[] = [];
    for (const participant of mission.participants) {
      const sme = smes.get(participant.smeId);
      if (!sme) continue;
      const counts = requests.get(sme.id);
      const missing = missingItems({
        profileParts: missingProfileParts(sme),
        market: mission.market,
        bi: bi.get(sme.id),
        standingRequests: (counts?.requested ?? 0) + (counts?.accepted ?? 0),
        requestDeadline: mission.requestDeadline,
      });
      if (missing.length === 0) continue;
      // Those who travel are the ones who must be ready; without travellers named, whoever speaks for the SME.
      const travellers = storedTravellers(participant.travellers);
      const people = travellers.length > 0 ? travellers : await peopleOfSme(deps.db, sme);
      chased.push({ sme: { smeId: sme.id, name: sme.name, missing }, people });
    }
    const everyone = chased.flatMap((entry) => entry.people);
    const zones = await slackZones(deps, everyone, unknownZones);
    const wishes = await reminderWishes(deps.db, everyone);
    result.push({
      id: mission.id,
      name: mission.name,
      startDate: mission.startDate,
      timeZone: mission.timeZone,
      chaseDaysBefore: mission.chaseDaysBefore,
      smes: chased.map(({ sme, people }) => ({
        ...sme,
        recipients: people.map((slackUserId) => ({
          slackUserId,
          timeZone: zones.get(slackUserId) ?? null,
          wish: wishes.get(slackUserId),
        })),
      })),
    });
  }
  return result;
}
