/**
 * The weekly digest to staff: a DM to each staff member on Monday at 09:00 in their own zone, about
 * their cluster (admins and staff without a cluster: all clusters): new SMEs of the past week, what
 * waits for their approval, and each coming mission's BI completion and meeting requests. A DM, not a
 * channel post: each cluster reviews its own SMEs, and Monday 09:00 is a different instant for staff
 * in different zones. Pure.
 */
import { DateTime } from "luxon";
import { clusters } from "../../domain/clusters.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { DueRun } from "../../platform/jobs/job-runner.js";
import { isQuiet, type ReminderWish } from "./chase-plan.js";
import { formatDayRange, instantOf } from "./mission-time.js";

export const digestKind = "staff-digest";
export const digestTime = "09:00";
/**
 * Staff whose Slack zone is unknown get it at 09:00 Brussels time: the five clusters all keep
 * Central European time.
 */
export const fallbackStaffZone = "Europe/Brussels";

export type DigestRecipient = {
  slackUserId: string;
  timeZone: string | null;
  /** The cluster the digest is about; null: all clusters (admins, staff of no cluster). */
  clusterKey: string | null;
  wish?: ReminderWish | undefined;
};

export function digestTarget(slackUserId: string, monday: string): string {
  return `staff:${slackUserId}:week:${monday}`;
}

const targetPattern = /^staff:([A-Z0-9]+):week:(\d{4}-\d{2}-\d{2})$/;

export function parseDigestTarget(target: string): { slackUserId: string; monday: string } | undefined {
  const [, slackUserId, monday] = targetPattern.exec(target) ?? [];
  return slackUserId && monday ? { slackUserId, monday } : undefined;
}

/** Each staff member's Monday 09:00 (their zone) between `from` and `to`, unless they asked for quiet. */
export function dueDigests(
  recipients: readonly DigestRecipient[],
  window: { from: Date; to: Date },
  sentBefore: ReadonlyMap<string, Date> = new Map(),
): DueRun[] {
  const runs: DueRun[] = [];
  for (const person of recipients) {
    const zone = person.timeZone ?? fallbackStaffZone;
    const last = DateTime.fromJSDate(window.to, { zone }).startOf("day");
    for (
      let date = DateTime.fromJSDate(window.from, { zone }).startOf("day");
      date <= last;
      date = date.plus({ days: 1 })
    ) {
      if (date.weekday !== 1) continue;
      const monday = date.toISODate() ?? "";
      const dueAt = instantOf(monday, digestTime, zone);
      if (dueAt < window.from || dueAt > window.to || isQuiet(person.wish, dueAt)) continue;
      const target = digestTarget(person.slackUserId, monday);
      // A zone changed since this week's digest was recorded: that one stands.
      const recorded = sentBefore.get(target);
      if (recorded && recorded.getTime() !== dueAt.getTime()) continue;
      runs.push({ target, dueAt });
    }
  }
  return runs;
}

export type DigestMission = {
  name: string;
  city: string;
  startDate: string;
  endDate: string;
  /** Confirmed SMEs of the digest's cluster(s). */
  smes: number;
  templateTitle: string;
  biDone: number;
  biUnderWay: number;
  requests: { requested: number; accepted: number; declined: number };
  /** Confirmed SMEs that have asked for no meeting (none waiting or accepted). */
  smesWithoutRequests: number;
};

export type DigestFacts = {
  clusterKey: string | null;
  /** The week reported on: `since` included, `until` excluded. */
  since: Date;
  until: Date;
  zone: string;
  newSmes: readonly { name: string; status: string }[];
  awaitingReview: readonly { name: string }[];
  joinRequests: readonly { mission: string; smes: readonly string[] }[];
  missions: readonly DigestMission[];
};

const statusWords: Record<string, string> = {
  approved: "listed",
  pending: "waiting for review",
  draft: "changes requested",
  archived: "archived",
};

const shownNames = 8;

function names(list: readonly string[]): string {
  const shown = list.slice(0, shownNames).map(escapeMrkdwn).join(", ");
  return list.length > shownNames ? `${shown} and ${list.length - shownNames} more` : shown;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The digest's text: one line for an empty week, else a few short sections with the commands to act. */
export function digestText(facts: DigestFacts, late: boolean): string {
  const cluster = facts.clusterKey
    ? (clusters.find((candidate) => candidate.key === facts.clusterKey)?.name ?? facts.clusterKey)
    : "all clusters";
  const lastDay = DateTime.fromJSDate(facts.until, { zone: facts.zone }).minus({ days: 1 }).toISODate() ?? "";
  const firstDay = DateTime.fromJSDate(facts.since, { zone: facts.zone }).toISODate() ?? "";
  const heading = `:bar_chart: *Weekly digest, ${escapeMrkdwn(cluster)}* (${formatDayRange(firstDay, lastDay)})`;
  const lateNote = late ? "\n_This digest is late: it was due at 09:00 your time, while the app was down._" : "";
  const pendingCount = facts.awaitingReview.length + facts.joinRequests.reduce((n, r) => n + r.smes.length, 0);
  if (facts.newSmes.length === 0 && pendingCount === 0 && facts.missions.length === 0) {
    return `${heading}: a quiet week. No new SMEs, nothing waiting for approval, no mission coming up.${lateNote}`;
  }
  const lines = [heading];
  lines.push(
    facts.newSmes.length === 0
      ? "*New SMEs*: none this week."
      : `*New SMEs (${facts.newSmes.length})*: ${names(facts.newSmes.map((sme) => `${sme.name} (${statusWords[sme.status] ?? sme.status})`))}`,
  );
  if (pendingCount === 0) lines.push("*Waiting for approval*: nothing.");
  else {
    lines.push(`*Waiting for approval (${pendingCount})*:`);
    if (facts.awaitingReview.length > 0) {
      lines.push(
        `• ${plural(facts.awaitingReview.length, "profile")} to review: ${names(facts.awaitingReview.map((sme) => sme.name))} (\`/sme pending\`)`,
      );
    }
    for (const request of facts.joinRequests) {
      lines.push(
        `• ${plural(request.smes.length, "request")} to join *${escapeMrkdwn(request.mission)}*: ${names(request.smes)} (\`/mission delegation ${escapeMrkdwn(request.mission)}\`)`,
      );
    }
  }
  for (const mission of facts.missions) {
    const { requests } = mission;
    const made = requests.requested + requests.accepted + requests.declined;
    const notStarted = mission.smes - mission.biDone - mission.biUnderWay;
    lines.push(
      [
        `*${escapeMrkdwn(mission.name)}* (${escapeMrkdwn(mission.city)}, ${formatDayRange(mission.startDate, mission.endDate)}): ${plural(mission.smes, "SME")} confirmed`,
        `  BI ${mission.templateTitle}: ${mission.biDone} of ${mission.smes} done, ${mission.biUnderWay} under way, ${notStarted} not started (\`/bi status\`)`,
        `  Meeting requests: ${made} made (${requests.accepted} accepted, ${requests.requested} waiting, ${requests.declined} declined); ${plural(mission.smesWithoutRequests, "SME")} without any (\`/meet overview ${escapeMrkdwn(mission.name)}\`)`,
      ].join("\n"),
    );
  }
  return lines.join("\n") + lateNote;
}

/** The week a digest reports on: the seven days before its Monday 09:00. */
export function reportedWeek(monday: string, zone: string): { since: Date; until: Date } {
  const until = instantOf(monday, digestTime, zone);
  return { since: DateTime.fromJSDate(until, { zone }).minus({ weeks: 1 }).toJSDate(), until };
}
