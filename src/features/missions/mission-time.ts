/**
 * A mission's time: the zones of its market, the zone a city is in, its session slots, and how its
 * dates and times read. Every date and time is worked out by luxon in the mission's own zone, so a
 * 09:00 session stays 09:00 local across a daylight-saving change. Pure.
 */
import { DateTime, Interval } from "luxon";
import { dailySlots, localTimeExists } from "../../domain/session-time.js";
import type { MarketKey } from "../../domain/taxonomy.js";
import { foldText } from "../../domain/text.js";
import type { SessionPlan } from "./mission.js";

// Pure times of a session day live in the domain (the scheduler's engine uses them without this feature).
export { dailySlots, localTimeExists, minutesOf } from "../../domain/session-time.js";

export type MarketZone = { zone: string; label: string };

/** The IANA zones a mission of each market may use. China keeps one zone; Hong Kong has its own. */
export const marketZones: Record<MarketKey, readonly MarketZone[]> = {
  US: [
    { zone: "America/New_York", label: "Eastern (New York, Boston)" },
    { zone: "America/Chicago", label: "Central (Chicago, Houston)" },
    { zone: "America/Denver", label: "Mountain (Denver)" },
    { zone: "America/Phoenix", label: "Arizona (Phoenix)" },
    { zone: "America/Los_Angeles", label: "Pacific (San Francisco, Seattle)" },
    { zone: "America/Anchorage", label: "Alaska (Anchorage)" },
    { zone: "Pacific/Honolulu", label: "Hawaii (Honolulu)" },
  ],
  CN: [
    { zone: "Asia/Shanghai", label: "China (Shanghai, Beijing, Shenzhen)" },
    { zone: "Asia/Hong_Kong", label: "Hong Kong" },
  ],
};

/** Cities missions go to, by folded name, with their zone: the form's default when no zone is chosen. */
const cityZones: Record<string, string> = {
  boston: "America/New_York",
  "new york": "America/New_York",
  washington: "America/New_York",
  philadelphia: "America/New_York",
  pittsburgh: "America/New_York",
  atlanta: "America/New_York",
  miami: "America/New_York",
  chicago: "America/Chicago",
  houston: "America/Chicago",
  dallas: "America/Chicago",
  austin: "America/Chicago",
  minneapolis: "America/Chicago",
  denver: "America/Denver",
  "salt lake city": "America/Denver",
  phoenix: "America/Phoenix",
  "san francisco": "America/Los_Angeles",
  "los angeles": "America/Los_Angeles",
  "san diego": "America/Los_Angeles",
  "san jose": "America/Los_Angeles",
  seattle: "America/Los_Angeles",
  portland: "America/Los_Angeles",
  anchorage: "America/Anchorage",
  honolulu: "Pacific/Honolulu",
  shanghai: "Asia/Shanghai",
  beijing: "Asia/Shanghai",
  shenzhen: "Asia/Shanghai",
  guangzhou: "Asia/Shanghai",
  hangzhou: "Asia/Shanghai",
  nanjing: "Asia/Shanghai",
  suzhou: "Asia/Shanghai",
  wuhan: "Asia/Shanghai",
  chengdu: "Asia/Shanghai",
  tianjin: "Asia/Shanghai",
  "hong kong": "Asia/Hong_Kong",
};

/** The zone of a city the app knows ("Boston" → America/New_York), if any. */
export function zoneOfCity(city: string): string | undefined {
  return cityZones[foldText(city)];
}

/** "America/New_York" → "New York": how the zone is named to people. */
export function zoneCity(zone: string): string {
  return (zone.split("/").at(-1) ?? zone).replace(/_/g, " ");
}

/** "UTC+8", "UTC-4", "UTC+5:30": the zone's offset at that moment. */
export function utcOffset(at: DateTime): string {
  return `UTC${at.toFormat("Z")}`;
}

