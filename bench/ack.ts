/**
 * Ack latency of a slash command through the real Bolt HTTP receiver (signature check, routing,
 * the listener's ack), against a bare node:http server that checks the same signature and returns
 * the same body: the ratio is what Bolt and our routing add.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SIGNING_SECRET, startAppUnderTest } from "../test/support/app-under-test.js";
import { migrate } from "../test/support/migrate.js";
import { postSigned, slashCommandBody } from "../test/support/slack-requests.js";
import { measureConcurrent, ms, percentile } from "./stats.js";

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

export async function benchAck(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-bench-"));
  const template = path.join(dir, "template.db");
  migrate(`file:${template}`);
  const app = await startAppUnderTest({ templateDatabase: template, logLevel: "silent" });
  try {
    const send = (url: string) => async () => {
      const body = slashCommandBody({
        command: "/ec2i",
        text: "help",
        userId: "U0BENCH001",
        responseUrl: app.standIn.newResponseUrl(),
      });
      const reply = await postSigned(url, body, "application/x-www-form-urlencoded", { secret: SIGNING_SECRET });
      if (reply.status !== 200) throw new Error(`ack failed with HTTP ${reply.status}`);
    };
    const helpReply = await app.command("U0BENCH001", "/ec2i", "help");
    const bare = await bareServer(helpReply.text);
    try {
      // Warm both up first so JIT and connection setup are not measured.
      await measureConcurrent(200, CONCURRENCY, send(app.url));
      await measureConcurrent(200, CONCURRENCY, send(bare.url));
      const baseline = await measureConcurrent(TOTAL, CONCURRENCY, send(bare.url));
      const bolt = await measureConcurrent(TOTAL, CONCURRENCY, send(app.url));
      const [bMed, bP99, aMed, aP99] = [
        percentile(baseline, 50),
        percentile(baseline, 99),
        percentile(bolt, 50),
        percentile(bolt, 99),
      ];
      console.log(`ack /ec2i help, ${TOTAL} requests, ${CONCURRENCY} concurrent`);
      console.log(`  baseline (bare node:http + signature check): median ${ms(bMed)}, p99 ${ms(bP99)}`);
      console.log(`  EC2i app (Bolt HTTP receiver):               median ${ms(aMed)}, p99 ${ms(aP99)}`);
      console.log(
        `ack latency: ${(aMed / bMed).toFixed(2)}x the bare baseline at the median, p99 ${ms(aP99)} at ${CONCURRENCY} concurrent (Slack allows 3000 ms)`,
      );
    } finally {
      await bare.close();
    }
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
