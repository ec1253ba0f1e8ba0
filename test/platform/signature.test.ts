import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postSigned, slashCommandBody } from "../../src/sandbox/slack-requests.js";
import { startTestApp, type TestApp } from "../support/harness.js";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => t.stop());

describe("request signatures", () => {
  it("accepts a correctly signed request", async () => {
    const reply = await t.command("U0EVE00001", "/ec2i", "help");
    expect(reply.status).toBe(200);
  });

  it("rejects a bad signature with 401 and runs nothing", async () => {
    const reply = await t.command("U0EVE00001", "/ec2i", "whoami", { signature: `v0=${"0".repeat(64)}` });
    expect(reply.status).toBe(401);
    const wrongSecret = await postSigned(
      t.url,
      slashCommandBody({
        command: "/ec2i",
        text: "whoami",
        userId: "U0EVE00001",
        responseUrl: t.standIn.newResponseUrl(),
      }),
      "application/x-www-form-urlencoded",
      { secret: "0123456789abcdef0123456789abcdef" },
    );
    expect(wrongSecret.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.standIn.responses).toHaveLength(0);
  });

  it("rejects a request signed six minutes ago (replay) with 401", async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const reply = await t.command("U0EVE00001", "/ec2i", "whoami", { timestamp: sixMinutesAgo });
    expect(reply.status).toBe(401);
    const event = await t.event(
      { type: "app_home_opened", user: "U0EVE00001", tab: "home" },
      { timestamp: sixMinutesAgo },
    );
    expect(event.status).toBe(401);
    expect(t.standIn.callsTo("views.publish")).toHaveLength(0);
  });
});
