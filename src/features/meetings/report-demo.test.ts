import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DemoSandbox, startDemoSandbox } from "../../../test/support/sandbox-harness.js";
import type { Sandbox } from "../../sandbox/session.js";
import { seedMeeting } from "./meeting-fixtures.test-support.js";
import { loadDemoOutcomes } from "./report-demo.js";
import { pngSignature } from "./report-render.js";

const start = new Date("2027-03-01T09:00:00Z");
let sandbox: Sandbox;
let folder: string;
let play: DemoSandbox["play"];
let stop: () => Promise<void>;
beforeEach(async () => {
  ({ sandbox, folder, play, stop } = await startDemoSandbox({ start }));
});
afterEach(() => stop());

/** The China mission's accepted requests as a published schedule: three meetings a slot over two days. */
async function publishChinaMeetings() {
  const mission = await sandbox.db.mission.findFirstOrThrow({ where: { market: "CN" } });
  const accepted = await sandbox.db.meetingRequest.findMany({ where: { missionId: mission.id, status: "accepted" } });
  for (const [i, request] of accepted.entries()) {
    await seedMeeting(sandbox.db, {
      mission,
      smeId: request.smeId,
      ...(request.organisationId ? { organisationId: request.organisationId } : {}),
      ...(request.targetSmeId ? { targetSmeId: request.targetSmeId } : {}),
      requestId: request.id,
      day: i % 2 === 0 ? "2027-04-13" : "2027-04-14",
      time: `${String(9 + Math.floor(i / 6)).padStart(2, "0")}:00`,
      table: (i % 6) + 1,
    });
  }
  return accepted.length;
}

describe("the sandbox's mission report", () => {
  it("answers the surveys of meetings that are over, once, and staff get a rich report", async () => {
    const meetings = await publishChinaMeetings();
    expect(meetings).toBeGreaterThan(3);
    await sandbox.run("clock 2027-04-15 10:00");
    const loaded = await loadDemoOutcomes(sandbox.db, new Date("2027-04-15T10:00:00Z"));
    expect(loaded.answers).toBeGreaterThan(0);
    expect(await loadDemoOutcomes(sandbox.db, new Date("2027-04-15T10:00:00Z"))).toEqual({ answers: 0, missed: 0 });

    const shown = await play("as alice", "/mission report china");
    expect(shown).toContain("The report of *China mission 2027*");
    expect(shown).toContain("Mission report: China mission 2027");
    // The delegation's SMEs the schedule gave no meeting are named on one line.
    expect(shown).toMatch(/_No meeting:_ \S/);
    const pngs = readdirSync(folder).filter((name) => name.endsWith(".png"));
    expect(pngs).toHaveLength(2);
    for (const png of pngs) expect(readFileSync(path.join(folder, png)).subarray(0, 8).equals(pngSignature)).toBe(true);
    const csv = readdirSync(folder).find((name) => name.endsWith("-meetings.csv"));
    expect(
      readFileSync(path.join(folder, csv ?? ""), "utf8")
        .trimEnd()
        .split("\n"),
    ).toHaveLength(meetings + 1);
  });
});
