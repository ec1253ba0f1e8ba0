/**
 * Ack latency of slash commands through the real Bolt HTTP receiver (signature check, routing, the
 * listener's ack), against a bare node:http server that checks the same signature and returns the
 * same body: the ratio is what Bolt and our routing add.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { migrate } from "../src/platform/db/migrate-cli.js";
import { slashCommandBody } from "../src/sandbox/slack-requests.js";
import { type AppUnderTest, SIGNING_SECRET, startAppUnderTest } from "../test/support/app-under-test.js";
import { ms, percentile } from "./stats.js";

const TOTAL = 2000;
const CONCURRENCY = 20;

async function bareServer(reply: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const expected = `v0=${createHmac("sha256", SIGNING_SECRET)
        .update(`v0:${request.headers["x-slack-request-timestamp"]}:${body}`)
        .digest("hex")}`;
      const given = String(request.headers["x-slack-signature"]);
      const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      response.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      response.end(ok ? reply : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sends `command text` as `userId` TOTAL times, CONCURRENCY at once, to the app and to the bare
 * baseline, and prints median and p99 of the time to the HTTP ack of each.
 */
export type LoadShape = "closed" | "bursts";

/**
 * Runs the load in a worker thread (see load-worker.ts) and returns each request's time to its
 * ack. In "bursts", `settled(n)` resolves once the app has finished the work of the first n requests.
 */
function loadFromWorker(
  url: string,
  bodies: string[],
  shape: LoadShape,
  settled: (sent: number) => Promise<void> = async () => {},
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
      workerData: { url, secret: SIGNING_SECRET, bodies, concurrency: CONCURRENCY, shape },
    });
    worker.on("message", (message: { done?: number[]; burstSent?: number }) => {
      if (message.done) resolve(message.done);
      else if (message.burstSent !== undefined) void settled(message.burstSent).then(() => worker.postMessage("go"));
    });
    worker.once("error", reject);
  });
}

/**
 * Sends `command text` as `userId` TOTAL times, CONCURRENCY at once, to the app and to the bare
 * baseline, and prints median and p99 of the time to the HTTP ack of each. With "bursts", the
 * app's replies to each burst (response_url posts) are awaited before the next burst.
 */
export async function measureAck(
  app: AppUnderTest,
  userId: string,
  command: string,
  texts: readonly string[],
  shape: LoadShape = "closed",
) {
  const bodies = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      slashCommandBody({
        command,
        text: texts[i % texts.length] ?? "",
        userId,
        responseUrl: app.standIn.newResponseUrl(),
      }),
    );
  const first = await app.command(userId, command, texts[0] ?? "");
  const bare = await bareServer(first.text);
  try {
    // Warm both up first so JIT and connection setup are not measured.
    await loadFromWorker(app.url, bodies(200), "closed");
    await loadFromWorker(bare.url, bodies(200), "closed");
    const baseline = await loadFromWorker(bare.url, bodies(TOTAL), shape);
    const repliesBefore = app.standIn.responses.length;
    const settled = async (sent: number) => {
      if (shape === "bursts") {
        await app.standIn.waitFor(() => app.standIn.responses.length >= repliesBefore + sent, "the replies", 60_000);
      }
    };
    const measured = await loadFromWorker(app.url, bodies(TOTAL), shape, settled);
    const result = {
      baselineMedian: percentile(baseline, 50),
      baselineP99: percentile(baseline, 99),
      median: percentile(measured, 50),
      p99: percentile(measured, 99),
    };
    const load =
      shape === "bursts"
        ? `bursts of ${CONCURRENCY} simultaneous requests`
        : `${CONCURRENCY} concurrent clients back to back`;
    console.log(`ack of ${command} ${texts.length > 1 ? "<mixed queries>" : texts[0]}, ${TOTAL} requests in ${load}`);
    console.log(
      `  baseline (bare node:http + signature check): median ${ms(result.baselineMedian)}, p99 ${ms(result.baselineP99)}`,
    );
    console.log(`  EC2i app (Bolt HTTP receiver):               median ${ms(result.median)}, p99 ${ms(result.p99)}`);
    return result;
  } finally {
    await bare.close();
  }
}

export async function benchAck(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-bench-"));
  const template = path.join(dir, "template.db");
  migrate(`file:${template}`);
  const app = await startAppUnderTest({ templateDatabase: template, logLevel: "silent" });
  try {
    const result = await measureAck(app, "U0BENCH001", "/ec2i", ["help"]);
    console.log(
      `ack latency: ${(result.median / result.baselineMedian).toFixed(2)}x the bare baseline at the median, p99 ${ms(result.p99)} at ${CONCURRENCY} concurrent (Slack allows 3000 ms)`,
    );
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
