/**
 * `npx tsx scripts/postgres-server.ts [-- command args...]`: starts a throwaway PostgreSQL server
 * (test/support/postgres-server.ts) and prints its URL. With a command, runs it with
 * TEST_POSTGRES_URL and TEST_DATABASE=postgresql set, then stops the server and exits with the
 * command's status (`npm run test:postgres` runs vitest this way). Without one, keeps the server
 * until Ctrl-C.
 */
import { spawnSync } from "node:child_process";
import { startThrowawayPostgres } from "../test/support/postgres-server.js";

const separator = process.argv.indexOf("--");
const command = separator >= 0 ? process.argv.slice(separator + 1) : process.argv.slice(2);
const server = await startThrowawayPostgres();
console.log(`[postgres] throwaway server at ${server.url}`);
if (command.length === 0) {
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => {}, 1 << 30);
} else {
  let status = 1;
  try {
    const [program, ...args] = command as [string, ...string[]];
    const result = spawnSync(program, args, {
      stdio: "inherit",
      env: { ...process.env, TEST_DATABASE: "postgresql", TEST_POSTGRES_URL: server.url },
    });
    status = result.status ?? 1;
  } finally {
    await server.stop();
  }
  process.exit(status);
}
