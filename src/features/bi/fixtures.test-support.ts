/** Helpers for BI tests: an SME with a member, DM messages as Slack sends them, and what the bot said. */
import { expect, vi } from "vitest";
import type { TestApp } from "../../../test/support/harness.js";
import { seedSme } from "../directory/fixtures.test-support.js";

export const SME_USER = "U0SMEUSER1";
export const DM = "D0SMEUSER1";

export async function smeWithMember(t: TestApp, userId = SME_USER) {
  await t.db.person.upsert({
    where: { slackUserId: userId },
    create: { slackUserId: userId, role: "sme" },
    update: {},
  });
  return seedSme(t.db, { name: "Nordic Heat A/S", markets: ["CN"], contactSlackUserId: userId }, "approved", userId);
}

let counter = 0;
/** A message the SME types in the app's DM; returns its ts. */
export async function say(t: TestApp, text: string, options: { ts?: string; userId?: string; retry?: boolean } = {}) {
  counter += 1;
  const userId = options.userId ?? SME_USER;
  const ts = options.ts ?? `1800000${String(counter).padStart(3, "0")}.${String(counter).padStart(6, "0")}`;
  await t.event(
    { type: "message", channel: `D${userId.slice(1)}`, channel_type: "im", user: userId, text, ts, team: "T0EC2I000" },
    options.retry ? { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } } : {},
  );
  return ts;
}

/** Everything the bot posted in the SME's DM, in order. */
export function botTexts(t: TestApp, channel = DM): string[] {
  return t.standIn.messages.filter((m) => m.channel === channel && !m.ephemeralFor).map((m) => m.text ?? "");
}

/** Waits until every saved DM is handled: a turn's state is saved just after its reply is posted. */
export async function allHandled(t: TestApp): Promise<void> {
  await vi.waitFor(async () => expect(await t.db.biMessage.count({ where: { processedAt: null } })).toBe(0), {
    timeout: 5000,
    interval: 20,
  });
}

/** Waits until the bot has posted `count` messages in the DM and saved their turns, and returns the newest. */
export async function waitForReplies(t: TestApp, count: number, channel = DM): Promise<string> {
  const newest = await t.standIn.waitFor(
    () => (botTexts(t, channel).length >= count ? (botTexts(t, channel).at(-1) ?? " ") : undefined),
    `${count} bot messages`,
  );
  await allHandled(t);
  return newest;
}
