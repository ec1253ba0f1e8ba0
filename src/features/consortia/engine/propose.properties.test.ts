/**
 * Properties of the engine's answers on random requests: every proposal meets every constraint,
 * alternatives are diverse, scores add up, and on requests small enough to enumerate, the first
 * proposal is as good as the best consortium found by brute force.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { ConsortiumOutcome, ConsortiumProposal, ConsortiumRequest } from "./consortium-problem.js";
import { stopConsortiumEngine } from "./consortium-worker.js";
import { generateConsortiumRequest } from "./instance-generator.js";
import { proposeConsortia } from "./propose.js";

afterAll(stopConsortiumEngine);

/** Every way the answer could break the request; empty when it keeps it. */
function brokenPromises(request: ConsortiumRequest, outcome: ConsortiumOutcome): string[] {
  if (outcome.kind !== "proposals") return [];
  const { constraints } = request;
  const problems: string[] = [];
  const bySme = new Map(request.candidates.map((c) => [c.smeId, c]));
  const fitOf = (smeId: number, role: string) => bySme.get(smeId)?.fits.find((f) => f.role === role)?.fit ?? 0;
  outcome.proposals.forEach((proposal, k) => {
    const say = (problem: string) => problems.push(`proposal ${k + 1}: ${problem}`);
    const ids = proposal.members.map((m) => m.smeId);
    if (new Set(ids).size !== ids.length) say("a member twice");
    if (ids.length > constraints.maxSize) say("too many members");
    for (const id of constraints.mustInclude) if (!ids.includes(id)) say(`must-include ${id} missing`);
    for (const id of constraints.mustExclude) if (ids.includes(id)) say(`excluded ${id} in`);
    const held = proposal.members.flatMap((m) => m.roles);
    if (new Set(held).size !== held.length) say("a role filled twice");
    let score = 0;
    for (const member of proposal.members) {
      if (member.roles.length === 0) say(`member ${member.smeId} fills no role`);
      for (const role of member.roles) {
        const fit = fitOf(member.smeId, role);
        if (fit <= 0) say(`member ${member.smeId} cannot fill ${role}`);
        score += fit;
      }
    }
    if (Math.abs(score - proposal.score) > 1e-9) say(`score ${proposal.score} is not the sum of fits ${score}`);
    const countries = [...new Set(ids.map((id) => bySme.get(id)?.country as string))].sort();
    // SMEs in no cluster (null) add none.
    const clusters = [...new Set(ids.flatMap((id) => bySme.get(id)?.cluster ?? []))].sort();
    if (JSON.stringify(countries) !== JSON.stringify(proposal.countries)) say("countries listed wrong");
    if (JSON.stringify(clusters) !== JSON.stringify(proposal.clusters)) say("clusters listed wrong");
    if (countries.length < constraints.minCountries) say("too few countries");
    if (clusters.length < constraints.minClusters) say("too few clusters");
    const uncovered = request.roles.map((r) => r.key).filter((key) => !held.includes(key));
    if (JSON.stringify(uncovered) !== JSON.stringify(proposal.uncoveredRoles)) say("uncovered roles listed wrong");
    outcome.proposals.slice(0, k).forEach((earlier, j) => {
      const shared = earlier.members.filter((m) => ids.includes(m.smeId)).length;
      if (2 * shared > earlier.members.length || 2 * shared > ids.length)
        say(`shares ${shared} members with proposal ${j + 1}`);
    });
  });
  return problems;
}

type Value = { covered: number; score: number; members: number };
const coveredBy = (proposal: ConsortiumProposal): Value => ({
  covered: proposal.members.reduce((sum, m) => sum + m.roles.length, 0),
  score: proposal.score,
  members: proposal.members.length,
});
/** Coverage first, then fit (fits have 3 decimals here: 1e-6 tells them apart), then fewer members. */
const isBetter = (a: Value, b: Value) =>
  a.covered !== b.covered
    ? a.covered > b.covered
    : Math.abs(a.score - b.score) > 1e-6
      ? a.score > b.score
      : a.members < b.members;

/** The best consortium by enumerating every member set and every role assignment. */
function bruteForce(request: ConsortiumRequest): Value | undefined {
  const { constraints } = request;
  const pool = request.candidates.filter(
    (c) => !constraints.mustExclude.includes(c.smeId) && c.fits.some((f) => f.fit > 0),
  );
  const roles = request.roles.map((r) => r.key);
  let best: Value | undefined;
  for (let mask = 1; mask < 1 << pool.length; mask += 1) {
    const members = pool.filter((_, k) => mask & (1 << k));
    if (members.length > constraints.maxSize) continue;
    if (constraints.mustInclude.some((id) => !members.some((m) => m.smeId === id))) continue;
    if (new Set(members.map((m) => m.country)).size < constraints.minCountries) continue;
    if (new Set(members.flatMap((m) => m.cluster ?? [])).size < constraints.minClusters) continue;
    // Each role to one member who can fill it, or to nobody (index members.length).
    const holder = roles.map(() => 0);
    for (;;) {
      let covered = 0;
      let score = 0;
      const holds = members.map(() => 0);
      let valid = true;
      roles.forEach((role, r) => {
        const m = holder[r] as number;
        if (m === members.length) return;
        const fit = members[m]?.fits.find((f) => f.role === role)?.fit ?? 0;
        if (fit <= 0) valid = false;
        covered += 1;
        score += fit;
        holds[m] = (holds[m] ?? 0) + 1;
      });
      if (valid && holds.every((n) => n > 0)) {
        const value = { covered, score, members: members.length };
        if (!best || isBetter(value, best)) best = value;
      }
      let r = 0;
      while (r < roles.length && holder[r] === members.length) holder[r++] = 0;
      if (r === roles.length) break;
      holder[r] = (holder[r] as number) + 1;
    }
  }
  return best;
}

