/**
 * Nothing an SME sends in the BI conversation is lost: a process killed right after the ack, a
 * retried delivery, a reply Slack refuses, messages out of order. (A SIGTERM during an LLM call:
 * llm-http.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { copyAsKilledProcessLeavesIt, startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { DM, SME_USER, say, smeWithMember, waitForReplies } from "./fixtures.test-support.js";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => t.stop());

async function start() {
  await smeWithMember(t);
  await t.command(SME_USER, "/bi", "start cn");
  return waitForReplies(t, 1);
}

/** The database as a process killed at this moment leaves it. */
async function snapshotOfDatabase(): Promise<string> {
  const kept = await copyAsKilledProcessLeavesIt(t.config.databaseUrl);
  onTestFinished(kept.cleanup);
  return kept.url;
}

const answers = async () => (await t.db.biResponse.findFirstOrThrow()).answers as Record<string, unknown>;

describe("a DM to the app", () => {
  it("is saved before the ack, and handled at the next start-up when the process died after the ack", async () => {
    await start();
    // Slack holds the app's reply for 3 s: the process is killed mid-turn whatever the database's
    // speed (a copy of a PostgreSQL database takes longer than the app takes to handle a message).
    t.standIn.rateLimitNext("chat.postMessage", 3);
    const ack = await t.event({
      type: "message",
      channel: DM,
      channel_type: "im",
      user: SME_USER,
      text: "Large heat pumps for district heating",
      ts: "1800000500.000100",
    });
    expect(ack.status).toBe(200);
    const killed = await snapshotOfDatabase();
    await t.stop();
    // Restarted a minute later: a lease the dead process may have held on the conversation has expired.
    t = await startTestApp({ reuseDatabase: killed, clock: new ManualClock(new Date("2027-03-15T08:01:00Z")) });
    const reply = await waitForReplies(t, 1);
    expect(reply).toContain("Got it: *Product and the problem it solves* — Large heat pumps for district heating");
    expect(reply).toContain("Why would a Chinese customer choose you");
  });

  it("saved but never handled is handled when Slack retries its delivery", async () => {
    await start();
    const response = await t.db.biResponse.findFirstOrThrow();
    // What a process that stopped between saving and handling leaves behind.
    await t.db.biMessage.create({
      data: { responseId: response.id, slackTs: "1800000600.000100", text: "Heat pumps" },
    });
    await say(t, "Heat pumps", { ts: "1800000600.000100", retry: true });
    expect(await waitForReplies(t, 2)).toContain("Got it: *Product and the problem it solves* — Heat pumps");
    expect(await t.db.biMessage.count()).toBe(1);
  });

  it("is handled in Slack ts order when two arrive out of order", async () => {
    await start();
    await say(t, "Large heat pumps", { ts: "1800000700.000100" });
    await waitForReplies(t, 2);
    // The later message ("no", for the question after next) reaches the app first.
    await Promise.all([
      say(t, "no", { ts: "1800000700.000300" }),
      say(t, "Cheaper to run than local units", { ts: "1800000700.000200" }),
    ]);
    await waitForReplies(t, 4);
    expect(await answers()).toMatchObject({
      china_advantage: "Cheaper to run than local units",
      adaptation_needed: false,
    });
  });

  it("keeps the question pending and asks it again when Slack refuses the reply", async () => {
    await start();
    // More failures than the app's retries: the reply to this answer is never posted.
    t.standIn.failNext("chat.postMessage", "fatal_error", 3);
    await say(t, "Large heat pumps");
    const again = await waitForReplies(t, 2);
    expect(again).toContain("Slack did not let me reply to your last message");
    expect(again).toContain("Which product or solution would you bring to China");
    expect(await answers()).toEqual({});
    await say(t, "Large heat pumps, 1–20 MW");
    expect(await waitForReplies(t, 3)).toContain(
      "Got it: *Product and the problem it solves* — Large heat pumps, 1–20 MW",
    );
    expect(await t.db.biMessage.findMany({ orderBy: { slackTs: "asc" }, select: { text: true } })).toEqual([
      { text: "Large heat pumps" },
      { text: "Large heat pumps, 1–20 MW" },
    ]);
  });

  it("outside a template is answered with what the person can do", async () => {
    await smeWithMember(t);
    await say(t, "hello");
    expect(await waitForReplies(t, 1)).toContain("`/bi start cn` or `/bi start us` starts a template here");
  });
});
