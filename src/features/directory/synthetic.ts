/**
 * Realistic synthetic SMEs for benchmarks and demo data: deterministic for a given seed, spread over
 * the five clusters' countries (and a few others), sectors, stages and TRLs like a real directory.
 */
import { clusters } from "../../domain/clusters.js";
import { certifications, countries, exportExperience, seeks, sizeBands, stages } from "../../domain/taxonomy.js";
import type { RawProfile } from "./profile.js";

/** A small fast PRNG (mulberry32): the same seed gives the same directory on every machine. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Product = { sector: string; things: string[]; verbs: string[] };

/** What cleantech SMEs make, by sector, in the words they use. */
export const products: readonly Product[] = [
  {
    sector: "district-heating-cooling",
    things: [
      "large heat pumps",
      "district heating substations",
      "pre-insulated pipes",
      "geothermal heat plants",
      "thermal storage tanks",
    ],
    verbs: ["design", "build", "supply"],
  },
  {
    sector: "renewable-energy",
    things: [
      "solar inverters",
      "photovoltaic carports",
      "small wind turbines",
      "biogas digesters",
      "geothermal drilling",
    ],
    verbs: ["install", "manufacture", "develop"],
  },
  {
    sector: "energy-storage",
    things: ["lithium battery systems", "flow batteries", "second-life battery packs", "ice storage for cooling"],
    verbs: ["integrate", "manufacture", "supply"],
  },
  {
    sector: "energy-efficiency",
    things: ["industrial energy audits", "waste heat recovery units", "LED retrofit kits", "variable speed drives"],
    verbs: ["deliver", "install", "optimise"],
  },
  {
    sector: "green-buildings",
    things: [
      "timber building systems",
      "smart ventilation",
      "insulation from recycled fibres",
      "building energy management software",
    ],
    verbs: ["design", "supply", "develop"],
  },
  {
    sector: "water-wastewater",
    things: ["membrane filtration", "sludge drying systems", "leak detection sensors", "UV disinfection units"],
    verbs: ["build", "operate", "supply"],
  },
  {
    sector: "air-quality",
    things: ["air quality sensors", "industrial dust filters", "emission monitoring stations", "indoor air purifiers"],
    verbs: ["manufacture", "deploy", "develop"],
  },
  {
    sector: "soil-remediation",
    things: ["soil washing plants", "bioremediation services", "contaminated site surveys"],
    verbs: ["operate", "deliver", "engineer"],
  },
  {
    sector: "waste-circular",
    things: [
      "plastic recycling lines",
      "textile sorting robots",
      "organic waste composters",
      "battery recycling processes",
    ],
    verbs: ["build", "develop", "operate"],
  },
  {
    sector: "clean-mobility",
    things: [
      "EV fast chargers",
      "electric boat drives",
      "hydrogen refuelling stations",
      "fleet electrification software",
    ],
    verbs: ["manufacture", "install", "develop"],
  },
  {
    sector: "smart-grids",
    things: ["smart meters", "grid edge controllers", "demand response platforms", "microgrid controllers"],
    verbs: ["develop", "supply", "integrate"],
  },
  {
    sector: "hydrogen",
    things: ["PEM electrolysers", "hydrogen compressors", "fuel cell power units", "green ammonia reactors"],
    verbs: ["develop", "manufacture", "engineer"],
  },
  {
    sector: "smart-city",
    things: ["smart street lighting", "parking sensors", "urban data platforms", "traffic flow analytics"],
    verbs: ["deploy", "develop", "operate"],
  },
];

/** The second sentence of an offer: what SMEs say about their track record, in varied words. */
const offerTails = [
  "Proven in {n} projects across Europe.",
  "Over {n} installations in the Nordics, with remote monitoring.",
  "References with {n} municipalities and utilities.",
  "Service contracts and spare parts from our own team.",
  "Certified quality, {n} years of field data.",
  "Pilot running with a regional utility; {n} units sold.",
  "Turnkey delivery including commissioning and training.",
  "Licensed to {n} partners in Germany and France.",
];

const namePartsA = [
  "Nord",
  "Aqua",
  "Helio",
  "Terra",
  "Vento",
  "Gaia",
  "Thermo",
  "Volt",
  "Hydro",
  "Eco",
  "Blue",
  "Green",
  "Klima",
  "Sol",
  "Bio",
  "Lumen",
  "Fjord",
  "Alp",
  "Rhône",
  "Baltic",
];
const namePartsB = [
  "tec",
  "gen",
  "flow",
  "grid",
  "heat",
  "pure",
  "cycle",
  "watt",
  "power",
  "sense",
  "works",
  "lab",
  "tech",
  "systems",
  "solutions",
  "energy",
];
const legalForms: Record<string, string> = {
  AT: "GmbH",
  BE: "NV",
  DK: "A/S",
  FR: "SAS",
  SE: "AB",
  DE: "GmbH",
  NL: "B.V.",
  FI: "Oy",
  NO: "AS",
  ES: "S.L.",
  IT: "S.r.l.",
};
const clusterCountries = clusters.map((cluster) => cluster.country as string);
const otherCountries = ["DE", "NL", "FI", "NO", "ES", "IT"];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function pickSome<T>(random: () => number, list: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1));
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(pick(random, list));
  return [...chosen];
}

/** `count` valid raw profiles with unique names. */
export function syntheticSmes(count: number, seed = 42): RawProfile[] {
  const random = randomSource(seed);
  const profiles: RawProfile[] = [];
  for (let i = 0; i < count; i++) {
    const country = random() < 0.8 ? pick(random, clusterCountries) : pick(random, otherCountries);
    const cluster = clusters.find((c) => c.country === country);
    const product = pick(random, products);
    const second = random() < 0.4 ? pick(random, products) : undefined;
    const thing = pick(random, product.things);
    const name = `${pick(random, namePartsA)}${pick(random, namePartsB)} ${i + 1}`;
    const trl = 3 + Math.floor(random() * 7);
    profiles.push({
      name: `${name} ${legalForms[country] ?? "Ltd"}`,
      country: countries.find((c) => c.key === country)?.key ?? "DK",
      cluster: cluster && random() < 0.9 ? cluster.key : "none",
      website: `https://${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`,
      pitch: `We ${pick(random, product.verbs)} ${thing} for ${pick(random, ["cities", "utilities", "industry", "building owners", "ports", "farms"])}`,
      offer: `${name} ${pick(random, product.verbs)}s ${thing}${second ? ` and ${pick(random, second.things)}` : ""}. ${pick(random, offerTails).replace("{n}", String(1 + Math.floor(random() * 40)))}`,
      sectors: [...new Set([product.sector, ...(second ? [second.sector] : [])])],
      stages: pickSome(random, stages, 1, 2).map((s) => s.key),
      seeks: pickSome(random, seeks, 1, 3).map((s) => s.key),
      markets: random() < 0.5 ? ["US"] : random() < 0.6 ? ["CN"] : ["US", "CN"],
      sizeBand: pick(random, sizeBands).key,
      foundedYear: String(1985 + Math.floor(random() * 40)),
      trl: String(trl),
      certifications: pickSome(random, certifications, 0, 3).map((c) => c.key),
      exportExperience: pick(random, exportExperience).key,
      contactSlackUserId: "",
      contactEmail: `contact${i + 1}@${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`,
      consent: true,
    });
  }
  return profiles;
}
