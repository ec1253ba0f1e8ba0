import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function runFixture(...args: string[]) {
  return spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "test/platform/fixtures/unhandled-rejection.ts", ...args],
    { encoding: "utf8", timeout: 30_000 },
  );
}

describe("process guard", () => {
  it("logs an unhandled rejection with an error id and keeps the process running", () => {
    const run = runFixture("--guarded");
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; errorId?: string; err?: { message: string } });
    const logged = lines.find((line) => line.msg.includes("unhandled promise rejection"));
    expect(logged?.errorId).toMatch(/^E-[0-9A-F]{6}$/);
    expect(logged?.err?.message).toBe("nobody handles this");
    expect(lines.some((line) => line.msg === "still running after the rejection")).toBe(true);
  });

  it("is what keeps it alive: without the guard Node ends the process", () => {
    const run = runFixture();
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain("still running");
  });
});
