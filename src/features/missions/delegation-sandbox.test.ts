import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DemoSandbox, startDemoSandbox } from "../../../test/support/sandbox-harness.js";
import type { Sandbox } from "../../sandbox/session.js";
import { loadDemoDelegations } from "./delegation-demo.js";

let sandbox: Sandbox;
let play: DemoSandbox["play"];
let stop: () => Promise<void>;
beforeEach(async () => {
  ({ sandbox, play, stop } = await startDemoSandbox({
    start: new Date("2027-03-01T09:00:00Z"),
    env: { EC2I_ADMINS: "U0ADA00001" },
  }));
  await loadDemoDelegations(sandbox.db, new Date("2027-03-01T09:00:00Z"));
  // The China demo mission's channel: #general, where the app is a member.
  await sandbox.db.mission.updateMany({ where: { market: "CN" }, data: { channelId: "C0GENERAL1" } });
});
afterEach(() => stop());

describe("the delegation in the sandbox", () => {
  it("lets Erik name travellers with a people picker, invited to the mission's channel", async () => {
    const shown = await play("as erik", "/mission travellers china mission");
    expect(shown).toContain("[1] The people who travel <people, @name @name>: @erik");
    const saved = await play("select 1 @erik @bob", "submit");
    expect(saved).toContain("Saved: @erik, @bob travel for *Ventoworks 1 NV* to *China mission 2027*");
    expect(saved).toContain("➕ @bob invited to #general");
  });

  it("lets Alice add SMEs by typing their names, answered by the app as Slack would ask", async () => {
    const outside = await sandbox.db.sme.findMany({
      where: { status: "approved", participations: { none: {} } },
      select: { name: true },
      orderBy: { id: "asc" },
      take: 2,
    });
    const [first = "", second = ""] = outside.map((sme) => sme.name);
    const form = await play("as alice", "/mission add china mission");
    expect(form).toContain("<type part of a name, several with commas>");
    const picked = await play(`select 1 ${first}, ${second}`, "submit");
    expect(picked).toContain(`✎ [1] SMEs listed in the directory = ${first}, ${second}`);
    expect(picked).toContain(`• *${first}*: waiting list, place 3`);
  });
});
