/**
 * The recommender's inputs, loaded for a mission: its delegation as MatchSme (directory profiles and
 * finished BI templates) and its organisations as MatchOrganisation. The conversion itself is pure.
 */
import type { Database } from "../../platform/db/client.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { type FinishedTemplateAnswers, finishedTemplateAnswers } from "../bi/index.js";
import { getSmes, type SmeRecord } from "../directory/index.js";
import { delegationSmeIds, type OrganisationRecord, organisationsOfMission } from "../missions/index.js";
import { embeddingsFor } from "./embedding-store.js";
import { biSignalsFromAnswers, type MatchOrganisation, type MatchSme } from "./match-input.js";
import { textsToEmbed } from "./recommender.js";

export function toMatchSme(sme: SmeRecord, finished: readonly FinishedTemplateAnswers[]): MatchSme {
  return {
    id: sme.id,
    name: sme.name,
    country: sme.country,
    sectors: [...sme.sectors],
    stages: [...sme.stages],
    seeks: [...sme.seeks],
    markets: [...sme.markets],
    pitch: sme.pitch,
    offer: sme.offer,
    bi: finished.map((template) => biSignalsFromAnswers(template.market, template.answers)),
  };
}

export function toMatchOrganisation(organisation: OrganisationRecord): MatchOrganisation {
  return {
    id: organisation.id,
    name: organisation.name,
    type: organisation.type,
    market: organisation.market,
    city: organisation.city,
    sectors: [...organisation.sectors],
    needs: organisation.needs,
    languages: [...organisation.languages],
  };
}

/** SMEs by id as the recommender reads them, their BI answers included, in the order of `ids`. */
export async function loadMatchSmes(db: Database, ids: readonly number[]): Promise<MatchSme[]> {
  const [smes, finished] = await Promise.all([getSmes(db, ids), finishedTemplateAnswers(db, ids)]);
  const byId = new Map(smes.map((sme) => [sme.id, sme]));
  return ids.flatMap((id) => {
    const sme = byId.get(id);
    return sme ? [toMatchSme(sme, finished.get(id) ?? [])] : [];
  });
}

export type MissionInputs = {
  smes: MatchSme[];
  organisations: MatchOrganisation[];
  records: OrganisationRecord[];
  /** Embeddings of both sides' texts when an LLM is configured (cached in the database), else empty. */
  embeddings: ReadonlyMap<string, Float32Array>;
};

/** A mission's confirmed delegation and its organisations, ready for the recommender. */
export async function loadMissionInputs(deps: AppDeps, missionId: number): Promise<MissionInputs> {
  const [ids, records] = await Promise.all([
    delegationSmeIds(deps.db, missionId),
    organisationsOfMission(deps.db, missionId),
  ]);
  const smes = await loadMatchSmes(deps.db, ids);
  const organisations = records.map(toMatchOrganisation);
  const embeddings = await embeddingsFor(deps.db, deps.llm, textsToEmbed(smes, organisations));
  return { smes, organisations, records, embeddings };
}
