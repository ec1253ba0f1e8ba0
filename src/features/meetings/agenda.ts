/**
 * One day of a mission as a person reads it: the programme merged with the meetings of one SME (or
 * of everyone), in time order, in the mission's zone. Also how `/mission agenda` reads its date and
 * whose agenda it is. Pure: the listeners load the rows, this decides what the day holds.
 */
import { DateTime } from "luxon";
import type { ProgrammeItem } from "./programme.js";

/** An SME of the delegation as a counterpart: enough to recognise it at the table. */
export type SmeParty = { kind: "sme"; id: number; name: string; cluster: string | null; sectors: string[] };
/** A local organisation as a counterpart: what it is, who to ask for, what it needs. */
export type OrganisationParty = {
  kind: "org";
  id: number;
  name: string;
  type: string;
  contact: string | null;
  needs: string;
};
export type Party = SmeParty | OrganisationParty;

/** A scheduled meeting: the SME that asked, and the organisation or SME it meets. */
export type AgendaMeeting = {
  id: number;
  requestId: number | null;
  startsAt: Date;
  endsAt: Date;
  table: number;
  asking: SmeParty;
  counterpart: Party;
};

/** Whose agenda: one SME's (its meetings, the programme) or everyone's (every meeting). */
export type AgendaView = { kind: "sme"; sme: { id: number; name: string } } | { kind: "all" };

export type AgendaEntry =
  | { kind: "programme"; time: string; item: ProgrammeItem }
  | {
      kind: "meeting";
      time: string;
      meeting: AgendaMeeting;
      /** Who the meeting is with, in an SME's view; both sides (the asking SME first) in everyone's. */
      parties: Party[];
    };

export type AgendaDay = {
  day: string;
  entries: AgendaEntry[];
  /** How many of the entries are meetings. */
  meetingCount: number;
  /** Every day of the mission this view has meetings on, for "no meetings today, but on …". */
  meetingDays: string[];
};

/** The local calendar day of an instant in a zone ("2027-04-13"). */
export function localDayOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? "";
}

/** "09:00–09:30" in the zone; an end on a later day says so ("22:00–06:00 (+1 day)"). */
export function timeRange(startsAt: Date, endsAt: Date, zone: string): string {
  const start = DateTime.fromJSDate(startsAt, { zone });
  const end = DateTime.fromJSDate(endsAt, { zone });
  const days = Math.round(end.startOf("day").diff(start.startOf("day"), "days").days);
  return `${start.toFormat("HH:mm")}–${end.toFormat("HH:mm")}${days > 0 ? ` (+${days} day${days === 1 ? "" : "s"})` : ""}`;
}

/** The instants a local day starts and ends in a zone (23 or 25 hours long when the clocks change). */
export function dayBounds(day: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(day, { zone }).startOf("day");
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/** Whether an SME sits at this meeting, on either side. */
export function attends(meeting: AgendaMeeting, smeId: number): boolean {
  return meeting.asking.id === smeId || (meeting.counterpart.kind === "sme" && meeting.counterpart.id === smeId);
}

/** The other side of a meeting, seen from one SME. */
export function otherParty(meeting: AgendaMeeting, smeId: number): Party {
  return meeting.asking.id === smeId ? meeting.counterpart : meeting.asking;
}

/** The meetings a view holds, in time order. */
export function meetingsInView(meetings: readonly AgendaMeeting[], view: AgendaView): AgendaMeeting[] {
  const held = view.kind === "all" ? [...meetings] : meetings.filter((meeting) => attends(meeting, view.sme.id));
  return held.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.table - b.table);
}

/**
 * The day: programme items that take place on it (in the mission's zone) and the view's meetings
 * that start on it, in time order; at the same time, the programme first, then meetings by table.
 */
export function buildAgendaDay(input: {
  zone: string;
  day: string;
  programme: readonly ProgrammeItem[];
  meetings: readonly AgendaMeeting[];
  view: AgendaView;
}): AgendaDay {
  const { zone, day, view } = input;
  const { from, to } = dayBounds(day, zone);
  const mine = meetingsInView(input.meetings, view);
  const timed: { at: number; order: number; entry: AgendaEntry }[] = [];
  for (const item of input.programme) {
    if (item.startsAt < to && item.endsAt > from) {
      timed.push({
        at: item.startsAt.getTime(),
        order: 0,
        entry: { kind: "programme", time: timeRange(item.startsAt, item.endsAt, zone), item },
      });
    }
  }
  for (const meeting of mine) {
    if (localDayOf(meeting.startsAt, zone) !== day) continue;
    const parties = view.kind === "sme" ? [otherParty(meeting, view.sme.id)] : [meeting.asking, meeting.counterpart];
    timed.push({
      at: meeting.startsAt.getTime(),
      order: 1 + meeting.table,
      entry: { kind: "meeting", time: timeRange(meeting.startsAt, meeting.endsAt, zone), meeting, parties },
    });
  }
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  const meetingDays = [...new Set(mine.map((meeting) => localDayOf(meeting.startsAt, zone)))].sort();
  return {
    day,
    entries: timed.map((t) => t.entry),
    meetingCount: timed.filter((t) => t.entry.kind === "meeting").length,
    meetingDays,
  };
}

