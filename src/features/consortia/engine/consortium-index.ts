/**
 * The request in the shape the engine searches: validated (zod), excluded SMEs and roles nobody can
 * fill taken out, roles, countries and clusters numbered, fits as one dense row per candidate. Also
 * what any search shares: the objective's weights, the value of a member set, and the reasons a
 * request cannot be met. Pure.
 */
import { z } from "zod";
import type { ConsortiumImpossibility, ConsortiumProposal, ConsortiumRequest } from "./consortium-problem.js";

const requestSchema = z.object({
  roles: z.array(z.object({ key: z.string().min(1), label: z.string() })).min(1, "Name at least one role."),
  constraints: z.object({
    minCountries: z.number().int().min(0),
    minClusters: z.number().int().min(0),
    maxSize: z.number().int().min(1, "A consortium has at least one member."),
    mustInclude: z.array(z.number().int()),
    mustExclude: z.array(z.number().int()),
  }),
  candidates: z.array(
    z.object({
      smeId: z.number().int(),
      name: z.string(),
      country: z.string(),
      cluster: z.string().nullable(),
      // A fit of 0 is read as "cannot fill" (the contract asks for (0, 1]; a rounded-down score may be 0).
      fits: z.array(z.object({ role: z.string(), fit: z.number().min(0).max(1), reasons: z.array(z.string()) })),
    }),
  ),
  alternatives: z.number().int().min(1).max(20).optional(),
});

/** Throws a readable error when the request breaks the contract (a bug in the caller, not a user's mistake). */
export function validateRequest(request: ConsortiumRequest): void {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) throw new Error(`Invalid consortium request: ${z.prettifyError(parsed.error)}`);
}

export type IndexedCandidate = {
  smeId: number;
  country: number;
  /** -1 for an SME in no cluster: it counts towards no cluster minimum. */
  cluster: number;
  /** fit[r] for role r (numbered as IndexedRequest.roleKeys); 0 where it cannot fill the role. */
  fit: Float64Array;
  /** The roles it can fill, best fit first. */
  roles: readonly number[];
};

export type IndexedRequest = {
  /** Every role of the request, in its order. */
  roleKeys: readonly string[];
  /** Roles someone can fill: the others are reported uncoverable and left out of the search. */
  coverable: readonly number[];
  /** Candidates not excluded who can fill at least one role, in the request's order. */
  candidates: readonly IndexedCandidate[];
  countries: readonly string[];
  /** The clusters of the candidates (numbered from 0; "no cluster" is -1 and not among them). */
  clusters: readonly string[];
  /** Candidate indices of the must-include SMEs. */
  mustInclude: readonly number[];
  minCountries: number;
  minClusters: number;
  maxSize: number;
  weights: ObjectiveWeights;
};

/**
 * The three levels of the objective combined in one number: covered roles × `cover` + sum of fits −
 * members × `member`. Lexicographic because one more covered role (worth `cover` = roles + 1) is
 * more than the whole range of the fit sum (at most one per role) plus the member term, and the
 * member term of a full consortium (maxSize × `member` = 1e-4 × maxSize / (maxSize + 1) < 1e-4) is
 * smaller than any fit difference that matters: fits equal to 1e-4 are ties, won by fewer members.
 */
export type ObjectiveWeights = { cover: number; member: number };

export function objectiveWeights(roleCount: number, maxSize: number): ObjectiveWeights {
  return { cover: roleCount + 1, member: 1e-4 / (maxSize + 1) };
}

export type IndexOutcome =
  | { kind: "indexed"; index: IndexedRequest; uncoverable: ConsortiumImpossibility[] }
  | { kind: "impossible"; reasons: ConsortiumImpossibility[] };

/**
 * Numbers the request and finds every reason it cannot be met that shows without searching: no
 * candidates, must-includes that are excluded, fit no role or outnumber the places, too few
 * countries or clusters among the candidates, a consortium too small for both minimums. Roles
 * nobody can fill are reported (as impossible reasons only when the request fails for another one).
 */
