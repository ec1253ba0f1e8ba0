/**
 * What finished Business Intelligence templates tell the recommender: per SME and market, the target
 * customers, partner types, local projects and ideal partner it named. Only finished responses count
 * (an answer in progress may still change); answers are read through zod, since the stored JSON
 * follows whatever template version the response started with.
 */
import { z } from "zod";
import type { MarketKey } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";

export type MatchingSignals = {
  market: MarketKey;
  targetCustomers: string[];
  partnerTypes: string[];
  localProjects: string;
  partnerProfile: string;
};

const list = z.array(z.string()).catch([]);
const text = z.string().catch("");
const answersSchema = z.object({
  target_customers: list.default([]),
  partner_types: list.default([]),
  local_projects: text.default(""),
  partner_profile: text.default(""),
});
const stateSchema = z.object({ template: z.object({ market: z.string() }) });

/** The signals of each SME's finished templates for a market (US or CN), by SME id. */
export async function matchingSignalsOf(
  db: Database,
  smeIds: readonly number[],
): Promise<Map<number, MatchingSignals[]>> {
  const rows = await db.biResponse.findMany({
    where: { smeId: { in: [...smeIds] }, status: "done" },
    select: { smeId: true, answers: true, state: true },
    orderBy: { id: "asc" },
  });
  const signals = new Map<number, MatchingSignals[]>();
  for (const row of rows) {
    const state = stateSchema.safeParse(row.state);
    const market = state.success ? state.data.template.market : undefined;
    if (market !== "US" && market !== "CN") continue;
    const answers = answersSchema.safeParse(row.answers ?? {});
    if (!answers.success) continue;
    const found = signals.get(row.smeId) ?? [];
    found.push({
      market,
      targetCustomers: answers.data.target_customers,
      partnerTypes: answers.data.partner_types,
      localProjects: answers.data.local_projects,
      partnerProfile: answers.data.partner_profile,
    });
    signals.set(row.smeId, found);
  }
  return signals;
}
