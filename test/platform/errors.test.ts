import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/harness.js";

const ADMIN = "U0ADMIN001";
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
});
afterEach(async () => t.stop());

describe("global error handler", () => {
  it("apologises with an error id when a listener fails, and logs the same id", async () => {
    // A real failure: the audit table is gone, so the role change's transaction throws.
    await t.db.$executeRawUnsafe('DROP TABLE "AuditLog"');
    const reply = await t.command(ADMIN, "/ec2i", "role <@U0BOB00001> staff clean-dk");
    expect(reply.status).toBe(200);
    const answer = await t.responseTo(reply.responseUrl);
    const id = /`(E-[0-9A-F]{6})`/.exec(String(answer.text))?.[1];
    expect(answer.text).toContain("Sorry, something went wrong");
    expect(id).toBeDefined();
    const logged = t.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.some((entry) => entry.errorId === id && entry.msg === "listener failed")).toBe(true);
    expect(await t.db.person.count()).toBe(0);
  });

  it("tells the user by DM when a failing event has no response_url", async () => {
    t.standIn.failNext("views.publish", "invalid_blocks");
    await t.event({ type: "app_home_opened", user: "U0DANA0001", channel: "D0DANA0001", tab: "home" });
    const dm = await t.standIn.waitForCall("chat.postEphemeral");
    expect(dm.args).toMatchObject({ channel: "D0DANA0001", user: "U0DANA0001" });
    expect(String(dm.args.text)).toMatch(/error id `E-[0-9A-F]{6}`/);
  });
});
