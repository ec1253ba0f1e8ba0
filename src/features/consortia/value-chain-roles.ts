/**
 * The value-chain roles a project needs: suggested from its description by keyword rules (the
 * rules are data, general cleantech words), typed or edited by people one role per line, and each
 * role read back with the stages and sectors it belongs to. Pure.
 */
import type { SectorKey, StageKey } from "../../domain/taxonomy.js";
import { foldText } from "../../domain/text.js";
import { entriesIn, type RoleToFill, tokensOf } from "../matchmaking/index.js";

export type RoleRule = {
  key: string;
  label: string;
  stages: readonly StageKey[];
  sectors: readonly SectorKey[];
  /** Words and phrases that say a project needs this role (lower case; matched stemmed, in order). */
  words: readonly string[];
};

/** What a project may need, in the order a proposal lists them: hardware first, money last. */
export const roleRules: readonly RoleRule[] = [
  {
    key: "heat-pumps",
    label: "Heat pumps",
    stages: ["equipment"],
    sectors: ["energy-efficiency", "district-heating-cooling"],
    words: ["heat pump", "heat pumps", "heatpump", "boiler replacement", "electrify heating"],
  },
  {
    key: "thermal-storage",
    label: "Thermal storage",
    stages: ["equipment"],
    sectors: ["energy-storage", "district-heating-cooling"],
    words: ["thermal storage", "heat storage", "thermal energy storage", "hot water tank", "seasonal storage"],
  },
  {
    key: "battery-storage",
    label: "Battery storage",
    stages: ["equipment", "system-integration"],
    sectors: ["energy-storage"],
    words: ["battery", "batteries", "bess", "battery storage", "electricity storage"],
  },
  {
    key: "solar-pv",
    label: "Solar PV",
    stages: ["equipment", "system-integration"],
    sectors: ["renewable-energy"],
    words: ["solar", "photovoltaic", "pv", "rooftop solar"],
  },
  {
    key: "building-envelope",
    label: "Insulation and building envelope",
    stages: ["components", "equipment"],
    sectors: ["green-buildings", "energy-efficiency"],
    words: ["insulation", "facade", "windows", "building envelope", "deep renovation"],
  },
  {
    key: "lighting",
    label: "Efficient lighting",
    stages: ["equipment"],
    sectors: ["energy-efficiency", "smart-city"],
    words: ["lighting", "led", "street lights", "streetlights"],
  },
  {
    key: "ev-charging",
    label: "EV charging",
    stages: ["equipment", "system-integration"],
    sectors: ["clean-mobility"],
    words: ["charging", "charger", "chargers", "electric bus", "electric buses", "ev", "fleet electrification"],
  },
  {
    key: "water-treatment",
    label: "Water treatment",
    stages: ["equipment"],
    sectors: ["water-wastewater"],
    words: ["wastewater", "water treatment", "sewage", "sludge", "drinking water", "desalination", "water reuse"],
  },
  {
    key: "air-quality",
    label: "Air-quality monitoring",
    stages: ["equipment", "software-data"],
    sectors: ["air-quality"],
    words: ["air quality", "air pollution", "emissions monitoring", "particulate", "pm2 5"],
  },
  {
    key: "waste-recovery",
    label: "Waste recovery and recycling",
    stages: ["equipment"],
    sectors: ["waste-circular"],
    words: ["waste", "recycling", "composting", "biomass", "circular", "biogas"],
  },
  {
    key: "soil-remediation",
    label: "Soil remediation",
    stages: ["engineering-epc", "services-om"],
    sectors: ["soil-remediation"],
    words: ["soil", "contaminated land", "brownfield", "remediation"],
  },
  {
    key: "hydrogen",
    label: "Hydrogen production",
    stages: ["equipment"],
    sectors: ["hydrogen"],
    words: ["hydrogen", "electrolyser", "electrolyzer", "electrolysis", "fuel cell"],
  },
  {
    key: "grid-integration",
    label: "Grid connection and flexibility",
    stages: ["system-integration", "equipment"],
    sectors: ["smart-grids"],
    words: ["grid", "microgrid", "demand response", "smart meter", "smart meters", "metering", "substation"],
  },
  {
    key: "controls-software",
    label: "Building management system and software",
    stages: ["software-data"],
    sectors: ["green-buildings", "energy-efficiency", "smart-city"],
    words: [
      "building management",
      "bms",
      "controls",
      "monitoring",
      "software",
      "digital twin",
      "scada",
      "platform",
      "energy management",
      "data",
    ],
  },
  {
    key: "engineering-epc",
    label: "Engineering and EPC",
    stages: ["engineering-epc", "system-integration"],
    sectors: [],
    words: [
      "retrofit",
      "engineering",
      "design",
      "epc",
      "installation",
      "construction",
      "district energy",
      "district heating",
      "plant",
      "turnkey",
      "build",
      "upgrade",
    ],
  },
  {
    key: "operations-maintenance",
    label: "Operation and maintenance",
    stages: ["services-om"],
    sectors: [],
    words: ["operation", "operations", "maintenance", "o m", "service contract"],
  },
  {
    key: "financing",
    label: "Financing",
    stages: ["finance"],
    sectors: [],
    words: ["financing", "finance", "investment", "funding", "esco", "energy performance contract", "ppa", "loan"],
  },
];