/** The day an agenda shows when none is named: today in the mission's zone during the mission, else its first day. */
export function defaultAgendaDay(now: Date, mission: { timeZone: string; startDate: string; endDate: string }): string {
  const today = localDayOf(now, mission.timeZone);
  return today >= mission.startDate && today <= mission.endDate ? today : mission.startDate;
}

/**
 * Of an SME's missions (soonest first), the one it is at now, else the next one, else the last one
 * (the agenda of a mission just over is still worth reading).
 */
export function currentMission<M extends { timeZone: string; startDate: string; endDate: string }>(
  missions: readonly M[],
  now: Date,
): M | undefined {
  const today = (mission: M) => localDayOf(now, mission.timeZone);
  return (
    missions.find((m) => m.startDate <= today(m) && today(m) <= m.endDate) ??
    missions.find((m) => m.startDate > today(m)) ??
    missions.at(-1)
  );
}

export type AgendaWho = { kind: "me" } | { kind: "all" } | { kind: "sme"; name: string };

export type AgendaRequest = {
  /** "YYYY-MM-DD" when a date was given. */
  day?: string;
  /** Whose agenda, when named. */
  who?: AgendaWho;
};

const monthDay = ["d LLL", "d LLLL", "LLL d", "LLLL d"] as const;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as people type it for a mission: "2027-04-13", "today", "tomorrow", "13 Apr", "April 13"
 * (the year is the mission's: the one that puts the day within it, else the year it starts).
 * `undefined` when the words are not a date at all; a problem when they look like one but are not.
 */
export function readAgendaDate(
  words: string,
  context: { now: Date; timeZone: string; startDate: string; endDate: string },
): { day: string } | { problem: string } | undefined {
  const text = words.trim().toLowerCase();
  const today = DateTime.fromJSDate(context.now, { zone: context.timeZone }).startOf("day");
  if (text === "today") return { day: today.toISODate() ?? "" };
  if (text === "tomorrow") return { day: today.plus({ days: 1 }).toISODate() ?? "" };
  if (text === "yesterday") return { day: today.minus({ days: 1 }).toISODate() ?? "" };
  if (isoDay.test(text)) {
    const day = DateTime.fromISO(text, { zone: "utc" });
    return day.isValid ? { day: text } : { problem: `“${words.trim()}” is not a date.` };
  }
  const years = [...new Set([context.startDate.slice(0, 4), context.endDate.slice(0, 4)])];
  for (const format of monthDay) {
    const candidates = years
      .map((year) => DateTime.fromFormat(`${text} ${year}`, `${format} yyyy`, { locale: "en", zone: "utc" }))
      .filter((day) => day.isValid)
      .map((day) => day.toISODate() ?? "");
    if (candidates.length === 0) continue;
    const within = candidates.find((day) => day >= context.startDate && day <= context.endDate);
    return { day: within ?? candidates[0] ?? "" };
  }
  // "31 Feb": a day and a month name that make no date.
  if (
    /^\d{1,2}\s+[a-z]{3,}$|^[a-z]{3,}\s+\d{1,2}$/.test(text) &&
    /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/.test(text)
  ) {
    return { problem: `“${words.trim()}” is not a date.` };
  }
  return undefined;
}

/**
 * `[date] [me|<SME>|all]` → what was asked. The date is the first one or two words when they make
 * one (or the last ones: "me 14 Apr" reads too); the rest names whose agenda.
 */
export function readAgendaRequest(
  text: string,
  context: { now: Date; timeZone: string; startDate: string; endDate: string },
): AgendaRequest | { problem: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let day: string | undefined;
  let rest = words;
  const tries: [number, number][] = [
    [0, 2],
    [0, 1],
    [words.length - 2, words.length],
    [words.length - 1, words.length],
  ];
  for (const [from, to] of tries) {
    if (from < 0 || to > words.length || from >= to) continue;
    const found = readAgendaDate(words.slice(from, to).join(" "), context);
    if (!found) continue;
    if ("problem" in found) return found;
    day = found.day;
    rest = [...words.slice(0, from), ...words.slice(to)];
    break;
  }
  const named = rest.join(" ");
  const lower = named.toLowerCase();
  const who: AgendaWho | undefined =
    named === ""
      ? undefined
      : lower === "me"
        ? { kind: "me" }
        : lower === "all"
          ? { kind: "all" }
          : { kind: "sme", name: named };
  return { ...(day ? { day } : {}), ...(who ? { who } : {}) };
}
