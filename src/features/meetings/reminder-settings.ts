/**
 * `/mission reminders off|on|snooze <days>`: what a person asked for, and what they will and will
 * not get. Pure. "On" ends any quiet period now, so reminders of meetings that fell due while the
 * person was quiet never arrive late; "snooze" quiets them for whole days in their own zone.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { formatInstant } from "../missions/index.js";
import { isQuiet, type ReminderWish } from "./reminder-due.js";

export const snoozeDays = { min: 1, max: 30 } as const;

export const remindersUsage =
  "`/mission reminders` shows your setting; `/mission reminders off`, `/mission reminders on`, or `/mission reminders snooze <days>` (1–30 days).";

export type RemindersRequest =
  | { kind: "show" }
  | { kind: "off" }
  | { kind: "on" }
  | { kind: "snooze"; days: number }
  | { kind: "invalid"; message: string };

// Digits only: Number() would also read "0x3" and "1e1" as days.
const daysSchema = z
  .string()
  .regex(/^\d{1,6}$/, "Give the number of days as a whole number, e.g. `snooze 3`.")
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(snoozeDays.min, `Snooze for at least ${snoozeDays.min} day.`)
      .max(snoozeDays.max, `Snooze for at most ${snoozeDays.max} days; \`off\` turns them off until you turn them on.`),
  );

export function readRemindersRequest(args: string): RemindersRequest {
  const [word = "", ...rest] = args.trim().toLowerCase().split(/\s+/);
  const extra = rest.join(" ");
  if (word === "" && extra === "") return { kind: "show" };
  if ((word === "off" || word === "on") && extra === "") return { kind: word };
  if (word === "snooze") {
    if (extra === "") return { kind: "invalid", message: "Say for how many days, e.g. `/mission reminders snooze 3`." };
    const days = daysSchema.safeParse(extra.replace(/\s*days?$/, ""));
    if (!days.success) return { kind: "invalid", message: days.error.issues[0]?.message ?? "Give a number of days." };
    return { kind: "snooze", days: days.data };
  }
  return { kind: "invalid", message: "I did not understand that." };
}

/** The wish a request writes, at `now`, for a person in `zone` (their Slack zone, else UTC). */
export function wishAfter(
  request: { kind: "off" } | { kind: "on" } | { kind: "snooze"; days: number },
  now: Date,
  zone: string,
): ReminderWish {
  if (request.kind === "off") return { off: true, snoozedUntil: null };
  if (request.kind === "on") return { off: false, snoozedUntil: now };
  return { off: false, snoozedUntil: DateTime.fromJSDate(now, { zone }).plus({ days: request.days }).toJSDate() };
}

const stillArrive = "Changes and cancellations of your meetings still reach you at once, whatever this setting says.";

/** What a person's setting means for them now: what they get and what they do not. */
export function describeWish(wish: ReminderWish | undefined, now: Date, zone: string): string {
  if (wish?.off) {
    return [
      ":no_bell: Meeting reminders and outcome surveys are *off* for you: you get no reminder before your meetings and no survey after them.",
      stillArrive,
      "`/mission reminders on` turns them back on for your next meetings.",
    ].join("\n");
  }
  if (isQuiet(wish, now) && wish?.snoozedUntil) {
    return [
      `:zzz: Meeting reminders and outcome surveys are *snoozed* until ${formatInstant(wish.snoozedUntil, zone)}: none arrive before then, and they start again by themselves after it.`,
      stillArrive,
      "`/mission reminders on` turns them back on now.",
    ].join("\n");
  }
  return [
    ":bell: Meeting reminders and outcome surveys are *on* for you: a reminder with a briefing before each of your meetings, and a one-tap survey after it.",
    stillArrive,
    "`/mission reminders off` or `/mission reminders snooze <days>` quiets them.",
  ].join("\n");
}
