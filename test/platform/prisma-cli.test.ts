import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/platform/db/migrate-cli.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("the Prisma CLI as setup runs it", () => {
  it("applies the migrations without a warning a new user would take for an error", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ec2i-cli-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

    const output = migrate(`file:${path.join(dir, "fresh.db")}`);

    expect(output).toContain("All migrations have been successfully applied.");
    expect(output).not.toMatch(/WARNING|will NOT be used/i);
    // The database it names is the one it migrated, not the schema's placeholder.
    expect(output).not.toContain('SQLite database "ec2i.db"');
  });
});
