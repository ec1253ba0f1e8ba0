/**
 * A mission's delegation as rules: who gets a place and who waits, who may ask to join, who travels.
 * Pure: no Slack, no database.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { labelOf, type MarketKey, markets } from "../../domain/taxonomy.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { MissionRecord } from "./mission.js";

/** Where an SME stands in a mission (the database's ParticipantStatus). */
export type ParticipantStatus = "requested" | "confirmed" | "waiting" | "declined" | "withdrawn";

/** An SME that takes a place: in the delegation, or on the waiting list at `place` (1 moves up first). */
export type Placement = { status: "confirmed" } | { status: "waiting"; place: number };

/**
 * Places for SMEs arriving together, in order: the free places of the delegation first, then the
 * waiting list after `lastWaitingPlace` (the highest place in use, 0 when nobody waits).
 */
export function placeNewcomers(
  count: number,
  mission: { capacity: number; confirmed: number; lastWaitingPlace: number },
): Placement[] {
  const free = Math.max(0, mission.capacity - mission.confirmed);
  return Array.from({ length: count }, (_, i) =>
    i < free ? { status: "confirmed" } : { status: "waiting", place: mission.lastWaitingPlace + (i - free) + 1 },
  );
}

/** The people who travel for one SME: Slack user ids, at most this many. */
export const maxTravellers = 10;

export const travellersSchema = z
  .array(z.string().regex(/^[UW][A-Z0-9]+$/, "Pick people from Slack."))
  .transform((ids) => [...new Set(ids)])
  .pipe(
    z
      .array(z.string())
      .min(1, "Pick at least one person who travels.")
      .max(maxTravellers, `Pick at most ${maxTravellers} people: the delegation's places are for companies.`),
  );

/** Reads the stored travellers (a JSON list of user ids); anything else reads as nobody named yet. */
export function storedTravellers(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function marketName(market: MarketKey): string {
  return labelOf(markets, market);
}

/** Why nobody can join or be added to a mission any more; null while it takes SMEs. */
export function closedForDelegation(mission: Pick<MissionRecord, "name" | "status" | "archivedAt">): string | null {
  if (mission.archivedAt) return `*${escapeMrkdwn(mission.name)}* is archived: its delegation no longer changes.`;
  if (mission.status === "closed")
    return `*${escapeMrkdwn(mission.name)}* is closed: its delegation no longer changes.`;
  return null;
}

/** What a join request needs of the SME: listed in the directory, targeting the mission's market. */
export type JoiningSme = { name: string; status: string; markets: readonly MarketKey[] };

/**
 * Why an SME may not ask to join; null when it may. The market rule holds for requests only: the
 * recommender never suggests a counterpart in a market the SME does not target, so such an SME
 * would get nothing from the mission. Staff may still add it (they may know it is about to add the
 * market), and are told it will get no suggestions until its profile lists the market.
 */
export function joinRefusal(sme: JoiningSme, mission: Pick<MissionRecord, "name" | "market">): string | null {
  const company = `*${escapeMrkdwn(sme.name)}*`;
  if (sme.status !== "approved") {
    return `${company} is not listed in the directory yet (its profile waits for review or changes): once cluster staff approve it, ask again.`;
  }
  if (!sme.markets.includes(mission.market)) {
    return `${company} does not list ${marketName(mission.market)} among its target markets, and *${escapeMrkdwn(mission.name)}* goes there. Add the market to your profile with \`/sme edit\`, then ask again.`;
  }
  return null;
}

/** The warning staff get when they add an SME that does not target the mission's market. */
export function marketWarning(smeNames: readonly string[], market: MarketKey): string | null {
  if (smeNames.length === 0) return null;
  const names = smeNames.map((name) => `*${escapeMrkdwn(name)}*`).join(", ");
  return `:warning: ${names} ${smeNames.length === 1 ? "does" : "do"} not list ${marketName(market)} among ${smeNames.length === 1 ? "its" : "their"} target markets: no meeting suggestions until ${smeNames.length === 1 ? "its profile lists" : "their profiles list"} it.`;
}

/** "Shanghai, 12–16 April 2027": where and when, in the mission's own calendar dates. */
export function missionWhereAndWhen(mission: Pick<MissionRecord, "city" | "startDate" | "endDate">): string {
  const start = DateTime.fromISO(mission.startDate);
  const end = DateTime.fromISO(mission.endDate);
  if (!start.isValid || !end.isValid) return mission.city;
  const sameMonth = start.hasSame(end, "month");
  const from = sameMonth
    ? start.toFormat("d")
    : start.hasSame(end, "year")
      ? start.toFormat("d LLLL")
      : start.toFormat("d LLLL yyyy");
  return `${mission.city}, ${from}–${end.toFormat("d LLLL yyyy")}`;
}

/**
 * `/mission travellers <mission> [for <company>]`: the mission's name and, for staff, the company.
 * The last " for " splits them, so a mission named "Missions for cities 2027" still reads whole
 * when no company follows it (the caller tries the whole text as the mission first).
 */
export function splitForCompany(args: string): { mission: string; company: string | undefined } {
  const match = /^(.*\S)\s+for\s+(\S.*)$/i.exec(args.trim());
  return match ? { mission: match[1] ?? "", company: match[2] } : { mission: args.trim(), company: undefined };
}
