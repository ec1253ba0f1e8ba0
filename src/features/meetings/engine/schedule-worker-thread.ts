/** The worker side of schedule-worker.ts: plans the schedule it is given and posts progress and the result. */
import { parentPort, workerData } from "node:worker_threads";
import { type PlanOptions, planSchedule } from "./schedule-engine.js";
import type { ScheduleProblem } from "./schedule-problem.js";
import type { WorkerMessage } from "./schedule-worker.js";

const { problem, options } = workerData as { problem: ScheduleProblem; options: PlanOptions };
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

try {
  const result = await planSchedule(problem, {
    ...options,
    onProgress: (progress) => post({ kind: "progress", progress }),
  });
  post({ kind: "result", result });
} catch (error) {
  post({ kind: "error", message: error instanceof Error ? error.message : String(error) });
}
