/**
 * A consortium as the feature keeps and shows it, the candidates the engine chooses from, swapping
 * a member, and an impossible request in words. Pure: no Slack, no database.
 */
import { labelOf, countries as taxonomyCountries } from "../../domain/taxonomy.js";
import { countOf } from "../../domain/text.js";
import { type RoleToFill, roleFits } from "../matchmaking/index.js";
import type { BuildConstraints } from "./build-form.js";
import type {
  ConsortiumCandidate,
  ConsortiumImpossibility,
  ConsortiumProposal,
  ConsortiumRole,
  RoleFit,
} from "./engine/index.js";

export const consortiumStatuses = ["proposed", "formed", "bidding", "won", "lost"] as const;
export type ConsortiumStatus = (typeof consortiumStatuses)[number];

export const statusLabels: Record<ConsortiumStatus, string> = {
  proposed: "proposed",
  formed: "formed",
  bidding: "bidding",
  won: "won",
  lost: "lost",
};

/** What the builder knows of a candidate SME: its profile's words, stages, sectors, country, cluster. */
export type CandidateSme = {
  id: number;
  name: string;
  country: string;
  /** The cluster's key; null for an SME without one. */
  cluster: string | null;
  pitch: string;
  offer: string;
  sectors: readonly string[];
  stages: readonly string[];
};

export type ConsortiumMemberRecord = {
  smeId: number;
  name: string;
  country: string;
  /** The cluster's key; null for an SME in no cluster. */
  cluster: string | null;
  /** The roles it fills, with its fit and the reasons. */
  roles: RoleFit[];
};

export type ConsortiumRecord = {
  id: number;
  name: string;
  missionId: number | null;
  /** The mission's name, for lists that span missions. */
  missionName: string | null;
  opportunity: string;
  roles: ConsortiumRole[];
  constraints: BuildConstraints;
  status: ConsortiumStatus;
  score: number;
  uncoveredRoles: string[];
  channelId: string | null;
  /** Shared by the proposals of one build (null for consortia made before builds were recorded). */
  buildId: string | null;
  createdBySlackId: string | null;
  members: ConsortiumMemberRecord[];
};

/** The candidates the engine chooses from: SMEs that fill at least one role, and every SME that must be in. */
export function consortiumCandidates(
  roles: readonly RoleToFill[],
  smes: readonly CandidateSme[],
  mustInclude: readonly number[] = [],
): ConsortiumCandidate[] {
  const fits = roleFits(
    roles,
    smes.map((sme) => ({ ...sme, sectors: [...sme.sectors], stages: [...sme.stages] })),
  );
  return smes.flatMap((sme) => {
    const own = fits.get(sme.id) ?? [];
    if (own.length === 0 && !mustInclude.includes(sme.id)) return [];
    return [{ smeId: sme.id, name: sme.name, country: sme.country, cluster: sme.cluster, fits: own }];
  });
}

/** Each proposal of the engine as members with names, fits and reasons, ready to store and show. */
export function membersOf(
  proposal: ConsortiumProposal,
  candidates: readonly ConsortiumCandidate[],
): ConsortiumMemberRecord[] {
  const byId = new Map(candidates.map((candidate) => [candidate.smeId, candidate]));
  return proposal.members.flatMap((pick) => {
    const candidate = byId.get(pick.smeId);
    if (!candidate) return [];
    const roles = pick.roles.map(
      (role) => candidate.fits.find((fit) => fit.role === role) ?? { role, fit: 0, reasons: [] as string[] },
    );
    return [
      { smeId: candidate.smeId, name: candidate.name, country: candidate.country, cluster: candidate.cluster, roles },
    ];
  });
}

/**
 * Countries, clusters, score and uncovered roles of a set of members, as a proposal states them. An
 * SME in no cluster adds no cluster (it is counted apart, in `withoutCluster`).
 */
export function summaryOf(
  members: readonly ConsortiumMemberRecord[],
  roles: readonly ConsortiumRole[],
): { countries: string[]; clusters: string[]; withoutCluster: number; score: number; uncoveredRoles: string[] } {
  const covered = new Set(members.flatMap((member) => member.roles.map((fit) => fit.role)));
  const score = members.reduce((sum, member) => sum + member.roles.reduce((s, fit) => s + fit.fit, 0), 0);
  return {
    countries: [...new Set(members.map((member) => member.country))].sort(),
    clusters: [...new Set(members.flatMap((member) => (member.cluster === null ? [] : [member.cluster])))].sort(),
    withoutCluster: members.filter((member) => member.cluster === null).length,
    score: Math.round(score * 100) / 100,
    uncoveredRoles: roles.filter((role) => !covered.has(role.key)).map((role) => role.key),
  };
}

