/**
 * A mission's programme: everything on it that is not a one-to-one meeting (site visits,
 * conference sessions, receptions, travel), added by staff. The form's one validation: what a
 * person entered → an item with its instants in the mission's zone, or one message per field. Pure.
 */
import { z } from "zod";
import { requiredText } from "../../domain/form-fields.js";
import { matchTerm } from "../../domain/taxonomy.js";
import { hasControlCharacters } from "../../domain/text.js";
import { formatDay, formatDayRange, instantOf, localTimeExists } from "../missions/index.js";

export const programmeKinds = [
  { key: "visit", label: "Site visit" },
  { key: "session", label: "Conference session" },
  { key: "reception", label: "Reception" },
  { key: "travel", label: "Travel" },
  { key: "event", label: "Other" },
] as const;
export type ProgrammeKind = (typeof programmeKinds)[number]["key"];

/** The form's inputs, by block id: errors come back under the same keys. */
export const programmeFields = ["title", "kind", "day", "start", "end", "location", "notes"] as const;
export type ProgrammeField = (typeof programmeFields)[number];
export type RawProgrammeItem = Partial<Record<ProgrammeField, string>>;
export type ProgrammeErrors = Partial<Record<ProgrammeField, string>>;

export const programmeFieldLabels: Record<ProgrammeField, string> = {
  title: "Title",
  kind: "Kind",
  day: "Day",
  start: "Starts",
  end: "Ends",
  location: "Where",
  notes: "Notes",
};

export const programmeLimits = { title: 120, location: 200, notes: 1000 } as const;

/** A programme item as the app keeps it: its times are instants, shown in the mission's zone. */
export type ProgrammeItem = {
  id: number;
  missionId: number;
  kind: ProgrammeKind;
  title: string;
  location: string | null;
  notes: string | null;
  startsAt: Date;
  endsAt: Date;
};

export type ProgrammeInput = Omit<ProgrammeItem, "id" | "missionId">;

/** The stored kind, or "event" for one the app no longer knows. */
export function programmeKindOf(stored: string): ProgrammeKind {
  return programmeKinds.find((kind) => kind.key === stored)?.key ?? "event";
}

const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const controlMessage = "Remove the control characters (such as NUL or escape) from this field.";

const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `The ${what} can have at most ${max} characters.`)
    .transform((value) => value || null);

/**
 * Validates the form for a mission. Each problem is on the field to change: a day outside the
 * mission on the day, a start that does not exist that day (the clocks go forward) on the start, an
 * end not after the start on the end.
 */
export function validateProgrammeItem(
  raw: RawProgrammeItem,
  mission: { timeZone: string; startDate: string; endDate: string },
): { ok: true; item: ProgrammeInput } | { ok: false; errors: ProgrammeErrors } {
  const errors: ProgrammeErrors = {};
  for (const field of ["title", "location"] as const) {
    if (hasControlCharacters(raw[field] ?? "")) errors[field] = controlMessage;
  }
  if (hasControlCharacters(raw.notes ?? "", { multiline: true })) errors.notes = controlMessage;

  const title = requiredText("title", 2, programmeLimits.title).safeParse(raw.title ?? "");
  if (!title.success) errors.title ??= title.error.issues[0]?.message ?? "Enter the title.";
  const kind = matchTerm(programmeKinds, raw.kind ?? "");
  if (!kind) errors.kind = "Pick what kind of item this is.";
  const location = optionalText("place", programmeLimits.location).safeParse(raw.location ?? "");
  if (!location.success) errors.location ??= location.error.issues[0]?.message ?? "Check the place.";
  const notes = optionalText("notes", programmeLimits.notes).safeParse(raw.notes ?? "");
  if (!notes.success) errors.notes ??= notes.error.issues[0]?.message ?? "Check the notes.";

  const day = raw.day?.trim() ?? "";
  if (!day) errors.day = "Pick the day.";
  else if (!isoDate.test(day)) errors.day = `“${day}” is not a date: pick one in the calendar.`;
  else if (day < mission.startDate || day > mission.endDate) {
    errors.day = `${formatDay(day)} is outside the mission (${formatDayRange(mission.startDate, mission.endDate)}): pick a day within it.`;
  }
  const start = raw.start?.trim() ?? "";
  const end = raw.end?.trim() ?? "";
  if (!timeOfDay.test(start)) errors.start = start ? `“${start}” is not a time: write it as HH:MM.` : "Pick the start.";
  if (!timeOfDay.test(end)) errors.end = end ? `“${end}” is not a time: write it as HH:MM.` : "Pick the end.";

  let startsAt: Date | undefined;
  let endsAt: Date | undefined;
  if (!errors.day && !errors.start && !errors.end) {
    const zone = mission.timeZone;
    // 02:30 does not exist on the night the clocks go forward: it would silently become 03:30.
    if (!localTimeExists(day, start, zone)) {
      errors.start = `${start} does not exist on ${formatDay(day)} in ${zone} (the clocks change): pick another time.`;
    } else if (!localTimeExists(day, end, zone)) {
      errors.end = `${end} does not exist on ${formatDay(day)} in ${zone} (the clocks change): pick another time.`;
    } else {
      startsAt = instantOf(day, start, zone);
      endsAt = instantOf(day, end, zone);
      if (endsAt <= startsAt) errors.end = `It must end after it starts (${start}).`;
    }
  }

  // Every value missing here has its message in `errors`.
  const invalid = Object.keys(errors).length > 0 || !title.success || !location.success || !notes.success;
  if (invalid || !kind || !startsAt || !endsAt) return { ok: false, errors };
  return {
    ok: true,
    item: { kind, title: title.data, location: location.data, notes: notes.data, startsAt, endsAt },
  };
}
