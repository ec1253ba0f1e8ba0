/**
 * The recommender: who should meet whom on a mission, best first, each with its reasons in plain
 * words. Pure: no Slack, no database; embeddings, when there are any, come in as vectors.
 *
 * Scoring is reciprocal. The organisation's side: does the SME offer what it needs (text relevance
 * between the SME's offer and the organisation's needs, through the concept lexicon, BM25 and
 * embeddings), in its sector, at the value-chain stage this kind of organisation buys from? The
 * SME's side: is the organisation what the SME seeks (its "seeks", and the target customers and
 * partner types of its BI template)? The score is the product of the two sides, in 0..1. An
 * organisation in a market the SME does not target is never suggested.
 */
import { labelOf, type MarketKey, type SectorKey, type StageKey, sectors, seeks } from "../../domain/taxonomy.js";
import { foldText } from "../../domain/text.js";
import { type OrganisationTypeKey, organisationTypes } from "../missions/index.js";
import { lexicon as appLexicon, type Concept, type CounterpartKind, type Lexicon } from "./lexicon.js";
import type { BiSignals, MatchOrganisation, MatchSme, PairSuggestion, Suggestion } from "./match-input.js";
import {
  type AnalysedText,
  analyse,
  Bm25Index,
  embeddingRelevance,
  entriesIn,
  sharedTheme,
  textRelevance,
  tokensOf,
} from "./text-relevance.js";

export type RecommendOptions = {
  /** How many suggestions at most (default 10). */
  limit?: number;
  /** Embeddings by text (see `textsToEmbed`); without them the lexicon and BM25 alone decide. */
  embeddings?: ReadonlyMap<string, Float32Array>;
  /** Another lexicon, for tests. */
  lexicon?: Lexicon;
  /**
   * The SMEs of the mission (the SME itself among them or not). An organisation meets a few of
   * them, so one whose needs another SME's offer answers better ranks lower: the organisation's
   * own preference, the other half of reciprocal scoring. Without it, each organisation is taken
   * to prefer this SME.
   */
  delegation?: readonly MatchSme[];
};

const defaultLimit = 10;
/** Below this a counterpart has nothing worth a meeting in common. */
const minimumScore = 0.1;
/**
 * How strongly an organisation's preference among the delegation's SMEs weighs: the text
 * relevance is multiplied by (this SME's share of the organisation's best) to this power. 2
 * measured best on the benchmark's tuning needs (P@5 0.68 → 0.74; 1 gave 0.73), when the
 * preference read BM25 alone; it now reads the same relevance as the ranking, themes included.
 */
const preferenceWeight = 2;

/** What an SME writes about itself: the text matched against organisations' needs. */
export function smeText(sme: Pick<MatchSme, "pitch" | "offer">): string {
  return `${sme.pitch}\n${sme.offer}`;
}

/** What an organisation writes: its needs, or the project it runs. */
export function organisationText(organisation: Pick<MatchOrganisation, "needs">): string {
  return organisation.needs;
}

/** The texts whose embeddings the recommender can use, for the embeddings cache to fill. */
export function textsToEmbed(smes: readonly MatchSme[], organisations: readonly MatchOrganisation[]): string[] {
  return [...new Set([...smes.map(smeText), ...organisations.map(organisationText)])];
}

/** The markets an SME targets: those of its profile, and those of the BI templates it finished. */
export function targetMarkets(sme: Pick<MatchSme, "markets" | "bi">): Set<MarketKey> {
  return new Set([...sme.markets, ...sme.bi.map((signals) => signals.market)]);
}

// ---------------------------------------------------------------------------------------------
// Fit tables: the value chain and what each side seeks.

/** Which organisation types each of the directory's "seeks" means. */
export const typesSought: Readonly<Record<string, readonly OrganisationTypeKey[]>> = {
  distributors: ["distributor"],
  "project-owners": ["project-owner", "agency", "buyer"],
  "jv-partners": ["partner"],
  investors: ["investor"],
  "rnd-partners": ["research"],
  suppliers: ["partner", "distributor"],
};

