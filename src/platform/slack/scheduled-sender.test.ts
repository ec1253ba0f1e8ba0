import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SlackStandIn } from "../../sandbox/slack-stand-in.js";
import { createScheduledSlack, type PacedSlack, type Pacing, standInPacing } from "./scheduled-sender.js";

let standIn: SlackStandIn;
beforeEach(async () => {
  standIn = await SlackStandIn.start();
});
afterEach(async () => standIn.stop());

const fastRetries = { attempts: 3, firstDelayMs: 10, maxDelayMs: 20 };

function sender(pacing: Pacing = standInPacing): PacedSlack {
  return createScheduledSlack(standIn.botToken, {
    client: { slackApiUrl: standIn.apiUrl },
    pacing,
    retry: fastRetries,
  });
}

const posted = (channel: string) => standIn.messages.filter((message) => message.channel === channel);
const texts = (channel: string) => posted(channel).map((message) => message.text);

describe("the scheduled sender's pacing", () => {
  // Slack's limits scaled down twentyfold, so the test takes a fraction of a second.
  const scaledSlack = { channelBurst: 1, channelPerSecond: 20, workspacePerMinute: 10_000 };
  const burst = (slack: PacedSlack) =>
    Promise.all(
      ["C0GENERAL1", "U0BOB00001"].flatMap((channel) =>
        [1, 2, 3, 4, 5].map((n) => slack.post({ channel, text: `${channel} ${n}` })),
      ),
    );

  it("keeps each conversation to Slack's pace, in order, with conversations side by side", async () => {
    standIn.enforceRateLimits(scaledSlack);
    await burst(sender({ perConversationMs: 60, workspacePerSecond: 1000, workspaceBurst: 1000 }));
    expect(standIn.rateLimitRefusals).toEqual([]);
    expect(texts("C0GENERAL1")).toEqual([1, 2, 3, 4, 5].map((n) => `C0GENERAL1 ${n}`));
    expect(texts("D0BOB00001")).toEqual([1, 2, 3, 4, 5].map((n) => `U0BOB00001 ${n}`));
    // The DM did not wait for the channel's queue to empty.
    const order = standIn.messages.map((message) => message.channel);
    expect(order.indexOf("D0BOB00001")).toBeLessThan(order.lastIndexOf("C0GENERAL1"));
  });

  it("without pacing, a burst is refused by Slack's limits; the 429s are waited out and nothing is lost", async () => {
    // Slack's own pace, one a second: a second post a moment after the first is always refused.
    standIn.enforceRateLimits({ channelBurst: 1, channelPerSecond: 1, workspacePerMinute: 10_000 });
    const slack = sender();
    await Promise.all(
      ["C0GENERAL1", "U0BOB00001"].flatMap((channel) =>
        [1, 2, 3].map((n) => slack.post({ channel, text: `${channel} ${n}` })),
      ),
    );
    expect(standIn.rateLimitRefusals.length).toBeGreaterThan(0);
    expect(slack.stats.rateLimited).toBe(standIn.rateLimitRefusals.length);
    expect(texts("C0GENERAL1")).toEqual([1, 2, 3].map((n) => `C0GENERAL1 ${n}`));
    expect(texts("D0BOB00001")).toEqual([1, 2, 3].map((n) => `U0BOB00001 ${n}`));
  });

  it("keeps the whole workspace under its cap", async () => {
    // Slack's minute passes in a second here: 10 posts a "minute" across the workspace.
    standIn.enforceRateLimits({ channelBurst: 100, workspacePerMinute: 10, now: () => performance.now() * 60 });
    // 2 at once, then 6 a second: at most 8 in any second.
    const slack = sender({ perConversationMs: 0, workspacePerSecond: 6, workspaceBurst: 2 });
    const people = Array.from({ length: 16 }, (_, n) => `U0P${String(n).padStart(7, "0")}`);
    await Promise.all(people.map((channel) => slack.post({ channel, text: "Your day" })));
    expect([standIn.messages.length, standIn.rateLimitRefusals.length]).toEqual([16, 0]);
  });
});

