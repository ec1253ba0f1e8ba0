/**
 * The mission form's one validation, for `/mission new` and `/mission edit`: what a person entered in
 * → a mission ready to store, or one message per field for Slack to show inline on that field's
 * block. Dates and times are read in the mission's zone with luxon. Pure: whether the name is taken
 * is the store's question, asked by the listener.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { requiredText, wholeNumber } from "../../domain/form-fields.js";
import { type MarketKey, markets, matchTerm } from "../../domain/taxonomy.js";
import { countOf, foldText, hasControlCharacters } from "../../domain/text.js";
import type { MissionPostTimes, SessionPlan } from "./mission.js";
import {
  dailySlots,
  daysBetween,
  formatDay,
  formatDayRange,
  formatInstant,
  instantOf,
  isKnownZone,
  localTimeExists,
  marketZones,
  minutesOf,
  zoneOfCity,
} from "./mission-time.js";

/** The form's inputs, by block id: errors come back under the same keys. */
export const missionFormFields = [
  "name",
  "market",
  "city",
  "timeZone",
  "startDate",
  "endDate",
  "capacity",
  "deadlineDate",
  "deadlineTime",
  "requestLimit",
  "channel",
  "createChannel",
  "channelName",
  "sessionDays",
  "sessionStart",
  "sessionEnd",
  "slotMinutes",
  "breaks",
  "tables",
  "agendaPostTime",
  "previewPostTime",
  "reminderMinutes",
  "surveyMinutes",
  "chaseDaysBefore",
] as const;
export type MissionFormField = (typeof missionFormFields)[number];

/** What the person entered, as Slack sends it (strings; the tick box as a boolean). */
export type RawMissionForm = Partial<Record<Exclude<MissionFormField, "createChannel">, string>> & {
  createChannel?: boolean;
};

export type MissionChannelChoice =
  | { kind: "existing"; id: string }
  | { kind: "create"; name: string }
  | { kind: "none" };

export type MissionInput = {
  name: string;
  market: MarketKey;
  city: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  capacity: number;
  requestDeadline: Date;
  requestLimit: number;
  sessionPlan: SessionPlan;
  channel: MissionChannelChoice;
  postTimes: MissionPostTimes;
};

export type MissionFormErrors = Partial<Record<MissionFormField, string>>;
export type MissionFormResult = { ok: true; mission: MissionInput } | { ok: false; errors: MissionFormErrors };

export const missionLimits = {
  name: 80,
  city: 80,
  capacity: { min: 1, max: 200, default: 25 },
  requestLimit: { min: 1, max: 100, default: 10 },
  tables: { min: 1, max: 200, default: 10 },
  slotMinutes: [15, 20, 30, 45, 60],
  reminderMinutes: { min: 1, max: 120 },
  surveyMinutes: { min: 0, max: 240 },
  chaseDaysBefore: { min: 1, max: 60 },
  /** Slack's own rule for channel names. */
  channelName: 80,
} as const;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The channel name the app proposes for a mission: Slack's rules (lower case letters, digits,
 * hyphens and underscores, at most 80 characters) applied to its name, accents dropped.
 */
export function proposedChannelName(missionName: string): string {
  return foldText(missionName).replace(/\s+/g, "-").slice(0, missionLimits.channelName).replace(/-+$/, "");
}

/** A channel name as typed ("#China Mission") made Slack-shaped, or a message saying what is wrong. */
function channelNameProblem(name: string): string | undefined {
  if (name.length > missionLimits.channelName) return "A channel name has at most 80 characters.";
  if (!/^[a-z0-9_-]+$/.test(name)) {
    return "A channel name has only lower-case letters, digits, hyphens and underscores, e.g. china-mission-2027.";
  }
  return undefined;
}