/** How well an SME's value-chain stage fits what each kind of organisation buys from or works with. */
const stageFitByType: Record<OrganisationTypeKey, Partial<Record<StageKey, number>>> = {
  "project-owner": {
    equipment: 1,
    "system-integration": 1,
    "engineering-epc": 1,
    "services-om": 0.8,
    "software-data": 0.7,
    finance: 0.6,
    components: 0.4,
    rnd: 0.3,
  },
  buyer: {
    equipment: 1,
    components: 1,
    "software-data": 0.8,
    "system-integration": 0.7,
    "services-om": 0.5,
    "engineering-epc": 0.4,
    rnd: 0.2,
  },
  distributor: { equipment: 1, components: 1, "software-data": 0.6, "system-integration": 0.4, "services-om": 0.2 },
  partner: {
    "system-integration": 0.9,
    "engineering-epc": 0.9,
    equipment: 0.8,
    components: 0.8,
    "software-data": 0.8,
    "services-om": 0.7,
    rnd: 0.6,
    finance: 0.5,
  },
  investor: {
    rnd: 0.6,
    components: 0.6,
    equipment: 0.6,
    "system-integration": 0.6,
    "software-data": 0.6,
    "engineering-epc": 0.5,
    "services-om": 0.5,
  },
  agency: {
    "engineering-epc": 0.8,
    "software-data": 0.7,
    "system-integration": 0.7,
    equipment: 0.6,
    "services-om": 0.6,
    rnd: 0.6,
    finance: 0.5,
  },
  research: { rnd: 1, components: 0.5, equipment: 0.5, "software-data": 0.5 },
};

/** A stage in words, as "you …" and "<name> …" (for SME–SME reasons). */
const stageWords: Record<StageKey, { you: string; they: string }> = {
  rnd: { you: "do research and development", they: "does research and development" },
  components: { you: "make components", they: "makes components" },
  equipment: { you: "make equipment", they: "makes equipment" },
  "system-integration": { you: "integrate systems", they: "integrates systems" },
  "engineering-epc": { you: "engineer and build projects", they: "engineers and builds projects" },
  "software-data": { you: "make software", they: "makes software" },
  "services-om": { you: "run and maintain installations", they: "runs and maintains installations" },
  finance: { you: "finance projects", they: "finances projects" },
};

const isPronoun = (subject: string) => subject === "you" || subject === "they";
/** "you make equipment", "they make equipment", "Cell Forge makes equipment". */
const doing = (subject: string, stage: StageKey) =>
  isPronoun(subject) ? stageWords[stage].you : stageWords[stage].they;

/** Stages that work together along a value chain: a maker and the one who installs or supplies it. */
const complementaryStages: ReadonlyArray<[StageKey, StageKey]> = [
  ["components", "equipment"],
  ["equipment", "system-integration"],
  ["equipment", "engineering-epc"],
  ["equipment", "services-om"],
  ["equipment", "software-data"],
  ["components", "system-integration"],
  ["system-integration", "software-data"],
  ["engineering-epc", "software-data"],
  ["engineering-epc", "services-om"],
  ["rnd", "equipment"],
  ["rnd", "components"],
  ["finance", "engineering-epc"],
  ["finance", "system-integration"],
];

/** What an SME that seeks this finds in another SME of the delegation, by that SME's stages. */
const stagesSought: Record<string, readonly StageKey[]> = {
  suppliers: ["components", "equipment"],
  "rnd-partners": ["rnd"],
  "project-owners": ["engineering-epc", "system-integration"],
  investors: ["finance"],
  "jv-partners": [],
  distributors: [],
};

// ---------------------------------------------------------------------------------------------
// Each side read once.

type PreparedSme = {
  sme: MatchSme;
  text: AnalysedText;
  concepts: Set<string>;
  sectors: Set<string>;
  markets: Set<MarketKey>;
  /** Per market, the BI answers and their free text analysed. */
  bi: Map<MarketKey, { signals: BiSignals; text: AnalysedText }>;
};

