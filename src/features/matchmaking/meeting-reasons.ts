/**
 * Why two parties of a mission should meet, in the SME's voice ("you seek distributors; they are
 * one"): the recommender's reasons for one pair, for the briefing before a meeting. Computed
 * without calling the LLM (cached embeddings aside, the lexicon and BM25 decide), so a scheduled
 * reminder never waits on it. Empty when the recommender finds nothing in common.
 */
import type { AppDeps } from "../../platform/slack/feature.js";
import { recommendForSme, recommendSmesForSme } from "./recommender.js";
import { loadMatchSmes, loadMissionInputs } from "./suggest-inputs.js";

export async function meetingReasons(
  deps: AppDeps,
  pair: { missionId: number; smeId: number; organisationId?: number | null; targetSmeId?: number | null },
): Promise<string[]> {
  const inputs = await loadMissionInputs({ ...deps, llm: undefined }, pair.missionId);
  const [sme] = await loadMatchSmes(deps.db, [pair.smeId]);
  if (!sme) return [];
  const all = { limit: Number.MAX_SAFE_INTEGER };
  if (pair.organisationId) {
    const found = recommendForSme(sme, inputs.organisations, { ...all, delegation: inputs.smes }).find(
      (suggestion) => suggestion.counterpart.id === pair.organisationId,
    );
    return found?.reasons ?? [];
  }
  if (pair.targetSmeId) {
    const known = inputs.smes.some((other) => other.id === pair.targetSmeId);
    const others = known ? inputs.smes : [...inputs.smes, ...(await loadMatchSmes(deps.db, [pair.targetSmeId]))];
    const found = recommendSmesForSme(sme, others, all).find(
      (suggestion) => suggestion.counterpart.id === pair.targetSmeId,
    );
    return found?.reasons ?? [];
  }
  return [];
}
