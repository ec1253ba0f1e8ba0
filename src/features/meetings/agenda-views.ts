/**
 * Block Kit for `/mission agenda`: one day of the programme and meetings, with the empty states
 * (schedule not published, no meetings that day) and the buttons to move a day and get the .ics
 * file. Pure.
 */
import type { Button, KnownBlock } from "@slack/types";
import { DateTime } from "luxon";
import { z } from "zod";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { button } from "../../platform/slack/form-blocks.js";
import { daysBetween, formatDay, formatDayRange, formatZone, type MissionRecord } from "../missions/index.js";
import type { AgendaDay, AgendaEntry, AgendaView, Party } from "./agenda.js";
import { dayHeading, programmeLine } from "./programme-views.js";

export const agendaActionIds = {
  day: "meetings.agenda.day",
  calendar: "meetings.agenda.ics",
} as const;

/** What the day buttons carry: the mission, the day, and whose agenda (an SME's id, or 0 for everyone). */
export const agendaDayValue = z.object({
  m: z.number().int().positive(),
  d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  s: z.number().int().min(0),
});
/** What the calendar button carries: the mission and the SME. */
export const agendaCalendarValue = z.object({ m: z.number().int().positive(), s: z.number().int().positive() });

/** Slack refuses a message of more than 50 blocks, and a section of more than 3000 characters. */
const maxBlocks = 50;
const maxSectionChars = 2900;

/** A text on one line, cut at a word near `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max * 0.7 ? space : max)}…`;
}

/** "*Jiangsu Heat Networks Co.* · Project owner", with what it needs and who to ask for below. */
function counterpartText(party: Party): string {
  if (party.kind === "org") {
    const details = [
      party.contact ? `Contact: ${escapeMrkdwn(party.contact)}` : "",
      party.needs ? `Needs: ${escapeMrkdwn(oneLine(party.needs, 160))}` : "",
    ].filter(Boolean);
    return `*${escapeMrkdwn(party.name)}* · ${escapeMrkdwn(party.type)}${details.length > 0 ? `\n      ${details.join(" · ")}` : ""}`;
  }
  const facts = ["SME", party.cluster, party.sectors.join(", ")]
    .filter(Boolean)
    .map((fact) => escapeMrkdwn(String(fact)));
  return `*${escapeMrkdwn(party.name)}* · ${facts.join(" · ")}`;
}

/** One agenda entry on one line: its time, then the programme item or the meeting and who sits at it. */
export function entryLine(entry: AgendaEntry, zone: string): string {
  if (entry.kind === "programme") return programmeLine(entry.item, zone);
  const table = `table ${entry.meeting.table}`;
  const [first, second] = entry.parties;
  if (!first) return `\`${entry.time}\` :handshake: ${table}`;
  if (!second) return `\`${entry.time}\` :handshake: *${table}* · ${counterpartText(first)}`;
  // Everyone's agenda: who meets whom, one line each.
  const other =
    second.kind === "org"
      ? `${escapeMrkdwn(second.name)} (${escapeMrkdwn(second.type)})`
      : `${escapeMrkdwn(second.name)} (SME)`;
  return `\`${entry.time}\` :handshake: *${table}* · ${escapeMrkdwn(first.name)} with ${other}`;
}

/** Lines packed into as few sections as Slack allows (at most `room` blocks); `left`: lines that did not fit. */
export function packLines(lines: readonly string[], room: number): { blocks: KnownBlock[]; left: number } {
  const blocks: KnownBlock[] = [];
  let text = "";
  let used = 0;
  for (const line of lines) {
    if (text && text.length + 1 + line.length > maxSectionChars) {
      if (blocks.length + 1 >= room) break;
      blocks.push({ type: "section", text: { type: "mrkdwn", text } });
      text = "";
    }
    text = text ? `${text}\n${line}` : line;
    used += 1;
  }
  if (text) blocks.push({ type: "section", text: { type: "mrkdwn", text } });
  return { blocks, left: lines.length - used };
}

export type AgendaPage = {
  mission: MissionRecord;
  view: AgendaView;
  agenda: AgendaDay;
  published: boolean;
};

/** Whose agenda, as the heading says it. */
function whose(view: AgendaView): string {
  return view.kind === "all" ? "everyone" : escapeMrkdwn(view.sme.name);
}

/** "14 Apr": a day on a button. */
function shortDay(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("d LLL");
}

