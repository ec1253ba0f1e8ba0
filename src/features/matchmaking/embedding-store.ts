/**
 * Embeddings of offers and needs, cached in the database (TextEmbedding: model + sha256 of the
 * text → Float32 little-endian bytes): each text is sent to the model once, then every
 * recommendation reuses it. Without an LLM, or when the call fails, the recommender works on the
 * lexicon and BM25 alone, so this never throws for a model problem.
 */
import { createHash } from "node:crypto";
import type { Database } from "../../platform/db/client.js";
import { embeddingModel, type Llm } from "../../platform/llm.js";

/** Texts per call to the model: well under OpenAI's limit of 2,048 inputs and 300,000 tokens. */
const batchSize = 100;

export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function vectorToBytes(vector: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [index, value] of vector.entries()) view.setFloat32(index * 4, value, true);
  return bytes;
}

export function bytesToVector(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: Math.floor(bytes.byteLength / 4) }, (_, index) =>
    view.getFloat32(index * 4, true),
  );
}

/**
 * The embeddings of these texts by text, from the cache, asking the model for the missing ones
 * and storing them. Texts the model could not embed are left out.
 */
export async function embeddingsFor(
  db: Database,
  llm: Llm | undefined,
  texts: readonly string[],
): Promise<Map<string, Float32Array>> {
  const found = new Map<string, Float32Array>();
  if (!llm) return found;
  const byHash = new Map([...new Set(texts)].map((text) => [textHash(text), text]));
  const cached = await db.textEmbedding.findMany({
    where: { model: embeddingModel, textHash: { in: [...byHash.keys()] } },
  });
  for (const row of cached) {
    const text = byHash.get(row.textHash);
    if (text !== undefined) found.set(text, bytesToVector(row.vector));
  }
  const missing = [...byHash.values()].filter((text) => !found.has(text));
  for (let start = 0; start < missing.length; start += batchSize) {
    const batch = missing.slice(start, start + batchSize);
    const result = await llm.embed(batch);
    if (!result.ok) break;
    const rows = batch.map((text, index) => ({ text, vector: result.vectors[index] ?? new Float32Array() }));
    // Another request may have stored the same text meanwhile: the first one stays.
    await db.$transaction(
      rows.map(({ text, vector }) =>
        db.textEmbedding.upsert({
          where: { model_textHash: { model: embeddingModel, textHash: textHash(text) } },
          create: { model: embeddingModel, textHash: textHash(text), vector: vectorToBytes(vector) },
          update: {},
        }),
      ),
    );
    for (const { text, vector } of rows) found.set(text, vector);
  }
  return found;
}
