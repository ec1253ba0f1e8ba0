/** What the LLM cost: the model price table and the `/bi usage` summary. Pure. */
import type { UsageFigures } from "./bi-store.js";

/** US$ per million tokens (input, output), from the providers' price lists. */
const pricePerMillionTokens: Record<string, readonly [input: number, output: number]> = {
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-4o": [2.5, 10],
};
/** Unknown models (a local or OpenAI-compatible endpoint) are priced like the default model. */
const defaultModel = "gpt-4o-mini";

export function estimateCost(model: string, promptTokens: number, completionTokens: number): number {
  const [input, output] = pricePerMillionTokens[model] ?? pricePerMillionTokens[defaultModel] ?? [0, 0];
  return (promptTokens * input + completionTokens * output) / 1_000_000;
}

/** `/bi usage`: calls, tokens, latency and the estimated cost, in all and per completed template. */
export function usageSummary(u: UsageFigures): string {
  if (u.calls === 0) return "No LLM calls yet (without OPENAI_API_KEY the templates are read without one).";
  const cost = u.byModel.reduce((sum, m) => sum + estimateCost(m.model, m.promptTokens, m.completionTokens), 0);
  return [
    `*LLM usage*: ${u.calls} calls (${u.failedCalls} failed), ${u.promptTokens.toLocaleString("en-US")} prompt and ${u.completionTokens.toLocaleString("en-US")} completion tokens, median ${u.medianLatencyMs} ms.`,
    `Estimated cost: $${cost.toFixed(4)} in all${u.completed > 0 ? `, $${(cost / u.completed).toFixed(4)} per completed template (${u.completed} completed)` : ""}.`,
  ].join("\n");
}