type PreparedOrganisation = {
  organisation: MatchOrganisation;
  text: AnalysedText;
  concepts: Set<string>;
  /** The sectors it was tagged with, and those its needs name through the lexicon. */
  sectors: Set<string>;
  /** The kinds of counterpart it is (utilities, municipalities, distributors...). */
  kinds: Set<string>;
};

function sectorsOfConcepts(conceptIds: readonly string[], lexicon: Lexicon): string[] {
  return conceptIds.flatMap((id) => lexicon.concepts.find((concept) => concept.id === id)?.sectors ?? []);
}

function prepareSme(sme: MatchSme, lexicon: Lexicon): PreparedSme {
  const text = analyse(smeText(sme), lexicon.concepts);
  const bi = new Map<MarketKey, { signals: BiSignals; text: AnalysedText }>();
  for (const signals of sme.bi) {
    bi.set(signals.market, {
      signals,
      text: analyse(`${signals.localProjects}\n${signals.partnerProfile}`, lexicon.concepts),
    });
  }
  return {
    sme,
    text,
    concepts: new Set(text.conceptIds),
    sectors: new Set([...sme.sectors, ...sectorsOfConcepts(text.conceptIds, lexicon)]),
    markets: targetMarkets(sme),
    bi,
  };
}

/**
 * The kinds an organisation is: by its type, by a word of its name ("City of Austin"), or by a
 * phrase of its needs ("the municipal utility"); a single word of the needs may say where it is
 * rather than what it is.
 */
function kindsOf(organisation: MatchOrganisation, lexicon: Lexicon): Set<string> {
  const kinds = new Set<string>();
  for (const kind of lexicon.counterparts) if (kind.types.includes(organisation.type)) kinds.add(kind.id);
  for (const kind of entriesIn(tokensOf(organisation.name), lexicon.counterparts)) kinds.add(kind.id);
  for (const kind of entriesIn(tokensOf(organisation.needs), phrasesOfSeveralWords(lexicon))) kinds.add(kind.id);
  return kinds;
}

/** The counterpart kinds with only their phrases of two words or more, made once per lexicon. */
const severalWordKinds = new WeakMap<Lexicon, { id: string; phrases: string[][] }[]>();
function phrasesOfSeveralWords(lexicon: Lexicon) {
  const known = severalWordKinds.get(lexicon);
  if (known) return known;
  const kinds = lexicon.counterparts.map((kind) => ({
    id: kind.id,
    phrases: kind.phrases.filter((phrase) => phrase.length > 1),
  }));
  severalWordKinds.set(lexicon, kinds);
  return kinds;
}

function prepareOrganisation(organisation: MatchOrganisation, lexicon: Lexicon): PreparedOrganisation {
  const text = analyse(organisationText(organisation), lexicon.concepts);
  return {
    organisation,
    text,
    concepts: new Set(text.conceptIds),
    sectors: new Set([...organisation.sectors, ...sectorsOfConcepts(text.conceptIds, lexicon)]),
    kinds: kindsOf(organisation, lexicon),
  };
}

/**
 * A list of organisations or SMEs read once, with its BM25 index: a mission's 25 SMEs are all
 * suggested against the same 300 organisations, so the work is kept while the list lives.
 */
const preparedOrganisationLists = new WeakMap<
  readonly MatchOrganisation[],
  { lexicon: Lexicon; prepared: PreparedOrganisation[]; index: Bm25Index }
>();
const preparedSmeLists = new WeakMap<
  readonly MatchSme[],
  { lexicon: Lexicon; prepared: PreparedSme[]; index: Bm25Index }
>();

