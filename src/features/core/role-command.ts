import { clusters, findCluster } from "../../domain/clusters.js";
import { type AssignableRole, assignableRoles } from "../../domain/roles.js";
import { userIdFromMention } from "../../platform/slack/mentions.js";

/** `clusterKey`: undefined keeps the person's cluster, null clears it ("none"). */
export type RoleCommand = { userId: string; role: AssignableRole; clusterKey: string | null | undefined };
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const roleUsage =
  "`/ec2i role @user admin|staff|sme|none [cluster]` (staff and SME members need a cluster; `none` as the cluster clears it)";
const clusterList = clusters.map((cluster) => `\`${cluster.key}\``).join(", ");

/** Reads "<@U123|alice> staff clean-dk". Pure, so every wording is tested without Slack. */
export function parseRoleCommand(args: string): ParseResult<RoleCommand> {
  const words = args.split(/\s+/).filter(Boolean);
  const [who, roleWord, clusterWord, ...extra] = words;
  if (!who || !roleWord) {
    return { ok: false, message: `Usage: ${roleUsage}\nExample: \`/ec2i role @alice staff clean-dk\`` };
  }
  const userId = userIdFromMention(who);
  if (!userId) {
    return {
      ok: false,
      message: `I could not read \`${who}\` as a person: mention them with @ and pick them from Slack's list.\nUsage: ${roleUsage}`,
    };
  }
  const role = assignableRoles.find((r) => r === roleWord.toLowerCase());
  if (!role) {
    return {
      ok: false,
      message: `\`${roleWord}\` is not a role. Use one of ${assignableRoles.map((r) => `\`${r}\``).join(", ")}.\nUsage: ${roleUsage}`,
    };
  }
  if (extra.length > 0) {
    return { ok: false, message: `Too many words after the cluster: \`${extra.join(" ")}\`.\nUsage: ${roleUsage}` };
  }
  let clusterKey: string | null | undefined;
  if (clusterWord?.toLowerCase() === "none") clusterKey = null;
  else if (clusterWord) {
    const cluster = findCluster(clusterWord);
    if (!cluster) {
      return { ok: false, message: `\`${clusterWord}\` is not a cluster. Use one of ${clusterList}.` };
    }
    clusterKey = cluster.key;
  }
  return { ok: true, value: { userId, role, clusterKey } };
}
