/**
 * A mission's Slack channel: created from the mission form, and the people of the delegation invited
 * to it. Slack's answers are read here once, so the form and the delegation speak of them alike.
 */
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Logger } from "../../platform/logger.js";

/** The body of a refused Web API call, as the client puts it on the error it throws. */
const slackRefusal = z.object({
  data: z.object({
    error: z.string(),
    errors: z.array(z.object({ user: z.string().optional(), error: z.string() })).optional(),
  }),
});

/** Slack's error code when `error` is a refused call (e.g. "name_taken"); undefined for anything else. */
export function slackErrorCode(error: unknown): string | undefined {
  const parsed = slackRefusal.safeParse(error);
  return parsed.success ? parsed.data.data.error : undefined;
}

/** What to tell a person when Slack refused to create the channel, on the form's channel fields. */
function creationRefusal(code: string, name: string): { field: "channelName" | "createChannel"; message: string } {
  switch (code) {
    case "name_taken":
      return {
        field: "channelName",
        message: `#${name} is already taken: type another name here, or pick that channel above instead of ticking “create”.`,
      };
    case "invalid_name_specials":
    case "invalid_name_punctuation":
    case "invalid_name_required":
    case "invalid_name":
      return {
        field: "channelName",
        message: `Slack does not accept #${name} as a channel name: use lower-case letters, digits, hyphens and underscores.`,
      };
    case "invalid_name_maxlength":
      return { field: "channelName", message: "Slack's channel names have at most 80 characters." };
    case "restricted_action":
      return {
        field: "createChannel",
        message: "This workspace does not let the app create channels: pick an existing channel instead.",
      };
    default:
      return {
        field: "createChannel",
        message: `Slack did not create the channel (${code}): pick an existing channel, or try again.`,
      };
  }
}

/** Creates the mission's public channel; a refusal comes back as a message for the form's field. */
export async function createMissionChannel(
  client: WebClient,
  name: string,
): Promise<{ ok: true; channelId: string } | { ok: false; field: "channelName" | "createChannel"; message: string }> {
  try {
    const created = await client.conversations.create({ name });
    const channelId = created.channel?.id;
    if (!channelId) return { ok: false, ...creationRefusal("no_channel", name) };
    return { ok: true, channelId };
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    return { ok: false, ...creationRefusal(code, name) };
  }
}

/**
 * Invites people to a mission's channel. Slack refuses the whole call when one person cannot be
 * invited (already in it, unknown, deactivated): those are set aside and the others invited again,
 * so one traveller already in the channel does not keep the rest out.
 */
export async function inviteToMissionChannel(
  client: WebClient,
  logger: Logger,
  channelId: string,
  userIds: readonly string[],
): Promise<{ invited: string[]; notInvited: { user: string; reason: string }[] }> {
  let pending = [...new Set(userIds)];
  const notInvited: { user: string; reason: string }[] = [];
  while (pending.length > 0) {
    try {
      await client.conversations.invite({ channel: channelId, users: pending.join(",") });
      return { invited: pending, notInvited };
    } catch (error) {
      const parsed = slackRefusal.safeParse(error);
      const perUser = parsed.success ? (parsed.data.data.errors ?? []) : [];
      const refusedUsers = perUser.filter((entry) => entry.user && pending.includes(entry.user));
      if (refusedUsers.length === 0) {
        // The channel itself is the problem (gone, archived, the app not in it): nobody can be invited.
        logger.warn({ err: error, channelId }, "could not invite people to a mission channel");
        return {
          invited: [],
          notInvited: [...notInvited, ...pending.map((user) => ({ user, reason: slackErrorCode(error) ?? "error" }))],
        };
      }
      for (const entry of refusedUsers) notInvited.push({ user: entry.user as string, reason: entry.error });
      pending = pending.filter((user) => !refusedUsers.some((entry) => entry.user === user));
    }
  }
  return { invited: [], notInvited };
}
