/**
 * The worker side of consortium-worker.ts: loads HiGHS (and, when asked, warms it up with two
 * generated requests), says it is ready, then answers each request it is sent.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ConsortiumWorkerMessage, ConsortiumWorkerRequest } from "./consortium-worker.js";
import { highsRuntime } from "./exact-model.js";
import { generateConsortiumRequest } from "./instance-generator.js";
import { proposeConsortia } from "./propose.js";

const post = (message: ConsortiumWorkerMessage) => parentPort?.postMessage(message);
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

await highsRuntime();
// WebAssembly runs slowly until V8 has compiled its hot code: two directory-like requests, one whose
// relaxation is fractional (branch and bound), do that.
if ((workerData as { warmUp?: boolean } | undefined)?.warmUp) {
  for (const seed of [1, 2]) {
    const request = generateConsortiumRequest({ smes: 1000 }, seed, { minCountries: 3, maxSize: 5 });
    await proposeConsortia(request, { timeLimitSeconds: 3 });
  }
}
post({ kind: "ready" });

parentPort?.on("message", async ({ request, options }: ConsortiumWorkerRequest) => {
  const started = cpuSeconds();
  try {
    const outcome = await proposeConsortia(request, options);
    post({ kind: "result", outcome, cpuSeconds: cpuSeconds() - started });
  } catch (error) {
    post({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  }
});
