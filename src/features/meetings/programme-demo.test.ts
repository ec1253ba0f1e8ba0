import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DemoSandbox, startDemoSandbox } from "../../../test/support/sandbox-harness.js";
import type { Sandbox } from "../../sandbox/session.js";
import { seedMeeting } from "./meeting-fixtures.test-support.js";
import { loadDemoProgramme } from "./programme-demo.js";

const start = new Date("2027-03-01T09:00:00Z");
let sandbox: Sandbox;
let folder: string;
let play: DemoSandbox["play"];
let stop: () => Promise<void>;
beforeEach(async () => {
  ({ sandbox, folder, play, stop } = await startDemoSandbox({ start: start }));
});
afterEach(() => stop());

describe("the sandbox's programme and agendas", () => {
  it("loads a programme for each demo mission once, however often the demo runs", async () => {
    const first = await sandbox.db.agendaItem.count();
    expect(first).toBe(11);
    expect(await loadDemoProgramme(sandbox.db, start)).toEqual({ items: 0 });
    await sandbox.run("demo");
    expect(await sandbox.db.agendaItem.count()).toBe(first);
    const programme = await play("as alice", "/mission programme china");
    expect(programme).toContain("Programme of *China mission 2027*: 6 items");
    expect(programme).toContain("Monday 12 Apr 2027");
    expect(programme).toContain(
      "`18:30–20:30` :clinking_glasses: Reception: *Opening reception with the Danish and French consulates*",
    );
    expect(programme).toContain("Add item");
  });

  it("reads sensibly for Erik before and after the schedule is published, with his calendar file", async () => {
    const before = await play("as erik", "/mission agenda");
    expect(before).toContain("*Monday 12 Apr 2027* · Ventoworks 1 NV · China mission 2027");
    expect(before).toContain("is not published yet");
    expect(before).toContain("Arrival and hotel check-in");

    // Publishing (built in parallel) writes Meeting rows: the accepted requests of Erik's company.
    const erik = await sandbox.db.person.findUniqueOrThrow({ where: { slackUserId: "U0ERIK0001" } });
    const mission = await sandbox.db.mission.findFirstOrThrow({ where: { market: "CN" } });
    const accepted = await sandbox.db.meetingRequest.findMany({
      where: {
        missionId: mission.id,
        status: "accepted",
        OR: [{ smeId: erik.smeId ?? 0 }, { targetSmeId: erik.smeId ?? 0 }],
      },
    });
    expect(accepted.length).toBeGreaterThan(0);
    for (const [i, request] of accepted.entries()) {
      await seedMeeting(sandbox.db, {
        mission,
        smeId: request.smeId,
        ...(request.organisationId ? { organisationId: request.organisationId } : {}),
        ...(request.targetSmeId ? { targetSmeId: request.targetSmeId } : {}),
        requestId: request.id,
        day: "2027-04-13",
        time: `${String(9 + i).padStart(2, "0")}:00`,
        table: i + 1,
      });
    }
    const after = await play("/mission agenda 13 Apr");
    expect(after).toContain("`08:15–08:50` :microphone: Conference session: *Briefing: how the B2B meetings run*");
    expect(after).toContain("`09:00–09:30` :handshake: *table 1* · *");
    const sent = await play("/mission agenda ics");
    expect(sent).toContain("Sent the calendar file of *Ventoworks 1 NV*");
    const files = readdirSync(folder).filter((name) => name.endsWith(".ics"));
    expect(files).toHaveLength(1);
    expect(readFileSync(path.join(folder, files[0] ?? ""), "utf8")).toContain("DTSTART:20270413T010000Z");
  });
});
