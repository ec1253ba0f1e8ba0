import type { AllMiddlewareArgs, App, SlackActionMiddlewareArgs } from "@slack/bolt";
import { can } from "../../domain/roles.js";
import type { AppDeps, CommandContext, CommandSpec, Feature, HomeSection } from "../../platform/slack/feature.js";
import { type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { appHelp } from "../../platform/slack/help.js";
import { applyRoleChange, checkRoleChange } from "./change-role.js";
import { findPerson, listPeopleWithRoles } from "./people-store.js";
import { parseRoleCommand, roleUsage } from "./role-command.js";
import { openRoleModalActionId, readRoleModal, roleModal, roleModalCallbackId } from "./role-modal.js";
import { adminHomeActions, rolesList, whoAmIText } from "./views.js";

/** People questions other features ask (who speaks for an SME, who reviews a cluster). */
export {
  inviteAsSmeMember,
  linkToSme,
  otherCompanyOf,
  peopleOfSme,
  reviewersFor,
  reviewRights,
} from "./people-store.js";

async function runRole({ args, actor, respond, client, command, deps }: CommandContext): Promise<void> {
  if (args === "") {
    await client.views.open({ trigger_id: command.trigger_id, view: roleModal() });
    return;
  }
  const parsed = parseRoleCommand(args);
  if (!parsed.ok) {
    await respond({ response_type: "ephemeral", text: parsed.message });
    return;
  }
  const checked = await checkRoleChange(deps, client, parsed.value);
  if (!checked.ok) {
    await respond({ response_type: "ephemeral", text: `${checked.message}\nUsage: ${roleUsage}` });
    return;
  }
  const confirmation = await applyRoleChange(deps, client, actor.slackUserId, parsed.value, checked);
  await respond({ response_type: "ephemeral", text: confirmation });
}

/** "Give a role" on an admin's App Home: opens the same form as `/ec2i role`. */
async function onGiveRoleClicked({ body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  if ("trigger_id" in body && body.trigger_id)
    await client.views.open({ trigger_id: body.trigger_id, view: roleModal() });
}

function registerRoleModal(app: App, deps: AppDeps): void {
  const onRoleModalSubmitted = async ({ ack, body, view, client }: FormSubmission): Promise<void> => {
    const read = readRoleModal(view.state.values);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    const checked = await checkRoleChange(deps, client, read.value);
    if (!checked.ok) {
      await ack({ response_action: "errors", errors: { [checked.field]: checked.message } });
      return;
    }
    await ack();
    const confirmation = await applyRoleChange(deps, client, body.user.id, read.value, checked);
    await client.chat.postMessage({ channel: body.user.id, text: confirmation });
  };

  app.action(openRoleModalActionId, guardAction(deps, "roles.manage"), onGiveRoleClicked);
  app.view(roleModalCallbackId, guardView(deps, "roles.manage"), onRoleModalSubmitted);
}

const adminHomeSection: HomeSection = async (actor) => {
  return can(actor.role, "roles.manage") ? [adminHomeActions()] : [];
};

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
        usage: "[@user admin|staff|sme|none [cluster]]",
        description: "give someone a role (none takes it away); without arguments it opens a form",
        permission: "roles.manage",
        run: runRole,
      },
    ],
  };
  return { name: "core", commands: [ec2i], register: registerRoleModal, homeSection: adminHomeSection };
}
