/**
 * The load generator of the ack benchmarks, in its own thread: sending and timing requests must
 * not compete with the app under test for its event loop, or the app looks slower than it is.
 *
 * Two shapes of load:
 * - "closed": `concurrency` clients send back to back until all bodies are sent (saturation);
 * - "bursts": `concurrency` requests at the same instant, then wait until the main thread says the
 *   app has finished the work those requests started, then the next burst (a realistic peak).
 */
import { parentPort, workerData } from "node:worker_threads";
import { postSigned } from "../src/sandbox/slack-requests.js";
import { measureConcurrent } from "./stats.js";

type Job = { url: string; secret: string; bodies: string[]; concurrency: number; shape: "closed" | "bursts" };

const job = workerData as Job;

async function send(body: string): Promise<number> {
  const started = performance.now();
  const reply = await postSigned(job.url, body, "application/x-www-form-urlencoded", { secret: job.secret });
  if (reply.status !== 200) throw new Error(`ack failed with HTTP ${reply.status}`);
  return performance.now() - started;
}

if (job.shape === "closed") {
  let next = 0;
  const latencies = await measureConcurrent(job.bodies.length, job.concurrency, async () => {
    await send(job.bodies[next++] ?? "");
  });
  parentPort?.postMessage({ done: latencies });
} else {
  const latencies: number[] = [];
  for (let i = 0; i < job.bodies.length; i += job.concurrency) {
    const burst = job.bodies.slice(i, i + job.concurrency);
    latencies.push(...(await Promise.all(burst.map(send))));
    // Wait for the main thread to see the app idle again.
    await new Promise<void>((resolve) => {
      parentPort?.once("message", () => resolve());
      parentPort?.postMessage({ burstSent: i + burst.length });
    });
  }
  parentPort?.postMessage({ done: latencies });
}
