import type { WebClient } from "@slack/web-api";
import { type Role, roleNames, rolesWithCluster } from "../../domain/roles.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { lookUpUser, type SlackUser } from "../../platform/slack/users.js";
import { assignRole, findPerson } from "./people-store.js";
import type { RoleCommand } from "./role-command.js";
import { roleConfirmation, roleNotice } from "./views.js";

export type RoleChangeCheck =
  | { ok: true; role: Role; clusterKey: string | null; slackUser: SlackUser | undefined }
  | { ok: false; field: "user" | "role" | "cluster"; message: string };

/** What can be checked before anything is written: used by the command and, before its ack, by the modal. */
export async function checkRoleChange(
  deps: AppDeps,
  client: WebClient,
  request: RoleCommand,
): Promise<RoleChangeCheck> {
  const role: Role = request.role === "none" ? "guest" : request.role;
  if (deps.config.admins.includes(request.userId) && role !== "admin") {
    return {
      ok: false,
      field: "role",
      message: `<@${request.userId}> is an admin through the EC2I_ADMINS setting. Remove them there first.`,
    };
  }
  const slackUser = await lookUpUser(client, request.userId, deps.logger);
  if (slackUser?.isBot || slackUser?.deleted) {
    return {
      ok: false,
      field: "user",
      message: `<@${request.userId}> is ${slackUser.isBot ? "a bot" : "a deactivated account"}: roles are for people.`,
    };
  }
  const cluster = await clusterForRole(deps, request, role);
  if (!cluster.ok) return cluster;
  return { ok: true, role, clusterKey: cluster.clusterKey, slackUser };
}

/**
 * Staff and SME members work within a cluster: they keep their current one or must be given one.
 * Admins and people without a role need none, so theirs is cleared unless one is named.
 */
async function clusterForRole(
  deps: AppDeps,
  request: RoleCommand,
  role: Role,
): Promise<{ ok: true; clusterKey: string | null } | { ok: false; field: "cluster"; message: string }> {
  if (!rolesWithCluster.includes(role))
    return { ok: true, clusterKey: role === "admin" ? (request.clusterKey ?? null) : null };
  if (request.clusterKey) return { ok: true, clusterKey: request.clusterKey };
  const current = request.clusterKey === null ? null : (await findPerson(deps.db, request.userId))?.cluster?.key;
  if (current) return { ok: true, clusterKey: current };
  return {
    ok: false,
    field: "cluster",
    message: `${capitalise(roleNames[role].many)} work within a cluster: name one for <@${request.userId}>.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Writes the change (with its audit entry), tells the person by DM, and returns the confirmation text. */
export async function applyRoleChange(
  deps: AppDeps,
  client: WebClient,
  byUserId: string,
  request: RoleCommand,
  checked: Extract<RoleChangeCheck, { ok: true }>,
): Promise<string> {
  const { slackUser, role } = checked;
  const { person, previousRole } = await assignRole(deps.db, {
    at: deps.clock.now(),
    userId: request.userId,
    role,
    clusterKey: checked.clusterKey,
    byUserId,
    profile: { name: slackUser?.name, timeZone: slackUser?.timeZone, email: slackUser?.email },
  });
  const clusterKey = person.cluster?.key ?? null;
  if (previousRole !== role && request.userId !== byUserId) {
    try {
      await client.chat.postMessage({ channel: request.userId, text: roleNotice(role, byUserId, clusterKey) });
    } catch (error) {
      deps.logger.warn({ err: error, user: request.userId }, "could not tell the person about their new role");
    }
  }
  return roleConfirmation(request.userId, role, previousRole, clusterKey);
}
