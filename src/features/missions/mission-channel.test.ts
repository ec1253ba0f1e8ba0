import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger.js";
import { SlackStandIn } from "../../sandbox/slack-stand-in.js";
import { createMissionChannel, inviteToMissionChannel } from "./mission-channel.js";

let standIn: SlackStandIn;
let client: WebClient;
const logger = createLogger("silent");
beforeEach(async () => {
  standIn = await SlackStandIn.start();
  client = new WebClient(standIn.botToken, { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } });
  for (const id of ["U0BOB00001", "U0ERIK0001", "U0ALICE001"]) standIn.addUser({ id, name: id, realName: id });
});
afterEach(async () => standIn.stop());

describe("a mission's channel", () => {
  it("invites the whole delegation even when one person is already in it or unknown", async () => {
    const created = await createMissionChannel(client, "china-mission-2027");
    if (!created.ok) throw new Error(created.message);
    await client.conversations.invite({ channel: created.channelId, users: "U0ALICE001" });

    const result = await inviteToMissionChannel(client, logger, created.channelId, [
      "U0BOB00001",
      "U0ALICE001",
      "U0GONE0001",
      "U0ERIK0001",
    ]);
    expect(result).toEqual({
      invited: ["U0BOB00001", "U0ERIK0001"],
      notInvited: [
        { user: "U0ALICE001", reason: "already_in_channel" },
        { user: "U0GONE0001", reason: "user_not_found" },
      ],
    });
    expect([...(standIn.channels.get(created.channelId)?.members ?? [])].sort()).toEqual(
      ["U0ALICE001", "U0BOB00001", "U0BOT00001", "U0ERIK0001"].sort(),
    );
  });

  it("says why nobody was invited when the channel itself is gone", async () => {
    const result = await inviteToMissionChannel(client, logger, "C0GONE0001", ["U0BOB00001"]);
    expect(result).toEqual({ invited: [], notInvited: [{ user: "U0BOB00001", reason: "channel_not_found" }] });
  });

  it("turns Slack's refusals into a message for the form", async () => {
    expect(await createMissionChannel(client, "general")).toEqual({
      ok: false,
      field: "channelName",
      message:
        "#general is already taken: type another name here, or pick that channel above instead of ticking “create”.",
    });
    standIn.failNext("conversations.create", "restricted_action");
    expect(await createMissionChannel(client, "boston-2027")).toMatchObject({ ok: false, field: "createChannel" });
  });
});
