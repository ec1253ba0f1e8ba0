import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";

const ADMIN = "U0ADMIN001";
const DANA = "U0DANA0001";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
});
afterEach(async () => t.stop());

function homeText(userId: string): string {
  return JSON.stringify(t.standIn.homeViews.get(userId)?.blocks ?? []);
}

describe("App Home", () => {
  it("publishes a home view that greets a guest and says how to get a role", async () => {
    const ack = await t.event({ type: "app_home_opened", user: DANA, channel: "D0DANA0001", tab: "home" });
    expect(ack.status).toBe(200);
    const publish = await t.standIn.waitForCall("views.publish");
    expect(publish.args.user_id).toBe(DANA);
    expect(homeText(DANA)).toContain("You have *no role yet*");
  });

  it("greets staff by name and role", async () => {
    await t.db.person.create({ data: { slackUserId: DANA, role: "staff", name: "Dana Petersen" } });
    await t.event({ type: "app_home_opened", user: DANA, channel: "D0DANA0001", tab: "home" });
    await t.standIn.waitForCall("views.publish");
    expect(homeText(DANA)).toContain("Hello, Dana!");
    expect(homeText(DANA)).toContain("You are *cluster staff*");
  });

  it("greets an admin and ignores the Messages tab", async () => {
    await t.event({ type: "app_home_opened", user: ADMIN, channel: "D0ADMIN001", tab: "messages" });
    await t.event({ type: "app_home_opened", user: ADMIN, channel: "D0ADMIN001", tab: "home" });
    await t.standIn.waitForCall("views.publish");
    expect(t.standIn.callsTo("views.publish")).toHaveLength(1);
    expect(homeText(ADMIN)).toContain("You are an *admin*");
  });

  it("publishes after Slack rate-limits the first attempt (429 with Retry-After)", async () => {
    t.standIn.rateLimitNext("views.publish", 1);
    await t.event({ type: "app_home_opened", user: DANA, channel: "D0DANA0001", tab: "home" });
    await t.standIn.waitForCall("views.publish", 1, 8000);
    const attempts = t.standIn.calls.filter((call) => call.method === "views.publish");
    expect(attempts.map((call) => call.failedWith ?? "ok")).toEqual(["ratelimited", "ok"]);
    expect(homeText(DANA)).toContain("no role yet");
  });
});