export function indexRequest(request: ConsortiumRequest): IndexOutcome {
  validateRequest(request);
  const { constraints } = request;
  const roleKeys = request.roles.map((role) => role.key);
  const roleNumber = new Map(roleKeys.map((key, r) => [key, r]));
  const excluded = new Set(constraints.mustExclude);
  const countryNumber = new Map<string, number>();
  const clusterNumber = new Map<string, number>();
  const numberOf = (numbers: Map<string, number>, key: string) => {
    let n = numbers.get(key);
    if (n === undefined) {
      n = numbers.size;
      numbers.set(key, n);
    }
    return n;
  };

  const candidates: IndexedCandidate[] = [];
  const candidateOf = new Map<number, number>();
  /** How many excluded SMEs could fill each role: "nobody can" then names the exclusions as the cause. */
  const excludedWhoFit = new Map<string, number>();
  for (const candidate of request.candidates) {
    if (excluded.has(candidate.smeId)) {
      for (const role of new Set(candidate.fits.filter((fit) => fit.fit > 0).map((fit) => fit.role)))
        excludedWhoFit.set(role, (excludedWhoFit.get(role) ?? 0) + 1);
      continue;
    }
    if (candidateOf.has(candidate.smeId)) continue;
    const fit = new Float64Array(roleKeys.length);
    for (const { role, fit: value } of candidate.fits) {
      const r = roleNumber.get(role);
      if (r !== undefined) fit[r] = Math.max(fit[r] ?? 0, value);
    }
    const roles = [...fit.keys()].filter((r) => (fit[r] ?? 0) > 0).sort((a, b) => (fit[b] ?? 0) - (fit[a] ?? 0));
    if (roles.length === 0) continue;
    candidateOf.set(candidate.smeId, candidates.length);
    candidates.push({
      smeId: candidate.smeId,
      country: numberOf(countryNumber, candidate.country),
      cluster: candidate.cluster === null ? -1 : numberOf(clusterNumber, candidate.cluster),
      fit,
      roles,
    });
  }

  const reasons: ConsortiumImpossibility[] = [];
  const uncoverable: ConsortiumImpossibility[] = [];
  const coverable: number[] = [];
  roleKeys.forEach((key, r) => {
    if (candidates.some((candidate) => (candidate.fit[r] ?? 0) > 0)) coverable.push(r);
    else {
      const excludedFits = excludedWhoFit.get(key) ?? 0;
      uncoverable.push({
        kind: "role-uncoverable",
        role: key,
        ...(excludedFits > 0 ? { excludedWhoFit: excludedFits } : {}),
      });
    }
  });
  if (candidates.length === 0) reasons.push({ kind: "no-candidates" });

  const mustInclude: number[] = [];
  for (const smeId of new Set(constraints.mustInclude)) {
    const c = candidateOf.get(smeId);
    if (excluded.has(smeId)) reasons.push({ kind: "must-include-excluded", smeId });
    else if (c === undefined) reasons.push({ kind: "must-include-fits-no-role", smeId });
    else mustInclude.push(c);
  }
  const mustIncludeCount = new Set(constraints.mustInclude).size;
  if (mustIncludeCount > constraints.maxSize)
    reasons.push({ kind: "must-include-too-many", maxSize: constraints.maxSize, mustInclude: mustIncludeCount });

  const countries = [...countryNumber.keys()];
  const clusters = [...clusterNumber.keys()];
  if (candidates.length > 0 && countries.length < constraints.minCountries)
    reasons.push({ kind: "too-few-countries", required: constraints.minCountries, available: countries.length });
  if (candidates.length > 0 && clusters.length < constraints.minClusters)
    reasons.push({ kind: "too-few-clusters", required: constraints.minClusters, available: clusters.length });
  // Each member fills a role of its own: there are never more members than roles someone can fill.
  const fillableRoles = coverable.length;
  if (reasons.length === 0 && mustIncludeCount > fillableRoles)
    reasons.push({ kind: "too-few-roles", roles: fillableRoles, needed: mustIncludeCount, because: "must-include" });
  if (reasons.length === 0) {
    // Each member adds at most one country and one cluster to those of the must-includes.
    const included = mustInclude.map((c) => candidates[c] as IndexedCandidate);
    const needed =
      mustInclude.length +
      Math.max(
        0,
        constraints.minCountries - new Set(included.map((c) => c.country)).size,
        constraints.minClusters - clustersOf(included).size,
      );
    if (needed > constraints.maxSize)
      reasons.push({ kind: "too-small-for-diversity", maxSize: constraints.maxSize, needed });
    else if (needed > fillableRoles)
      reasons.push({ kind: "too-few-roles", roles: fillableRoles, needed, because: "diversity" });
  }
  if (reasons.length > 0) return { kind: "impossible", reasons: [...uncoverable, ...reasons] };

  return {
    kind: "indexed",
    uncoverable,
    index: {
      roleKeys,
      coverable,
      candidates,
      countries,
      clusters,
      mustInclude,
      minCountries: constraints.minCountries,
      minClusters: constraints.minClusters,
      maxSize: constraints.maxSize,
      weights: objectiveWeights(roleKeys.length, constraints.maxSize),
    },
  };
}

