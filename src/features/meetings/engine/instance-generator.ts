/**
 * Seeded, realistic schedule problems for the scheduler's benchmark, tests and demos: the same seed
 * always gives the same instance. A mission-size instance is 25 SMEs, 150 organisations and 600
 * requests over 16 slots (2 days × 8 in Asia/Shanghai) with 20 tables; `tenTimesMissionSize` is
 * ten of those in one room. What makes them realistic (and hard for a first-come scheduler):
 * - each organisation comes for one contiguous run of 2–8 slots on one day;
 * - organisations differ in popularity (heavy-tailed), and SMEs ask the popular ones more, so a
 *   few organisations get far more requests than they have slots;
 * - priorities are mixed (about 20% must, 45% want, 35% nice) and requests arrive in random order,
 *   so the first come are often not the most important;
 * - about 2% of the requests are between two SMEs, and about 6% of the organisations host at their
 *   own stand (numbered after the shared tables, so stands do not take shared tables).
 * Random numbers come from pure-rand (xoroshiro128+ with its unbiased uniform distributions). Pure.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { dailySlots } from "../../../domain/session-time.js";
import type { MeetingToPlace, Party, Priority, ScheduleProblem, Slot } from "./schedule-problem.js";

export type InstanceSize = {
  smes: number;
  organisations: number;
  /** Meeting requests in all, SME–SME ones included. */
  requests: number;
  /** Local dates of the meeting days, "YYYY-MM-DD". */
  days: readonly string[];
  /** Shared tables in every slot. */
  tables: number;
};

export const missionSize: InstanceSize = {
  smes: 25,
  organisations: 150,
  requests: 600,
  days: ["2027-03-16", "2027-03-17"],
  tables: 20,
};

export const tenTimesMissionSize: InstanceSize = {
  ...missionSize,
  smes: 250,
  organisations: 1500,
  requests: 6000,
  tables: 200,
};

const timeZone = "Asia/Shanghai";
/** Eight 30-minute slots a day: four in the morning, four after a long lunch. */
const dayPlan = { start: "09:30", end: "16:00", slotMinutes: 30, breaks: [{ start: "11:30", end: "14:00" }] };
const priorityShares: readonly [Priority, number][] = [
  ["must", 0.2],
  ["want", 0.45],
  ["nice", 0.35],
];
const smeToSmeShare = 0.02;
const standShare = 0.06;
const presenceSlots = { fewest: 2, most: 8 };
/**
 * Organisations' popularity: Pareto with shape 2, capped at 8× the least popular, so the 10× instance
 * looks like ten missions side by side rather than one with a few organisations everyone asks.
 */
const popularity = { shape: 2, cap: 8 };
/** How far an SME's number of requests strays from the average (±25%). */
const requestSpread = 0.25;

export function generateInstance(size: InstanceSize, seed: number): ScheduleProblem {
  const rng = xoroshiro128plus(seed);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const fraction = () => uniformFloat64(rng);
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = int(0, i);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  };
  const priority = (): Priority => {
    let left = fraction();
    for (const [name, share] of priorityShares) {
      left -= share;
      if (left < 0) return name;
    }
    return "nice";
  };

  const daySlots = dailySlots(dayPlan).slots;
  const slotsByDay: Slot[][] = size.days.map((day) =>
    daySlots.map((slot) => ({
      // Slot ids are the local start, as the app makes them.
      id: `${day}T${slot.start}`,
      start: `${day}T${slot.start}`,
      end: `${day}T${slot.end}`,
      tables: size.tables,
    })),
  );

  const smeIds = numbered("sme", size.smes);
  const organisationIds = numbered("org", size.organisations);
  const standHolders = new Set(
    shuffle([...organisationIds.keys()]).slice(0, Math.round(size.organisations * standShare)),
  );
  let nextStand = size.tables + 1;
  const organisations: Party[] = organisationIds.map((id, o) => {
    const day = slotsByDay[int(0, slotsByDay.length - 1)] ?? [];
    const length = int(Math.min(presenceSlots.fewest, day.length), Math.min(presenceSlots.most, day.length));
    const first = int(0, day.length - length);
    const party: Party = { id, kind: "org", available: day.slice(first, first + length).map((slot) => slot.id) };
    if (standHolders.has(o)) {
      party.stand = nextStand;
      nextStand += 1;
    }
    return party;
  });
  const appeal = organisationIds.map(() => Math.min(popularity.cap, (1 - fraction()) ** (-1 / popularity.shape)));

  const smeToSme = Math.round(size.requests * smeToSmeShare);
  const requestsPerSme = spreadEvenly(size.requests - smeToSme, size.smes, size.organisations, int);
  const pairs: [string, string][] = [];
  smeIds.forEach((sme, s) => {
    // Weighted sampling without replacement (Efraimidis–Spirakis): the k largest u^(1/weight).
    const asked = organisationIds
      .map((organisation, o) => ({ organisation, key: Math.log(1 - fraction()) / (appeal[o] ?? 1) }))
      .sort((a, b) => b.key - a.key)
      .slice(0, requestsPerSme[s] ?? 0);
    for (const { organisation } of asked) pairs.push([sme, organisation]);
  });
  const smePairs = new Set<string>();
  while (smePairs.size < Math.min(smeToSme, (size.smes * (size.smes - 1)) / 2)) {
    const a = int(0, size.smes - 1);
    const b = int(0, size.smes - 1);
    if (a === b) continue;
    const key = `${Math.min(a, b)}:${Math.max(a, b)}`;
    if (smePairs.has(key)) continue;
    smePairs.add(key);
    pairs.push([smeIds[a] ?? "", smeIds[b] ?? ""]);
  }

  const meetingIds = numbered("req", pairs.length);
  const meetings: MeetingToPlace[] = shuffle(pairs).map((parties, m) => ({
    id: meetingIds[m] ?? "",
    parties,
    priority: priority(),
  }));
  return {
    timeZone,
    slots: slotsByDay.flat(),
    parties: [...smeIds.map((id): Party => ({ id, kind: "sme" })), ...organisations],
    meetings,
    minMeetingsPerSme: 0,
  };
}

/** "sme:1" … "sme:25": the ids the app gives parties and meetings (mission-problem.ts). */
function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}:${i + 1}`);
}

/** `total` split over `count` SMEs, each within ±requestSpread of the average and at most `most`. */
function spreadEvenly(total: number, count: number, most: number, int: (from: number, to: number) => number) {
  const average = total / count;
  if (average > most) throw new Error(`${total} requests cannot be spread over ${count} SMEs asking ${most} at most`);
  const low = Math.max(0, Math.floor(average * (1 - requestSpread)));
  const high = Math.min(most, Math.ceil(average * (1 + requestSpread)));
  const counts = Array.from({ length: count }, () => int(low, high));
  let sum = counts.reduce((a, b) => a + b, 0);
  // Nudge random SMEs one request at a time until the total is exact, staying within the spread.
  while (sum !== total) {
    const s = int(0, count - 1);
    const value = counts[s] ?? 0;
    if (sum < total && value < high) {
      counts[s] = value + 1;
      sum += 1;
    } else if (sum > total && value > low) {
      counts[s] = value - 1;
      sum -= 1;
    }
  }
  return counts;
}
