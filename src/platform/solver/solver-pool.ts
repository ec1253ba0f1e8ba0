/**
 * Runs an engine that solves with HiGHS on worker threads. HiGHS blocks its thread while it solves
 * (up to the engine's time limit), and Slack must get its acks within 3 s (decision 003): the app
 * solves here, never on its own thread. A thread that finished a run is kept, idle, for the next
 * one: loading HiGHS and the first solves' WebAssembly warm-up cost more than a typical run itself,
 * and a user waits for them. Only the loaded solver survives between runs: every run builds its
 * own models. Runs at the same time get their own threads.
 *
 * The engine's side of the thread is a module that calls `serveSolverRuns` (solver-thread.ts).
 */
import { Worker } from "node:worker_threads";

/** What a solver thread tells the app: ready after loading (and warming up), then per run. */
export type SolverMessage<Answer, Progress> =
  | { kind: "ready" }
  | { kind: "progress"; progress: Progress }
  | { kind: "answer"; answer: Answer }
  | { kind: "error"; message: string };

/** What a solver thread is started with. */
export type SolverThreadData = { engineThread: string; warmUp: boolean };

export type SolverPool<Request, Answer, Progress> = {
  /** Starts a thread ahead of the first run and warms it up, so that a user's first run does not pay for it. */
  warmUp(): Promise<void>;
  /** Ends the idle thread (shutdown, tests). A run in progress keeps its own thread. */
  stop(): Promise<void>;
  /** How many threads this pool has started: runs reuse the idle one. */
  threadsStarted(): number;
  /** How many threads wait, warm, for the next run (0 or 1). */
  idleThreads(): number;
  /** The engine's answer to `request`; rejects with the engine's error, or when its thread stops. */
  run(request: Request, onProgress?: (progress: Progress) => void): Promise<Answer>;
};

type SolverThread = { worker: Worker; ready: Promise<void>; busy: boolean };

const entry = new URL("./solver-thread-entry.mjs", import.meta.url);

/**
 * A pool for one engine. `name` speaks of it in errors ("The scheduler failed: …", "The
 * scheduler stopped (exit code 1)"); `engineThread` is the module that serves its runs.
 */
export function createSolverPool<Request, Answer, Progress = never>(engine: {
  name: string;
  engineThread: URL;
}): SolverPool<Request, Answer, Progress> {
  /** The idle thread kept warm for the next run (one: runs at the same time get their own threads). */
  let spare: SolverThread | undefined;
  let threadsStarted = 0;
  const stopped = (code: number) => new Error(`The ${engine.name} stopped (exit code ${code})`);

  function startThread(warmUp: boolean): SolverThread {
    const workerData: SolverThreadData = { engineThread: engine.engineThread.href, warmUp };
    const worker = new Worker(entry, { workerData });
    threadsStarted += 1;
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: SolverMessage<Answer, Progress>) => {
        if (message.kind !== "ready") return;
        worker.off("message", onMessage);
        resolve();
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(stopped(code)));
    });
    const thread: SolverThread = { worker, ready, busy: false };
    // An idle thread that stops is not kept for the next run (it would never answer).
    worker.once("exit", () => {
      if (spare === thread) spare = undefined;
    });
    // A thread starting up keeps the process alive (someone waits for it); an idle one must not. A
    // run refs it while it works.
    ready.then(
      () => {
        if (!thread.busy) worker.unref();
      },
      () => undefined,
    );
    return thread;
  }

  async function run(request: Request, onProgress?: (progress: Progress) => void): Promise<Answer> {
    const thread = spare ?? startThread(false);
    spare = undefined;
    const { worker } = thread;
    thread.busy = true;
    worker.ref();
    let abandon: (() => void) | undefined;
    const answer = new Promise<Answer>((resolve, reject) => {
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
      const onMessage = (message: SolverMessage<Answer, Progress>) => {
        if (message.kind === "progress") onProgress?.(message.progress);
        else if (message.kind === "answer") finish(() => resolve(message.answer), true);
        else if (message.kind === "error")
          finish(() => reject(new Error(`The ${engine.name} failed: ${message.message}`)), true);
      };
      const onError = (error: Error) => finish(() => reject(error), false);
      const onExit = (code: number) => finish(() => reject(stopped(code)), false);
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
    worker.postMessage(request);
    return answer;
  }

  return {
    warmUp() {
      spare ??= startThread(true);
      return spare.ready;
    },
    async stop() {
      const idle = spare;
      spare = undefined;
      await idle?.worker.terminate();
    },
    threadsStarted: () => threadsStarted,
    idleThreads: () => (spare ? 1 : 0),
    run,
  };
}