function prepareOrganisations(organisations: readonly MatchOrganisation[], lexicon: Lexicon) {
  const cached = preparedOrganisationLists.get(organisations);
  if (cached && cached.lexicon === lexicon) return cached;
  const prepared = organisations.map((organisation) => prepareOrganisation(organisation, lexicon));
  const entry = { lexicon, prepared, index: new Bm25Index(prepared.map((p) => p.text)) };
  preparedOrganisationLists.set(organisations, entry);
  return entry;
}

function prepareSmes(smes: readonly MatchSme[], lexicon: Lexicon) {
  const cached = preparedSmeLists.get(smes);
  if (cached && cached.lexicon === lexicon) return cached;
  const prepared = smes.map((sme) => prepareSme(sme, lexicon));
  const entry = { lexicon, prepared, index: new Bm25Index(prepared.map((p) => p.text)) };
  preparedSmeLists.set(smes, entry);
  return entry;
}

/**
 * The organisations' side of reciprocal scoring: each organisation's needs as a query against the
 * delegation's offers, and this SME's score as a share of the best one. Each organisation's best
 * is kept while the delegation list lives, so 25 SMEs asking cost one pass.
 */
const bestAnswers = new WeakMap<PreparedOrganisation, WeakMap<readonly MatchSme[], number>>();