function readDate(value: string | undefined, what: string): { day?: string; error?: string } {
  const text = value?.trim() ?? "";
  if (text === "") return { error: `Pick the ${what}.` };
  if (!isoDate.test(text) || !DateTime.fromISO(text, { zone: "utc" }).isValid) {
    return { error: `“${text}” is not a date: pick one in the calendar (YYYY-MM-DD).` };
  }
  return { day: text };
}

function readTime(value: string | undefined, what: string): { time?: string; error?: string } {
  const text = value?.trim() ?? "";
  if (text === "") return { error: `Pick the ${what}.` };
  if (!timeOfDay.test(text)) return { error: `“${text}” is not a time: write it as HH:MM, e.g. 09:00.` };
  return { time: text };
}

/** "12:00-13:30, 15:30–15:45" → breaks, or the first thing that cannot be read. */
function readBreaks(text: string): { value?: SessionPlan["breaks"]; error?: string } {
  const parts = text
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const breaks: SessionPlan["breaks"] = [];
  for (const part of parts) {
    const match = /^(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})$/.exec(part);
    const start = match?.[1]?.padStart(5, "0");
    const end = match?.[2]?.padStart(5, "0");
    if (!start || !end || !timeOfDay.test(start) || !timeOfDay.test(end)) {
      return { error: `“${part}” is not a break: write breaks as start-end, e.g. 12:00-13:30, 15:30-15:45.` };
    }
    breaks.push({ start, end });
  }
  return { value: breaks.sort((a, b) => minutesOf(a.start) - minutesOf(b.start)) };
}

/** "2027-04-13, 2027-04-14" (commas, spaces or semicolons) → sorted distinct days. */
function readDays(text: string): { value?: string[]; error?: string } {
  const days = [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((day) => day.trim())
        .filter(Boolean),
    ),
  ];
  const bad = days.find((day) => !isoDate.test(day) || !DateTime.fromISO(day, { zone: "utc" }).isValid);
  if (bad !== undefined) return { error: `“${bad}” is not a date: write session days as YYYY-MM-DD, e.g. 2027-04-13.` };
  return { value: days.sort() };
}

/** The house defaults of the scheduled posts, as the database has them. */
export const defaultPostTimes: MissionPostTimes = {
  agendaPostTime: "07:30",
  previewPostTime: "18:00",
  reminderMinutes: 10,
  surveyMinutes: 15,
  chaseDaysBefore: 7,
};

const postTime = (what: string) =>
  z.string().trim().regex(timeOfDay, `Write the time of ${what} as HH:MM, e.g. 07:30.`);

/** An empty field takes the house default: the form shows it, and a cleared field goes back to it. */
const orDefault = (value: string | undefined, fallback: string | number) =>
  value === undefined || value.trim() === "" ? String(fallback) : value;

/** When the scheduled posts go out: local times of the mission's zone, and minutes or days around them. */
function readPostTimes(
  raw: RawMissionForm,
  note: <T>(field: MissionFormField, result: { value?: T; error?: string }) => T | undefined,
): MissionPostTimes | undefined {
  const { reminderMinutes, surveyMinutes, chaseDaysBefore } = missionLimits;
  const times = {
    agendaPostTime: note(
      "agendaPostTime",
      parseField(postTime("the daily agenda"), orDefault(raw.agendaPostTime, defaultPostTimes.agendaPostTime)),
    ),
    previewPostTime: note(
      "previewPostTime",
      parseField(postTime("the evening preview"), orDefault(raw.previewPostTime, defaultPostTimes.previewPostTime)),
    ),
    reminderMinutes: note(
      "reminderMinutes",
      parseField(
        wholeNumber("minutes before a meeting", reminderMinutes.min, reminderMinutes.max),
        orDefault(raw.reminderMinutes, defaultPostTimes.reminderMinutes),
      ),
    ),
    surveyMinutes: note(
      "surveyMinutes",
      parseField(
        wholeNumber("minutes after a meeting", surveyMinutes.min, surveyMinutes.max),
        orDefault(raw.surveyMinutes, defaultPostTimes.surveyMinutes),
      ),
    ),
    chaseDaysBefore: note(
      "chaseDaysBefore",
      parseField(
        wholeNumber("days before the mission", chaseDaysBefore.min, chaseDaysBefore.max),
        orDefault(raw.chaseDaysBefore, defaultPostTimes.chaseDaysBefore),
      ),
    ),
  };
  const { agendaPostTime, previewPostTime } = times;
  if (
    agendaPostTime === undefined ||
    previewPostTime === undefined ||
    times.reminderMinutes === undefined ||
    times.surveyMinutes === undefined ||
    times.chaseDaysBefore === undefined
  ) {
    return undefined;
  }
  return {
    agendaPostTime,
    previewPostTime,
    reminderMinutes: times.reminderMinutes,
    surveyMinutes: times.surveyMinutes,
    chaseDaysBefore: times.chaseDaysBefore,
  };
}

