import type { Role } from "../../domain/roles.js";
import type { CommandContext, CommandSpec, Feature } from "../../platform/slack/feature.js";
import { appHelp } from "../../platform/slack/help.js";
import { lookUpUser } from "../../platform/slack/users.js";
import { assignRole, findPerson, listPeopleWithRoles } from "./people-store.js";
import { parseRoleCommand, roleUsage } from "./role-command.js";
import { roleConfirmation, roleNotice, rolesList, whoAmIText } from "./views.js";

async function runRole({ args, actor, respond, client, deps }: CommandContext): Promise<void> {
  const parsed = parseRoleCommand(args);
  if (!parsed.ok) {
    await respond({ response_type: "ephemeral", text: parsed.message });
    return;
  }
  const { userId, role: wanted, clusterKey } = parsed.value;
  const role: Role = wanted === "none" ? "guest" : wanted;
  if (deps.config.admins.includes(userId) && role !== "admin") {
    await respond({
      response_type: "ephemeral",
      text: `<@${userId}> is an admin through the EC2I_ADMINS setting. Remove them there first, then run ${roleUsage} again.`,
    });
    return;
  }
  const slackUser = await lookUpUser(client, userId, deps.logger);
  if (slackUser?.isBot || slackUser?.deleted) {
    await respond({
      response_type: "ephemeral",
      text: `<@${userId}> is ${slackUser.isBot ? "a bot" : "a deactivated account"}: roles are for people.`,
    });
    return;
  }
  const { person, previousRole } = await assignRole(deps.db, {
    userId,
    role,
    clusterKey,
    byUserId: actor.slackUserId,
    profile: { name: slackUser?.name, timeZone: slackUser?.timeZone, email: slackUser?.email },
  });
  const clusterKeyNow = person.cluster?.key ?? null;
  await respond({ response_type: "ephemeral", text: roleConfirmation(userId, role, previousRole, clusterKeyNow) });
  if (previousRole !== role && userId !== actor.slackUserId) {
    try {
      await client.chat.postMessage({ channel: userId, text: roleNotice(role, actor.slackUserId, clusterKeyNow) });
    } catch (error) {
      deps.logger.warn({ err: error, user: userId }, "could not tell the person about their new role");
    }
  }
}

async function runRoles({ respond, deps }: CommandContext): Promise<void> {
  const people = await listPeopleWithRoles(deps.db);
  const fromDatabase = people.map((person) => ({
    slackUserId: person.slackUserId,
    role: deps.config.admins.includes(person.slackUserId) ? ("admin" as const) : person.role,
    clusterKey: person.cluster?.key ?? null,
    fromEnvironment: deps.config.admins.includes(person.slackUserId),
  }));
  const known = new Set(fromDatabase.map((holder) => holder.slackUserId));
  const fromEnvironment = deps.config.admins
    .filter((id) => !known.has(id))
    .map((id) => ({ slackUserId: id, role: "admin" as const, clusterKey: null, fromEnvironment: true }));
  await respond({ response_type: "ephemeral", ...rolesList([...fromEnvironment, ...fromDatabase]) });
}

async function runWhoAmI({ actor, respond, deps }: CommandContext): Promise<void> {
  const person = await findPerson(deps.db, actor.slackUserId);
  await respond({
    response_type: "ephemeral",
    text: whoAmIText(actor.slackUserId, actor.role, person?.cluster?.key ?? null, actor.adminFromEnvironment),
  });
}

/** `/ec2i`: help for the whole app, and roles. Its help lists every command, so it is given all of them. */
export function createCoreFeature(allCommands: () => readonly CommandSpec[]): Feature {
  const ec2i: CommandSpec = {
    command: "/ec2i",
    description: "EC2i Missions: help and roles",
    usageHint: "help | whoami | roles | role @user admin|staff|sme|none [cluster]",
    help: () => appHelp(allCommands()),
    subcommands: [
      { name: "whoami", description: "show your role and cluster", permission: "help.read", run: runWhoAmI },
      { name: "roles", description: "list who has which role", permission: "roles.read", run: runRoles },
      {
        name: "role",
        usage: "@user admin|staff|sme|none [cluster]",
        description: "give someone a role (none takes it away)",
        permission: "roles.manage",
        run: runRole,
      },
    ],
  };
  return { name: "core", commands: [ec2i] };
}
