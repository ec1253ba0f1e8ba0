/**
 * Missions themselves: `/mission new | list | show | edit | archive | unarchive`, the mission form's
 * submission (inline errors, a unique name, the channel created before the form closes), and the
 * Edit, Archive, Undo buttons.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { isUniqueViolation } from "../../platform/db/errors.js";
import { parseJson } from "../../platform/json.js";
import { newErrorId } from "../../platform/slack/errors.js";
import { type AppDeps, type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { type MissionRecord, readOnlyReason } from "./mission.js";
import { createMissionChannel, inviteToMissionChannel } from "./mission-channel.js";
import { validateMissionForm } from "./mission-form.js";
import { lookUpMission } from "./mission-lookup.js";
import {
  createMission,
  delegationSize,
  getMission,
  listMissions,
  missionNamed,
  setMissionArchived,
  updateMission,
} from "./mission-store.js";
import { formatDayRange } from "./mission-time.js";
import {
  archiveConfirmation,
  archivedNotice,
  formErrors,
  formValuesOf,
  missionActionIds,
  missionDetails,
  missionList,
  missionModal,
  missionModalCallbackId,
  missionModalMeta,
  readMissionModal,
  savedNotice,
} from "./mission-views.js";

const usage = {
  list: "Usage: `/mission list` (add `all` to include archived missions)",
  show: "Usage: `/mission show <mission name>`, e.g. `/mission show china 2027`",
  edit: "Usage: `/mission edit <mission name>`",
  archive: "Usage: `/mission archive <mission name>`",
  unarchive: "Usage: `/mission unarchive <mission name>`",
} as const;

/** The mission a command names, or the answer that says which were meant. */
async function namedMission(
  { args, deps, respond }: CommandContext,
  usageLine: string,
): Promise<MissionRecord | undefined> {
  if (args === "") {
    await respond(ephemeral(usageLine));
    return undefined;
  }
  // Staff commands and show reach archived missions too: to see, restore or be told they are read-only.
  const found = await lookUpMission(deps.db, args, { includeArchived: true });
  if (found.problem !== undefined) await respond(ephemeral(found.problem));
  return found.mission;
}

async function runNew({ client, command }: CommandContext): Promise<void> {
  await openForm(client, command.trigger_id, undefined);
}

async function runList({ args, deps, respond }: CommandContext): Promise<void> {
  if (args !== "" && args.toLowerCase() !== "all") {
    await respond(ephemeral(usage.list));
    return;
  }
  const includeArchived = args.toLowerCase() === "all";
  const entries = await listMissions(deps.db, { includeArchived: true });
  const shown = includeArchived ? entries : entries.filter((entry) => !entry.mission.archivedAt);
  await respond({
    response_type: "ephemeral",
    ...missionList(shown, { includeArchived, archivedHidden: entries.length - shown.length }),
  });
}

async function runShow(context: CommandContext): Promise<void> {
  const mission = await namedMission(context, usage.show);
  if (!mission) return;
  const delegation = await delegationSize(context.deps.db, mission.id);
  await context.respond({
    response_type: "ephemeral",
    ...missionDetails(mission, delegation, { staff: isStaff(context.actor) }),
  });
}

async function runEdit(context: CommandContext): Promise<void> {
  const mission = await namedMission(context, usage.edit);
  if (!mission) return;
  const readOnly = readOnlyReason(mission);
  if (readOnly) {
    await context.respond(ephemeral(readOnly));
    return;
  }
  await openForm(context.client, context.command.trigger_id, mission);
}

async function runArchive(context: CommandContext): Promise<void> {
  const mission = await namedMission(context, usage.archive);
  if (!mission) return;
  if (mission.archivedAt) {
    await context.respond({ response_type: "ephemeral", ...archivedNotice(mission) });
    return;
  }
  await context.respond({ response_type: "ephemeral", ...archiveConfirmation(mission) });
}

async function runUnarchive(context: CommandContext): Promise<void> {
  const mission = await namedMission(context, usage.unarchive);
  if (!mission) return;
  const restored = await setMissionArchived(context.deps.db, {
    id: mission.id,
    archived: false,
    bySlackId: context.actor.slackUserId,
    at: context.deps.clock.now(),
  });
  await context.respond(ephemeral(unarchivedText(restored ?? mission)));
}

function unarchivedText(mission: MissionRecord): string {
  return `:open_file_folder: *${escapeMrkdwn(mission.name)}* is back in \`/mission list\` and can be changed again.`;
}

