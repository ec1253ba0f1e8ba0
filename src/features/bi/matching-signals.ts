/**
 * What finished Business Intelligence templates give the recommender: per SME, the stored answers of
 * each finished template with the template's market (US or CN). Only finished responses count (an
 * answer in progress may still change); matchmaking reads the fields it needs from the answers
 * (target customers, partner types, local projects, ideal partner) with its own schema.
 */
import { z } from "zod";
import type { MarketKey } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";

export type FinishedTemplateAnswers = { market: MarketKey; answers: unknown };

/** The template snapshot a response keeps in its state: only its market is read here. */
const stateSchema = z.object({ template: z.object({ market: z.enum(["US", "CN", "any"]) }) });

/** The answers of each SME's finished templates for a mission market, by SME id, oldest first. */
export async function finishedTemplateAnswers(
  db: Database,
  smeIds: readonly number[],
): Promise<Map<number, FinishedTemplateAnswers[]>> {
  const rows = await db.biResponse.findMany({
    where: { smeId: { in: [...smeIds] }, status: "done" },
    select: { smeId: true, answers: true, state: true },
    orderBy: { id: "asc" },
  });
  const bySme = new Map<number, FinishedTemplateAnswers[]>();
  for (const row of rows) {
    const state = stateSchema.safeParse(row.state);
    const market = state.success ? state.data.template.market : undefined;
    if (market !== "US" && market !== "CN") continue;
    bySme.set(row.smeId, [...(bySme.get(row.smeId) ?? []), { market, answers: row.answers }]);
  }
  return bySme;
}
