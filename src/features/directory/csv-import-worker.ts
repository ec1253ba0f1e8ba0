/**
 * The worker thread of csv-import-check.ts: decodes and checks SME import files, one message at a
 * time, and answers each with its id. Pure work: no database, no Slack.
 */
import { parentPort } from "node:worker_threads";
import { z } from "zod";
import { decodeCsvBytes } from "../../domain/csv-files.js";
import { checkSmeCsv } from "./csv.js";

const request = z.object({
  id: z.number().int(),
  bytes: z.instanceof(Uint8Array),
  currentYear: z.number().int(),
});

const port = parentPort;
if (!port) throw new Error("csv-import-worker.ts runs as a worker thread (see csv-import-check.ts).");

port.on("message", async (message: unknown) => {
  const parsed = request.safeParse(message);
  if (!parsed.success) {
    const id = typeof message === "object" && message && "id" in message ? message.id : null;
    port.postMessage({ id, error: `not a file to check: ${parsed.error.message}` });
    return;
  }
  const { id, bytes, currentYear } = parsed.data;
  try {
    const text = decodeCsvBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    port.postMessage({ id, check: await checkSmeCsv(text, currentYear) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
