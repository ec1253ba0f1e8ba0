/**
 * The load generator of the ack benchmarks, in its own thread: sending and timing requests must
 * not compete with the app under test for its event loop, or the app looks slower than it is.
 *
 * Three shapes of load:
 * - "closed": `concurrency` clients send back to back until all bodies are sent (saturation);
 * - "bursts": `concurrency` requests at the same instant, then wait until the main thread says the
 *   app has finished the work those requests started, then the next burst (a realistic peak);
 * - "paced": one request every `intervalMs`, cycling through the bodies, whether or not earlier
 *   ones were answered, until the main thread says "stop" (people using the app while it works).
 */
import { parentPort, workerData } from "node:worker_threads";
import { postSigned } from "../src/sandbox/slack-requests.js";
import { measureConcurrent } from "./stats.js";

type Job = {
  url: string;
  secret: string;
  bodies: string[];
  concurrency: number;
  shape: "closed" | "bursts" | "paced";
  intervalMs?: number;
};

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
} else if (job.shape === "paced") {
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  const timer = setInterval(() => {
    const sent = send(job.bodies[next++ % job.bodies.length] ?? "").then((latency) => {
      latencies.push(latency);
      inFlight.delete(sent);
    });
    inFlight.add(sent);
  }, job.intervalMs ?? 20);
  parentPort?.postMessage({ started: true });
  parentPort?.once("message", async () => {
    clearInterval(timer);
    await Promise.all(inFlight);
    parentPort?.postMessage({ done: latencies });
  });
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
