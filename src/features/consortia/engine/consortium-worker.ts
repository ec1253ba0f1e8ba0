/**
 * Runs the consortium engine in a worker thread. HiGHS blocks its thread while it solves (up to the
 * time limit), and Slack must get its acks within 3 s (decision 003): the app builds consortia
 * here, never on its own thread. The thread that finished a request is kept, idle, for the next
 * one: loading HiGHS and compiling its WebAssembly cost more than a directory-size request itself.
 * The same pattern as the meeting scheduler's solver thread (meetings/engine/schedule-worker.ts).
 */
import { Worker } from "node:worker_threads";
import type { ConsortiumOutcome, ConsortiumRequest } from "./consortium-problem.js";
import type { ProposeOptions } from "./propose.js";

export type ConsortiumWorkerMessage =
  | { kind: "ready" }
  | { kind: "result"; outcome: ConsortiumOutcome; cpuSeconds: number }
  | { kind: "error"; message: string };

export type ConsortiumWorkerRequest = { request: ConsortiumRequest; options: ProposeOptions };

/** The outcome, and the CPU time the request took on its thread. */
export type ConsortiumAnswer = { outcome: ConsortiumOutcome; cpuSeconds: number };

type EngineThread = { worker: Worker; ready: Promise<void>; busy: boolean };

/** The idle thread kept warm for the next request (one: requests at the same time get their own threads). */
let spare: EngineThread | undefined;
let threadsStarted = 0;

function startThread(warmUp: boolean): EngineThread {
  const worker = new Worker(new URL("./consortium-worker-entry.mjs", import.meta.url), { workerData: { warmUp } });
  threadsStarted += 1;
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: ConsortiumWorkerMessage) => {
      if (message.kind !== "ready") return;
      worker.off("message", onMessage);
      resolve();
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`The consortium engine stopped (exit code ${code})`)));
  });
  // A thread starting up keeps the process alive (someone waits for it); an idle one must not.
  const thread: EngineThread = { worker, ready, busy: false };
  ready.then(
    () => {
      if (!thread.busy) worker.unref();
    },
    () => undefined,
  );
  return thread;
}

/** Starts the engine's thread ahead of the first request and warms it up (two generated requests). */
export function warmUpConsortiumEngine(): Promise<void> {
  spare ??= startThread(true);
  return spare.ready;
}

/** Ends the idle engine thread (shutdown, tests). A request in progress keeps its own thread. */
export async function stopConsortiumEngine(): Promise<void> {
  const idle = spare;
  spare = undefined;
  await idle?.worker.terminate();
}

/** How many engine threads this process has started: requests reuse the idle one. */
export function consortiumThreadsStarted(): number {
  return threadsStarted;
}

/** proposeConsortia on the engine's thread; rejects with the engine's error if it fails. */
export async function proposeConsortiaInWorker(
  request: ConsortiumRequest,
  options: ProposeOptions = {},
): Promise<ConsortiumAnswer> {
  const thread = spare ?? startThread(false);
  spare = undefined;
  const { worker } = thread;
  thread.busy = true;
  worker.ref();
  let abandon: (() => void) | undefined;
  const answer = new Promise<ConsortiumAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void, reusable: boolean) => {
      if (settled) return;
      settled = true;
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      thread.busy = false;
      worker.unref();
      // Keep the thread for the next request, unless it broke or another idle one is kept already.
      if (reusable && !spare) spare = thread;
      else void worker.terminate();
      outcome();
    };
    const onMessage = (message: ConsortiumWorkerMessage) => {
      if (message.kind === "result")
        finish(() => resolve({ outcome: message.outcome, cpuSeconds: message.cpuSeconds }), true);
      else if (message.kind === "error")
        finish(() => reject(new Error(`The consortium engine failed: ${message.message}`)), true);
    };
    const onError = (error: Error) => finish(() => reject(error), false);
    const onExit = (code: number) =>
      finish(() => reject(new Error(`The consortium engine stopped (exit code ${code})`)), false);
    abandon = () => finish(() => undefined, false);
    worker.on("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
  });
  try {
    await thread.ready;
  } catch (error) {
    abandon?.();
    throw error;
  }
  worker.postMessage({ request, options } satisfies ConsortiumWorkerRequest);
  return answer;
}
