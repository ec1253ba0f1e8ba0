/**
 * The BI report: a deterministic readiness score (0–100, a band and the three weakest sections) and
 * the report as Markdown and as Block Kit. Pure.
 */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text.js";
import { type Answers, type AnswerValue, isVague, showAnswer } from "./answers.js";
import type { BiField, BiTemplate } from "./template.js";

export type Readiness = {
  score: number;
  band: "early stage" | "getting ready" | "ready to enter";
  sections: { key: string; title: string; score: number }[];
  weakest: { key: string; title: string; score: number }[];
};

/**
 * How much one answer adds (0–1): its `readiness` table for yes/no and enums, a quarter for a vague
 * text answer, 1 for any other answer, 0 unanswered.
 */
export function fieldPoints(field: BiField, value: AnswerValue | undefined): number {
  if (value === undefined) return 0;
  if ((field.type === "text" || field.type === "long_text") && typeof value === "string") {
    return isVague(value, field.type === "long_text") ? 0.25 : 1;
  }
  if (!field.readiness) return 1;
  const key = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
  return field.readiness[key] ?? 0.5;
}

export function readiness(template: BiTemplate, answers: Answers): Readiness {
  const sections = template.sections.map((section) => {
    const points = section.fields.map((field) => fieldPoints(field, answers[field.key]));
    const weights = section.fields.map((field) => (field.required ? 1 : 0.5));
    const total = weights.reduce((a, b) => a + b, 0);
    const earned = points.reduce((sum, p, i) => sum + p * (weights[i] ?? 1), 0);
    return {
      key: section.key,
      title: section.title,
      score: Math.round((earned / total) * 100),
      weight: section.weight,
    };
  });
  const weightSum = sections.reduce((a, s) => a + s.weight, 0);
  const score = Math.round(sections.reduce((sum, s) => sum + s.score * s.weight, 0) / weightSum);
  const band = score >= 70 ? "ready to enter" : score >= 40 ? "getting ready" : "early stage";
  const plain = sections.map(({ key, title, score: s }) => ({ key, title, score: s }));
  const weakest = [...plain].sort((a, b) => a.score - b.score || a.title.localeCompare(b.title)).slice(0, 3);
  return { score, band, sections: plain, weakest };
}

export type ReportInput = { template: BiTemplate; answers: Answers; smeName: string; completedOn: string };

export function reportMarkdown({ template, answers, smeName, completedOn }: ReportInput): string {
  const r = readiness(template, answers);
  const lines = [
    `# ${template.title}: ${smeName}`,
    "",
    `Completed ${completedOn} · template ${template.key} v${template.version}`,
    "",
    `**Readiness: ${r.score}/100 (${r.band})**`,
    "",
    "| Section | Score |",
    "|---|---|",
    ...r.sections.map((s) => `| ${s.title} | ${s.score} |`),
    "",
    `Weakest areas: ${r.weakest.map((s) => `${s.title} (${s.score})`).join(", ")}.`,
  ];
  for (const section of template.sections) {
    lines.push("", `## ${section.title}`, "");
    for (const field of section.fields) lines.push(`**${field.question}**`, "", showAnswer(answers[field.key]), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

export function reportBlocks({ template, answers, smeName }: Omit<ReportInput, "completedOn">): {
  text: string;
  blocks: KnownBlock[];
} {
  const r = readiness(template, answers);
  const text = `${template.title} for ${escapeMrkdwn(smeName)}: readiness ${r.score}/100 (${r.band}).`;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `${template.title}: ${smeName}`.slice(0, 150) } },
    { type: "section", text: { type: "mrkdwn", text: `*Readiness: ${r.score}/100* — ${r.band}` } },
    {
      type: "section",
      fields: r.sections.slice(0, 10).map((s) => ({ type: "mrkdwn" as const, text: `*${s.title}*\n${s.score}/100` })),
    },
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: `Weakest areas: ${r.weakest.map((s) => `${s.title} (${s.score})`).join(", ")}` },
      ],
    },
  ];
  return { text, blocks };
}
