/**
 * The whole-file check of an SME import (decoding, CSV parsing, every row validated as the form
 * validates it, duplicates within the file) runs in a worker thread. On the main thread it took
 * ~1.3 s of CPU for 10,000 rows, in slices between which other requests' acks had to squeeze; in
 * the worker it runs on another core, and the main thread stays free for Slack. One worker serves
 * every import in turn: it starts with the first file (or when staff ask how to import, so it is
 * ready when their file arrives) and stops after idleStopMs without work.
 */
import { Worker } from "node:worker_threads";
import { z } from "zod";
import type { CsvCheck } from "./csv.js";

/** A started worker costs ~0.5 s (loading TypeScript and the validation); this keeps it for the next file. */
const idleStopMs = 10 * 60_000;

/**
 * What the worker answers. The check itself is not parsed again: it is the output of our own
 * checkSmeCsv (structured-cloned), and validating 10,000 profiles twice would cost as much as the check.
 */
const reply = z.union([
  z.object({ id: z.number(), check: z.custom<CsvCheck>((value) => typeof value === "object" && value !== null) }),
  z.object({ id: z.number().nullable(), error: z.string() }),
]);

type Pending = { resolve: (check: CsvCheck) => void; reject: (error: Error) => void };

type Checker = { worker: Worker; pending: Map<number, Pending>; idleTimer?: NodeJS.Timeout };

let checker: Checker | undefined;
let nextId = 1;

function startChecker(): Checker {
  if (checker) return checker;
  const worker = new Worker(new URL("./csv-import-worker.mjs", import.meta.url));
  worker.unref(); // never what keeps the process alive
  const started: Checker = { worker, pending: new Map() };
  const failAll = (error: Error) => {
    if (checker === started) checker = undefined;
    for (const { reject } of started.pending.values()) reject(error);
    started.pending.clear();
  };
  worker.on("message", (message: unknown) => {
    const parsed = reply.safeParse(message);
    if (!parsed.success)
      return failAll(new Error(`the CSV check thread answered something else: ${parsed.error.message}`));
    const answer = parsed.data;
    const waiting = answer.id === null ? undefined : started.pending.get(answer.id);
    if (answer.id !== null) started.pending.delete(answer.id);
    if ("check" in answer) waiting?.resolve(answer.check);
    else if (waiting) waiting.reject(new Error(`the CSV check failed: ${answer.error}`));
    else failAll(new Error(`the CSV check thread failed: ${answer.error}`));
    if (started.pending.size === 0) stopWhenIdle(started);
  });
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) => failAll(new Error(`the CSV check thread stopped (exit code ${code})`)));
  checker = started;
  return started;
}

function stopWhenIdle(running: Checker): void {
  clearTimeout(running.idleTimer);
  running.idleTimer = setTimeout(() => {
    if (running.pending.size > 0) return;
    if (checker === running) checker = undefined;
    void running.worker.terminate();
  }, idleStopMs);
  running.idleTimer.unref();
}

/** Starts the worker ahead of a file (it takes a moment to load), unless it runs already. */
export function prepareSmeFileCheck(): void {
  const running = startChecker();
  if (running.pending.size === 0) stopWhenIdle(running);
}

/** Decodes and checks an SME import file in the worker thread: what checkSmeCsv gives for its text. */
export function checkSmeFile(bytes: Uint8Array, currentYear: number): Promise<CsvCheck> {
  const running = startChecker();
  clearTimeout(running.idleTimer);
  const id = nextId++;
  return new Promise<CsvCheck>((resolve, reject) => {
    running.pending.set(id, { resolve, reject });
    running.worker.postMessage({ id, bytes, currentYear });
  });
}
