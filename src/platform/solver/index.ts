// The shared HiGHS solver: its loader, models built column by column, and the warm worker threads
// the engines run on. Pure: no Slack, no Prisma.
export { type ColumnEntry, type ColumnModelData, columnModelBuilder } from "./column-model.js";
export { highsRuntime } from "./highs-runtime.js";
export { seededRandom } from "./seeded-random.js";
export { createSolverPool, type SolverPool } from "./solver-pool.js";
export { serveSolverRuns } from "./solver-thread.js";