async function openForm(client: WebClient, triggerId: string, mission: MissionRecord | undefined): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: missionModal(mission ? { mode: "edit", missionId: mission.id } : { mode: "new" }, formValuesOf(mission)),
  });
}

export const missionSubcommands: readonly Subcommand[] = [
  {
    name: "new",
    aliases: ["create"],
    description: "Create a mission: dates, time zone, capacity, request deadline, channel and B2B session plan",
    permission: "missions.manage",
    run: runNew,
  },
  {
    name: "list",
    aliases: ["ls"],
    usage: "[all]",
    description: "Missions with their dates and delegation size (`all` includes archived ones)",
    permission: "missions.read",
    run: runList,
  },
  {
    name: "show",
    usage: "<mission>",
    description: "A mission's dates, times in its own zone, deadline and session plan",
    permission: "missions.read",
    run: runShow,
  },
  {
    name: "edit",
    usage: "<mission>",
    description: "Change a mission in the same form",
    permission: "missions.manage",
    run: runEdit,
  },
  {
    name: "archive",
    usage: "<mission>",
    description: "Archive a mission (read-only, out of the list), after a confirmation",
    permission: "missions.manage",
    run: runArchive,
  },
  {
    name: "unarchive",
    usage: "<mission>",
    description: "Bring an archived mission back",
    permission: "missions.manage",
    run: runUnarchive,
  },
];

const missionIdValue = z.coerce.number().int().positive();

