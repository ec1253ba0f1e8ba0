/**
 * `npm run eval:bi`: runs scripted SME personas (test/eval/bi-personas.yaml) through the BI
 * conversation with a real OpenAI-compatible endpoint and prints field-level accuracy, follow-ups,
 * calls and tokens. Without OPENAI_API_KEY it says so and exits 0.
 */
import "dotenv/config";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { type AnswerValue, checkExtracted } from "../src/features/bi/answers.js";
import { answerExtracted, begin, openFields, startState } from "../src/features/bi/conversation.js";
import { runExtraction } from "../src/features/bi/extraction.js";
import { allFields } from "../src/features/bi/template.js";
import { loadTemplates } from "../src/features/bi/template-files.js";
import { parseConfig } from "../src/platform/config.js";
import { projectRoot } from "../src/platform/db/location.js";
import { createLlm, type LlmCallReport } from "../src/platform/llm.js";
import { createLogger } from "../src/platform/logger.js";

const personas = z
  .array(
    z.object({
      name: z.string(),
      market: z.enum(["CN", "US"]),
      messages: z.array(z.string()).min(1),
      expect: z.record(z.string(), z.unknown()),
    }),
  )
  .parse(parse(readFileSync(path.join(projectRoot, "test", "eval", "bi-personas.yaml"), "utf8")));

const config = parseConfig(process.env);
const llm = createLlm(config, createLogger("warn"));
if (!llm) {
  console.log(
    `npm run eval:bi needs a real endpoint: set OPENAI_API_KEY (and OPENAI_BASE_URL, OPENAI_MODEL if not OpenAI). ${personas.length} personas are ready in test/eval/bi-personas.yaml. Nothing was run.`,
  );
  process.exit(0);
}

const norm = (v: unknown) => String(v).toLowerCase().trim();

/** Does the extracted value match what the persona said? */
function matches(expected: unknown, actual: AnswerValue | undefined): boolean {
  if (actual === undefined) return false;
  if (Array.isArray(expected)) {
    const got = Array.isArray(actual) ? actual.map(norm) : [norm(actual)];
    return expected.every((item) => got.some((g) => g.includes(norm(item))));
  }
  if (typeof expected === "object" && expected !== null) {
    const money = expected as { amount: number; currency: string };
    const a = actual as { amount?: number; currency?: string };
    return Math.abs((a.amount ?? 0) - money.amount) <= money.amount * 0.01 && a.currency === money.currency;
  }
  if (typeof expected === "boolean") return actual === expected;
  return norm(actual).includes(norm(expected));
}

const templates = loadTemplates();
let right = 0;
let total = 0;
let calls = 0;
let messages = 0;
let tokens = 0;
let followUps = 0;
for (const persona of personas) {
  const template = templates.forMarket(persona.market);
  if (!template) throw new Error(`no template for ${persona.market}`);
  let state = begin(startState(template), "batch").state;
  const reports: LlmCallReport[] = [];
  let asked = 0;
  for (const message of persona.messages) {
    messages += 1;
    const fields = allFields(template).filter((f) => openFields(state).includes(f));
    const extraction = await runExtraction(llm, state, fields, message, async (call) => {
      reports.push(call);
    });
    if (!extraction) continue;
    const turn = answerExtracted(state, extraction, checkExtracted);
    if (turn.state.followUp && turn.state.followUp !== state.followUp) asked += 1;
    state = turn.state;
  }
  const checks = Object.entries(persona.expect).map(
    ([key, expected]) => [key, matches(expected, state.answers[key])] as const,
  );
  const ok = checks.filter(([, good]) => good).length;
  right += ok;
  total += checks.length;
  calls += reports.length;
  followUps += asked;
  const personaTokens = reports.reduce((n, r) => n + r.promptTokens + r.completionTokens, 0);
  tokens += personaTokens;
  const wrong = checks
    .filter(([, good]) => !good)
    .map(([key]) => `${key}=${JSON.stringify(state.answers[key] ?? null)}`);
  console.log(
    `${persona.name}: ${ok}/${checks.length} fields, ${asked} follow-ups, ${reports.length} calls, ${personaTokens} tokens${wrong.length ? ` (missed: ${wrong.join("; ")})` : ""}`,
  );
}
console.log(
  `bi eval (${llm.model}): ${((right / total) * 100).toFixed(1)}% of fields right (${right}/${total}), ${(calls / messages).toFixed(2)} calls per answer message, ${followUps} follow-ups, ${Math.round(tokens / personas.length)} tokens per persona`,
);