describe("the scheduled sender's retries", () => {
  it("waits out a 429's Retry-After, then posts once", async () => {
    standIn.rateLimitNext("chat.postMessage", 1);
    const slack = sender();
    const ref = await slack.post({ channel: "C0GENERAL1", text: "Agenda" });
    expect(posted("C0GENERAL1").map((message) => message.ts)).toEqual([ref.ts]);
    expect(slack.stats.rateLimited).toBe(1);
  });

  it("after a failure that may have reached Slack, finds the message by its key instead of posting it again", async () => {
    const slack = sender();
    standIn.loseNextAnswer("chat.postMessage", "internal_error");
    const agenda = await slack.post({ channel: "C0GENERAL1", text: "Agenda", runKey: "agenda:mission:1:2027-03-15" });
    standIn.loseNextAnswer("chat.postMessage", "service_unavailable", 1, 503);
    const details = await slack.post({
      channel: "C0GENERAL1",
      text: "Details",
      threadTs: agenda.ts,
      runKey: "agenda:mission:1:2027-03-15",
    });
    standIn.loseNextAnswer("chat.postMessage", "fatal_error", 1, 200);
    const dm = await slack.post({ channel: "U0BOB00001", text: "Your day" });

    expect(texts("C0GENERAL1")).toEqual(["Agenda", "Details"]);
    expect(texts("D0BOB00001")).toEqual(["Your day"]);
    expect([agenda.ts, details.ts, dm.ts]).toEqual([...posted("C0GENERAL1"), ...posted("D0BOB00001")].map((m) => m.ts));
    expect(dm.channel).toBe("D0BOB00001");
    expect(slack.stats).toMatchObject({ posted: 0, retried: 3, foundAlreadyPosted: 3 });
    expect(standIn.callsTo("conversations.history").map((call) => call.args.include_all_metadata)).toEqual([
      "true",
      "true",
    ]);
    expect(standIn.callsTo("conversations.replies")).toHaveLength(1);
  });

  it("posts again when the failed attempt never reached Slack, and gives up on errors that are not transient", async () => {
    const slack = sender();
    standIn.failNext("chat.postMessage", "internal_error");
    await slack.post({ channel: "C0GENERAL1", text: "Agenda", runKey: "agenda:mission:1:2027-03-15" });
    expect(texts("C0GENERAL1")).toEqual(["Agenda"]);

    standIn.failNext("chat.postMessage", "channel_not_found");
    const notFound = await slack.post({ channel: "C0GENERAL1", text: "hi" }).catch((error) => error.data?.error);
    expect(notFound).toBe("channel_not_found");
    expect(standIn.calls.filter((call) => call.failedWith === "channel_not_found")).toHaveLength(1);

    standIn.failNext("chat.postMessage", "internal_error", 3);
    const gaveUp = await slack.post({ channel: "C0GENERAL1", text: "Later" }).catch((error) => error.data?.error);
    expect(gaveUp).toBe("internal_error");
    expect(texts("C0GENERAL1")).toEqual(["Agenda"]);
  });

  it("on a run's retry, returns the posts already in Slack and posts only the missing ones", async () => {
    const runKey = "agenda:mission:1:2027-03-15";
    const first = sender();
    first.beginRun(runKey, false);
    const parent = await first.post({ channel: "C0GENERAL1", text: "Agenda", runKey });
    await first.post({ channel: "C0GENERAL1", text: "Acme's meetings", threadTs: parent.ts, runKey });
    // The process dies here, before Beta's details and the DM.

    const second = sender();
    second.beginRun(runKey, true);
    const again = await second.post({ channel: "C0GENERAL1", text: "Agenda (late)", runKey });
    await second.post({ channel: "C0GENERAL1", text: "Acme's meetings", threadTs: again.ts, runKey });
    await second.post({ channel: "C0GENERAL1", text: "Beta's meetings", threadTs: again.ts, runKey });
    await second.post({ channel: "U0BOB00001", text: "Your day", runKey });
    second.endRun(runKey);

    expect(again).toEqual(parent);
    expect(texts("C0GENERAL1")).toEqual(["Agenda", "Acme's meetings", "Beta's meetings"]);
    expect(texts("D0BOB00001")).toEqual(["Your day"]);
    expect(second.stats).toMatchObject({ posted: 2, foundAlreadyPosted: 2 });
  });
});

describe("the app's manifest", () => {
  it("grants what a lookup of an earlier post reads: channel and DM history, and opening a DM", () => {
    const manifest = parse(readFileSync("manifest.yml", "utf8")) as { oauth_config: { scopes: { bot: string[] } } };
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["chat:write", "channels:history", "im:history", "im:write"]),
    );
  });
});