export function registerMissionListeners(app: App, deps: AppDeps): void {
  /** The mission a button names, or a DM saying it is gone. */
  const missionOfButton = async ({ body, client }: ButtonClick): Promise<MissionRecord | undefined> => {
    const id = missionIdValue.safeParse(body.actions[0]?.value);
    const mission = id.success ? await getMission(deps.db, id.data) : undefined;
    if (!mission) {
      await client.chat.postMessage({ channel: body.user.id, text: "That mission no longer exists." });
    }
    return mission;
  };

  const onEdit = async (click: ButtonClick): Promise<void> => {
    const mission = await missionOfButton(click);
    if (!mission) return;
    const readOnly = readOnlyReason(mission);
    if (readOnly) {
      await click.respond({ response_type: "ephemeral", replace_original: false, text: readOnly });
      return;
    }
    await openForm(click.client, click.body.trigger_id, mission);
  };

  const onArchive = async (click: ButtonClick): Promise<void> => {
    const mission = await missionOfButton(click);
    if (!mission) return;
    await click.respond({
      response_type: "ephemeral",
      replace_original: false,
      ...(mission.archivedAt ? archivedNotice(mission) : archiveConfirmation(mission)),
    });
  };

  const onConfirmArchive = async (click: ButtonClick): Promise<void> => {
    const mission = await missionOfButton(click);
    if (!mission) return;
    const archived = await setMissionArchived(deps.db, {
      id: mission.id,
      archived: true,
      bySlackId: actorOf(click.context).slackUserId,
      at: deps.clock.now(),
    });
    await click.respond({ response_type: "ephemeral", replace_original: true, ...archivedNotice(archived ?? mission) });
  };

  const onCancelArchive = async (click: ButtonClick): Promise<void> => {
    const mission = await missionOfButton(click);
    await click.respond({
      response_type: "ephemeral",
      replace_original: true,
      text: mission ? `*${escapeMrkdwn(mission.name)}* stays as it is.` : "Nothing archived.",
    });
  };

  const onUnarchive = async (click: ButtonClick): Promise<void> => {
    const mission = await missionOfButton(click);
    if (!mission) return;
    const restored = await setMissionArchived(deps.db, {
      id: mission.id,
      archived: false,
      bySlackId: actorOf(click.context).slackUserId,
      at: deps.clock.now(),
    });
    await click.respond({
      response_type: "ephemeral",
      replace_original: true,
      text: unarchivedText(restored ?? mission),
    });
  };

  const onSubmitted = async ({ ack, view, client, context }: FormSubmission): Promise<void> => {
    const actor = actorOf(context);
    const meta = missionModalMeta.safeParse(parseJson(view.private_metadata));
    if (!meta.success) {
      await ack({
        response_action: "errors",
        errors: { name: "This form is out of date: close it and open it again." },
      });
      return;
    }
    const editing = meta.data.mode === "edit" ? await getMission(deps.db, meta.data.missionId) : undefined;
    if (meta.data.mode === "edit") {
      const problem = editing ? readOnlyReason(editing) : "This mission no longer exists.";
      if (problem) {
        await ack({ response_action: "errors", errors: { name: problem } });
        return;
      }
    }
    const validation = validateMissionForm(
      readMissionModal(view.state.values),
      editing ? {} : { now: deps.clock.now() },
    );
    if (!validation.ok) {
      await ack({ response_action: "errors", errors: formErrors(validation.errors) });
      return;
    }
    const input = validation.mission;
    const taken = await missionNamed(deps.db, input.name, editing?.id);
    if (taken) {
      await ack({
        response_action: "errors",
        errors: {
          name: `There is already a mission called ${taken.name} (${formatDayRange(taken.startDate, taken.endDate)}): choose another name, or open it with /mission show ${taken.name}.`,
        },
      });
      return;
    }
    const confirmed = editing ? await delegationSize(deps.db, editing.id) : 0;
    if (input.capacity < confirmed) {
      await ack({
        response_action: "errors",
        errors: {
          capacity: `${confirmed} SMEs are already confirmed in the delegation: the capacity cannot be lower. Withdraw SMEs first, or keep at least ${confirmed}.`,
        },
      });
      return;
    }
    // The channel is created before the form closes, so a name Slack refuses is shown on the form.
    let channelId: string | null = input.channel.kind === "existing" ? input.channel.id : null;
    let channelCreated: string | undefined;
    if (input.channel.kind === "create") {
      const created = await createMissionChannel(client, input.channel.name);
      if (!created.ok) {
        await ack({ response_action: "errors", errors: { [created.field]: created.message } });
        return;
      }
      channelId = created.channelId;
      channelCreated = created.channelId;
    }
    let saved: { record: MissionRecord; changed?: string[] };
    try {
      saved = editing
        ? await updateMission(deps.db, {
            id: editing.id,
            mission: input,
            channelId,
            bySlackId: actor.slackUserId,
            at: deps.clock.now(),
          })
        : {
            record: await createMission(deps.db, {
              mission: input,
              channelId,
              bySlackId: actor.slackUserId,
              leadClusterId: actor.clusterId,
              at: deps.clock.now(),
            }),
          };
    } catch (error) {
      // The channel exists now: pressing the button again with "create" ticked would find its name taken.
      const channelNote = channelCreated
        ? ` The channel #${input.channel.kind === "create" ? input.channel.name : ""} was created: pick it above and untick “create”.`
        : "";
      if (isUniqueViolation(error)) {
        await ack({
          response_action: "errors",
          errors: { name: `Someone just created a mission called ${input.name}: choose another name.${channelNote}` },
        });
        return;
      }
      const errorId = newErrorId();
      deps.logger.error({ err: error, errorId, user: actor.slackUserId }, "could not store a mission");
      await ack({
        response_action: "errors",
        errors: {
          name: `The mission could not be saved just now (error id ${errorId}). Press the button again: your answers are still here.${channelNote}`,
        },
      });
      return;
    }
    await ack();
    await tellSaved(deps, client, actor, saved, channelCreated);
  };

  const guard = guardAction(deps, "missions.manage");
  app.action<BlockAction<ButtonAction>>(missionActionIds.edit, guard, onEdit);
  app.action<BlockAction<ButtonAction>>(missionActionIds.archive, guard, onArchive);
  app.action<BlockAction<ButtonAction>>(missionActionIds.confirmArchive, guard, onConfirmArchive);
  app.action<BlockAction<ButtonAction>>(missionActionIds.cancelArchive, guard, onCancelArchive);
  app.action<BlockAction<ButtonAction>>(missionActionIds.unarchive, guard, onUnarchive);
  app.view(missionModalCallbackId, guardView(deps, "missions.manage"), onSubmitted);
}

/** After the form closed: the creator joins a channel the app created, and is told what was saved. */
async function tellSaved(
  deps: AppDeps,
  client: WebClient,
  actor: Actor,
  saved: { record: MissionRecord; changed?: string[] },
  channelCreated: string | undefined,
): Promise<void> {
  if (channelCreated) await inviteToMissionChannel(client, deps.logger, channelCreated, [actor.slackUserId]);
  await client.chat.postMessage({
    channel: actor.slackUserId,
    text: savedNotice(saved.record, {
      created: saved.changed === undefined,
      ...(saved.changed ? { changed: saved.changed } : {}),
      ...(channelCreated ? { channelCreated } : {}),
    }),
  });
}
