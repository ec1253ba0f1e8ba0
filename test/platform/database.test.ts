import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { clusters } from "../../src/domain/clusters.js";
import { createDatabase } from "../../src/platform/db/client.js";
import { migrate, prismaCli } from "../../src/platform/db/migrate-cli.js";
import { seedClusters } from "../../src/platform/db/seed.js";
import { freshDatabaseUrl } from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("migrations", () => {
  it("apply to an empty database and leave it matching the schema", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ec2i-migrate-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = `file:${path.join(dir, "empty.db")}`;

    expect(migrate(url)).toContain("successfully applied");
    expect(prismaCli(url, "migrate", "status")).toContain("Database schema is up to date");

    const sqlite = new Database(path.join(dir, "empty.db"), { readonly: true });
    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((row) => row.name);
    sqlite.close();
    for (const table of ["Cluster", "Person", "Sme", "SmeTag", "LocalOrganisation", "Mission", "MissionParticipant"]) {
      expect(tables).toContain(table);
    }
    for (const table of ["AgendaItem", "MeetingRequest", "Meeting", "BiResponse", "BiMessage", "Consortium"]) {
      expect(tables).toContain(table);
    }
    for (const table of ["ConsortiumMember", "JobRun", "AuditLog", "ProcessedDelivery", "LlmCall"]) {
      expect(tables).toContain(table);
    }
  });

  it("cover every change to prisma/schema.prisma (npm run db:migrate writes the missing one)", () => {
    const diff = prismaCli(
      "file:/dev/null",
      "migrate",
      "diff",
      "--from-schema-datamodel",
      "prisma/migrations/schema.snapshot.prisma",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    );
    expect(diff).not.toMatch(/\b(CREATE|ALTER|DROP)\b/);
  });
});

describe("seed", () => {
  it("creates the five clusters once, however often it runs", async () => {
    const { url, cleanup } = await freshDatabaseUrl();
    cleanups.push(cleanup);
    const db = createDatabase(url);
    try {
      await seedClusters(db);
      await db.cluster.update({ where: { key: "clean-dk" }, data: { name: "Renamed by mistake" } });
      await seedClusters(db);
      const rows = await db.cluster.findMany({ orderBy: { key: "asc" } });
      expect(rows.map((row) => [row.key, row.name, row.country])).toEqual(
        [...clusters].sort((a, b) => a.key.localeCompare(b.key)).map((c) => [c.key, c.name, c.country]),
      );
    } finally {
      await db.$disconnect();
    }
  });

  it("keeps a job run unique per kind, target and due time, so a post goes out once", async () => {
    const { url, cleanup } = await freshDatabaseUrl();
    cleanups.push(cleanup);
    const db = createDatabase(url);
    try {
      const dueAt = new Date("2027-03-15T07:30:00Z");
      await db.jobRun.create({ data: { kind: "agenda", target: "mission:1", dueAt } });
      await expect(db.jobRun.create({ data: { kind: "agenda", target: "mission:1", dueAt } })).rejects.toThrow(
        /Unique constraint/,
      );
    } finally {
      await db.$disconnect();
    }
  });
});
