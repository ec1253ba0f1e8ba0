/**
 * The solver thread's side of consortium-worker.ts: answers each request it is sent, with the CPU
 * time it took.
 */
import { serveSolverRuns } from "../../../platform/solver/index.js";
import type { ConsortiumAnswer, ConsortiumWorkerRequest } from "./consortium-worker.js";
import { generateConsortiumRequest } from "./instance-generator.js";
import { proposeConsortia } from "./propose.js";

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

await serveSolverRuns<ConsortiumWorkerRequest, ConsortiumAnswer>({
  // Two directory-like requests, one whose relaxation is fractional (branch and bound), compile the
  // hot WebAssembly.
  warmUp: async () => {
    for (const seed of [1, 2]) {
      const request = generateConsortiumRequest({ smes: 1000 }, seed, { minCountries: 3, maxSize: 5 });
      await proposeConsortia(request, { timeLimitSeconds: 3 });
    }
  },
  answer: async ({ request, options }) => {
    const started = cpuSeconds();
    const outcome = await proposeConsortia(request, options);
    return { outcome, cpuSeconds: cpuSeconds() - started };
  },
});
