/**
 * The thread side of solver-pool.ts: an engine's thread module calls `serveSolverRuns` once. It
 * loads HiGHS, warms the engine up when the pool asks (WebAssembly runs slowly until V8 has
 * compiled its hot code), says it is ready, then answers each request it is sent, passing on the
 * engine's progress and its errors.
 */
import { parentPort, workerData } from "node:worker_threads";
import { highsRuntime } from "./highs-runtime.js";
import type { SolverMessage, SolverThreadData } from "./solver-pool.js";

export async function serveSolverRuns<Request, Answer, Progress = never>(engine: {
  /** Runs that compile the engine's hot code (typical generated instances). */
  warmUp: () => Promise<void>;
  answer: (request: Request, onProgress: (progress: Progress) => void) => Promise<Answer>;
}): Promise<void> {
  const post = (message: SolverMessage<Answer, Progress>) => parentPort?.postMessage(message);
  await highsRuntime();
  if ((workerData as SolverThreadData | undefined)?.warmUp) await engine.warmUp();
  post({ kind: "ready" });
  parentPort?.on("message", async (request: Request) => {
    try {
      const answer = await engine.answer(request, (progress) => post({ kind: "progress", progress }));
      post({ kind: "answer", answer });
    } catch (error) {
      post({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  });
}