export type SwapOption = { smeId: number; name: string; country: string; cluster: string | null; fit: RoleFit };

/**
 * Who could take a role of a proposal: `options`, best first, are those whose arrival keeps every
 * rule; `othersWhoFit` counts every other SME of the pool whose profile fits the role at all, and
 * `keptApartBySiblings` those refused only because the proposal would then share more than half
 * its members with another proposal of the same build (the answer says why nobody is offered).
 */
export type SwapChoice = { options: SwapOption[]; othersWhoFit: number; keptApartBySiblings: number };

/** The diversity rule between the proposals of one build: no two share more than half of either's members. */
export function sharesTooMuch(a: readonly number[], b: readonly number[]): boolean {
  const shared = a.filter((id) => b.includes(id)).length;
  return 2 * shared > a.length || 2 * shared > b.length;
}

/**
 * The next best candidates for a role of a consortium: SMEs that fill it and are not excluded,
 * such that handing them the role keeps the constraints (size, countries, clusters, the SMEs that
 * must stay in) and the diversity rule against its `siblings` (the members of the other proposals
 * of its build). The member holding the role now is not among them.
 */
export function swapOptions(
  consortium: Pick<ConsortiumRecord, "members" | "constraints">,
  role: string,
  candidates: readonly ConsortiumCandidate[],
  siblings: readonly (readonly number[])[] = [],
  limit = 5,
): SwapChoice {
  const holder = consortium.members.find((member) => member.roles.some((fit) => fit.role === role));
  const options: SwapOption[] = [];
  let othersWhoFit = 0;
  let keptApartBySiblings = 0;
  for (const candidate of candidates) {
    const fit = candidate.fits.find((entry) => entry.role === role && entry.fit > 0);
    if (!fit || candidate.smeId === holder?.smeId) continue;
    othersWhoFit += 1;
    if (consortium.constraints.mustExclude.includes(candidate.smeId)) continue;
    const after = withRoleGivenTo(consortium.members, role, candidate);
    const { countries, clusters } = summaryOf(after, []);
    const mustStay = consortium.constraints.mustInclude.every((id) => after.some((member) => member.smeId === id));
    if (after.length > consortium.constraints.maxSize || !mustStay) continue;
    if (countries.length < consortium.constraints.minCountries) continue;
    if (clusters.length < consortium.constraints.minClusters) continue;
    const memberIds = after.map((member) => member.smeId);
    if (siblings.some((sibling) => sharesTooMuch(memberIds, sibling))) {
      keptApartBySiblings += 1;
      continue;
    }
    options.push({
      smeId: candidate.smeId,
      name: candidate.name,
      country: candidate.country,
      cluster: candidate.cluster,
      fit,
    });
  }
  const best = options.sort((a, b) => b.fit.fit - a.fit.fit || a.name.localeCompare(b.name)).slice(0, limit);
  return { options: best, othersWhoFit, keptApartBySiblings };
}

/** The members after `candidate` takes `role`: its old holder keeps its other roles, or leaves with none left. */
export function withRoleGivenTo(
  members: readonly ConsortiumMemberRecord[],
  role: string,
  candidate: Pick<ConsortiumCandidate, "smeId" | "name" | "country" | "cluster" | "fits">,
): ConsortiumMemberRecord[] {
  const fit = candidate.fits.find((entry) => entry.role === role) ?? { role, fit: 0, reasons: [] };
  const without = members
    .map((member) => ({ ...member, roles: member.roles.filter((entry) => entry.role !== role) }))
    .filter((member) => member.roles.length > 0 || member.smeId === candidate.smeId);
  const existing = without.find((member) => member.smeId === candidate.smeId);
  if (existing) {
    return without.map((member) => (member === existing ? { ...member, roles: [...member.roles, fit] } : member));
  }
  return [
    ...without,
    {
      smeId: candidate.smeId,
      name: candidate.name,
      country: candidate.country,
      cluster: candidate.cluster,
      roles: [fit],
    },
  ];
}

export function countryName(code: string): string {
  return labelOf(taxonomyCountries, code);
}

