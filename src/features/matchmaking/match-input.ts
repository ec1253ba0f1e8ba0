/**
 * What the recommender reads about the two sides of a meeting, and what it answers. The Slack
 * listeners fill these from the database, `npm run match` from CSV files. Pure types.
 */
import { z } from "zod";
import type { MarketKey } from "../../domain/taxonomy.js";
import type { OrganisationTypeKey } from "../missions/index.js";

/** What an SME said in a finished Business Intelligence template, for the market it targets. */
export type BiSignals = {
  market: MarketKey;
  /** e.g. ["municipalities", "industrial parks"] (the template's options). */
  targetCustomers: string[];
  /** e.g. ["distributor", "EPC contractor"]. */
  partnerTypes: string[];
  /** Free text: local projects, tenders or programmes it named. */
  localProjects: string;
  /** Free text: the ideal partner it described. */
  partnerProfile: string;
};

const textList = z.array(z.string()).catch([]);
const text = z.string().catch("");

/** The fields of the BI templates (prompts/bi/*.yaml) the recommender reads; anything else is ignored. */
const biAnswersSchema = z.object({
  target_customers: textList.optional().transform((value) => value ?? []),
  partner_types: textList.optional().transform((value) => value ?? []),
  local_projects: text.optional().transform((value) => value ?? ""),
  partner_profile: text.optional().transform((value) => value ?? ""),
});

/**
 * The signals of a finished BI template's answers (the stored JSON, field key → answer), for the
 * template's market. An answer of an unexpected shape counts as not given.
 */
export function biSignalsFromAnswers(market: MarketKey, answers: unknown): BiSignals {
  const parsed = biAnswersSchema.safeParse(answers);
  const fields = parsed.success
    ? parsed.data
    : { target_customers: [], partner_types: [], local_projects: "", partner_profile: "" };
  return {
    market,
    targetCustomers: fields.target_customers,
    partnerTypes: fields.partner_types,
    localProjects: fields.local_projects,
    partnerProfile: fields.partner_profile,
  };
}

export type MatchSme = {
  id: number;
  name: string;
  country: string;
  /** Directory taxonomy keys. */
  sectors: string[];
  stages: string[];
  seeks: string[];
  markets: MarketKey[];
  pitch: string;
  offer: string;
  /** One entry per finished BI template. */
  bi: BiSignals[];
};

export type MatchOrganisation = {
  id: number;
  name: string;
  type: OrganisationTypeKey;
  market: MarketKey;
  city: string;
  /** Directory taxonomy keys; often broad or partly wrong, as staff typed them. */
  sectors: string[];
  needs: string;
  languages: string[];
};

export type Counterpart =
  | { kind: "organisation"; id: number; name: string }
  | { kind: "sme"; id: number; name: string };

/** One recommended counterpart: best first, score in 0..1, reasons in plain words. */
export type Suggestion = { counterpart: Counterpart; score: number; reasons: string[] };

/** Two SMEs of a delegation that complement each other, best pair first. */
export type PairSuggestion = {
  smes: [{ id: number; name: string }, { id: number; name: string }];
  score: number;
  reasons: string[];
};
