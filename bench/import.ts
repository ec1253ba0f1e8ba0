/**
 * A 10,000-row CSV import through the real app (a file posted in a staff member's DM, as Slack's
 * file_share delivers it), timed from the event to the "Imported" message, while a worker thread
 * sends `/ec2i help` every 50 ms: the p99 of those acks during the import against the p99 of the
 * same load on the idle app, measured first in the same run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { smesToCsv } from "../src/features/directory/csv.js";
import type { SmeRecord } from "../src/features/directory/profile.js";
import { validateProfile } from "../src/features/directory/profile.js";
import { syntheticSmes } from "../src/features/directory/synthetic.js";
import { migrate } from "../src/platform/db/migrate-cli.js";
import { slashCommandBody } from "../src/sandbox/slack-requests.js";
import { type AppUnderTest, SIGNING_SECRET, startAppUnderTest } from "../test/support/app-under-test.js";
import { ms, percentile } from "./stats.js";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const STAFF = "U0BENCH001";
const INTERVAL_MS = 50;
const IDLE_MS = 3000;

/** ROWS synthetic companies in the import format (an export of them, which is the same). */
function importFile(): string {
  const now = new Date("2027-03-15T08:00:00Z");
  const records = syntheticSmes(ROWS, 11).map((raw, index): SmeRecord => {
    const result = validateProfile(raw, 2027);
    if (!result.ok) throw new Error(`synthetic profile is invalid: ${JSON.stringify(result.errors)}`);
    const profile = result.profile;
    return {
      ...profile,
      id: index + 1,
      status: "approved",
      reviewNote: null,
      createdBySlackId: null,
      consentAt: now,
      createdAt: now,
      updatedAt: now,
    };
  });
  return smesToCsv(records);
}

/** Starts `/ec2i help` every INTERVAL_MS from a worker thread; the returned function stops it and gives each ack's time. */
async function pacedAcks(app: AppUnderTest): Promise<() => Promise<number[]>> {
  const bodies = Array.from({ length: 100 }, () =>
    slashCommandBody({ command: "/ec2i", text: "help", userId: STAFF, responseUrl: app.standIn.newResponseUrl() }),
  );
  const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
    workerData: {
      url: app.url,
      secret: SIGNING_SECRET,
      bodies,
      concurrency: 1,
      shape: "paced",
      intervalMs: INTERVAL_MS,
    },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  return () =>
    new Promise<number[]>((resolve, reject) => {
      worker.once("message", (message: { done: number[] }) => {
        void worker.terminate();
        resolve(message.done);
      });
      worker.once("error", reject);
      worker.postMessage("stop");
    });
}

export async function benchImport(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-bench-import-"));
  const template = path.join(dir, "template.db");
  migrate(`file:${template}`);
  const app = await startAppUnderTest({ templateDatabase: template, logLevel: "info" });
  try {
    await app.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
    const content = importFile();
    console.log(`a CSV of ${ROWS} valid rows, ${(content.length / 1e6).toFixed(1)} MB`);

    // Warm-up, then the idle baseline.
    await app.command(STAFF, "/ec2i", "help");
    let stop = await pacedAcks(app);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idle = await stop();

    stop = await pacedAcks(app);
    const file = app.standIn.addFile({ name: "smes.csv", content, userId: STAFF });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await app.event({
      type: "message",
      subtype: "file_share",
      channel: `D${STAFF.slice(1)}`,
      channel_type: "im",
      user: STAFF,
      text: "",
      ts: `${Date.now() / 1000}`,
      files: [file],
    });
    const done = await app.standIn
      .waitFor(
        () => app.standIn.messages.find((m) => m.channel === `D${STAFF.slice(1)}` && m.text?.includes("Imported")),
        "the import result",
        600_000,
      )
      .catch((error: unknown) => {
        console.error(app.logLines.slice(-5).join("\n"));
        throw error;
      });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const during = await stop();
    const written = await app.db.sme.count();
    if (written !== ROWS) throw new Error(`expected ${ROWS} SMEs, found ${written}: ${done.text}`);

    const [idleP99, duringP99] = [percentile(idle, 99), percentile(during, 99)];
    console.log(
      `  /ec2i help every ${INTERVAL_MS} ms, idle:          median ${ms(percentile(idle, 50))}, p99 ${ms(idleP99)}`,
    );
    console.log(
      `  /ec2i help every ${INTERVAL_MS} ms, during import: median ${ms(percentile(during, 50))}, p99 ${ms(duringP99)}, max ${ms(Math.max(...during))} (${during.length} acks)`,
    );
    // CPU time tells a slower import from a busy machine: on a shared one, wall time grows with the load.
    console.log(
      `  CPU time of the process during the import: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (the paced acks included); load average ${loadavg()[0]?.toFixed(1)}`,
    );
    console.log(
      `import: ${ROWS} rows in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} rows/s); ack p99 during import ${Math.round(duringP99)} ms (idle ${Math.round(idleP99)} ms, ${(duringP99 / idleP99).toFixed(1)}x)`,
    );
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