/** What the explanation of an impossible request must know of the request to give advice that can be followed. */
export type ImpossibilityContext = {
  /** Where the members were sought: widening to the whole directory is advice only for a delegation. */
  scope: BuildConstraints["scope"];
  /** The company of the SME member who built it: it is always in, so never advise leaving it out. */
  ownCompany: number | null;
  /** How many SMEs must be in, the own company included. */
  mustInclude: number;
};

/** "the mission's delegation" or "the directory": where the candidates came from. */
export function poolName(scope: BuildConstraints["scope"]): string {
  return scope === "delegation" ? "the mission's delegation" : "the directory";
}

/** Why a request cannot be met, in words, each reason naming what to change (only what can be changed). */
export function impossibilityText(
  reason: ConsortiumImpossibility,
  names: { role: (key: string) => string; sme: (id: number) => string },
  context: ImpossibilityContext,
): string {
  const pool = poolName(context.scope);
  const widen = context.scope === "delegation" ? " or widen the search to the whole directory" : "";
  const own = (smeId: number) => smeId === context.ownCompany;
  // SMEs the person chose to require (the own company is not a choice).
  const othersRequired = context.mustInclude - (context.ownCompany === null ? 0 : 1);
  switch (reason.kind) {
    case "role-uncoverable": {
      const role = `*${names.role(reason.role)}*`;
      if (reason.excludedWhoFit)
        return `Nobody can fill ${role} under these constraints: only SMEs you excluded (${reason.excludedWhoFit}) fit that role. Let one of them in, or rename the role in words SMEs use.`;
      return context.scope === "delegation"
        ? `Nobody can fill ${role}: no profile in the mission's delegation fits that role. Widen the search to the whole directory, or rename the role in words SMEs use.`
        : `Nobody can fill ${role}: no profile in the directory fits that role. Rename the role in words SMEs use, or leave it out.`;
    }
    case "too-few-countries":
      return `At least ${reason.required} countries are required, but the candidates in ${pool} come from ${reason.available}: lower the number of countries${widen}.`;
    case "too-few-clusters":
      return `At least ${reason.required} clusters are required, but the candidates in ${pool} come from ${reason.available} (SMEs without a cluster count for none): lower the number of clusters${widen}.`;
    case "must-include-too-many":
      return `${reason.mustInclude} SMEs must be in, but a consortium has at most ${reason.maxSize} members: pick fewer or raise the maximum size.`;
    case "must-include-excluded":
      return own(reason.smeId)
        ? `Your company, ${names.sme(reason.smeId)}, is always in your consortia: take it out of “must not be in”.`
        : `${names.sme(reason.smeId)} is both required and excluded: remove it from one of the two lists.`;
    case "must-include-fits-no-role":
      return own(reason.smeId)
        ? `Your company, ${names.sme(reason.smeId)}, is in every consortium you build, but its profile fits none of these roles: add a role it fills, in the words of its offer.`
        : `${names.sme(reason.smeId)} must be in, but fits none of the roles: add a role it can fill, or leave it out.`;
    case "no-candidates":
      return context.scope === "delegation"
        ? "No SME of the mission's delegation fits any of the roles: describe the roles in other words, or widen the search to the whole directory."
        : "No SME in the directory fits any of the roles: describe the roles in other words.";
    case "too-few-roles": {
      const limit = `each member fills a role of its own, and only ${countOf(reason.roles, "role")} can be filled, so a consortium has at most ${reason.roles} members (raising the maximum size changes nothing)`;
      return reason.because === "must-include"
        ? `${reason.needed} SMEs must be in, but ${limit}: add roles${othersRequired > 0 ? " or require fewer SMEs" : ""}.`
        : `These minimums need at least ${reason.needed} members, but ${limit}: add roles or lower the minimum countries or clusters.`;
    }
    case "too-small-for-diversity":
      return `Each member brings one country and one cluster, so these minimums need at least ${reason.needed} members, but a consortium has at most ${reason.maxSize}: raise the maximum size or lower the minimums.`;
    case "constraints-conflict": {
      const changes = [
        "lower the minimum countries or clusters",
        reason.rolesLimitSize ? "add roles (each member fills one of its own)" : "raise the maximum size",
        ...(othersRequired > 0 ? ["require fewer SMEs"] : []),
      ];
      return `Each constraint can be met on its own, but no set of candidates meets them all together: ${changes.slice(0, -1).join(", ")} or ${changes.at(-1)}.`;
    }
  }
}
