/**
 * What a meeting briefing shows of an SME's own Business Intelligence answers: the ones that bear
 * on a conversation with a buyer or partner (pricing, certification, channels), as labels and
 * answers people read. Read from the SME's template for the mission's market, finished or not:
 * an answer given so far is still worth having at the table.
 */
import { z } from "zod";
import type { MarketKey } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";
import { type Answers, showAnswer } from "./answers.js";
import { type BiTemplate, labelOf } from "./template.js";

/** The template sections a briefing shows, in this order, and the one pricing field kept elsewhere. */
const briefingSections = ["pricing", "regulation", "channels"] as const;
const pricingFieldsElsewhere = ["price_position"];

export type BriefingAnswers = {
  templateTitle: string;
  finished: boolean;
  /** Each section with at least one answer: its title and "label: answer" pairs. */
  sections: { title: string; answers: { label: string; answer: string }[] }[];
};

/** A response's stored state: only the template's market and sections are read here. */
const stateSchema = z.object({
  template: z.object({ market: z.enum(["US", "CN", "any"]) }).passthrough(),
});

/** Pure: the briefing's sections of one response's answers. */
export function briefingSectionsOf(template: BiTemplate, answers: Answers): BriefingAnswers["sections"] {
  const fieldsByKey = new Map(template.sections.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));
  return briefingSections.flatMap((key) => {
    const section = template.sections.find((s) => s.key === key);
    if (!section) return [];
    const extra = key === "pricing" ? pricingFieldsElsewhere.flatMap((k) => fieldsByKey.get(k) ?? []) : [];
    const shown = [...extra, ...section.fields]
      .filter((field) => answers[field.key] !== undefined)
      .map((field) => ({ label: labelOf(field), answer: showAnswer(answers[field.key]) }));
    return shown.length > 0 ? [{ title: section.title, answers: shown }] : [];
  });
}

/** The SME's answers for the market that bear on a meeting there; undefined when it has no template for it. */
export async function briefingAnswers(
  db: Database,
  smeId: number,
  market: MarketKey,
): Promise<BriefingAnswers | undefined> {
  const rows = await db.biResponse.findMany({
    where: { smeId },
    select: { status: true, state: true, answers: true },
    orderBy: { updatedAt: "desc" },
  });
  for (const row of rows) {
    const state = stateSchema.safeParse(row.state);
    if (!state.success || state.data.template.market !== market) continue;
    // The template snapshot the response started with (validated when the response began).
    const template = (row.state as { template: BiTemplate }).template;
    return {
      templateTitle: template.title,
      finished: row.status === "done",
      sections: briefingSectionsOf(template, (row.answers ?? {}) as Answers),
    };
  }
  return undefined;
}
