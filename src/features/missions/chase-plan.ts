/**
 * Before a mission, chase what its SMEs still have to do: a DM to each of an SME's people at 09:00
 * in their own time zone, `chaseDaysBefore` days before the mission starts, listing exactly what is
 * missing (profile, BI template, meeting requests) and the command that fixes each. Pure: the store
 * gathers the facts, these functions say which DMs are due and what they say.
 */
import { DateTime } from "luxon";
import type { MarketKey } from "../../domain/taxonomy.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { DueRun } from "../../platform/jobs/job-runner.js";
import { formatDay, formatInstant, instantOf } from "./mission-time.js";

export const chaserKind = "mission-chaser";
/** Chasers go out at this local time of the person's zone. */
export const chaseTime = "09:00";

/** A person's wish about scheduled nudges (`/mission reminders off|snooze`), as stored. */
export type ReminderWish = { off: boolean; snoozedUntil: Date | null };

/** Quiet at `at`: reminders turned off, or snoozed past that moment. */
export function isQuiet(wish: ReminderWish | undefined, at: Date): boolean {
  return !!wish && (wish.off || (wish.snoozedUntil !== null && wish.snoozedUntil > at));
}

export type ChaseRecipient = {
  slackUserId: string;
  /** The person's Slack zone (users.info tz), null when Slack could not say. */
  timeZone: string | null;
  wish?: ReminderWish | undefined;
};

/** One thing an SME still has to do before the mission. */
export type MissingItem =
  | { kind: "profile"; parts: readonly string[] }
  | { kind: "bi"; market: MarketKey; title: string; status: "not_started" | "in_progress" | "paused"; percent: number }
  | { kind: "requests"; deadline: Date | null };

export type ChaseSme = {
  smeId: number;
  name: string;
  missing: readonly MissingItem[];
  recipients: readonly ChaseRecipient[];
};

export type ChaseMission = {
  id: number;
  name: string;
  /** "YYYY-MM-DD", local to the mission's zone. */
  startDate: string;
  timeZone: string;
  chaseDaysBefore: number;
  smes: readonly ChaseSme[];
};

/** The calendar day chasers go out: `chaseDaysBefore` days before the mission's first day. */
export function chaseDay(mission: Pick<ChaseMission, "startDate" | "chaseDaysBefore">): string {
  return (
    DateTime.fromISO(mission.startDate, { zone: "utc" }).minus({ days: mission.chaseDaysBefore }).toISODate() ?? ""
  );
}

/**
 * 09:00 on the chase day in the person's zone. A person whose zone Slack did not give is chased at
 * 09:00 in the mission's zone: the one local time the whole delegation already plans by.
 */
export function chaseDueAt(
  mission: Pick<ChaseMission, "startDate" | "chaseDaysBefore" | "timeZone">,
  zone: string | null,
): Date {
  return instantOf(chaseDay(mission), chaseTime, zone ?? mission.timeZone);
}

export function chaseTarget(missionId: number, smeId: number, slackUserId: string): string {
  return `mission:${missionId}:sme:${smeId}:user:${slackUserId}`;
}

const targetPattern = /^mission:(\d+):sme:(\d+):user:([A-Z0-9]+)$/;

/** A chaser's target read back (a run's target comes from the database): undefined when it is not one. */
export function parseChaseTarget(
  target: string,
): { missionId: number; smeId: number; slackUserId: string } | undefined {
  const [, missionId, smeId, slackUserId] = targetPattern.exec(target) ?? [];
  return slackUserId ? { missionId: Number(missionId), smeId: Number(smeId), slackUserId } : undefined;
}

/**
 * The chaser DMs due between `from` and `to`: one per person of each SME that still misses
 * something, unless the person asked for quiet. `sentBefore` holds each target's due time already
 * recorded: when a person's zone changed since (Slack tz edited or learnt late), the chaser already
 * sent or claimed under the old time stands and no second one is due.
 */