/** "5 Apr 2027, 18:00 Shanghai time (UTC+8)": an instant as people of the mission read it. */
export function formatInstant(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone });
  return `${local.toFormat("d LLL yyyy, HH:mm")} ${zoneCity(zone)} time (${utcOffset(local)})`;
}

/**
 * "Asia/Shanghai (UTC+8)": the zone with its offset on the mission's first day, and the day it
 * changes when the clocks change during the mission ("UTC-5; UTC-4 from 14 Mar 2027").
 */
export function formatZone(zone: string, startDay: string, endDay: string = startDay): string {
  const offsetOn = (day: string) => utcOffset(DateTime.fromISO(`${day}T12:00`, { zone }));
  const first = offsetOn(startDay);
  const change = daysBetween(startDay, endDay).find((day) => offsetOn(day) !== first);
  return `${zone} (${first}${change ? `; ${offsetOn(change)} from ${formatDay(change)}` : ""})`;
}

/** "13 Apr 2027". */
export function formatDay(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("d LLL yyyy");
}

/** "12–16 Apr 2027", "28 Mar – 2 Apr 2027". */
export function formatDayRange(start: string, end: string): string {
  const from = DateTime.fromISO(start, { zone: "utc" });
  const to = DateTime.fromISO(end, { zone: "utc" });
  if (start === end) return formatDay(start);
  if (from.year !== to.year) return `${from.toFormat("d LLL yyyy")} – ${to.toFormat("d LLL yyyy")}`;
  if (from.month !== to.month) return `${from.toFormat("d LLL")} – ${to.toFormat("d LLL yyyy")}`;
  return `${from.toFormat("d")}–${to.toFormat("d LLL yyyy")}`;
}

/** Every calendar day from start to end, both included ("YYYY-MM-DD"). */
export function daysBetween(start: string, end: string): string[] {
  const interval = Interval.fromDateTimes(
    DateTime.fromISO(start, { zone: "utc" }),
    DateTime.fromISO(end, { zone: "utc" }).plus({ days: 1 }),
  );
  if (!interval.isValid) return [];
  return interval.splitBy({ days: 1 }).map((day) => day.start?.toISODate() ?? "");
}

/** The instants each slot of the plan starts, day by day, in the mission's zone (DST included). */
export function slotStarts(plan: SessionPlan, zone: string): { day: string; starts: Date[] }[] {
  const { slots } = dailySlots(plan);
  return plan.days.map((day) => ({
    day,
    starts: slots.map((slot) => DateTime.fromISO(`${day}T${slot.start}`, { zone }).toJSDate()),
  }));
}

/** The instant of a local date and time in a zone. */
export function instantOf(day: string, time: string, zone: string): Date {
  return DateTime.fromISO(`${day}T${time}`, { zone }).toJSDate();
}

/**
 * The instant a scheduled post falls due: a local time of that day in the zone, computed from the
 * day itself, so a daylight-saving change never shifts it. A time the clocks skip that day (02:30
 * when they jump from 02:00 to 03:00) moves forward to the first minute that exists (03:00).
 */
export function postInstant(day: string, time: string, zone: string): Date {
  const wallClock = DateTime.fromISO(`${day}T${time}`, { zone: "utc" });
  // Gaps last an hour at most (30 minutes in a few zones); a day later than `day` is never reached.
  for (let minutes = 0; minutes <= 120; minutes += 1) {
    const local = wallClock.plus({ minutes });
    if (localTimeExists(local.toFormat("yyyy-MM-dd"), local.toFormat("HH:mm"), zone)) {
      return DateTime.fromISO(local.toFormat("yyyy-MM-dd'T'HH:mm"), { zone }).toJSDate();
    }
  }
  return instantOf(day, time, zone);
}

/** A stored instant back as the local date and time the form shows. */
export function localParts(instant: Date, zone: string): { day: string; time: string } {
  const local = DateTime.fromJSDate(instant, { zone });
  return { day: local.toISODate() ?? "", time: local.toFormat("HH:mm") };
}

export function isKnownZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}
