/**
 * A person's calendar file (.ics) of a mission: their meetings and the programme, written with the
 * `ics` package. Times are UTC instants ("DTSTART:20270413T010000Z"), so every calendar shows them
 * at the right hour in its own zone; UIDs are stable, so importing the file again updates the
 * events instead of adding them twice. Pure.
 */
import { createEvents, type EventAttributes } from "ics";
import { type AgendaMeeting, attends, otherParty, type Party } from "./agenda.js";
import { type ProgrammeItem, programmeKinds } from "./programme.js";

/** Where UIDs come from: RFC 5545 asks for a globally unique id, and a domain-like suffix makes it so. */
const uidDomain = "ec2i-missions";

/**
 * A meeting's UID follows its request, which stays the same when a new schedule moves the meeting
 * (and its row is written again); a meeting without a request keeps its own id.
 */
export function meetingUid(missionId: number, meeting: Pick<AgendaMeeting, "id" | "requestId">): string {
  return meeting.requestId !== null
    ? `mission-${missionId}-request-${meeting.requestId}@${uidDomain}`
    : `mission-${missionId}-meeting-${meeting.id}@${uidDomain}`;
}

export function programmeUid(item: Pick<ProgrammeItem, "id" | "missionId">): string {
  return `mission-${item.missionId}-programme-${item.id}@${uidDomain}`;
}

/** The counterpart as plain text lines, for an event's description. */
export function partyLines(party: Party): string[] {
  if (party.kind === "org") {
    return [
      `${party.name} (${party.type})`,
      ...(party.contact ? [`Contact: ${party.contact}`] : []),
      ...(party.needs ? [`Needs: ${party.needs}`] : []),
    ];
  }
  return [
    `${party.name} (SME${party.cluster ? `, ${party.cluster}` : ""})`,
    ...(party.sectors.length > 0 ? [`Sectors: ${party.sectors.join(", ")}`] : []),
  ];
}

const utc = { startInputType: "utc", startOutputType: "utc", endInputType: "utc", endOutputType: "utc" } as const;

/**
 * The .ics text for one SME: its meetings of the mission and the whole programme. `generatedAt` is
 * the DTSTAMP of every event (the app's clock, not the machine's).
 */
export function personalCalendar(input: {
  mission: { id: number; name: string; city: string };
  sme: { id: number; name: string };
  meetings: readonly AgendaMeeting[];
  programme: readonly ProgrammeItem[];
  generatedAt: Date;
}): string {
  const { mission, sme } = input;
  // DTSTAMP: `ics` reads it from `timestamp`, which its types leave out.
  const stamp = { timestamp: input.generatedAt.getTime() };
  const events: EventAttributes[] = [];
  for (const meeting of input.meetings.filter((m) => attends(m, sme.id))) {
    const counterpart = otherParty(meeting, sme.id);
    events.push({
      ...utc,
      ...stamp,
      uid: meetingUid(mission.id, meeting),
      start: meeting.startsAt.getTime(),
      end: meeting.endsAt.getTime(),
      title: `Meeting: ${counterpart.name} (table ${meeting.table})`,
      location: `Table ${meeting.table}, B2B meetings of ${mission.name}, ${mission.city}`,
      description: [...partyLines(counterpart), "", `${sme.name} at ${mission.name}.`].join("\n"),
      status: "CONFIRMED",
      busyStatus: "BUSY",
      categories: ["B2B meeting"],
    } as EventAttributes);
  }
  for (const item of input.programme) {
    const kind = programmeKinds.find((k) => k.key === item.kind);
    events.push({
      ...utc,
      ...stamp,
      uid: programmeUid(item),
      start: item.startsAt.getTime(),
      end: item.endsAt.getTime(),
      title: item.kind === "event" ? item.title : `${kind?.label ?? "Programme"}: ${item.title}`,
      ...(item.location ? { location: item.location } : {}),
      description: [item.notes ?? "", `Programme of ${mission.name}.`].filter(Boolean).join("\n\n"),
      categories: [kind?.label ?? "Programme"],
    } as EventAttributes);
  }
  const { error, value } = createEvents(events, {
    productId: "-//EC2i Missions//Agenda//EN",
    calName: `${mission.name}: ${sme.name}`,
  });
  if (error || !value) throw error ?? new Error("the calendar file could not be written");
  return value;
}
