/**
 * The worker side of schedule-worker.ts: loads HiGHS (and, when asked, warms it up with one plan),
 * says it is ready, then plans each problem it is sent, posting progress and the result.
 */
import { parentPort, workerData } from "node:worker_threads";
import { generateInstance, missionSize } from "./instance-generator.js";
import { highsRuntime } from "./mip-model.js";
import { planSchedule } from "./schedule-engine.js";
import type { PlanRequest, WorkerMessage } from "./schedule-worker.js";

const post = (message: WorkerMessage) => parentPort?.postMessage(message);

await highsRuntime();
// WebAssembly runs slowly until V8 has compiled its hot code: plans of two typical missions do that
// (after one, a mission-size plan still took 1.6× the CPU it takes warm).
if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) {
  for (const seed of [1, 2]) await planSchedule(generateInstance(missionSize, seed), { timeLimitSeconds: 2 });
}
post({ kind: "ready" });

parentPort?.on("message", async ({ problem, options }: PlanRequest) => {
  try {
    const result = await planSchedule(problem, {
      ...options,
      onProgress: (progress) => post({ kind: "progress", progress }),
    });
    post({ kind: "result", result });
  } catch (error) {
    post({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  }
});