const countries = ["AT", "FR", "DE"];
/** null: an SME in no cluster, which counts towards no cluster minimum. */
const clusters = ["a", "b", null];
const roleKeys = ["hp", "storage", "bms", "finance"];

/** Small random requests; with one country and cluster (`crowded`), many candidates dominate others. */
const smallRequests = (crowded: boolean) =>
  fc
    .record({
      roleCount: fc.integer({ min: 1, max: 4 }),
      candidates: fc.array(
        fc.record({
          country: fc.constantFrom(...(crowded ? ["AT"] : countries)),
          cluster: fc.constantFrom(...(crowded ? ["a"] : clusters)),
          fits: fc.dictionary(
            fc.constantFrom(...roleKeys),
            fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000),
            { maxKeys: 3 },
          ),
        }),
        { minLength: 0, maxLength: crowded ? 9 : 7 },
      ),
      maxSize: fc.integer({ min: 1, max: crowded ? 2 : 3 }),
      minCountries: fc.integer({ min: 0, max: crowded ? 1 : 2 }),
      minClusters: fc.integer({ min: 0, max: crowded ? 1 : 2 }),
      mustInclude: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 1 }),
      mustExclude: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 1 }),
      alternatives: fc.integer({ min: 1, max: 3 }),
    })
    .map(
      (draw): ConsortiumRequest => ({
        roles: roleKeys.slice(0, draw.roleCount).map((key) => ({ key, label: key })),
        candidates: draw.candidates.map((c, k) => ({
          smeId: k + 1,
          name: `SME ${k + 1}`,
          country: c.country,
          cluster: c.cluster,
          fits: Object.entries(c.fits).map(([role, fit]) => ({ role, fit, reasons: [] })),
        })),
        constraints: {
          maxSize: draw.maxSize,
          minCountries: draw.minCountries,
          minClusters: draw.minClusters,
          mustInclude: draw.mustInclude,
          mustExclude: draw.mustExclude,
        },
        alternatives: draw.alternatives,
      }),
    );

const smallRequest = smallRequests(false);

describe("the engine's answers on random requests", () => {
  it("on small requests: every constraint kept, and the first proposal as good as brute force", async () => {
    await fc.assert(
      fc.asyncProperty(smallRequest, async (request) => {
        const outcome = await proposeConsortia(request, { timeLimitSeconds: 20 });
        expect(brokenPromises(request, outcome)).toEqual([]);
        const best = bruteForce(request);
        if (!best) {
          expect(outcome.kind).toBe("impossible");
          return;
        }
        if (outcome.kind !== "proposals") throw new Error(`impossible: ${JSON.stringify(outcome.reasons)}`);
        const first = coveredBy(outcome.proposals[0] as ConsortiumProposal);
        expect(first.covered).toBe(best.covered);
        expect(first.score).toBeCloseTo(best.score, 6);
        expect(first.members).toBe(best.members);
        expect(outcome.optimal).toBe(true);
      }),
      { numRuns: 150, seed: 13 },
    );
  }, 120_000);

  it("on small crowded requests (one country and cluster: dominance at work), as good as brute force", async () => {
    await fc.assert(
      fc.asyncProperty(smallRequests(true), async (request) => {
        const outcome = await proposeConsortia(request, { timeLimitSeconds: 20 });
        expect(brokenPromises(request, outcome)).toEqual([]);
        const best = bruteForce(request);
        if (!best) return void expect(outcome.kind).toBe("impossible");
        if (outcome.kind !== "proposals") throw new Error(`impossible: ${JSON.stringify(outcome.reasons)}`);
        const first = coveredBy(outcome.proposals[0] as ConsortiumProposal);
        expect([first.covered, Number(first.score.toFixed(6)), first.members]).toEqual([
          best.covered,
          Number(best.score.toFixed(6)),
          best.members,
        ]);
      }),
      { numRuns: 100, seed: 16 },
    );
  }, 120_000);

  it("with the heuristic alone, every constraint is kept too", async () => {
    await fc.assert(
      fc.asyncProperty(smallRequest, async (request) => {
        const outcome = await proposeConsortia(request, { method: "heuristic", timeLimitSeconds: 1 });
        expect(brokenPromises(request, outcome)).toEqual([]);
      }),
      { numRuns: 100, seed: 14 },
    );
  }, 120_000);

  it("on generated directory-like requests: three diverse proposals that keep every constraint", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 60, max: 250 }), async (seed, smes) => {
        const request = generateConsortiumRequest({ smes, roles: 8 }, seed, {
          minCountries: 3,
          minClusters: 2,
          maxSize: 5,
          mustInclude: [1],
        });
        const outcome = await proposeConsortia(request, { timeLimitSeconds: 20 });
        if (outcome.kind !== "proposals") throw new Error(`impossible: ${JSON.stringify(outcome.reasons)}`);
        expect(brokenPromises(request, outcome)).toEqual([]);
        expect(outcome.proposals).toHaveLength(3);
        expect(outcome.optimal).toBe(true);
      }),
      { numRuns: 15, seed: 15 },
    );
  }, 120_000);
});