function delegationJudging(sme: MatchSme, delegation: readonly MatchSme[], lexicon: Lexicon) {
  const smes = delegation.some((member) => member.id === sme.id) ? delegation : [...delegation, sme];
  if (smes.length < 2) return undefined;
  const { prepared, index } = prepareSmes(smes, lexicon);
  const position = prepared.findIndex((member) => member.sme.id === sme.id);
  return {
    preferenceOf(other: PreparedOrganisation): number {
      const known = bestAnswers.get(other) ?? new WeakMap<readonly MatchSme[], number>();
      bestAnswers.set(other, known);
      const answers = (member: number) => {
        const offer = prepared[member]?.text;
        return offer ? textRelevance(index.relevance(other.text, member), other.text, offer) : 0;
      };
      let best = known.get(smes);
      if (best === undefined) {
        best = Math.max(...prepared.map((_, member) => answers(member)));
        known.set(smes, best);
      }
      return best > 0 ? answers(position) / best : 0;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reasons in plain words.

/** "Energy storage" → "energy storage"; "R&D partners" keeps its capitals. */
function inSentence(label: string): string {
  return /^[A-Z][A-Z&]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

/** Who reads the reasons: the SME itself ("you") or staff looking at an organisation. */
type Voice = "sme" | "organisation";

/** The concepts' labels, leaving out one another label already says ("heating" in "district heating"). */
function conceptLabels(ids: Iterable<string>, lexicon: Lexicon): string[] {
  const wanted = new Set(ids);
  const labels = lexicon.concepts.filter((concept: Concept) => wanted.has(concept.id)).map((concept) => concept.label);
  return labels.filter((label) => !labels.some((other) => other !== label && other.includes(label)));
}

/**
 * The words both texts use (their written form), rarest first, when no concept links them; words
 * in a third of the texts or more ("electricity", "old") say nothing about this pair.
 */
function sharedWords(a: AnalysedText, b: AnalysedText, index: Bm25Index): string[] {
  const inB = new Set(b.words);
  const telling = (word: string) => word.length > 3 && index.idf(word) > Math.log(1 + 2);
  const shared = [...new Set(a.words.filter((word) => inB.has(word) && telling(word)))];
  return shared
    .sort((x, y) => index.idf(y) - index.idf(x))
    .slice(0, 3)
    .map((word) => b.written.get(word) ?? a.written.get(word) ?? word);
}

// ---------------------------------------------------------------------------------------------
// One SME and one organisation.

type PairScore = { score: number; reasons: string[] };

type TextEvidence = {
  /** 0..1: how well the SME's offer answers the organisation's needs. */
  relevance: number;
  /**
   * 0..1: this SME's offer against the delegation's best for the organisation's needs (1: it is
   * the best answer); undefined when there is no other SME to compare with.
   */
  preference?: number | undefined;
  /** 0..1: how well the local projects and ideal partner of the SME's BI answers fit the organisation. */
  biRelevance: number;
  /** The concept both texts' words are most about (see `sharedTheme`): shown when no lexicon phrase links them. */
  theme: string | undefined;
  /** Shown when neither a concept nor a theme links the texts, and BM25 finds them close enough. */
  words: string[];
  /** 0..1: BM25's relevance alone, the words' own evidence. */
  wordsRelevance: number;
  embeddingsClose: boolean;
};

function scorePair(
  side: PreparedSme,
  other: PreparedOrganisation,
  evidence: TextEvidence,
  voice: Voice,
  lexicon: Lexicon,
): PairScore {
  const { sme } = side;
  const { organisation } = other;
  const typeLabel = inSentence(labelOf(organisationTypes, organisation.type));
  const reasons: string[] = [];

  // The organisation's side: what it needs against what the SME offers.
  const sharedConcepts = [...side.concepts].filter((id) => other.concepts.has(id));
  const sharedInWords = textReason(sharedConcepts, evidence, organisation.type, voice, lexicon);
  if (sharedInWords) reasons.push(sharedInWords);
  // Said only where the texts share something to say it of.
  if (evidence.preference === 1 && sharedInWords) {
    reasons.push("of the delegation, your offer is the closest to their needs");
  }
  const sharedSectors = sectors.filter((sector) => sme.sectors.includes(sector.key) && other.sectors.has(sector.key));
  if (sharedSectors.length > 0) reasons.push(`both in ${listInWords(sharedSectors.map((s) => inSentence(s.label)))}`);
  const sectorFit = sharedSectors.length > 0 ? 1 : side.sectors.size > 0 && other.sectors.size === 0 ? 0.3 : 0;
  const stageFit =
    sme.stages.length === 0
      ? 0.5
      : Math.max(0, ...sme.stages.map((stage) => stageFitByType[organisation.type][stage as StageKey] ?? 0.1));

  // The SME's side: is the organisation what it seeks?
  let wanted = 0;
  const seek = sme.seeks.find((key) => typesSought[key]?.includes(organisation.type));
  if (seek) {
    wanted = 1;
    const seekLabel = inSentence(labelOf(seeks, seek));
    reasons.push(
      voice === "sme"
        ? `they are ${withArticle(typeLabel)}, you seek ${seekLabel}`
        : `they seek ${seekLabel}; the organisation is ${withArticle(typeLabel)}`,
    );
  }
  const bi = side.bi.get(organisation.market);
  if (bi) {
    const customer = namedKind(bi.signals.targetCustomers, other, lexicon);
    if (customer) {
      wanted = 1;
      reasons.push(
        voice === "sme"
          ? `you named ${customer} as target customers; they are one`
          : `they named ${customer} as target customers; the organisation is one`,
      );
    }
    const partner = namedKind(bi.signals.partnerTypes, other, lexicon);
    if (partner && !(seek && partner === inSentence(labelOf(seeks, seek)))) {
      wanted = Math.max(wanted, 0.9);
      reasons.push(
        voice === "sme"
          ? `you named ${partner} as a partner you want; they are one`
          : `they named ${partner} as a partner they want; the organisation is one`,
      );
    }
    const projectConcepts = bi.text.conceptIds.filter((id) => other.concepts.has(id) && !sharedConcepts.includes(id));
    const projectLabels = conceptLabels(projectConcepts, lexicon).slice(0, 2);
    if (projectLabels.length > 0) {
      reasons.push(
        voice === "sme"
          ? `the local projects you named are about ${listInWords(projectLabels)}, as their needs are`
          : `the local projects they named are about ${listInWords(projectLabels)}, as the organisation's needs are`,
      );
    }
  }

  // An organisation whose needs another SME of the delegation answers better would rather meet
  // that one: its own preference scales what the texts share.
  const relevance = evidence.relevance * (evidence.preference ?? 1) ** preferenceWeight;
  // A probabilistic "or": the BI answers can only add to what the offer already shows.
  const text = 1 - (1 - relevance) * (1 - 0.6 * evidence.biRelevance);
  // Nothing in common to talk about: being the kind the SME seeks is not enough for a meeting, and
  // nor are themes alone that no concept carries (texts about different things still share some).
  const talkAbout =
    text >= 0.05 && (sharedInWords !== undefined || evidence.wordsRelevance >= 0.05 || evidence.biRelevance > 0);
  if (!talkAbout && sectorFit < 1) return { score: 0, reasons };
  const organisationSide = 0.65 * text + 0.2 * sectorFit + 0.15 * stageFit;
  // Being the kind the SME seeks ranks first among those that need what it offers; it must not
  // lift an organisation that needs something else above one that needs exactly its offer.
  const smeSide = 0.8 + 0.2 * wanted;
  const score = Math.round(organisationSide * smeSide * 100) / 100;
  return { score, reasons };
}

/**
 * What the two texts share, in words: the concepts both name, else the theme both are about, else
 * the words both use (when BM25 finds them close), else that their embeddings are close.
 */
function textReason(
  sharedConcepts: readonly string[],
  evidence: TextEvidence,
  organisationType: MatchOrganisation["type"],
  voice: Voice,
  lexicon: Lexicon,
): string | undefined {
  const labels = conceptLabels(sharedConcepts, lexicon).slice(0, 3);
  if (labels.length > 0) {
    const what = listInWords(labels);
    const needsVerb = organisationType === "project-owner" ? "their project needs" : "they look for";
    return voice === "sme"
      ? `${needsVerb} what your offer describes: ${what}`
      : `their offer describes what the organisation needs: ${what}`;
  }
  if (evidence.theme) {
    const about = inSentence(conceptLabels([evidence.theme], lexicon)[0] ?? evidence.theme);
    return voice === "sme"
      ? `their needs and your offer are both about ${about}`
      : `their offer and the organisation's needs are both about ${about}`;
  }
  if (evidence.words.length > 0 && evidence.wordsRelevance >= 0.2) {
    return voice === "sme"
      ? `their needs and your offer both mention ${listInWords(evidence.words)}`
      : `their offer and the organisation's needs both mention ${listInWords(evidence.words)}`;
  }
  if (evidence.embeddingsClose) {
    return voice === "sme"
      ? "their needs are close to what your offer describes"
      : "their offer is close to what the organisation needs";
  }
  return undefined;
}

/** The first option the SME named (as it wrote it) that this organisation is, if any. */
function namedKind(options: readonly string[], other: PreparedOrganisation, lexicon: Lexicon): string | undefined {
  return options.find((option) => {
    const kind = kindOfOption(option, lexicon);
    return kind !== undefined && other.kinds.has(kind.id);
  });
}

function kindOfOption(option: string, lexicon: Lexicon): CounterpartKind | undefined {
  const wanted = foldText(option);
  return lexicon.counterparts.find((kind) => kind.options.some((known) => foldText(known) === wanted));
}

/**
 * How much of what the SME's BI answers name (local projects, the ideal partner) this
 * organisation's needs name too: the share of their concepts, the same whichever side asks.
 */
function biRelevance(biText: AnalysedText, other: PreparedOrganisation): number {
  if (biText.conceptIds.length === 0) return 0;
  return biText.conceptIds.filter((id) => other.concepts.has(id)).length / biText.conceptIds.length;
}

function textEvidence(
  index: Bm25Index,
  position: number,
  query: AnalysedText,
  document: AnalysedText,
  embeddings: { query?: Float32Array | undefined; document?: Float32Array | undefined },
): TextEvidence {
  const bm25 = index.relevance(query, position);
  const lexical = textRelevance(bm25, query, document);
  const embedded =
    embeddings.query && embeddings.document ? embeddingRelevance(embeddings.query, embeddings.document) : undefined;
  return {
    relevance: embedded === undefined ? lexical : 0.5 * lexical + 0.5 * embedded,
    wordsRelevance: bm25,
    biRelevance: 0,
    theme: sharedTheme(query, document),
    words: sharedWords(query, document, index),
    embeddingsClose: (embedded ?? 0) >= 0.5,
  };
}

function best<T extends { score: number }>(items: T[], limit: number | undefined): T[] {
  return items
    .filter((item) => item.score >= minimumScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit ?? defaultLimit);
}

// ---------------------------------------------------------------------------------------------
// The public functions.

/** The organisations an SME should meet, best first; only those in a market the SME targets. */
export function recommendForSme(
  sme: MatchSme,
  organisations: readonly MatchOrganisation[],
  options: RecommendOptions = {},
): Suggestion[] {
  const lexicon = options.lexicon ?? appLexicon;
  const side = prepareSme(sme, lexicon);
  const { prepared, index } = prepareOrganisations(organisations, lexicon);
  const smeVector = options.embeddings?.get(smeText(sme));
  const judges = options.delegation ? delegationJudging(sme, options.delegation, lexicon) : undefined;
  const suggestions: Suggestion[] = [];
  prepared.forEach((other, position) => {
    if (!side.markets.has(other.organisation.market)) return;
    const evidence = textEvidence(index, position, side.text, other.text, {
      query: smeVector,
      document: options.embeddings?.get(organisationText(other.organisation)),
    });
    if (judges) evidence.preference = judges.preferenceOf(other);
    const bi = side.bi.get(other.organisation.market);
    if (bi) evidence.biRelevance = biRelevance(bi.text, other);
    const { score, reasons } = scorePair(side, other, evidence, "sme", lexicon);
    const { id, name } = other.organisation;
    suggestions.push({ counterpart: { kind: "organisation", id, name }, score, reasons });
  });
  return best(suggestions, options.limit);
}

/** For staff: the SMEs an organisation should meet, best first; only SMEs that target its market. */
export function recommendForOrganisation(
  organisation: MatchOrganisation,
  smes: readonly MatchSme[],
  options: RecommendOptions = {},
): Suggestion[] {
  const lexicon = options.lexicon ?? appLexicon;
  const other = prepareOrganisation(organisation, lexicon);
  const { prepared, index } = prepareSmes(smes, lexicon);
  const organisationVector = options.embeddings?.get(organisationText(organisation));
  const suggestions: Suggestion[] = [];
  prepared.forEach((side, position) => {
    if (!side.markets.has(organisation.market)) return;
    const bi = side.bi.get(organisation.market);
    const evidence = textEvidence(index, position, other.text, side.text, {
      query: organisationVector,
      document: options.embeddings?.get(smeText(side.sme)),
    });
    if (bi) evidence.biRelevance = biRelevance(bi.text, other);
    const { score, reasons } = scorePair(side, other, evidence, "organisation", lexicon);
    suggestions.push({ counterpart: { kind: "sme", id: side.sme.id, name: side.sme.name }, score, reasons });
  });
  return best(suggestions, options.limit);
}

/**
 * How well two SMEs of a delegation complement each other: a shared sector, different stages of
 * its value chain that work together, and one seeking what the other is. `me` is "you" in reasons
 * when `voice` is "sme"; otherwise both are named.
 */
function scoreSmePair(a: PreparedSme, b: PreparedSme, voice: Voice, lexicon: Lexicon): PairScore {
  const reasons: string[] = [];
  const you = voice === "sme";
  const nameA = you ? "you" : a.sme.name;
  const nameB = you ? "they" : b.sme.name;
  const shared = sectors.filter(
    (sector) => (a.sme.sectors as string[]).includes(sector.key) && (b.sme.sectors as string[]).includes(sector.key),
  );
  const sharedInferred = [...a.sectors].filter((key) => b.sectors.has(key)) as SectorKey[];
  if (shared.length === 0 && sharedInferred.length === 0) return { score: 0, reasons };
  if (shared.length > 0) reasons.push(`both in ${listInWords(shared.map((s) => inSentence(s.label)))}`);

  const stagesA = a.sme.stages as StageKey[];
  const stagesB = b.sme.stages as StageKey[];
  const pair = complementaryStages.find(
    ([x, y]) => (stagesA.includes(x) && stagesB.includes(y)) || (stagesA.includes(y) && stagesB.includes(x)),
  );
  let complement = 0;
  if (pair) {
    complement = 1;
    const [stageA, stageB] = stagesA.includes(pair[0]) && stagesB.includes(pair[1]) ? pair : [pair[1], pair[0]];
    reasons.push(`${nameA} ${doing(nameA, stageA)}, ${nameB} ${doing(nameB, stageB)}`);
  }
  let seekFit = 0;
  for (const [seeker, provider, seekerName, providerName] of [
    [a, b, nameA, nameB],
    [b, a, nameB, nameA],
  ] as const) {
    const seek = seeker.sme.seeks.find((key) =>
      (stagesSought[key] ?? []).some((stage) => (provider.sme.stages as string[]).includes(stage)),
    );
    if (!seek) continue;
    seekFit = 1;
    const stage = (stagesSought[seek] ?? []).find((s) => (provider.sme.stages as string[]).includes(s)) as StageKey;
    const seekVerb = isPronoun(seekerName) ? "seek" : "seeks";
    reasons.push(
      `${seekerName} ${seekVerb} ${inSentence(labelOf(seeks, seek))}; ${providerName} ${doing(providerName, stage)}`,
    );
    break;
  }
  const commonConcepts = [...a.concepts].filter((id) => b.concepts.has(id));
  const labels = conceptLabels(commonConcepts, lexicon).slice(0, 2);
  if (labels.length > 0) reasons.push(`both work on ${listInWords(labels)}`);
  const union = new Set([...a.concepts, ...b.concepts]).size;
  const textFit = union > 0 ? commonConcepts.length / union : 0;
  const sameStagesOnly = !pair && stagesA.length > 0 && stagesA.every((stage) => stagesB.includes(stage));
  const sectorFit = shared.length > 0 ? 1 : 0.6;
  const raw = 0.35 * sectorFit + 0.3 * complement + 0.2 * Math.min(1, textFit * 2) + 0.15 * seekFit;
  // Two SMEs doing the same thing in the same sector are competitors, not complements.
  const score = Math.round((sameStagesOnly ? raw * 0.5 : raw) * 100) / 100;
  return { score, reasons };
}

/** For one SME: the other SMEs of its delegation it complements, best first. */
export function recommendSmesForSme(
  sme: MatchSme,
  delegation: readonly MatchSme[],
  options: RecommendOptions = {},
): Suggestion[] {
  const lexicon = options.lexicon ?? appLexicon;
  const side = prepareSme(sme, lexicon);
  const suggestions = delegation
    .filter((other) => other.id !== sme.id)
    .map((other) => {
      const { score, reasons } = scoreSmePair(side, prepareSme(other, lexicon), "sme", lexicon);
      return { counterpart: { kind: "sme" as const, id: other.id, name: other.name }, score, reasons };
    });
  return best(suggestions, options.limit);
}

/** For staff: the pairs of SMEs in a delegation that complement each other, best first. */
export function complementaryPairs(smes: readonly MatchSme[], options: RecommendOptions = {}): PairSuggestion[] {
  const lexicon = options.lexicon ?? appLexicon;
  const prepared = smes.map((sme) => prepareSme(sme, lexicon));
  const pairs: PairSuggestion[] = [];
  for (const [i, a] of prepared.entries()) {
    for (const b of prepared.slice(i + 1)) {
      const { score, reasons } = scoreSmePair(a, b, "organisation", lexicon);
      pairs.push({
        smes: [
          { id: a.sme.id, name: a.sme.name },
          { id: b.sme.id, name: b.sme.name },
        ],
        score,
        reasons,
      });
    }
  }
  return best(pairs, options.limit);
}
