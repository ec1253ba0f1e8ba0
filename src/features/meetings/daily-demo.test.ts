import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DemoSandbox, startDemoSandbox } from "../../../test/support/sandbox-harness.js";
import type { Sandbox } from "../../sandbox/session.js";
import { loadDemoDailyPosts } from "./daily-demo.js";
import { seedMeeting } from "./meeting-fixtures.test-support.js";

const CHANNEL = "C0CHINA001";
let sandbox: Sandbox;
let play: DemoSandbox["play"];
let stop: () => Promise<void>;
beforeEach(async () => {
  ({ sandbox, play, stop } = await startDemoSandbox({ start: new Date("2027-04-10T09:00:00Z") }));
});
afterEach(() => stop());

describe("the sandbox's daily posts", () => {
  it("shows the China mission's agenda in its channel and Erik's day by DM at 07:30 Shanghai time, once", {
    timeout: 120_000,
  }, async () => {
    const { missionId } = await loadDemoDailyPosts(sandbox.db, CHANNEL);
    expect(missionId).toBeDefined();
    // A second load keeps the channel the mission has.
    await loadDemoDailyPosts(sandbox.db, "C0OTHER001");
    const mission = await sandbox.db.mission.findUniqueOrThrow({ where: { id: missionId ?? 0 } });
    expect(mission.channelId).toBe(CHANNEL);
    // Erik's accepted requests as published meetings on Tuesday 13 April.
    const erik = await sandbox.db.person.findUniqueOrThrow({ where: { slackUserId: "U0ERIK0001" } });
    const accepted = await sandbox.db.meetingRequest.findMany({
      where: { missionId: mission.id, status: "accepted", smeId: erik.smeId ?? 0, organisationId: { not: null } },
    });
    for (const [i, request] of accepted.entries()) {
      await seedMeeting(sandbox.db, {
        mission,
        smeId: request.smeId,
        organisationId: request.organisationId ?? 0,
        requestId: request.id,
        day: "2027-04-13",
        time: `${String(9 + i).padStart(2, "0")}:00`,
        table: i + 1,
      });
    }

    const evening = await play("clock 2027-04-12 09:59", "clock +1m");
    expect(evening).toContain("#china-mission-2027");
    expect(evening).toContain("Tomorrow, Tuesday 13 Apr 2027");
    const morning = await play("clock 2027-04-12 23:29", "clock +1m");
    expect(morning).toContain("Today, Tuesday 13 Apr 2027");
    expect(morning).toContain("Ventoworks 1 NV");
    expect(morning).toContain("DM · app → @erik");
    expect(morning).toContain("Your day, Tuesday 13 Apr 2027");
    expect(await play("clock +1h")).not.toContain("Tuesday 13 Apr 2027");
  });
});
