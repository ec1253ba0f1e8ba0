import type { KnownBlock } from "@slack/types";
import { clusters } from "../../domain/clusters.js";
import { type Role, roleNames } from "../../domain/roles.js";
import { openRoleModalActionId } from "./role-modal.js";

export type RoleHolder = { slackUserId: string; role: Role; clusterKey: string | null; fromEnvironment: boolean };

/** An admin's part of App Home: the button that opens the role form. */
export function adminHomeActions(): KnownBlock {
  return {
    type: "actions",
    block_id: "core.admin",
    elements: [{ type: "button", action_id: openRoleModalActionId, text: { type: "plain_text", text: "Give a role" } }],
  };
}

export function clusterLabel(clusterKey: string | null | undefined): string | undefined {
  const cluster = clusters.find((c) => c.key === clusterKey);
  return cluster ? `${cluster.name} (${cluster.country})` : undefined;
}

/** "an SME member of CLEAN (DK)", "an admin". */
function roleIn(role: Role, clusterKey: string | null): string {
  const where = clusterLabel(clusterKey);
  return `${roleNames[role].one}${where ? ` of ${where}` : ""}`;
}

function before(previous: Role): string {
  return previous === "guest" ? "had no role" : `was ${roleNames[previous].one}`;
}

export function roleConfirmation(userId: string, role: Role, previous: Role, clusterKey: string | null): string {
  if (role === "guest") return `:white_check_mark: <@${userId}> no longer has a role (${before(previous)}).`;
  const was = previous === role ? "" : ` (${before(previous)})`;
  return `:white_check_mark: <@${userId}> is now ${roleIn(role, clusterKey)}${was}.`;
}

/** The DM a person gets when their role changes: what they can now do. */
export function roleNotice(role: Role, byUserId: string, clusterKey: string | null): string {
  const made = `<@${byUserId}> made you ${roleIn(role, clusterKey)} in EC2i Missions.`;
  switch (role) {
    case "admin":
      return `${made} You can give roles with \`/ec2i role\`; \`/ec2i help\` lists everything.`;
    case "staff":
      return `${made} \`/ec2i help\` lists what you can do.`;
    case "sme":
      return `${made} \`/ec2i help\` shows how to fill your company profile and Business Intelligence template.`;
    case "guest":
      return `<@${byUserId}> removed your role in EC2i Missions. You can still read \`/ec2i help\`.`;
  }
}

export function rolesList(holders: readonly RoleHolder[]): { text: string; blocks: KnownBlock[] } {
  if (holders.length === 0) {
    const text = "Nobody has a role yet. Admins give roles with `/ec2i role @user admin|staff|sme <cluster>`.";
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const order: Role[] = ["admin", "staff", "sme"];
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Who has which role" } }];
  for (const role of order) {
    const people = holders.filter((holder) => holder.role === role);
    if (people.length === 0) continue;
    const lines = people.map((holder) => {
      const where = clusterLabel(holder.clusterKey);
      const source = holder.fromEnvironment ? " _(from EC2I_ADMINS)_" : "";
      return `• <@${holder.slackUserId}>${where ? ` — ${where}` : ""}${source}`;
    });
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*${capitalise(roleNames[role].many)}* (${people.length})\n${lines.join("\n")}` },
    });
  }
  return { text: `${holders.length} people have a role.`, blocks };
}

export function whoAmIText(userId: string, role: Role, clusterKey: string | null, fromEnvironment: boolean): string {
  if (role === "guest") {
    return `<@${userId}>, you have no role yet, so you can read help only. Ask an admin to run \`/ec2i role @you staff|sme <cluster>\`.`;
  }
  const source = fromEnvironment ? " (set in EC2I_ADMINS)" : "";
  return `<@${userId}>, you are ${roleIn(role, clusterKey)}${source}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
