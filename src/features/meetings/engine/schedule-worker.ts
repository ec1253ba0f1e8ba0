/**
 * Runs the scheduler in a worker thread. HiGHS blocks its thread while it solves (up to the time
 * limit), and Slack must get its acks within 3 s (decision 003): the app plans schedules here, never
 * on its own thread. Each run gets a fresh worker, so nothing of one run survives into the next.
 */
import { Worker } from "node:worker_threads";
import type { PlanOptions, PlanProgress } from "./schedule-engine.js";
import type { ScheduleProblem, ScheduleResult } from "./schedule-problem.js";

export type WorkerMessage =
  | { kind: "progress"; progress: PlanProgress }
  | { kind: "result"; result: ScheduleResult }
  | { kind: "error"; message: string };

export function planScheduleInWorker(problem: ScheduleProblem, options: PlanOptions = {}): Promise<ScheduleResult> {
  const { onProgress, ...plain } = options;
  const worker = new Worker(new URL("./schedule-worker-entry.mjs", import.meta.url), {
    workerData: { problem, options: plain },
  });
  return new Promise<ScheduleResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "progress") onProgress?.(message.progress);
      else if (message.kind === "result") settle(() => resolve(message.result));
      else settle(() => reject(new Error(`The scheduler failed: ${message.message}`)));
    });
    worker.once("error", (error) => settle(() => reject(error)));
    worker.once("exit", (code) => settle(() => reject(new Error(`The scheduler stopped (exit code ${code})`))));
  });
}
