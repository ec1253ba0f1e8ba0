import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { loadDemoMissions } from "./mission-demo.js";

const STAFF = "U0ALICE001";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff", cluster: { connect: { key: "clean-dk" } } } });
});
afterEach(async () => t.stop());

describe("the sandbox's missions", () => {
  it("are a China and a US mission, loaded once however often the demo runs, shown in their own zones", async () => {
    const now = new Date("2027-03-15T07:29:00Z");
    const first = await loadDemoMissions(t.db, now);
    const again = await loadDemoMissions(t.db, now);
    expect(again.map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(await t.db.mission.count()).toBe(2);
    expect(first.map((m) => [m.market, m.city, m.timeZone])).toEqual([
      ["CN", "Shanghai", "Asia/Shanghai"],
      ["US", "Boston", "America/New_York"],
    ]);

    const sent = await t.command(STAFF, "/mission", "show boston");
    const shown = JSON.stringify(await t.responseTo(sent.responseUrl));
    expect(shown).toContain("America/New_York (UTC-4)");
    expect(shown).toContain("28 May 2027, 17:00 New York time (UTC-4)");
    expect(shown).toContain(
      "09:00–17:00 New York time, 20-minute slots, breaks 12:00-13:00, 10 tables.\\n21 slots a day × 10 tables on 2 days: at most 420 meetings.",
    );
  });
});