/** "14 Apr 2027, 15 Apr 2027". */
function dayList(days: readonly string[]): string {
  return days.map((day) => formatDay(day)).join(", ");
}

/** The first day after this one with meetings, else the first day with meetings. */
function nextMeetingDay(agenda: AgendaDay): string | undefined {
  return agenda.meetingDays.find((day) => day > agenda.day) ?? agenda.meetingDays[0];
}

/** The empty state of the meetings part, when the day has none for this view. */
function noMeetingsText(page: AgendaPage): string | undefined {
  const { mission, view, agenda, published } = page;
  if (!published) {
    return `:hourglass_flowing_sand: The meeting schedule of *${escapeMrkdwn(mission.name)}* is not published yet: meetings appear here once staff publish it.`;
  }
  if (agenda.meetingCount > 0) return undefined;
  const on = formatDay(agenda.day);
  if (agenda.meetingDays.length === 0) {
    return view.kind === "all"
      ? `No meetings are scheduled in *${escapeMrkdwn(mission.name)}*.`
      : `*${whose(view)}* has no meetings in the schedule of *${escapeMrkdwn(mission.name)}*.`;
  }
  const who = view.kind === "all" ? "" : ` for *${whose(view)}*`;
  return `No meetings${who} on ${on}. Meetings on ${dayList(agenda.meetingDays)}.`;
}

/** `/mission agenda`: one day, programme and meetings in time order, in the mission's zone. */
export function agendaMessage(page: AgendaPage): { text: string; blocks: KnownBlock[] } {
  const { mission, view, agenda } = page;
  const zone = mission.timeZone;
  const title = `:spiral_calendar_pad: *${dayHeading(agenda.day)}* · ${whose(view)} · ${escapeMrkdwn(mission.name)}`;
  const counts = [
    countOf(agenda.meetingCount, "meeting"),
    countOf(agenda.entries.length - agenda.meetingCount, "programme item"),
  ].join(", ");
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: title } },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `${counts}. Times in ${formatZone(zone, agenda.day)}.` }],
    },
  ];
  const days = daysBetween(mission.startDate, mission.endDate);
  const at = days.indexOf(agenda.day);
  if (at < 0) {
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:warning: ${formatDay(agenda.day)} is not a day of *${escapeMrkdwn(mission.name)}* (${formatDayRange(mission.startDate, mission.endDate)}).`,
      },
    });
  }
  const empty = noMeetingsText(page);
  if (empty) blocks.push({ type: "section", text: { type: "mrkdwn", text: empty } });
  if (agenda.entries.length === agenda.meetingCount) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "Nothing on the programme that day." }] });
  }
  // Room left for the entries, the "more" note and the buttons.
  const packed = packLines(
    agenda.entries.map((entry) => entryLine(entry, zone)),
    maxBlocks - blocks.length - 2,
  );
  blocks.push(...packed.blocks);
  if (packed.left > 0) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `${countOf(packed.left, "more entry", "more entries")} not shown.` }],
    });
  }
  const who = view.kind === "all" ? 0 : view.sme.id;
  const buttons: Button[] = [];
  const before = at > 0 ? days[at - 1] : undefined;
  const after = at >= 0 && at < days.length - 1 ? days[at + 1] : undefined;
  // A day outside the mission offers its first day.
  const first = at < 0 ? days[0] : undefined;
  if (first) buttons.push(button(`${agendaActionIds.day}.first`, "First day ▶", { m: mission.id, d: first, s: who }));
  if (before)
    buttons.push(button(`${agendaActionIds.day}.previous`, "◀ Previous day", { m: mission.id, d: before, s: who }));
  if (after) buttons.push(button(`${agendaActionIds.day}.next`, "Next day ▶", { m: mission.id, d: after, s: who }));
  // A day without meetings offers the next day that has some (or the first, after the last).
  const meetingDay = agenda.meetingCount === 0 && page.published ? nextMeetingDay(agenda) : undefined;
  if (meetingDay && meetingDay !== after) {
    buttons.push(
      button(`${agendaActionIds.day}.meetings`, `Meetings on ${shortDay(meetingDay)}`, {
        m: mission.id,
        d: meetingDay,
        s: who,
      }),
    );
  }
  if (view.kind === "sme") {
    buttons.push(button(agendaActionIds.calendar, "Calendar file (.ics)", { m: mission.id, s: view.sme.id }));
  }
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  return { text: `${dayHeading(agenda.day)}: ${counts} for ${whose(view)} (${mission.name})`, blocks };
}
