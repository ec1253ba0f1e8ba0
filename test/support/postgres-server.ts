/**
 * A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder, listening
 * on 127.0.0.1 only, on a free port, with a `ec2i` role that may create databases. Used by
 * test/global-setup.ts when TEST_DATABASE=postgresql and no TEST_POSTGRES_URL is given, and by
 * scripts/postgres-server.ts. Needs Debian's `postgresql` package (or PG_BIN pointing at initdb's
 * folder). initdb refuses root: as root, the server runs as the `postgres` user.
 *
 *   const server = await startThrowawayPostgres();  // server.url: postgresql://ec2i:ec2i@127.0.0.1:PORT/postgres
 *   ...
 *   await server.stop();                             // stops it and removes its folder
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type ThrowawayPostgres = { url: string; stop: () => Promise<void> };

/** The folder of initdb/pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinaries(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions
    .map((version) => path.join(root, version, "bin"))
    .find((bin) => existsSync(path.join(bin, "initdb")));
  if (!found)
    throw new Error("PostgreSQL is not installed: apt-get install postgresql (or set PG_BIN or TEST_POSTGRES_URL).");
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Settings for a server whose data may be lost: no syncs to disk (tests do not survive power
 * losses), room for every test's connection pool.
 */
const throwawaySettings = [
  "fsync=off",
  "synchronous_commit=off",
  "full_page_writes=off",
  "max_connections=400",
  "shared_buffers=64MB",
];

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinaries();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    execFileSync(
      asRoot ? "runuser" : path.join(bin, command),
      asRoot ? ["-u", "postgres", "--", path.join(bin, command), ...args] : args,
      {
        stdio: "pipe",
        cwd: "/",
      },
    );
  const dir = mkdtempSync(path.join(tmpdir(), "ec2i-postgres-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const password = path.join(dir, "password");
  writeFileSync(password, "ec2i\n", { mode: 0o644 });
  if (asRoot) execFileSync("chown", ["-R", "postgres", dir]);
  run("initdb", [
    "-D",
    data,
    "-U",
    "ec2i",
    "--pwfile",
    password,
    "-A",
    "scram-sha-256",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    "--no-sync",
  ]);
  const port = await freePort();
  const options = [
    "-c listen_addresses=127.0.0.1",
    `-c port=${port}`,
    `-c unix_socket_directories=${dir}`,
    ...throwawaySettings.map((s) => `-c ${s}`),
  ];
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options.join(" "), "-w", "-t", "60", "start"]);
  return {
    url: `postgresql://ec2i:ec2i@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
