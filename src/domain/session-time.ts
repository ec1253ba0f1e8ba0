/**
 * Times of day in a B2B session, pure and free of any feature: the meeting scheduler's engine runs
 * on a solver thread that must not load the missions feature (its database and Slack code) to cut
 * a day into slots. The missions feature re-exports these from mission-time.ts.
 */
import { DateTime, Duration, Interval } from "luxon";

/** A session day's shape: "HH:MM" start and end, the slot length and the breaks. */
export type SessionDay = {
  start: string;
  end: string;
  slotMinutes: number;
  breaks: readonly { start: string; end: string }[];
};

/** Minutes since midnight of a "HH:MM" time of day. */
export function minutesOf(time: string): number {
  return Duration.fromISOTime(time).as("minutes");
}

/**
 * One day's meeting periods (the session minus its breaks), each cut into slots. Minutes at the end
 * of a period too short for a whole slot stay free: `leftovers` says how many, and before when.
 */
export function dailySlots(plan: SessionDay): {
  slots: { start: string; end: string }[];
  leftovers: { minutes: number; before: string }[];
} {
  const day = DateTime.fromISO("2000-01-01", { zone: "utc" });
  const at = (time: string) => day.plus(Duration.fromISOTime(time));
  const breaks = [...plan.breaks].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  const periods: Interval[] = [];
  let from = at(plan.start);
  for (const pause of breaks) {
    periods.push(Interval.fromDateTimes(from, at(pause.start)));
    from = at(pause.end);
  }
  periods.push(Interval.fromDateTimes(from, at(plan.end)));
  const slots: { start: string; end: string }[] = [];
  const leftovers: { minutes: number; before: string }[] = [];
  for (const period of periods) {
    if (!period.isValid || period.isEmpty()) continue;
    for (const slot of period.splitBy({ minutes: plan.slotMinutes })) {
      if (!slot.start || !slot.end) continue;
      if (slot.length("minutes") < plan.slotMinutes) {
        leftovers.push({ minutes: slot.length("minutes"), before: slot.end.toFormat("HH:mm") });
      } else slots.push({ start: slot.start.toFormat("HH:mm"), end: slot.end.toFormat("HH:mm") });
    }
  }
  return { slots, leftovers };
}

/** Whether a local time exists on that day in that zone (02:30 does not when clocks go forward). */
export function localTimeExists(day: string, time: string, zone: string): boolean {
  const local = DateTime.fromISO(`${day}T${time}`, { zone });
  return local.isValid && local.toFormat("yyyy-MM-dd HH:mm") === `${day} ${time}`;
}