/** The clusters among these candidates; those in no cluster add none. */
export function clustersOf(chosen: readonly IndexedCandidate[]): Set<number> {
  return new Set(chosen.map((c) => c.cluster).filter((cluster) => cluster >= 0));
}

/** A consortium as the search holds it: members (candidate indices) and who fills each role (-1: nobody). */
export type Consortium = { members: readonly number[]; holder: Int32Array };

/** Covered roles, sum of fits and the combined objective of a consortium. */
export function consortiumValue(
  index: IndexedRequest,
  consortium: Consortium,
): { covered: number; score: number; value: number } {
  let covered = 0;
  let score = 0;
  consortium.holder.forEach((c, r) => {
    if (c < 0) return;
    covered += 1;
    score += index.candidates[c]?.fit[r] ?? 0;
  });
  const value = covered * index.weights.cover + score - consortium.members.length * index.weights.member;
  return { covered, score, value };
}

/** Why a consortium breaks the request, or undefined when it meets every constraint. */
export function violationOf(
  index: IndexedRequest,
  consortium: Consortium,
  earlier: readonly (readonly number[])[] = [],
): string | undefined {
  const { members, holder } = consortium;
  if (members.length > index.maxSize) return "too many members";
  if (new Set(members).size !== members.length) return "a member twice";
  for (const c of index.mustInclude) if (!members.includes(c)) return "a must-include missing";
  const roleCount = new Map<number, number>();
  for (const [r, c] of holder.entries()) {
    if (c < 0) continue;
    if (!members.includes(c)) return "a role held by a non-member";
    if ((index.candidates[c]?.fit[r] ?? 0) <= 0) return "a role held by someone who cannot fill it";
    roleCount.set(c, (roleCount.get(c) ?? 0) + 1);
  }
  if (members.some((c) => !roleCount.has(c))) return "a member without a role";
  const chosen = members.map((c) => index.candidates[c] as IndexedCandidate);
  if (new Set(chosen.map((c) => c.country)).size < index.minCountries) return "too few countries";
  if (clustersOf(chosen).size < index.minClusters) return "too few clusters";
  for (const proposal of earlier) {
    const shared = proposal.filter((c) => members.includes(c)).length;
    if (shared > Math.floor(proposal.length / 2) || 2 * shared > members.length)
      return "shares more than half the members of an earlier proposal or of its own";
  }
  return undefined;
}

/** The proposal of a consortium, members in the order of their first role. */
export function proposalOf(index: IndexedRequest, consortium: Consortium): ConsortiumProposal {
  const rolesOf = new Map<number, string[]>();
  consortium.holder.forEach((c, r) => {
    if (c < 0) return;
    const roles = rolesOf.get(c) ?? [];
    roles.push(index.roleKeys[r] as string);
    rolesOf.set(c, roles);
  });
  const chosen = [...rolesOf.keys()].map((c) => index.candidates[c] as IndexedCandidate);
  return {
    members: [...rolesOf].map(([c, roles]) => ({ smeId: index.candidates[c]?.smeId as number, roles })),
    uncoveredRoles: index.roleKeys.filter((_, r) => (consortium.holder[r] ?? -1) < 0),
    countries: [...new Set(chosen.map((c) => index.countries[c.country] as string))].sort(),
    clusters: [...clustersOf(chosen)].map((k) => index.clusters[k] as string).sort(),
    score: consortiumValue(index, consortium).score,
  };
}
