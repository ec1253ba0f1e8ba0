/**
 * The daily posts of a mission as people read them: the morning agenda in the channel (programme and
 * each SME's meetings at a glance; each SME's details in a thread reply), the evening preview of the
 * next day, and each traveller's own schedule by DM. Times in the mission's zone. Pure.
 */
import type { KnownBlock } from "@slack/types";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { daysBetween, formatZone, localParts, zoneCity } from "../missions/index.js";
import { type AgendaEntry, type AgendaMeeting, attends, buildAgendaDay, localDayOf, timeRange } from "./agenda.js";
import { entryLine, packLines } from "./agenda-views.js";
import type { ProgrammeItem } from "./programme.js";
import { dayHeading } from "./programme-views.js";

/** What a day's posts are made of: the mission, the day, its programme and the mission's meetings. */
export type DailyFacts = {
  mission: { name: string; timeZone: string; startDate: string; endDate: string };
  day: string;
  programme: readonly ProgrammeItem[];
  /** The mission's scheduled meetings (any day: each post picks the day's). */
  meetings: readonly AgendaMeeting[];
  /** Whether staff have published the meeting schedule. */
  published: boolean;
};

/** How a post came to be sent: late (the app was down at its time), or updated after a change. */
export type PostCircumstances = {
  /** Set when the post went out more than 30 minutes after `dueAt`. */
  lateSince?: Date;
  /** Set when the schedule changed after the post went out, and the post was updated in place. */
  updatedAt?: Date;
};

export type SlackMessage = { text: string; blocks: KnownBlock[] };

/** Slack refuses a message of more than 50 blocks. */
const maxBlocks = 50;

const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text });
const section = (text: string): KnownBlock => ({ type: "section", text: mrkdwn(text) });
const context = (text: string): KnownBlock => ({ type: "context", elements: [mrkdwn(text)] });

/** "(day 2 of 5)". */
function dayOfMission(facts: DailyFacts): string {
  const days = daysBetween(facts.mission.startDate, facts.mission.endDate);
  const at = days.indexOf(facts.day);
  return at < 0 ? "" : ` (day ${at + 1} of ${days.length})`;
}

/** The notes that say why a post is not quite as it was first sent: late, or updated. */
function circumstanceNotes(zone: string, circumstances: PostCircumstances): string[] {
  const notes: string[] = [];
  if (circumstances.lateSince) {
    notes.push(
      `:warning: Sent late: the app was down at ${localParts(circumstances.lateSince, zone).time} ${zoneCity(zone)} time, when this was due.`,
    );
  }
  if (circumstances.updatedAt) {
    notes.push(
      `:arrows_counterclockwise: Updated at ${localParts(circumstances.updatedAt, zone).time} ${zoneCity(zone)} time: the meeting schedule changed.`,
    );
  }
  return notes;
}

