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

  it("creates channels and invites people with Slack's naming rules and errors", async () => {
    standIn.addUser({ id: "U0BOB00001", name: "bob", realName: "Bob Jensen" });
    const created = await client.conversations.create({ name: "china-mission-2027" });
    expect(created.channel).toMatchObject({ name: "china-mission-2027", is_channel: true, is_member: true });
    const id = String(created.channel?.id);
    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => "ok",
        (error: { data?: { error?: string } }) => error.data?.error,
      );
    expect(await refusal(client.conversations.create({ name: "china-mission-2027" }))).toBe("name_taken");
    expect(await refusal(client.conversations.create({ name: "general" }))).toBe("name_taken");
    expect(await refusal(client.conversations.create({ name: "China Mission" }))).toBe("invalid_name_specials");
    expect(await refusal(client.conversations.create({ name: "x".repeat(81) }))).toBe("invalid_name_maxlength");
    expect(await refusal(client.conversations.create({ name: "" }))).toBe("invalid_name_required");

    expect((await client.conversations.invite({ channel: id, users: "U0BOB00001" })).ok).toBe(true);
    expect(await refusal(client.conversations.invite({ channel: id, users: "U0BOB00001" }))).toBe("already_in_channel");
    expect(await refusal(client.conversations.invite({ channel: id, users: "U0NOBODY01" }))).toBe("user_not_found");
    expect(await refusal(client.conversations.invite({ channel: "C0MISSING1", users: "U0BOB00001" }))).toBe(
      "channel_not_found",
    );
    const info = await client.conversations.info({ channel: id });
    expect(info.channel).toMatchObject({ id, name: "china-mission-2027", num_members: 2 });
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

  it("refuses what breaks Slack's limits with Slack's own error and says where", async () => {
    const longSection = { type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } };
    await expect(client.chat.postMessage({ channel: "C1", text: "t", blocks: [longSection] })).rejects.toMatchObject({
      data: {
        error: "invalid_blocks",
        response_metadata: {
          messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
        },
      },
    });
    const button = (value: string) => ({
      type: "actions",
      elements: [{ type: "button", action_id: "a", text: { type: "plain_text", text: "Next" }, value }],
    });
    await expect(
      client.chat.postMessage({ channel: "C1", text: "t", blocks: [button("v".repeat(2001))] }),
    ).rejects.toThrow("invalid_blocks");
    const fiftyOne = Array.from({ length: 51 }, () => ({ type: "divider" }));
    await expect(client.chat.postMessage({ channel: "C1", text: "t", blocks: fiftyOne })).rejects.toThrow(
      "invalid_blocks",
    );
    await expect(client.chat.postMessage({ channel: "C1", text: "x".repeat(40_001) })).rejects.toThrow("msg_too_long");
    await expect(
      client.views.open({
        trigger_id: "1.2.x",
        view: { type: "modal", title: { type: "plain_text", text: "A title longer than 24 chars" }, blocks: [] },
      }),
    ).rejects.toMatchObject({
      data: {
        error: "invalid_arguments",
        response_metadata: { messages: ["[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"] },
      },
    });
    const select = {
      type: "input",
      label: { type: "plain_text", text: "Pick" },
      element: {
        type: "static_select",
        action_id: "s",
        options: Array.from({ length: 101 }, (_, i) => ({
          text: { type: "plain_text", text: `o${i}` },
          value: `${i}`,
        })),
      },
    };
    await expect(client.views.publish({ user_id: "U1", view: { type: "home", blocks: [select] } })).rejects.toThrow(
      "invalid_arguments",
    );
    const reply = await fetch(standIn.newResponseUrl(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        text: "t",
        blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
      }),
    });
    expect(reply.status).toBe(400);
    expect(standIn.responses).toHaveLength(0);
    expect(standIn.limitViolations.map((violation) => violation.error)).toEqual([
      "invalid_blocks",
      "invalid_blocks",
      "invalid_blocks",
      "msg_too_long",
      "invalid_arguments",
      "invalid_arguments",
      "invalid_blocks",
    ]);
    expect(standIn.messages).toHaveLength(0);
  });

  it("checks acknowledgements the way Slack does", () => {
    standIn.checkAcknowledgement("help", {
      text: "ok",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "" } }],
    });
    standIn.checkAcknowledgement("form", {
      response_action: "update",
      view: { type: "modal", title: { type: "plain_text", text: "T" }, blocks: [], private_metadata: "m".repeat(3001) },
    });
    standIn.checkAcknowledgement("errors", { response_action: "errors", errors: { name: "Too short" } });
    expect(standIn.limitViolations).toEqual([
      {
        where: "help",
        error: "invalid_blocks",
        messages: ["[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]"],
      },
      {
        where: "form",
        error: "invalid_arguments",
        messages: ["[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]"],
      },
    ]);
  });

  it("keeps posted messages' metadata and lists a conversation's history and a thread's replies as Slack does", async () => {
    const metadata = {
      event_type: "ec2i_job_run",
      event_payload: { run: "agenda:mission:1:2027-03-14T23:30:00.000Z" },
    };
    const parent = await client.chat.postMessage({ channel: "C0GENERAL1", text: "Agenda", metadata });
    await client.chat.postMessage({ channel: "C0GENERAL1", text: "Details", thread_ts: String(parent.ts) });
    const later = await client.chat.postMessage({ channel: "C0GENERAL1", text: "Later" });
    await client.chat.postMessage({ channel: "U0BOB00001", text: "Your day" });

    const history = await client.conversations.history({ channel: "C0GENERAL1", include_all_metadata: true });
    expect(history.messages?.map((m) => [m.text, m.metadata?.event_payload])).toEqual([
      ["Later", undefined],
      ["Agenda", metadata.event_payload],
    ]);
    expect(history.messages?.[1]).toMatchObject({ reply_count: 1, thread_ts: parent.ts });
    const withoutMetadata = await client.conversations.history({ channel: "C0GENERAL1" });
    expect(withoutMetadata.messages?.some((m) => m.metadata)).toBe(false);

    // A page at a time, newest first, between oldest and latest.
    const first = await client.conversations.history({ channel: "C0GENERAL1", limit: 1 });
    expect([first.messages?.[0]?.text, first.has_more]).toEqual(["Later", true]);
    const next = await client.conversations.history({
      channel: "C0GENERAL1",
      limit: 1,
      cursor: first.response_metadata?.next_cursor ?? "",
    });
    expect([next.messages?.[0]?.text, next.has_more, next.response_metadata?.next_cursor]).toEqual([
      "Agenda",
      false,
      "",
    ]);
    const before = await client.conversations.history({ channel: "C0GENERAL1", latest: String(later.ts) });
    expect(before.messages?.map((m) => m.text)).toEqual(["Agenda"]);

    const replies = await client.conversations.replies({ channel: "C0GENERAL1", ts: String(parent.ts) });
    expect(replies.messages?.map((m) => m.text)).toEqual(["Agenda", "Details"]);
    const dm = await client.conversations.history({ channel: "D0BOB00001" });
    expect(dm.messages?.map((m) => m.text)).toEqual(["Your day"]);
    const refusal = await client.conversations.history({ channel: "C0MISSING1" }).catch((error) => error.data?.error);
    expect(refusal).toBe("channel_not_found");
  });

  it("in rate-limit mode, paces posts per channel and across the workspace, answering 429 with Retry-After", async () => {
    let now = 0;
    standIn.enforceRateLimits({ channelBurst: 2, channelPerSecond: 1, workspacePerMinute: 4, now: () => now });
    const paced = new WebClient(standIn.botToken, {
      slackApiUrl: standIn.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const post = (channel: string) =>
      paced.chat.postMessage({ channel, text: "hi" }).then(
        () => "ok",
        (error: { code?: string; retryAfter?: number }) => `429 after ${error.retryAfter} s`,
      );
    // A burst of two, then one a second.
    expect([await post("C0GENERAL1"), await post("C0GENERAL1"), await post("C0GENERAL1")]).toEqual([
      "ok",
      "ok",
      "429 after 1 s",
    ]);
    now = 1000;
    expect(await post("C0GENERAL1")).toBe("ok");
    // Other channels are not held back by this one, until the workspace's minute is full.
    expect([await post("U0BOB00001"), await post("U0ANN00001")]).toEqual(["ok", "429 after 59 s"]);
    now = 60_500;
    expect(await post("U0ANN00001")).toBe("ok");
    expect(standIn.rateLimitRefusals.map((refusal) => [refusal.channel, refusal.limit])).toEqual([
      ["C0GENERAL1", "channel"],
      ["D0ANN00001", "workspace"],
    ]);
    expect(standIn.messages).toHaveLength(5);
  });
});
