import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackStandIn } from "./slack-stand-in.js";

let standIn: SlackStandIn;
let client: WebClient;
beforeEach(async () => {
  standIn = await SlackStandIn.start();
  client = new WebClient(standIn.botToken, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
});
afterEach(async () => standIn.stop());

describe("Slack stand-in", () => {
  it("answers the Web API client as Slack does and records the calls", async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: "U0BOT00001", team_id: "T0EC2I000" });
    const posted = await client.chat.postMessage({ channel: "U0BOB00001", text: "hi", blocks: [{ type: "divider" }] });
    expect(posted.channel).toBe("D0BOB00001");
    const updated = await client.chat.update({ channel: "D0BOB00001", ts: String(posted.ts), text: "hello" });
    expect(updated.text).toBe("hello");
    expect(standIn.messages[0]).toMatchObject({ channel: "D0BOB00001", text: "hello", blocks: [{ type: "divider" }] });
    await client.chat.delete({ channel: "D0BOB00001", ts: String(posted.ts) });
    expect(standIn.messages).toHaveLength(0);
    expect(standIn.calls.map((call) => call.method)).toEqual([
      "auth.test",
      "chat.postMessage",
      "chat.update",
      "chat.delete",
    ]);
  });

  it("uploads a file through the getUploadURLExternal / completeUploadExternal pair", async () => {
    const result = await client.filesUploadV2({
      channel_id: "D0BOB00001",
      filename: "smes.csv",
      file: Buffer.from("name,country\nHeatCo,DK\n"),
      title: "SME export",
    });
    expect(result.ok).toBe(true);
    const [upload] = [...standIn.uploads.values()];
    expect(upload?.filename).toBe("smes.csv");
    expect(upload?.content.toString()).toBe("name,country\nHeatCo,DK\n");
    expect(standIn.callsTo("files.completeUploadExternal")).toHaveLength(1);
  });

  it("answers invalid_auth for a wrong token, and fails or rate-limits on request", async () => {
    const stranger = new WebClient("xoxb-wrong", { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
    await expect(stranger.auth.test()).rejects.toThrow("invalid_auth");
    standIn.failNext("chat.postMessage", "channel_not_found");
    await expect(client.chat.postMessage({ channel: "C1", text: "x" })).rejects.toThrow("channel_not_found");
    standIn.rateLimitNext("users.info", 7);
    const limited = new WebClient(standIn.botToken, {
      slackApiUrl: standIn.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    await expect(limited.users.info({ user: "U1" })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 7,
    });
  });

  it("opens, updates and publishes views with Slack's view shape", async () => {
    const opened = await client.views.open({
      trigger_id: "123.456.abc",
      view: { type: "modal", callback_id: "x", title: { type: "plain_text", text: "T" }, blocks: [] },
    });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view?.state).toEqual({ values: {} });
    await expect(
      client.views.update({
        view_id: "VNOPE",
        view: { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [] },
      }),
    ).rejects.toThrow("not_found");
    const dm = await client.conversations.open({ users: "U0BOB00001" });
    expect(dm.channel?.id).toBe("D0BOB00001");
  });
});
