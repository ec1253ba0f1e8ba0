import { can, type Permission, type Role, roleList, roleNames, rolesFor } from "../domain/roles.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Logger } from "./logger.js";

/** The person behind a Slack request, as far as the app's rules are concerned. */
export type Actor = Readonly<{
  slackUserId: string;
  role: Role;
  clusterId: number | null;
  smeId: number | null;
  /** The name Slack gave when the person got a role, if any. */
  name: string | null;
  /** True when the admin role comes from EC2I_ADMINS rather than the database. */
  adminFromEnvironment: boolean;
}>;

export type Authorization = { allowed: true; actor: Actor } | { allowed: false; actor: Actor; message: string };

export async function loadActor(db: Database, config: Config, slackUserId: string): Promise<Actor> {
  const person = await db.person.findUnique({ where: { slackUserId } });
  const adminFromEnvironment = config.admins.includes(slackUserId);
  return {
    slackUserId,
    role: adminFromEnvironment ? "admin" : (person?.role ?? "guest"),
    clusterId: person?.clusterId ?? null,
    smeId: person?.smeId ?? null,
    name: person?.name ?? null,
    adminFromEnvironment,
  };
}

/**
 * The one authorisation check: every command, action and view submission calls it before acting.
 * A refusal carries a message for the user and is logged, since a refused action can be forged.
 */
export async function authorize(
  deps: { db: Database; config: Config; logger: Logger },
  slackUserId: string,
  permission: Permission,
): Promise<Authorization> {
  const actor = await loadActor(deps.db, deps.config, slackUserId);
  if (can(actor.role, permission)) return { allowed: true, actor };
  deps.logger.warn({ user: slackUserId, role: actor.role, permission }, "refused: missing permission");
  return { allowed: false, actor, message: refusalMessage(actor.role, permission) };
}

export function refusalMessage(role: Role, permission: Permission): string {
  const yours = role === "guest" ? "you have no role yet" : `you are ${roleNames[role].one}`;
  const next = role === "guest" ? " Ask an admin to give you one with `/ec2i role @you staff|sme <cluster>`." : "";
  return `:no_entry: Only ${roleList(rolesFor(permission))} can do that, and ${yours}.${next}`;
}
