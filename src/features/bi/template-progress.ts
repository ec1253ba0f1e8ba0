/**
 * How far SMEs are with the template of a market, for reminders and staff digests in other features
 * (read through index.ts). A response's own template snapshot says its market and title.
 */
import { z } from "zod";
import type { MarketKey } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";
import { type BiState, progress } from "./conversation.js";

export type TemplateProgress = {
  status: "in_progress" | "paused" | "done";
  /** Share of the template's questions answered, 0–100. */
  percent: number;
  /** The template's title, e.g. "China market entry". */
  title: string;
};

const snapshotSchema = z.object({ template: z.object({ market: z.string(), title: z.string() }) });

/** Each started SME's progress with the template of `market`, by SME id (a finished one wins over one under way). */
export async function templateProgressFor(
  db: Database,
  smeIds: readonly number[],
  market: MarketKey,
): Promise<Map<number, TemplateProgress>> {
  const rows = await db.biResponse.findMany({
    where: { smeId: { in: [...smeIds] } },
    select: { smeId: true, status: true, state: true },
    orderBy: { updatedAt: "desc" },
  });
  const bySme = new Map<number, TemplateProgress>();
  for (const row of rows) {
    const snapshot = snapshotSchema.safeParse(row.state);
    if (!snapshot.success || snapshot.data.template.market !== market) continue;
    const known = bySme.get(row.smeId);
    if (known && (known.status === "done" || row.status !== "done")) continue;
    bySme.set(row.smeId, {
      status: row.status,
      percent: row.status === "done" ? 100 : progress(row.state as BiState).percent,
      title: snapshot.data.template.title,
    });
  }
  return bySme;
}
