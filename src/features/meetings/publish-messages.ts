/**
 * The DM an SME's people get when a schedule is published: their meetings day by day in the
 * mission's zone (time, table, whom they meet) and, on a re-publish, what changed first. Pure.
 */
import { escapeMrkdwn } from "../../domain/text.js";
import { formatDay, localParts, zoneCity } from "../missions/index.js";
import { counterpartName, type MeetingPlace, type MeetingSides, type ScheduleChange } from "./publish.js";

export type SmeMeeting = MeetingSides & MeetingPlace & { id: number };

export function scheduleDm(input: {
  missionName: string;
  zone: string;
  sme: { id: number; name: string };
  meetings: readonly SmeMeeting[];
  changes: readonly ScheduleChange[];
  republished: boolean;
}): string {
  const { zone, sme } = input;
  const at = (place: MeetingPlace) => {
    const start = localParts(place.startsAt, zone);
    return `${formatDay(start.day)}, ${start.time}`;
  };
  const withWhom = (meetingId: number) => {
    const meeting = input.meetings.find((m) => m.id === meetingId);
    return meeting ? escapeMrkdwn(counterpartName(meeting, sme.id)) : "a meeting";
  };
  const lines: string[] = [];
  if (input.republished) {
    lines.push(`:calendar: *The schedule of ${escapeMrkdwn(input.missionName)} changed for ${escapeMrkdwn(sme.name)}*`);
    for (const change of input.changes) {
      if (change.kind === "new") {
        lines.push(`• New: *${withWhom(change.meetingId)}*, ${at(change.to)}, table ${change.to.tableNumber}`);
      } else if (change.kind === "moved") {
        lines.push(
          `• Moved: *${withWhom(change.meetingId)}*, from ${at(change.from)} (table ${change.from.tableNumber}) to ${at(change.to)} (table ${change.to.tableNumber})`,
        );
      } else {
        lines.push(`• Cancelled: *${escapeMrkdwn(change.counterpart)}*, was ${at(change.from)}`);
      }
    }
    lines.push("");
    lines.push(`*Your meetings now* (${zoneCity(zone)} time):`);
  } else {
    lines.push(
      `:calendar: *Your meetings on ${escapeMrkdwn(input.missionName)}* for ${escapeMrkdwn(sme.name)} (${zoneCity(zone)} time):`,
    );
  }
  if (input.meetings.length === 0) lines.push("No meetings are scheduled for you at the moment.");
  let day = "";
  for (const meeting of input.meetings) {
    const start = localParts(meeting.startsAt, zone);
    const end = localParts(meeting.endsAt, zone);
    if (start.day !== day) {
      day = start.day;
      lines.push(`*${formatDay(day)}*`);
    }
    lines.push(
      `• ${start.time}–${end.time} · table ${meeting.tableNumber} · ${escapeMrkdwn(counterpartName(meeting, sme.id))}`,
    );
  }
  lines.push("", "`/mission agenda` shows your day with the rest of the programme.");
  return lines.join("\n");
}
