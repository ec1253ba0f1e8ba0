/**
 * The sandbox's Slack workspace lives in memory, but its database persists between runs: channels
 * the app created (a mission's channel, a consortium's private channel) are remembered in a small
 * JSON file beside the database, so after a restart the transcript still says #china-mission and
 * not a bare channel id.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { SlackStandIn } from "./slack-stand-in.js";

const rememberedChannels = z.array(
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    isPrivate: z.boolean(),
    members: z.array(z.string()),
  }),
);

/** Where a persistent sandbox database keeps its channels: `data/sandbox.db` → `data/sandbox.db.channels.json`. */
export function channelsFileOf(databaseFile: string): string {
  return `${databaseFile}.channels.json`;
}

/** Puts the channels remembered in `file` back into the stand-in; a missing or unreadable file is a new workspace. */
export function restoreChannels(standIn: SlackStandIn, file: string): void {
  if (!existsSync(file)) return;
  let parsed: z.infer<typeof rememberedChannels>;
  try {
    parsed = rememberedChannels.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return;
  }
  for (const channel of parsed) {
    if (!standIn.channels.has(channel.id)) standIn.addChannel(channel);
  }
}

/** Writes the stand-in's channels to `file` (cheap: a workspace has a handful). */
export function rememberChannels(standIn: SlackStandIn, file: string): void {
  const channels = [...standIn.channels.values()].map((channel) => ({
    id: channel.id,
    name: channel.name,
    isPrivate: channel.isPrivate,
    members: [...channel.members],
  }));
  writeFileSync(file, `${JSON.stringify(channels, null, 2)}\n`);
}