/** The day's meetings of each SME (both SMEs of a meeting between two), by name. */
function meetingsBySme(facts: DailyFacts): { name: string; meetings: AgendaMeeting[] }[] {
  const bySme = new Map<number, { name: string; meetings: AgendaMeeting[] }>();
  const onTheDay = facts.meetings
    .filter((meeting) => localDayOf(meeting.startsAt, facts.mission.timeZone) === facts.day)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.table - b.table);
  for (const meeting of onTheDay) {
    const smes = meeting.counterpart.kind === "sme" ? [meeting.asking, meeting.counterpart] : [meeting.asking];
    for (const sme of smes) {
      const entry = bySme.get(sme.id) ?? { name: sme.name, meetings: [] };
      entry.meetings.push(meeting);
      bySme.set(sme.id, entry);
    }
  }
  return [...bySme.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** "• *Nordic Heat A/S*: 3 meetings, 09:00–11:30": an SME's day at a glance. */
function smeGlance(entry: { name: string; meetings: AgendaMeeting[] }, zone: string): string {
  const first = entry.meetings[0];
  const last = entry.meetings.at(-1);
  const span = first && last ? `, ${timeRange(first.startsAt, last.endsAt, zone)}` : "";
  return `• *${escapeMrkdwn(entry.name)}*: ${countOf(entry.meetings.length, "meeting")}${span}`;
}

/**
 * The channel's post for a mission day: the morning agenda, or the evening before, its preview.
 * A day with nothing on it is still posted, so the team knows the app has not forgotten it.
 */
export function dailyAgendaPost(
  facts: DailyFacts,
  options: { kind: "agenda" | "preview" } & PostCircumstances,
): SlackMessage {
  const zone = facts.mission.timeZone;
  const programme = buildAgendaDay({
    zone,
    day: facts.day,
    programme: facts.programme,
    meetings: [],
    view: { kind: "all" },
  });
  const smes = meetingsBySme(facts);
  const meetingCount = new Set(smes.flatMap((sme) => sme.meetings.map((meeting) => meeting.id))).size;
  const when = options.kind === "agenda" ? "Today" : "Tomorrow";
  const heading = `${options.kind === "agenda" ? ":sunrise:" : ":crescent_moon:"} *${when}, ${dayHeading(facts.day)}* · ${escapeMrkdwn(facts.mission.name)}${dayOfMission(facts)}`;
  const counts = `${countOf(meetingCount, "meeting")}, ${countOf(programme.entries.length, "programme item")}`;
  const blocks: KnownBlock[] = [
    section(heading),
    context([...circumstanceNotes(zone, options), `${counts}. Times in ${formatZone(zone, facts.day)}.`].join("\n")),
  ];
  if (programme.entries.length > 0) {
    blocks.push(section("*Programme*"));
    const packed = packLines(
      programme.entries.map((entry) => entryLine(entry, zone)),
      maxBlocks - blocks.length - 6,
    );
    blocks.push(...packed.blocks);
    if (packed.left > 0) blocks.push(context(`${countOf(packed.left, "more programme item")}: \`/mission agenda\`.`));
  }
  const day = options.kind === "agenda" ? "today" : "tomorrow";
  if (!facts.published) {
    blocks.push(section(":hourglass_flowing_sand: The meeting schedule is not published yet."));
  } else if (smes.length === 0) {
    blocks.push(section(`No meetings ${day}.`));
  } else {
    blocks.push(section(`*Meetings ${day}*`));
    const packed = packLines(
      smes.map((sme) => smeGlance(sme, zone)),
      maxBlocks - blocks.length - 2,
    );
    blocks.push(...packed.blocks);
    if (packed.left > 0) blocks.push(context(`${countOf(packed.left, "more company", "more companies")}.`));
    blocks.push(
      context(
        options.kind === "agenda"
          ? "Each company's meetings, with tables and counterparts, are in the thread. `/mission agenda` shows yours."
          : "Each company's meetings come in the thread of the morning agenda. `/mission agenda tomorrow` shows yours now.",
      ),
    );
  }
  const title = options.kind === "agenda" ? "Today's agenda" : "Tomorrow's agenda";
  return { text: `${title}, ${dayHeading(facts.day)} (${facts.mission.name}): ${counts}`, blocks };
}

/** An SME's meetings of the day, each with its table and counterpart, in time order. */
function meetingEntries(facts: DailyFacts, sme: { id: number; name: string }): AgendaEntry[] {
  const zone = facts.mission.timeZone;
  const meetings = facts.meetings.filter((meeting) => attends(meeting, sme.id));
  return buildAgendaDay({ zone, day: facts.day, programme: [], meetings, view: { kind: "sme", sme } }).entries;
}

/**
 * An SME's thread reply under the day's agenda: its meetings with tables and counterparts. Nothing
 * when it has none that day, unless the reply is being updated (then it says they are gone).
 */
export function smeDayReply(
  facts: DailyFacts,
  sme: { id: number; name: string },
  circumstances: PostCircumstances = {},
): SlackMessage | undefined {
  const zone = facts.mission.timeZone;
  const entries = meetingEntries(facts, sme);
  if (entries.length === 0 && !circumstances.updatedAt) return undefined;
  const heading =
    entries.length === 0
      ? `*${escapeMrkdwn(sme.name)}*: no meetings today any more.`
      : `*${escapeMrkdwn(sme.name)}*: ${countOf(entries.length, "meeting")} today`;
  const notes = circumstanceNotes(zone, { ...circumstances, lateSince: undefined });
  const packed = packLines(
    entries.map((entry) => entryLine(entry, zone)),
    maxBlocks - 3,
  );
  return {
    text: `${sme.name}: ${countOf(entries.length, "meeting")} on ${dayHeading(facts.day)}`,
    blocks: [section(heading), ...(notes.length > 0 ? [context(notes.join("\n"))] : []), ...packed.blocks],
  };
}

/**
 * A traveller's own day by DM: the programme and the meetings of the SME(s) they travel for, in
 * time order, with tables and counterparts. Nothing on a day they have no meetings (the channel's
 * agenda has the programme), unless the DM is being updated (then it says they are gone).
 */
export function personalScheduleDm(
  facts: DailyFacts,
  smes: readonly { id: number; name: string }[],
  circumstances: PostCircumstances = {},
): SlackMessage | undefined {
  const zone = facts.mission.timeZone;
  const meetings = smes.flatMap((sme) => meetingEntries(facts, sme));
  if (meetings.length === 0 && !circumstances.updatedAt) return undefined;
  const programme = buildAgendaDay({
    zone,
    day: facts.day,
    programme: facts.programme,
    meetings: [],
    view: { kind: "all" },
  });
  const startOf = (entry: AgendaEntry) =>
    entry.kind === "programme" ? entry.item.startsAt.getTime() : entry.meeting.startsAt.getTime();
  const day = [...programme.entries, ...meetings].sort((a, b) => startOf(a) - startOf(b));
  const who = smes.map((sme) => `*${escapeMrkdwn(sme.name)}*`).join(" and ");
  const summary =
    meetings.length === 0
      ? `No meetings for ${who} today any more.`
      : `${countOf(meetings.length, "meeting")} for ${who}. Times in ${zoneCity(zone)} time.`;
  const packed = packLines(
    day.map((entry) => entryLine(entry, zone)),
    maxBlocks - 4,
  );
  return {
    text: `Your day, ${dayHeading(facts.day)} (${facts.mission.name}): ${countOf(meetings.length, "meeting")}`,
    blocks: [
      section(`:sunrise: *Your day, ${dayHeading(facts.day)}* · ${escapeMrkdwn(facts.mission.name)}`),
      context([...circumstanceNotes(zone, circumstances), summary].join("\n")),
      ...packed.blocks,
      context("`/mission agenda` shows your day at any time; `/mission reminders off` stops these messages."),
    ],
  };
}
