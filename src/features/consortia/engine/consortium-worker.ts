/**
 * Runs the consortium engine on a warm solver thread (platform/solver: HiGHS blocks its thread,
 * Slack must get its acks within 3 s): the app builds consortia here, never on its own thread.
 */
import { createSolverPool } from "../../../platform/solver/index.js";
import type { ConsortiumOutcome, ConsortiumRequest } from "./consortium-problem.js";
import type { ProposeOptions } from "./propose.js";

export type ConsortiumWorkerRequest = { request: ConsortiumRequest; options: ProposeOptions };

/** The outcome, and the CPU time the request took on its thread. */
export type ConsortiumAnswer = { outcome: ConsortiumOutcome; cpuSeconds: number };

const pool = createSolverPool<ConsortiumWorkerRequest, ConsortiumAnswer>({
  name: "consortium engine",
  engineThread: new URL("./consortium-worker-thread.ts", import.meta.url),
});

/** Starts the engine's thread ahead of the first request and warms it up (two generated requests). */
export const warmUpConsortiumEngine = (): Promise<void> => pool.warmUp();

/** Ends the idle engine thread (shutdown, tests). A request in progress keeps its own thread. */
export const stopConsortiumEngine = (): Promise<void> => pool.stop();

/** proposeConsortia on the engine's thread; rejects with the engine's error if it fails. */
export function proposeConsortiaInWorker(
  request: ConsortiumRequest,
  options: ProposeOptions = {},
): Promise<ConsortiumAnswer> {
  return pool.run({ request, options });
}
