import retry from "retry";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { replyDelayedText } from "../../src/platform/slack/delayed-reply.js";
import { webApiRetryPolicy } from "../../src/platform/slack/web-api.js";
import { startTestApp, type TestApp } from "../support/harness.js";

const ADMIN = "U0ADMIN001";
const STAFF = "U0STAFF001";
const INVITEE = "U0FREJA001";

describe("Slack's Web API rate-limiting or failing", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ admins: [ADMIN] });
    await t.db.person.create({
      data: { slackUserId: STAFF, role: "staff", cluster: { connect: { key: "clean-dk" } } },
    });
  });
  afterEach(async () => t.stop());

  it("opens a modal while another call waits out a 429, before its 3-second trigger expires", async () => {
    t.standIn.rateLimitNext("views.publish", 6);
    await t.event({ type: "app_home_opened", user: ADMIN, channel: "D0ADMIN001", tab: "home" });
    await t.standIn.waitFor(() => t.standIn.calls.some((call) => call.failedWith === "ratelimited"), "the 429");

    await t.command(ADMIN, "/ec2i", "role");
    await t.standIn.waitForCall("views.open", 1, 2500);
    // The rate-limited call is still waiting: the modal did not queue behind it.
    expect(t.standIn.callsTo("views.publish")).toHaveLength(0);
  });

  it("tells the person their reply is delayed when Slack fails, then gives the reply", async () => {
    t.standIn.failNext("chat.postMessage", "internal_error", 2, 500);
    const invite = await t.command(STAFF, "/sme", `invite <@${INVITEE}|freja> Nordic Heat A/S`);
    await t.standIn.waitForResponse(2);
    const replies = t.standIn.responses.filter((r) => r.path === new URL(invite.responseUrl).pathname);
    expect(replies.map((reply) => reply.body.text)).toEqual([replyDelayedText, expect.stringContaining("Invited")]);
    expect(t.standIn.messages.filter((m) => m.channel === `D${INVITEE.slice(1)}`)).toHaveLength(1);
  });

  it("gives up after a bounded number of failures and tells the person, with an error id", async () => {
    t.standIn.failNext("chat.postMessage", "internal_error", 5, 500);
    const invite = await t.command(STAFF, "/sme", `invite <@${INVITEE}|freja> Nordic Heat A/S`);
    await t.standIn.waitForResponse(2);
    const replies = t.standIn.responses.filter((r) => r.path === new URL(invite.responseUrl).pathname);
    expect(replies.map((reply) => reply.body.text)).toEqual([
      replyDelayedText,
      expect.stringMatching(/`E-[0-9A-F]{6}`/),
    ]);
  });
});

describe("the retry policy of ordinary Web API calls", () => {
  it("waits at most 15 seconds in all between attempts (the SDK's default waits up to half an hour)", () => {
    for (let run = 0; run < 20; run++) {
      const waits = retry.timeouts(webApiRetryPolicy);
      expect(waits.reduce((sum, wait) => sum + wait, 0)).toBeLessThanOrEqual(15_000);
    }
    expect(webApiRetryPolicy.maxRetryTime).toBeLessThanOrEqual(15_000);
  });
});
