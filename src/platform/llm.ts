/**
 * The one OpenAI client of the app (any OpenAI-compatible endpoint through OPENAI_BASE_URL).
 * Structured output only: the model fills a zod schema, its output is validated, a malformed answer
 * gets one repair attempt, and then the caller falls back to its no-LLM path. The SDK retries
 * 429, 5xx and timeouts with backoff (twice) before that. Every call is reported for usage figures.
 */
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";

export type LlmCallReport = {
  purpose: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  ok: boolean;
  error?: string;
};

export type StructuredRequest<T> = {
  purpose: string;
  system: string;
  user: string;
  /** What the model is asked to fill (sent as a strict JSON schema). */
  schema: z.ZodType;
  schemaName: string;
  /**
   * How the answer is checked here; defaults to `schema`. A looser check lets the caller keep the
   * good parts of an answer that is wrong in one place (an enum value in the wrong case, say).
   */
  accept?: z.ZodType<T>;
  /** Told about each HTTP call to the model, successful or not (tokens, latency). */
  report?: (call: LlmCallReport) => Promise<void>;
};

export type StructuredResult<T> = { ok: true; value: T } | { ok: false; error: string };

export type EmbeddingResult = { ok: true; vectors: Float32Array[] } | { ok: false; error: string };

/** OpenAI's small embedding model: cheap, and good enough to compare an offer with a need. */
export const embeddingModel = "text-embedding-3-small";

export type Llm = {
  model: string;
  structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
  /** One vector per text, in order (`embeddingModel`); failures are answered, never thrown. */
  embed(texts: readonly string[]): Promise<EmbeddingResult>;
};

const usageOf = (completion: OpenAI.Chat.Completions.ChatCompletion | undefined) => ({
  promptTokens: completion?.usage?.prompt_tokens ?? 0,
  completionTokens: completion?.usage?.completion_tokens ?? 0,
});

/** Undefined without OPENAI_API_KEY: callers then use their no-LLM path. */
export function createLlm(config: Config, logger: Logger): Llm | undefined {
  const { apiKey, baseUrl, model, timeoutMs } = config.openai;
  if (!apiKey) return undefined;
  const client = new OpenAI({ apiKey, ...(baseUrl ? { baseURL: baseUrl } : {}), timeout: timeoutMs, maxRetries: 2 });

  async function call<T>(
    request: StructuredRequest<T>,
    messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
  ): Promise<{ content?: string; error?: string }> {
    const started = performance.now();
    try {
      const completion = await client.chat.completions.create({
        model,
        temperature: 0,
        messages,
        response_format: zodResponseFormat(request.schema, request.schemaName),
      });
      await request.report?.({
        purpose: request.purpose,
        model,
        ...usageOf(completion),
        latencyMs: Math.round(performance.now() - started),
        ok: true,
      });
      const choice = completion.choices[0]?.message;
      if (choice?.refusal) return { error: `the model refused: ${choice.refusal}` };
      return { content: choice?.content ?? "" };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ purpose: request.purpose, error: message }, "LLM call failed");
      await request.report?.({
        purpose: request.purpose,
        model,
        promptTokens: 0,
        completionTokens: 0,
        latencyMs: Math.round(performance.now() - started),
        ok: false,
        error: message.slice(0, 500),
      });
      return { error: message };
    }
  }

  function validate<T>(schema: z.ZodType<T>, content: string): StructuredResult<T> {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (error) {
      return { ok: false, error: `not JSON: ${(error as Error).message}` };
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: z.prettifyError(parsed.error) };
  }

  return {
    model,
    async embed(texts) {
      try {
        const response = await client.embeddings.create({
          model: embeddingModel,
          input: [...texts],
          encoding_format: "float",
        });
        const vectors = [...response.data]
          .sort((a, b) => a.index - b.index)
          .map((item) => Float32Array.from(item.embedding));
        if (vectors.length !== texts.length)
          return { ok: false, error: "the answer has a different number of vectors" };
        return { ok: true, vectors };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.warn({ purpose: "embeddings", error: message }, "Embedding call failed");
        return { ok: false, error: message };
      }
    },
    async structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
      const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
        { role: "system", content: request.system },
        { role: "user", content: request.user },
      ];
      const first = await call(request, messages);
      if (first.content === undefined) return { ok: false, error: first.error ?? "no answer" };
      const accept = (request.accept ?? request.schema) as z.ZodType<T>;
      const checked = validate(accept, first.content);
      if (checked.ok) return checked;
      // One repair attempt: show the model its own output and what is wrong with it.
      const repair = await call(request, [
        ...messages,
        { role: "assistant", content: first.content },
        {
          role: "user",
          content: `That output does not match the schema: ${checked.error}\nAnswer again with JSON that matches the schema exactly.`,
        },
      ]);
      if (repair.content === undefined) return { ok: false, error: repair.error ?? "no answer" };
      return validate(accept, repair.content);
    },
  };
}
