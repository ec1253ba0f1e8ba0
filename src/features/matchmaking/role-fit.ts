/**
 * How well an SME fills one value-chain role of a project (the consortium builder's fit), with the
 * reasons in plain words. Built on the recommender's text analysis: the role's words and the
 * lexicon's concepts against the SME's pitch and offer (BM25 over the candidates; not the themes,
 * which a role's few words are too short for), plus whether the SME works at the role's value-chain
 * stage and in its sectors. Pure.
 */
import { labelOf, sectors, stages } from "../../domain/taxonomy.js";
import { lexicon as appLexicon, type Lexicon } from "./lexicon.js";
import type { MatchSme } from "./match-input.js";
import { smeText } from "./recommender.js";
import { analyse, Bm25Index } from "./text-relevance.js";

/** A role to fill: its words (label and what it is about), and the stages and sectors it belongs to. */
export type RoleToFill = {
  key: string;
  label: string;
  /** The words matched against the SME's offer, e.g. "Heat pumps: heat pump, air-source, ground-source". */
  text: string;
  stages: readonly string[];
  sectors: readonly string[];
};

export type RoleFitSme = Pick<MatchSme, "id" | "pitch" | "offer" | "sectors" | "stages">;

/** One SME's fit to one role: fit in (0, 1], reasons in plain words. */
export type SmeRoleFit = { role: string; fit: number; reasons: string[] };

/** Below this an SME does not fill the role: the builder does not consider it for that role. */
export const minimumRoleFit = 0.4;

/** "Energy storage" → "energy storage"; "R&D" keeps its capitals. */
function inSentence(label: string): string {
  return /^[A-Z][A-Z&]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Each SME's fits to the roles it can fill (fit ≥ `minimumRoleFit`), best role first; SMEs that
 * fill none are absent. Text counts most; the stage says whether it does this kind of work at all.
 */
export function roleFits(
  roles: readonly RoleToFill[],
  smes: readonly RoleFitSme[],
  options: { lexicon?: Lexicon } = {},
): Map<number, SmeRoleFit[]> {
  const lexicon = options.lexicon ?? appLexicon;
  const texts = smes.map((sme) => analyse(smeText(sme), lexicon.concepts));
  const index = new Bm25Index(texts);
  const labelOfConcept = new Map(lexicon.concepts.map((concept) => [concept.id, concept.label]));
  const fits = new Map<number, SmeRoleFit[]>();
  for (const role of roles) {
    const query = analyse(role.text, lexicon.concepts);
    // The ideas the role's own name holds ("Thermal storage" → heat storage): broad ideas its extra
    // words bring in ("heating") do not make an SME a storage maker.
    const named = analyse(role.label, lexicon.concepts).conceptIds;
    const core = named.length > 0 ? named : query.conceptIds;
    smes.forEach((sme, position) => {
      const document = texts[position];
      if (!document) return;
      // Half the usual scale: a role is a few words, so one shared rare concept already says a lot.
      const relevance = index.relevance(query, position, 6);
      const sharedConcepts = query.conceptIds.filter((id) => document.conceptIds.includes(id));
      const stageMatch = role.stages.filter((stage) => sme.stages.includes(stage));
      const sectorMatch = role.sectors.filter((sector) => sme.sectors.includes(sector));
      const stageFit = role.stages.length === 0 ? relevance : stageMatch.length > 0 ? 1 : 0;
      const sectorFit = role.sectors.length === 0 ? relevance : sectorMatch.length > 0 ? 1 : 0;
      // Without its offer naming the role's ideas (or many of its words), the right stage and
      // sector are not enough: every equipment maker in district heating is not a storage maker.
      if (relevance < 0.25 && !core.some((id) => document.conceptIds.includes(id))) return;
      const fit = Math.round((0.6 * relevance + 0.25 * stageFit + 0.15 * sectorFit) * 100) / 100;
      if (fit < minimumRoleFit) return;
      const reasons: string[] = [];
      const sharedCore = core.filter((id) => document.conceptIds.includes(id));
      const labels = (sharedCore.length > 0 ? sharedCore : sharedConcepts)
        .flatMap((id) => labelOfConcept.get(id) ?? [])
        .slice(0, 3);
      if (labels.length > 0) reasons.push(`its offer describes ${listInWords(labels)}`);
      else {
        const shared = [...new Set(query.words.filter((word) => document.words.includes(word)))]
          .slice(0, 3)
          .map((word) => document.written.get(word) ?? word);
        if (shared.length > 0) reasons.push(`its offer mentions ${listInWords(shared)}`);
      }
      if (stageMatch.length > 0) {
        reasons.push(`works in ${listInWords(stageMatch.map((stage) => inSentence(labelOf(stages, stage))))}`);
      }
      if (sectorMatch.length > 0) {
        reasons.push(`in ${listInWords(sectorMatch.map((sector) => inSentence(labelOf(sectors, sector))))}`);
      }
      const list = fits.get(sme.id) ?? [];
      list.push({ role: role.key, fit: Math.min(1, fit), reasons });
      fits.set(sme.id, list);
    });
  }
  for (const list of fits.values()) list.sort((a, b) => b.fit - a.fit);
  return fits;
}
