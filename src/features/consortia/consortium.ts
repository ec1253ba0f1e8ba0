/**
 * A consortium as the feature keeps and shows it, the candidates the engine chooses from, swapping
 * a member, and an impossible request in words. Pure: no Slack, no database.
 */
import { labelOf, countries as taxonomyCountries } from "../../domain/taxonomy.js";
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
  cluster: string;
  /** The roles it fills, with its fit and the reasons. */
  roles: RoleFit[];
};

export type ConsortiumRecord = {
  id: number;
  name: string;
  missionId: number | null;
  opportunity: string;
  roles: ConsortiumRole[];
  constraints: BuildConstraints;
  status: ConsortiumStatus;
  score: number;
  uncoveredRoles: string[];
  channelId: string | null;
  createdBySlackId: string | null;
  members: ConsortiumMemberRecord[];
};

/** An SME without a cluster still counts once towards cluster diversity: as "no cluster". */
const noCluster = "none";

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
    return [{ smeId: sme.id, name: sme.name, country: sme.country, cluster: sme.cluster ?? noCluster, fits: own }];
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

/** Countries, clusters, score and uncovered roles of a set of members, as a proposal states them. */
export function summaryOf(
  members: readonly ConsortiumMemberRecord[],
  roles: readonly ConsortiumRole[],
): { countries: string[]; clusters: string[]; score: number; uncoveredRoles: string[] } {
  const covered = new Set(members.flatMap((member) => member.roles.map((fit) => fit.role)));
  const score = members.reduce((sum, member) => sum + member.roles.reduce((s, fit) => s + fit.fit, 0), 0);
  return {
    countries: [...new Set(members.map((member) => member.country))].sort(),
    clusters: [...new Set(members.map((member) => member.cluster))].sort(),
    score: Math.round(score * 100) / 100,
    uncoveredRoles: roles.filter((role) => !covered.has(role.key)).map((role) => role.key),
  };
}

export type SwapOption = { smeId: number; name: string; country: string; cluster: string; fit: RoleFit };

/**
 * The next best candidates for a role of a consortium, best first: SMEs that fill it and are not
 * excluded, such that handing them the role keeps the constraints (size, countries, clusters, the
 * SMEs that must stay in). The member holding the role now is not among them.
 */
export function swapOptions(
  consortium: Pick<ConsortiumRecord, "members" | "constraints">,
  role: string,
  candidates: readonly ConsortiumCandidate[],
  limit = 5,
): SwapOption[] {
  const holder = consortium.members.find((member) => member.roles.some((fit) => fit.role === role));
  const options: SwapOption[] = [];
  for (const candidate of candidates) {
    const fit = candidate.fits.find((entry) => entry.role === role);
    if (!fit || candidate.smeId === holder?.smeId) continue;
    if (consortium.constraints.mustExclude.includes(candidate.smeId)) continue;
    const after = withRoleGivenTo(consortium.members, role, candidate);
    const { countries, clusters } = summaryOf(after, []);
    const mustStay = consortium.constraints.mustInclude.every((id) => after.some((member) => member.smeId === id));
    if (after.length > consortium.constraints.maxSize || !mustStay) continue;
    if (countries.length < consortium.constraints.minCountries) continue;
    if (clusters.length < consortium.constraints.minClusters) continue;
    options.push({
      smeId: candidate.smeId,
      name: candidate.name,
      country: candidate.country,
      cluster: candidate.cluster,
      fit,
    });
  }
  return options.sort((a, b) => b.fit.fit - a.fit.fit || a.name.localeCompare(b.name)).slice(0, limit);
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

/** Why a request cannot be met, in words, each reason naming what to change. */
export function impossibilityText(
  reason: ConsortiumImpossibility,
  names: { role: (key: string) => string; sme: (id: number) => string },
): string {
  switch (reason.kind) {
    case "role-uncoverable":
      return `Nobody can fill *${names.role(reason.role)}* under these constraints: no candidate's profile fits that role. Widen the search to the whole directory, or rename the role in words SMEs use.`;
    case "too-few-countries":
      return `At least ${reason.required} countries are required, but the candidates come from ${reason.available}: lower the number of countries or widen the search.`;
    case "too-few-clusters":
      return `At least ${reason.required} clusters are required, but the candidates come from ${reason.available}: lower the number of clusters or widen the search.`;
    case "must-include-too-many":
      return `${reason.mustInclude} SMEs must be in, but a consortium has at most ${reason.maxSize} members: pick fewer or raise the maximum size.`;
    case "must-include-excluded":
      return `${names.sme(reason.smeId)} is both required and excluded: remove it from one of the two lists.`;
    case "must-include-fits-no-role":
      return `${names.sme(reason.smeId)} must be in, but fits none of the roles: add a role it can fill, or leave it out.`;
    case "no-candidates":
      return "No SME fits any of the roles: describe the roles in other words, or widen the search to the whole directory.";
    case "too-small-for-diversity":
      return `Each member brings one country and one cluster, so these minimums need at least ${reason.needed} members, but a consortium has at most ${reason.maxSize}: raise the maximum size or lower the minimums.`;
    case "constraints-conflict":
      return "Each constraint can be met on its own, but no set of candidates meets them all together: lower the minimum countries or clusters, raise the maximum size, or require fewer SMEs.";
  }
}