const rulePhrases = roleRules.map((rule) => ({ id: rule.key, phrases: rule.words.map(tokensOf) }));

/** The rules whose words appear in a text, in the rules' order. */
function rulesIn(text: string): RoleRule[] {
  const found = new Set(entriesIn(tokensOf(text), rulePhrases).map((entry) => entry.id));
  return roleRules.filter((rule) => found.has(rule.key));
}

/** Fewer meaningful words than this and a description says too little to suggest roles from. */
export const minimumDescriptionWords = 4;

export type RoleSuggestion = { ok: true; labels: string[] } | { ok: false; problem: string };

/**
 * The roles a described project needs, by the keyword rules: "a district-energy retrofit with heat
 * pumps, thermal storage, a BMS and financing" → Heat pumps, Thermal storage, Building management
 * system and software, Engineering and EPC, Financing. A project with hardware also needs
 * engineering to put it together.
 */
export function suggestRolesByRules(description: string): RoleSuggestion {
  const words = foldText(description)
    .split(" ")
    .filter((word) => word.length > 2);
  const found = rulesIn(description);
  if (words.length < minimumDescriptionWords || found.length === 0) {
    return {
      ok: false,
      problem:
        "This says too little to suggest the roles the project needs: describe what will be built or delivered (e.g. “retrofit of a district-heating plant with heat pumps, heat storage and a building-management system”), or type the roles below, one per line.",
    };
  }
  const needsEngineering = found.some((rule) => rule.stages.includes("equipment"));
  const engineering = roleRules.find((rule) => rule.key === "engineering-epc");
  const labels = roleRules
    .filter((rule) => found.includes(rule) || (needsEngineering && rule === engineering))
    .map((rule) => rule.label);
  return { ok: true, labels };
}

/** A role's key: its folded label with dashes ("Heat pumps" → "heat-pumps"). */
export function roleKey(label: string): string {
  return foldText(label).split(" ").filter(Boolean).join("-").slice(0, 60);
}

/**
 * A role as the builder matches it: a rule's role keeps its stages, sectors and words; a role
 * people typed takes those of the rules its words name ("Heat-pump installers" → the heat-pump
 * rule's), so "Seasonal heat storage" still finds SMEs that make thermal storage.
 */
export function roleToFill(label: string): RoleToFill {
  const exact = roleRules.find((rule) => foldText(rule.label) === foldText(label));
  const rules = exact ? [exact] : rulesIn(label);
  const stages = [...new Set(rules.flatMap((rule) => rule.stages))];
  const sectors = [...new Set(rules.flatMap((rule) => rule.sectors))];
  const words = rules.flatMap((rule) => rule.words.slice(0, 4));
  return { key: roleKey(label), label, text: [label, ...words].join(", "), stages, sectors };
}

/** Most roles a consortium is built for: the engine is exact up to about this many. */
export const maximumRoles = 12;
const maximumRoleLength = 80;

export type RoleLines = { ok: true; labels: string[] } | { ok: false; problem: string };

/** The roles typed in the form, one per line (bullets and numbering ignored, repeats named). */
export function readRoleLines(text: string): RoleLines {
  const labels = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•·]|\d+[.)])\s*/, "").trim())
    .filter((line) => line !== "");
  if (labels.length === 0) return { ok: false, problem: "Type at least one role, one per line." };
  if (labels.length > maximumRoles) {
    return {
      ok: false,
      problem: `${labels.length} roles is more than a consortium is built for (at most ${maximumRoles}): merge some lines.`,
    };
  }
  const tooLong = labels.find((label) => label.length > maximumRoleLength);
  if (tooLong) {
    return {
      ok: false,
      problem: `“${tooLong.slice(0, 30)}…” is longer than ${maximumRoleLength} characters: name the role in a few words.`,
    };
  }
  const keys = labels.map(roleKey);
  const empty = labels.find((_, index) => keys[index] === "");
  if (empty) return { ok: false, problem: `“${empty}” has no letters or digits: name the role in words.` };
  const repeated = labels.find((_, index) => keys.indexOf(keys[index] as string) !== index);
  if (repeated) return { ok: false, problem: `“${repeated}” is there twice: keep one line per role.` };
  return { ok: true, labels };
}
