/**
 * Runs the scheduler in a worker thread. HiGHS blocks its thread while it solves (up to the time
 * limit), and Slack must get its acks within 3 s (decision 003): the app plans schedules here, never
 * on its own thread. A thread that finished a run is kept, idle, for the next one: loading HiGHS and
 * the first solves' WebAssembly warm-up cost more than a mission-size plan itself, and a user waits
 * for them. Only the loaded solver survives between runs: every run builds its own models.
 */
import { Worker } from "node:worker_threads";
import type { PlanOptions, PlanProgress } from "./schedule-engine.js";
import type { ScheduleProblem, ScheduleResult } from "./schedule-problem.js";

export type WorkerMessage =
  | { kind: "ready" }
  | { kind: "progress"; progress: PlanProgress }
  | { kind: "result"; result: ScheduleResult }
  | { kind: "error"; message: string };

/** What the app sends its solver thread: a problem to plan, with the options that can cross threads. */
export type PlanRequest = { problem: ScheduleProblem; options: Omit<PlanOptions, "onProgress"> };

type SolverThread = { worker: Worker; ready: Promise<void>; busy: boolean };

/** The idle thread kept warm for the next run (one: runs at the same time get their own threads). */
let spare: SolverThread | undefined;
let threadsStarted = 0;

function startThread(warmUp: boolean): SolverThread {
  const worker = new Worker(new URL("./schedule-worker-entry.mjs", import.meta.url), { workerData: { warmUp } });
  threadsStarted += 1;
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.kind !== "ready") return;
      worker.off("message", onMessage);
      resolve();
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`The scheduler stopped (exit code ${code})`)));
  });
  // A thread starting up keeps the process alive (someone waits for it); an idle one must not. A run
  // refs it while it works.
  const thread: SolverThread = { worker, ready, busy: false };
  ready.then(
    () => {
      if (!thread.busy) worker.unref();
    },
    () => undefined,
  );
  return thread;
}

/**
 * Starts the solver thread ahead of the first run and warms it up (plans of two generated
 * mission-size instances), so that a user's first `/mission schedule` does not pay for it.
 */
export function warmUpScheduler(): Promise<void> {
  spare ??= startThread(true);
  return spare.ready;
}

/** Ends the idle solver thread (shutdown, tests). A run in progress keeps its own thread. */
export async function stopScheduler(): Promise<void> {
  const idle = spare;
  spare = undefined;
  await idle?.worker.terminate();
}

/** How many solver threads this process has started: runs reuse the idle one. */
export function solverThreadsStarted(): number {
  return threadsStarted;
}

export async function planScheduleInWorker(
  problem: ScheduleProblem,
  options: PlanOptions = {},
): Promise<ScheduleResult> {
  const { onProgress, ...plain } = options;
  const thread = spare ?? startThread(false);
  spare = undefined;
  const { worker } = thread;
  thread.busy = true;
  worker.ref();
  let done: (() => void) | undefined;
  const result = new Promise<ScheduleResult>((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.kind === "progress") onProgress?.(message.progress);
      else if (message.kind === "result") finish(() => resolve(message.result), true);
      else if (message.kind === "error")
        finish(() => reject(new Error(`The scheduler failed: ${message.message}`)), true);
    };
    const onError = (error: Error) => finish(() => reject(error), false);
    const onExit = (code: number) =>
      finish(() => reject(new Error(`The scheduler stopped (exit code ${code})`)), false);
    let settled = false;
    const finish = (outcome: () => void, reusable: boolean) => {
      if (settled) return;
      settled = true;
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      thread.busy = false;
      worker.unref();
      // Keep the thread for the next run, unless it broke or another idle one is kept already.
      if (reusable && !spare) spare = thread;
      else void worker.terminate();
      outcome();
    };
    done = () => finish(() => undefined, false);
    worker.on("message", onMessage);
    worker.once("error", onError);
    worker.once("exit", onExit);
  });
  try {
    await thread.ready;
  } catch (error) {
    done?.();
    throw error;
  }
  worker.postMessage({ problem, options: plain } satisfies PlanRequest);
  return result;
}
