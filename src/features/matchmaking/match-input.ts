/**
 * What the recommender reads about the two sides of a meeting, and what it answers. The Slack
 * listeners fill these from the database, `npm run match` from CSV files. Pure types.
 */
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