const controlMessage = "Remove the control characters (such as NUL or escape) from this field.";

/** The first message of a zod parse, or the value. */
function parseField<T>(schema: z.ZodType<T>, value: unknown): { value?: T; error?: string } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]?.message ?? "Check this field." };
}

/**
 * Validates the whole form. Each problem is reported on the field a person would change to fix it:
 * a session day outside the dates on the session days, a deadline after the start on the deadline.
 * With `now` (a new mission), a deadline already past is refused too; an edit may keep a past one.
 */
export function validateMissionForm(raw: RawMissionForm, options: { now?: Date } = {}): MissionFormResult {
  const errors: MissionFormErrors = {};
  const note = <T>(field: MissionFormField, result: { value?: T; error?: string }): T | undefined => {
    if (result.error !== undefined && errors[field] === undefined) errors[field] = result.error;
    return result.value;
  };
  for (const field of ["name", "city", "channelName"] as const) {
    if (hasControlCharacters(raw[field] ?? "")) errors[field] = controlMessage;
  }

  const name = note("name", parseField(requiredText("mission's name", 3, missionLimits.name), raw.name ?? ""));
  const marketText = raw.market?.trim() ?? "";
  const market = marketText ? matchTerm(markets, marketText) : undefined;
  if (!market) errors.market = "Pick the market: United States or China.";
  const city = note("city", parseField(requiredText("city", 2, missionLimits.city), raw.city ?? ""));

  // The zone: the one chosen, else the city's; it must be a real zone of the mission's market.
  let timeZone: string | undefined = raw.timeZone?.trim() || (city ? zoneOfCity(city) : undefined);
  if (!timeZone) {
    if (city) errors.timeZone = `I don't know the time zone of ${city}: choose it.`;
    else errors.timeZone ??= "Choose the time zone.";
  } else if (!isKnownZone(timeZone)) {
    errors.timeZone = `“${timeZone}” is not a time zone.`;
    timeZone = undefined;
  } else if (market && !marketZones[market].some((zone) => zone.zone === timeZone)) {
    errors.timeZone = `${timeZone} is not a zone of ${market === "CN" ? "China" : "the United States"}: choose one of ${marketZones[
      market
    ]
      .map((zone) => zone.zone)
      .join(", ")}.`;
    timeZone = undefined;
  }

  const start = readDate(raw.startDate, "first day of the mission");
  const end = readDate(raw.endDate, "last day of the mission");
  if (start.error) errors.startDate = start.error;
  if (end.error) errors.endDate = end.error;
  const datesOk = start.day !== undefined && end.day !== undefined;
  if (datesOk && (end.day as string) < (start.day as string)) {
    errors.endDate = `The mission cannot end (${formatDay(end.day as string)}) before it starts (${formatDay(start.day as string)}).`;
  }
  const missionDays = datesOk && !errors.endDate ? daysBetween(start.day as string, end.day as string) : undefined;
  if (missionDays && missionDays.length > 31) errors.endDate = "A mission lasts at most 31 days.";

  const capacity = note(
    "capacity",
    parseField(
      wholeNumber("capacity", missionLimits.capacity.min, missionLimits.capacity.max),
      raw.capacity ?? String(missionLimits.capacity.default),
    ),
  );
  const requestLimit = note(
    "requestLimit",
    parseField(
      wholeNumber("request limit", missionLimits.requestLimit.min, missionLimits.requestLimit.max),
      raw.requestLimit ?? String(missionLimits.requestLimit.default),
    ),
  );

  // The deadline: a local date and time in the mission's zone, stored as the instant it names.
  const deadlineDay = readDate(raw.deadlineDate, "day meeting requests close");
  const deadlineTime = readTime(raw.deadlineTime, "time meeting requests close");
  if (deadlineDay.error) errors.deadlineDate = deadlineDay.error;
  if (deadlineTime.error) errors.deadlineTime = deadlineTime.error;
  let requestDeadline: Date | undefined;
  if (deadlineDay.day && deadlineTime.time && timeZone) {
    if (!localTimeExists(deadlineDay.day, deadlineTime.time, timeZone)) {
      errors.deadlineTime = `${deadlineTime.time} does not exist on ${formatDay(deadlineDay.day)} in ${timeZone} (the clocks change): pick another time.`;
    } else {
      requestDeadline = instantOf(deadlineDay.day, deadlineTime.time, timeZone);
      if (start.day && !errors.startDate && requestDeadline >= instantOf(start.day, "00:00", timeZone)) {
        errors.deadlineDate = `Meeting requests must close before the mission starts (${formatDay(start.day)}, 00:00 in ${timeZone}): pick an earlier day.`;
      } else if (options.now && requestDeadline <= options.now) {
        errors.deadlineDate = `This deadline has passed (it is now ${formatInstant(options.now, timeZone)}): SMEs could not request a single meeting. Pick a later day.`;
      }
    }
  }

  // The session plan.
  const sessionStart = readTime(raw.sessionStart, "time sessions start");
  const sessionEnd = readTime(raw.sessionEnd, "time sessions end");
  if (sessionStart.error) errors.sessionStart = sessionStart.error;
  if (sessionEnd.error) errors.sessionEnd = sessionEnd.error;
  const timesOk = sessionStart.time !== undefined && sessionEnd.time !== undefined;
  if (timesOk && minutesOf(sessionEnd.time as string) <= minutesOf(sessionStart.time as string)) {
    errors.sessionEnd = `Sessions must end after they start (${sessionStart.time}).`;
  }
  const slotText = raw.slotMinutes?.trim() ?? "";
  const slotMinutes = Number(slotText);
  if (!(missionLimits.slotMinutes as readonly number[]).includes(slotMinutes)) {
    errors.slotMinutes = `Pick a slot length: ${missionLimits.slotMinutes.join(", ")} minutes.`;
  }
  const tables = note(
    "tables",
    parseField(
      wholeNumber("number of tables", missionLimits.tables.min, missionLimits.tables.max),
      raw.tables ?? String(missionLimits.tables.default),
    ),
  );
  const breaks = note("breaks", readBreaks(raw.breaks ?? ""));
  if (breaks && timesOk && !errors.sessionEnd) {
    const from = minutesOf(sessionStart.time as string);
    const to = minutesOf(sessionEnd.time as string);
    for (const [index, pause] of breaks.entries()) {
      const label = `${pause.start}-${pause.end}`;
      if (minutesOf(pause.end) <= minutesOf(pause.start)) {
        errors.breaks ??= `The break ${label} ends before it starts.`;
      } else if (minutesOf(pause.start) < from || minutesOf(pause.end) > to) {
        errors.breaks ??= `The break ${label} is outside the sessions (${sessionStart.time}-${sessionEnd.time}).`;
      }
      const next = breaks[index + 1];
      if (next && minutesOf(next.start) < minutesOf(pause.end)) {
        errors.breaks ??= `The breaks ${label} and ${next.start}-${next.end} overlap.`;
      }
    }
  }

  // Session days: those typed, else every day of the mission; each inside the mission's dates.
  const typedDays = note("sessionDays", readDays(raw.sessionDays ?? ""));
  let days: string[] | undefined;
  if (typedDays && missionDays) {
    days = typedDays.length > 0 ? typedDays : missionDays;
    const outside = days.filter((day) => !missionDays.includes(day));
    if (outside.length > 0) {
      errors.sessionDays = `${outside.map(formatDay).join(", ")} ${outside.length === 1 ? "is" : "are"} not ${outside.length === 1 ? "a day" : "days"} of the mission (${formatDayRange(start.day as string, end.day as string)}).`;
    }
  }

  let sessionPlan: SessionPlan | undefined;
  if (
    days &&
    timesOk &&
    breaks &&
    tables !== undefined &&
    !errors.slotMinutes &&
    !errors.sessionEnd &&
    !errors.breaks
  ) {
    const plan = {
      days,
      start: sessionStart.time as string,
      end: sessionEnd.time as string,
      slotMinutes,
      breaks,
      tables,
    };
    if (dailySlots(plan).slots.length === 0) {
      errors.slotMinutes = `No ${slotMinutes}-minute slot fits between ${plan.start} and ${plan.end} around the breaks: pick shorter slots or longer sessions.`;
    }
    if (timeZone) {
      const missing = days.find(
        (day) =>
          !localTimeExists(day, plan.start, timeZone as string) || !localTimeExists(day, plan.end, timeZone as string),
      );
      if (missing) {
        errors.sessionStart ??= `The sessions' times do not all exist on ${formatDay(missing)} in ${timeZone} (the clocks change): pick other times.`;
      }
    }
    sessionPlan = plan;
  }

  // The channel: one picked, one to create (named after the mission unless a name is typed), or none.
  let channel: MissionChannelChoice = { kind: "none" };
  const picked = raw.channel?.trim() ?? "";
  if (raw.createChannel) {
    if (picked) {
      errors.createChannel = "Pick an existing channel or tick “create”, not both.";
    } else {
      const wanted = (raw.channelName?.trim() || proposedChannelName(name ?? "")).replace(/^#/, "").toLowerCase();
      const problem = wanted === "" ? "Type a name for the new channel." : channelNameProblem(wanted);
      if (problem) errors.channelName ??= problem;
      else channel = { kind: "create", name: wanted };
    }
  } else if (picked) {
    channel = { kind: "existing", id: picked };
  }

  const postTimes = readPostTimes(raw, note);

  if (
    Object.keys(errors).length > 0 ||
    !postTimes ||
    !name ||
    !market ||
    !city ||
    !timeZone ||
    !start.day ||
    !end.day ||
    capacity === undefined ||
    requestLimit === undefined ||
    !requestDeadline ||
    !sessionPlan
  ) {
    return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { name: "Check the form." } };
  }
  return {
    ok: true,
    mission: {
      name,
      market,
      city,
      timeZone,
      startDate: start.day,
      endDate: end.day,
      capacity,
      requestDeadline,
      requestLimit,
      sessionPlan,
      channel,
      postTimes,
    },
  };
}

/**
 * What the plan gives, in words: "13 slots a day × 10 tables on 2 days: at most 260 meetings". The
 * minutes before a break or the end too short for a whole slot stay free, and are said.
 */
export function describeCapacity(plan: SessionPlan): string {
  const { slots, leftovers } = dailySlots(plan);
  const meetings = slots.length * plan.tables * plan.days.length;
  const free =
    leftovers.length > 0
      ? ` ${leftovers.map((left) => `${countOf(left.minutes, "minute")} before ${left.before}`).join(" and ")} stay free each day: too short for a ${plan.slotMinutes}-minute slot.`
      : "";
  return `${countOf(slots.length, "slot")} a day × ${countOf(plan.tables, "table")} on ${countOf(plan.days.length, "day")}: at most ${countOf(meetings, "meeting")}.${free}`;
}
