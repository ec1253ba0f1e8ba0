/** A stand-in engine for solver-pool.test.ts: answers with the thread it ran on, fails or stops on request. */
import { threadId } from "node:worker_threads";
import { serveSolverRuns } from "./solver-thread.js";

export type TestEngineRequest =
  | { kind: "echo"; value: string; progress?: number[] }
  | { kind: "fail"; message: string }
  | { kind: "stop"; code: number }
  | { kind: "answer-then-stop"; code: number };

export type TestEngineAnswer = { value: string; threadId: number; warmedUp: boolean };

let warmedUp = false;

await serveSolverRuns<TestEngineRequest, TestEngineAnswer, number>({
  warmUp: async () => {
    warmedUp = true;
  },
  answer: async (request, onProgress) => {
    if (request.kind === "fail") throw new Error(request.message);
    if (request.kind === "stop") process.exit(request.code);
    if (request.kind === "answer-then-stop") {
      // Stops once idle, after its answer is on its way.
      setImmediate(() => process.exit(request.code));
      return { value: "last words", threadId, warmedUp };
    }
    for (const step of request.progress ?? []) onProgress(step);
    return { value: request.value, threadId, warmedUp };
  },
});
