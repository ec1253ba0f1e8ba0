import { describe, expect, it } from "vitest";
import { generateInstance, missionSize, tenTimesMissionSize } from "./instance-generator.js";
import { type ScheduleProblem, scheduleProblemSchema } from "./schedule-problem.js";

function requestsOf(problem: ScheduleProblem): Map<string, number> {
  const count = new Map<string, number>();
  for (const meeting of problem.meetings) {
    for (const party of meeting.parties) count.set(party, (count.get(party) ?? 0) + 1);
  }
  return count;
}

describe("the seeded instance generator", () => {
  const mission = generateInstance(missionSize, 7);

  it("gives the same instance for the same seed and another for another seed", () => {
    expect(generateInstance(missionSize, 7)).toEqual(mission);
    expect(generateInstance(missionSize, 8)).not.toEqual(mission);
  });

  it("makes problems the scheduler accepts as they are, at mission size and at 10×", () => {
    expect(scheduleProblemSchema.parse(mission)).toEqual(mission);
    const large = generateInstance(tenTimesMissionSize, 7);
    expect(scheduleProblemSchema.parse(large)).toEqual(large);
    const kinds = (problem: ScheduleProblem, kind: string) => problem.parties.filter((p) => p.kind === kind).length;
    expect([kinds(large, "sme"), kinds(large, "org"), large.meetings.length]).toEqual([250, 1500, 6000]);
    expect(large.slots.every((slot) => slot.tables === 200)).toBe(true);
  });

  it("has a mission's shape: 25 SMEs, 150 organisations, 600 requests, 2 days × 8 slots in Shanghai, 20 tables", () => {
    expect(mission.timeZone).toBe("Asia/Shanghai");
    expect(mission.parties.filter((p) => p.kind === "sme")).toHaveLength(25);
    expect(mission.parties.filter((p) => p.kind === "org")).toHaveLength(150);
    expect(mission.meetings).toHaveLength(600);
    expect(mission.slots).toHaveLength(16);
    expect(new Set(mission.slots.map((slot) => slot.start.slice(0, 10)))).toEqual(
      new Set(["2027-03-16", "2027-03-17"]),
    );
    expect(mission.slots.every((slot) => slot.tables === 20)).toBe(true);
  });

  it("brings each organisation for one run of 2–8 consecutive slots on one day", () => {
    const position = new Map(mission.slots.map((slot, at) => [slot.id, at]));
    for (const organisation of mission.parties.filter((p) => p.kind === "org")) {
      const at = (organisation.available ?? []).map((slot) => position.get(slot) ?? -1);
      expect(at.length).toBeGreaterThanOrEqual(2);
      expect(at.length).toBeLessThanOrEqual(8);
      expect(at).toEqual(at.map((_, k) => (at[0] ?? 0) + k));
      const days = new Set(at.map((s) => mission.slots[s]?.start.slice(0, 10)));
      expect(days.size).toBe(1);
    }
  });

  it("mixes priorities about 20% must, 45% want, 35% nice, in a first-come order that ignores them", () => {
    const share = (priority: string) => mission.meetings.filter((m) => m.priority === priority).length / 600;
    expect(share("must")).toBeCloseTo(0.2, 1);
    expect(share("want")).toBeCloseTo(0.45, 1);
    expect(share("nice")).toBeCloseTo(0.35, 1);
    const firstHundredMust = mission.meetings.slice(0, 100).filter((m) => m.priority === "must").length;
    expect(firstHundredMust).toBeGreaterThan(5);
    expect(firstHundredMust).toBeLessThan(40);
  });

  it("has each SME ask about 24 organisations, favouring popular ones, never the same one twice", () => {
    const requests = requestsOf(mission);
    const smes = mission.parties.filter((p) => p.kind === "sme");
    for (const sme of smes) expect(requests.get(sme.id)).toBeGreaterThanOrEqual(17);
    for (const sme of smes) expect(requests.get(sme.id)).toBeLessThanOrEqual(31);
    const pairs = mission.meetings.map((m) => [...m.parties].sort().join("+"));
    expect(new Set(pairs).size).toBe(pairs.length);
    const perOrganisation = mission.parties
      .filter((p) => p.kind === "org")
      .map((p) => requests.get(p.id) ?? 0)
      .sort((a, b) => b - a);
    // Average 4 requests each; the popular tenth gets well over twice that.
    const popularTenth = perOrganisation.slice(0, 15).reduce((a, b) => a + b, 0) / 15;
    expect(popularTenth).toBeGreaterThan(8);
  });

  it("includes a few SME–SME meetings and some organisations hosting at their own stand", () => {
    const kindOf = new Map(mission.parties.map((p) => [p.id, p.kind]));
    const smeToSme = mission.meetings.filter((m) => m.parties.every((p) => kindOf.get(p) === "sme"));
    expect(smeToSme.length).toBe(12);
    const stands = mission.parties.flatMap((p) => (p.stand ? [p.stand] : []));
    expect(stands.length).toBe(9);
    expect(new Set(stands).size).toBe(stands.length);
    // Stands are numbered after the 20 shared tables: hosting at one takes none of them.
    expect(Math.min(...stands)).toBeGreaterThan(20);
  });
});
