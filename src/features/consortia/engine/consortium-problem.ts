/**
 * The consortium builder's problem and answer: the contract between the engine (pure: no Slack,
 * no Prisma) and the Slack feature that fills it from the directory and shows its proposals.
 *
 * A consortium covers the value-chain roles a local project needs with SMEs of several countries
 * and clusters. Each candidate SME states, per role it could fill, how well it fits (0–1) and why
 * (the recommender's reasons). The engine picks members and assigns each covered role to exactly
 * one of them, maximising coverage first and fit second, under the constraints below.
 */

/** One value-chain role the project needs, e.g. { key: "thermal-storage", label: "Thermal storage" }. */
export type ConsortiumRole = { key: string; label: string };

/** How well a candidate fills one role: fit in (0, 1]; reasons in plain words for the proposal. */
export type RoleFit = { role: string; fit: number; reasons: readonly string[] };

export type ConsortiumCandidate = {
  smeId: number;
  name: string;
  /** ISO country code of the SME. */
  country: string;
  /** The SME's cluster key; null for an SME in no cluster (it counts towards no cluster minimum). */
  cluster: string | null;
  /** Only roles this SME could fill; a role absent here is one it cannot. */
  fits: readonly RoleFit[];
};

export type ConsortiumConstraints = {
  /** At least this many different countries among the members (default 2). */
  minCountries: number;
  /** At least this many different clusters among the members (default 2). */
  minClusters: number;
  /** At most this many members. */
  maxSize: number;
  /** SMEs that must be members (each is given at least one role it can fill). */
  mustInclude: readonly number[];
  /** SMEs that must not be members. */
  mustExclude: readonly number[];
};

export type ConsortiumRequest = {
  roles: readonly ConsortiumRole[];
  constraints: ConsortiumConstraints;
  candidates: readonly ConsortiumCandidate[];
  /** How many diverse proposals to return (default 3); no two share more than half their members. */
  alternatives?: number;
};

export type ConsortiumMemberPick = { smeId: number; roles: readonly string[] };

export type ConsortiumProposal = {
  members: readonly ConsortiumMemberPick[];
  /** Roles nobody in this proposal fills (nobody can under the constraints, or too few members). */
  uncoveredRoles: readonly string[];
  countries: readonly string[];
  /** The members' clusters (members without a cluster add none). */
  clusters: readonly string[];
  /** Sum of the fits of the covered roles (0 … number of roles). */
  score: number;
};

/** Why no consortium meets the request: each names what cannot be met and, where useful, the numbers. */
export type ConsortiumImpossibility =
  /** Nobody can fill the role; `excludedWhoFit`: how many of the excluded SMEs could (absent when none). */
  | { kind: "role-uncoverable"; role: string; excludedWhoFit?: number }
  | { kind: "too-few-countries"; required: number; available: number }
  | { kind: "too-few-clusters"; required: number; available: number }
  | { kind: "must-include-too-many"; maxSize: number; mustInclude: number }
  | { kind: "must-include-excluded"; smeId: number }
  | { kind: "must-include-fits-no-role"; smeId: number }
  | { kind: "no-candidates" }
  // Added by the engine (new kinds, nothing above changes meaning):
  /** Each member adds at most one country and one cluster: the minimums need `needed` members. */
  | { kind: "too-small-for-diversity"; maxSize: number; needed: number }
  /**
   * Each member fills a role of its own, so a consortium has at most as many members as roles someone
   * can fill (`roles`), fewer than its maximum size: the minimums or the must-includes need `needed`.
   */
  | { kind: "too-few-roles"; roles: number; needed: number; because: "diversity" | "must-include" }
  /**
   * Each constraint can be met alone but no consortium of the candidates meets them all together.
   * `rolesLimitSize`: the roles someone can fill, not the maximum size, bound the number of members.
   */
  | { kind: "constraints-conflict"; rolesLimitSize: boolean };

export type ConsortiumOutcome =
  | {
      kind: "proposals";
      /** Best first; fewer than asked when no more diverse ones exist. */
      proposals: readonly ConsortiumProposal[];
      /** True when the first proposal is proven optimal (exact solver finished). */
      optimal: boolean;
      /** Roles nobody can fill under the constraints: proposals go ahead without them. */
      uncoverable: readonly ConsortiumImpossibility[];
    }
  | { kind: "impossible"; reasons: readonly ConsortiumImpossibility[] };
