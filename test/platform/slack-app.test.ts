import { SocketModeReceiver } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { allFeatures } from "../../src/features/index.js";
import { ManualClock } from "../../src/platform/clock.js";
import { parseConfig } from "../../src/platform/config.js";
import { createDatabase } from "../../src/platform/db/client.js";
import { createLogger } from "../../src/platform/logger.js";
import { createSlackApp } from "../../src/platform/slack/app.js";
import { SlackStandIn } from "../../src/sandbox/slack-stand-in.js";
import { freshDatabaseUrl, SIGNING_SECRET } from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The app's dependencies against a Slack API at `apiUrl`. */
async function depsFor(apiUrl: string, botToken: string) {
  const database = await freshDatabaseUrl();
  const config = parseConfig({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    DATABASE_URL: database.url,
  });
  const db = createDatabase(config.databaseUrl);
  cleanups.push(database.cleanup, () => db.$disconnect());
  return { config, db, logger: createLogger("silent"), clock: new ManualClock(new Date("2027-03-15T08:00:00Z")) };
}

const fastRetries = { retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 } };

describe("creating the Slack app", () => {
  it("fails with Slack's reason when Slack cannot be reached, and leaves nothing unhandled behind", async () => {
    // A stand-in that has already stopped: its port refuses connections, as Slack does during an outage.
    const standIn = await SlackStandIn.start();
    await standIn.stop();
    const deps = await depsFor(standIn.apiUrl, standIn.botToken);
    await expect(
      createSlackApp(deps, [], { kind: "http", signingSecret: SIGNING_SECRET }, fastRetries),
    ).rejects.toThrow(
      /^Could not connect to Slack with SLACK_BOT_TOKEN: Slack could not be reached \(.*(request error|fetch failed)/i,
    );
  });

  it("fails with Slack's reason when Slack refuses the bot token", async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.stop());
    const deps = await depsFor(standIn.apiUrl, "xoxb-revoked-token");
    await expect(
      createSlackApp(deps, [], { kind: "http", signingSecret: SIGNING_SECRET }, fastRetries),
    ).rejects.toThrow('Could not connect to Slack with SLACK_BOT_TOKEN: Slack answered "invalid_auth".');
  });

  it("asks Slack who the bot is once, before any request, and never again per request", async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.stop());
    const app = await createSlackApp(await depsFor(standIn.apiUrl, standIn.botToken), [], {
      kind: "http",
      signingSecret: SIGNING_SECRET,
    });
    expect(standIn.callsTo("auth.test")).toHaveLength(1);
    await app.start({ port: 0, host: "127.0.0.1" });
    await app.stop();
    expect(standIn.callsTo("auth.test")).toHaveLength(1);
  });

  it("builds the same app in Socket Mode (no HTTP receiver)", async () => {
    const standIn = await SlackStandIn.start();
    cleanups.push(() => standIn.stop());
    const app = await createSlackApp(await depsFor(standIn.apiUrl, standIn.botToken), allFeatures(), {
      kind: "socket",
      appToken: "xapp-1-A0EC2I0001-1-abcdef",
    });
    // Bolt keeps its receiver private; which one it holds is what this test is about.
    expect((app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
  });
});
