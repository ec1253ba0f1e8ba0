/**
 * Seeded, realistic consortium requests for the engine's tests and benchmark: the same seed always
 * gives the same request. What makes them realistic:
 * - SMEs come from ten European countries of very different sizes (Germany and France many, Denmark
 *   few) and five clusters, each cluster rooted in one country (70% of its SMEs are from there);
 * - each cluster has its sectors: the roles its SMEs fill lean towards them, and some roles
 *   (financing, building management) are rare everywhere;
 * - an SME fits 1 role (55%), 2 (30%) or 3 (15%); fits are skewed low (most SMEs fit a role
 *   moderately, few very well), rounded to 3 decimals as the recommender gives them.
 * Random numbers come from pure-rand (xoroshiro128+ with its unbiased uniform distributions). Pure.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { ConsortiumCandidate, ConsortiumConstraints, ConsortiumRequest } from "./consortium-problem.js";

/** The value chain of a district-energy retrofit: every generated request asks a prefix of it. */
export const valueChainRoles = [
  { key: "heat-pumps", label: "Heat pumps", weight: 5 },
  { key: "thermal-storage", label: "Thermal storage", weight: 3 },
  { key: "building-management", label: "Building management system", weight: 1.5 },
  { key: "engineering", label: "Engineering and design", weight: 6 },
  { key: "financing", label: "Project financing", weight: 1 },
  { key: "solar-pv", label: "Solar PV", weight: 5 },
  { key: "district-heating", label: "District heating networks", weight: 2 },
  { key: "insulation", label: "Insulation and envelope", weight: 3 },
  { key: "monitoring", label: "Energy monitoring", weight: 3 },
  { key: "installation", label: "Installation and commissioning", weight: 4 },
  { key: "smart-grid", label: "Smart grid integration", weight: 2 },
  { key: "training", label: "Operator training", weight: 1.5 },
] as const;

/** Country and its share of the SMEs. */
const countries: readonly [string, number][] = [
  ["DE", 20],
  ["FR", 16],
  ["IT", 12],
  ["ES", 11],
  ["NL", 9],
  ["PL", 8],
  ["AT", 8],
  ["BE", 7],
  ["SE", 5],
  ["DK", 4],
];

/** Cluster, its home country, its share of the SMEs and the roles its SMEs lean towards. */
const clusters: readonly { key: string; home: string; share: number; sectors: readonly string[] }[] = [
  { key: "green-tech-cluster", home: "AT", share: 25, sectors: ["heat-pumps", "solar-pv", "installation"] },
  { key: "tweed", home: "BE", share: 20, sectors: ["smart-grid", "monitoring", "financing"] },
  { key: "cleantech-alps", home: "FR", share: 20, sectors: ["thermal-storage", "district-heating", "engineering"] },
  { key: "energy-cluster-north", home: "DK", share: 15, sectors: ["district-heating", "smart-grid", "training"] },
  { key: "build-green", home: "ES", share: 20, sectors: ["insulation", "building-management", "engineering"] },
];
/** How much more likely an SME is to fill one of its cluster's sectors. */
const sectorLean = 4;
const homeShare = 0.7;
const roleCountShares = [0.55, 0.3, 0.15];

export type ConsortiumInstanceSize = { smes: number; roles?: number };

export type GeneratedInstance = { request: ConsortiumRequest };

export function generateConsortiumRequest(
  size: ConsortiumInstanceSize,
  seed: number,
  constraints: Partial<ConsortiumConstraints> = {},
): ConsortiumRequest {
  const rng = xoroshiro128plus(seed);
  const fraction = () => uniformFloat64(rng);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const pick = <T>(items: readonly T[], weight: (item: T) => number): T => {
    let left = fraction() * items.reduce((sum, item) => sum + weight(item), 0);
    for (const item of items) {
      left -= weight(item);
      if (left < 0) return item;
    }
    return items[items.length - 1] as T;
  };
  const roles = valueChainRoles.slice(0, size.roles ?? valueChainRoles.length);
  const candidates: ConsortiumCandidate[] = [];
  for (let s = 0; s < size.smes; s += 1) {
    const cluster = pick(clusters, (c) => c.share);
    const country = fraction() < homeShare ? cluster.home : pick(countries, ([, share]) => share)[0];
    const lean = (key: string) => (cluster.sectors.includes(key) ? sectorLean : 1);
    let roleCount = 1;
    for (let left = fraction(), k = 0; k < roleCountShares.length; k += 1) {
      left -= roleCountShares[k] ?? 0;
      if (left < 0) {
        roleCount = k + 1;
        break;
      }
    }
    const chosen = new Set<string>();
    while (chosen.size < Math.min(roleCount, roles.length)) {
      const role = pick(
        roles.filter((r) => !chosen.has(r.key)),
        (r) => r.weight * lean(r.key),
      );
      chosen.add(role.key);
    }
    candidates.push({
      smeId: s + 1,
      name: `SME ${s + 1}`,
      country,
      cluster: cluster.key,
      fits: [...chosen].map((role) => ({
        role,
        // Skewed low: u^2 puts most fits between 0.1 and 0.5, a few near 1.
        fit: Math.max(0.001, Math.round((0.1 + 0.9 * fraction() ** 2) * 1000) / 1000),
        reasons: [`${int(1, 12)} projects in ${role}`],
      })),
    });
  }
  return {
    roles: roles.map(({ key, label }) => ({ key, label })),
    constraints: {
      minCountries: 2,
      minClusters: 2,
      maxSize: 6,
      mustInclude: [],
      mustExclude: [],
      ...constraints,
    },
    candidates,
  };
}
