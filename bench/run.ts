/**
 * `npm run bench` runs every benchmark; `npm run bench -- ack` runs one. Each prints its own figures
 * and ends with a one-line summary with a ratio against a baseline measured in the same run.
 */
import { benchAck } from "./ack.js";
import { benchConsortia } from "./consortia.js";
import { benchDirectory } from "./directory.js";
import { benchFanout } from "./fanout.js";
import { benchImport } from "./import.js";
import { benchMatching } from "./matching.js";
import { benchScheduler } from "./scheduler.js";

const benchmarks: Record<string, () => Promise<void>> = {
  ack: benchAck,
  consortia: benchConsortia,
  directory: benchDirectory,
  fanout: benchFanout,
  import: benchImport,
  matching: benchMatching,
  scheduler: benchScheduler,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(", ")}. Choose from: ${Object.keys(benchmarks).join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) {
  console.log(`\n== ${name} ==`);
  await benchmarks[name]?.();
}
