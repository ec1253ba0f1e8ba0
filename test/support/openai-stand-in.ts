/**
 * A local stand-in for an OpenAI-compatible endpoint: POST /v1/chat/completions in the real wire
 * format, answering from a script (JSON output, malformed text, 429, 500, or no answer at all) or
 * from a responder function; and POST /v1/embeddings (float or base64 vectors, as asked), from an
 * `embedder` function. Records every request.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedAnswer = { json: unknown } | { text: string } | { status: 429 | 500 | 503 } | { hang: true };

export type ChatRequest = {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
};

export type EmbeddingRequest = { model: string; input: string | string[]; encoding_format?: "float" | "base64" };

/**
 * A deterministic stand-in embedding: each word folded into one of 64 dimensions, so texts that
 * share words point the same way (enough to test the plumbing, not a language model).
 */
export function wordHashEmbedding(text: string): number[] {
  const vector = new Array<number>(64).fill(0);
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    let hash = 7;
    for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    vector[hash % 64] = (vector[hash % 64] ?? 0) + 1;
  }
  return vector;
}

export class OpenAiStandIn {
  readonly requests: ChatRequest[] = [];
  readonly embeddingRequests: EmbeddingRequest[] = [];
  /** The vector for a text (any length; the real small model gives 1536). */
  embedder: (text: string) => number[] = wordHashEmbedding;
  readonly script: ScriptedAnswer[] = [];
  /** Used when the script is empty. */
  responder: (request: ChatRequest) => unknown = () => ({ fields: {}, needs_follow_up: [] });
  #server: Server;
  #baseUrl = "";
  #hanging: ServerResponse[] = [];

  private constructor() {
    this.#server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const route = request.method === "POST" ? request.url : undefined;
      if (route !== "/v1/chat/completions" && route !== "/v1/embeddings") {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: "Not found", type: "invalid_request_error" } }));
        return;
      }
      if (request.headers.authorization !== "Bearer sk-test-key") {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" },
          }),
        );
        return;
      }
      if (route === "/v1/embeddings") {
        this.#answerEmbeddings(JSON.parse(Buffer.concat(chunks).toString()) as EmbeddingRequest, response);
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as ChatRequest;
      this.requests.push(body);
      const answer = this.script.shift() ?? { json: this.responder(body) };
      if ("hang" in answer) {
        this.#hanging.push(response);
        return;
      }
      if ("status" in answer) {
        // retry-after-ms keeps the SDK's backoff short in tests.
        response.writeHead(answer.status, { "content-type": "application/json", "retry-after-ms": "10" });
        const type = answer.status === 429 ? "rate_limit_error" : "server_error";
        response.end(JSON.stringify({ error: { message: `scripted ${answer.status}`, type, code: null } }));
        return;
      }
      const content = "json" in answer ? JSON.stringify(answer.json) : answer.text;
      const promptTokens = Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 4);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          id: `chatcmpl-${randomBytes(8).toString("hex")}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [
            { index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" },
          ],
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: Math.ceil(content.length / 4),
            total_tokens: promptTokens + Math.ceil(content.length / 4),
          },
          system_fingerprint: "fp_standin",
        }),
      );
    });
  }

  /** OpenAI's embeddings answer: one item per input, in order, floats or base64 Float32 as asked. */
  #answerEmbeddings(body: EmbeddingRequest, response: ServerResponse): void {
    this.embeddingRequests.push(body);
    const inputs = typeof body.input === "string" ? [body.input] : body.input;
    const tokens = inputs.reduce((n, text) => n + Math.ceil(text.length / 4), 0);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        object: "list",
        data: inputs.map((text, index) => {
          const vector = this.embedder(text);
          const embedding =
            body.encoding_format === "base64"
              ? Buffer.from(Float32Array.from(vector).buffer).toString("base64")
              : vector;
          return { object: "embedding", index, embedding };
        }),
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      }),
    );
  }

  static async start(): Promise<OpenAiStandIn> {
    const standIn = new OpenAiStandIn();
    await new Promise<void>((resolve) => standIn.#server.listen(0, "127.0.0.1", resolve));
    standIn.#baseUrl = `http://127.0.0.1:${(standIn.#server.address() as AddressInfo).port}/v1`;
    return standIn;
  }

  /** What OPENAI_BASE_URL should be (the key is sk-test-key). */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  async stop(): Promise<void> {
    for (const response of this.#hanging) response.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