export function dueChasers(
  missions: readonly ChaseMission[],
  window: { from: Date; to: Date },
  sentBefore: ReadonlyMap<string, Date> = new Map(),
): DueRun[] {
  const runs: DueRun[] = [];
  for (const mission of missions) {
    for (const sme of mission.smes) {
      for (const person of sme.recipients) {
        const dueAt = chaseDueAt(mission, person.timeZone);
        if (dueAt < window.from || dueAt > window.to || isQuiet(person.wish, dueAt)) continue;
        if (stillMissing(sme.missing, dueAt).length === 0) continue;
        const target = chaseTarget(mission.id, sme.smeId, person.slackUserId);
        const recorded = sentBefore.get(target);
        if (recorded && recorded.getTime() !== dueAt.getTime()) continue;
        runs.push({ target, dueAt });
      }
    }
  }
  return runs;
}

/** What an SME still misses, from the directory's, BI's and matchmaking's facts. */
export function missingItems(facts: {
  profileParts: readonly string[];
  market: MarketKey;
  bi: { status: "in_progress" | "paused" | "done"; percent: number; title: string } | undefined;
  /** Requests made that still stand (waiting or accepted). */
  standingRequests: number;
  requestDeadline: Date | null;
}): MissingItem[] {
  const missing: MissingItem[] = [];
  if (facts.profileParts.length > 0) missing.push({ kind: "profile", parts: facts.profileParts });
  if (facts.bi?.status !== "done") {
    missing.push({
      kind: "bi",
      market: facts.market,
      title: facts.bi?.title ?? `${marketNames[facts.market]} market entry`,
      status: facts.bi?.status ?? "not_started",
      percent: facts.bi?.percent ?? 0,
    });
  }
  if (facts.standingRequests === 0) missing.push({ kind: "requests", deadline: facts.requestDeadline });
  return missing;
}

/** What can still be done at `at`: after the request deadline nobody can ask for meetings, so it is not chased. */
export function stillMissing(missing: readonly MissingItem[], at: Date): MissingItem[] {
  return missing.filter((item) => item.kind !== "requests" || item.deadline === null || item.deadline > at);
}

const marketNames: Record<MarketKey, string> = { CN: "China", US: "US" };

/** The DM: what is missing, each with the command that fixes it. */
export function chaserText(input: {
  mission: Pick<ChaseMission, "name" | "startDate" | "timeZone">;
  smeName: string;
  missing: readonly MissingItem[];
  late: boolean;
}): string {
  const { mission } = input;
  const lines = [
    `:clipboard: *${escapeMrkdwn(mission.name)}* starts on ${formatDay(mission.startDate)}. Before then, *${escapeMrkdwn(input.smeName)}* still has to:`,
    ...input.missing.map((item) => `• ${missingLine(item, mission.timeZone)}`),
  ];
  if (input.late) lines.push("_This reminder is late: it was due at 09:00 your time, while the app was down._");
  return lines.join("\n");
}

function missingLine(item: MissingItem, missionZone: string): string {
  switch (item.kind) {
    case "profile":
      return `*Complete the company profile*: ${item.parts.join(", ")} missing. Add ${item.parts.length === 1 ? "it" : "them"} with \`/sme edit\`.`;
    case "bi": {
      const command = `\`/bi start ${item.market.toLowerCase()}\``;
      if (item.status === "not_started")
        return `*Answer the ${item.title} template*: not started yet. Start it with ${command}; it runs as a conversation in our DM.`;
      const goOn =
        item.status === "paused"
          ? "paused. Write anything in our DM to go on where you left off"
          : "a question is waiting for your answer in our DM";
      return `*Finish the ${item.title} template*: ${item.percent}% answered, ${goOn} (${command} shows where you are).`;
    }
    case "requests":
      return `*Ask for meetings*: no meeting request yet. See who fits with \`/meet suggest\`, then ask with \`/meet request <organisation>\`${item.deadline ? ` before ${formatInstant(item.deadline, missionZone)}` : ""}.`;
  }
}
