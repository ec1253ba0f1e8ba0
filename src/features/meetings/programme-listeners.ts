/**
 * `/mission programme [mission]`: a mission's programme by day for everyone with a role; staff add
 * items in a form (errors inline), edit them and remove them (after a confirmation).
 */
import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import { newErrorId } from "../../platform/slack/errors.js";
import { type AppDeps, type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { getMission, lookUpMission, type MissionRecord, readOnlyReason } from "../missions/index.js";
import { leadingMission, missionInContext } from "./agenda-mission.js";
import { type ProgrammeItem, validateProgrammeItem } from "./programme.js";
import {
  addProgrammeItem,
  editProgrammeItem,
  getProgrammeItem,
  programmeOf,
  removeProgrammeItem,
} from "./programme-store.js";
import {
  programmeActionIds,
  programmeItemValue,
  programmeList,
  programmeMissionValue,
  programmeModal,
  programmeModalCallbackId,
  programmeModalMeta,
  readProgrammeModal,
} from "./programme-views.js";

const usage = "`/mission programme <mission>`";

async function listMessage(deps: AppDeps, mission: MissionRecord, actor: Actor, notice?: string) {
  const items = await programmeOf(deps.db, mission.id);
  // An archived mission is read-only: its programme is listed without the staff's buttons.
  return programmeList({ mission, items, staff: isStaff(actor) && !mission.archivedAt, notice });
}

async function runProgramme({ actor, args, command, respond, deps }: CommandContext): Promise<void> {
  const words = args.split(/\s+/).filter(Boolean);
  let mission: MissionRecord;
  if (words.length > 0) {
    const named = await leadingMission(deps, words);
    if (!named || named.rest.length > 0) {
      // Words after a mission's name, or no mission at all: say what was not found.
      const found = await lookUpMission(deps.db, args);
      await respond(ephemeral(found.problem ?? `Name one mission: ${usage}.`));
      return;
    }
    mission = named.mission;
  } else {
    const found = await missionInContext(deps, { actor, channelId: command.channel_id, usage });
    if (!found.ok) {
      await respond(ephemeral(found.message));
      return;
    }
    mission = found.value;
  }
  await respond({ response_type: "ephemeral", ...(await listMessage(deps, mission, actor)) });
}

export const programmeSubcommands: readonly Subcommand[] = [
  {
    name: "programme",
    aliases: ["program"],
    usage: "[mission]",
    description: "the mission's programme: site visits, sessions, receptions, travel (staff add and edit them)",
    permission: "missions.read",
    run: runProgramme,
  },
];

/** The mission a button names, if it is still there and can be changed; refuses in place otherwise. */
async function changeableMission(deps: AppDeps, id: number, respond: RespondFn): Promise<MissionRecord | undefined> {
  const mission = await getMission(deps.db, id);
  const problem = mission ? readOnlyReason(mission) : "That mission no longer exists.";
  if (problem) {
    await respond({ replace_original: false, text: escapeMrkdwn(problem) });
    return undefined;
  }
  return mission;
}

async function openForm(client: WebClient, triggerId: string, mission: MissionRecord, item?: ProgrammeItem) {
  await client.views.open({
    trigger_id: triggerId,
    view: programmeModal({ missionId: mission.id, ...(item ? { itemId: item.id } : {}) }, mission, item),
  });
}

export function registerProgrammeListeners(app: App, deps: AppDeps): void {
  const manager = guardAction(deps, "missions.manage");

  const onAddClicked = async ({ body, client, respond }: ButtonClick) => {
    const value = programmeMissionValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await changeableMission(deps, value.data.m, respond) : undefined;
    if (mission) await openForm(client, body.trigger_id, mission);
  };

  /** The item a button names, if it is still on that mission's programme. */
  const itemOfButton = async (body: ButtonClick["body"], respond: RespondFn) => {
    const value = programmeItemValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await changeableMission(deps, value.data.m, respond) : undefined;
    if (!value.success || !mission) return undefined;
    const item = await getProgrammeItem(deps.db, value.data.i);
    if (!item || item.missionId !== mission.id) {
      await respond({ replace_original: false, text: "That item is no longer on the programme." });
      return undefined;
    }
    return { mission, item };
  };

  const onEditClicked = async ({ body, client, respond }: ButtonClick) => {
    const found = await itemOfButton(body, respond);
    if (found) await openForm(client, body.trigger_id, found.mission, found.item);
  };

  const onRemoveClicked = async ({ body, context, respond }: ButtonClick) => {
    const found = await itemOfButton(body, respond);
    if (!found) return;
    const actor = actorOf(context);
    const removed = await removeProgrammeItem(deps.db, {
      id: found.item.id,
      bySlackId: actor.slackUserId,
      at: deps.clock.now(),
    });
    const notice = removed
      ? `:white_check_mark: Removed *${escapeMrkdwn(removed.title)}* from the programme.`
      : "That item was removed already.";
    await respond({
      response_type: "ephemeral",
      replace_original: true,
      ...(await listMessage(deps, found.mission, actor, notice)),
    });
  };

  const onFormSubmitted = async ({ ack, view, client, context }: FormSubmission) => {
    const actor = actorOf(context);
    const meta = programmeModalMeta.safeParse(parseJson(view.private_metadata));
    const mission = meta.success ? await getMission(deps.db, meta.data.missionId) : undefined;
    if (!meta.success || !mission || mission.archivedAt) {
      await ack({ response_action: "errors", errors: { title: "This mission is archived or gone: close the form." } });
      return;
    }
    const editing = meta.data.itemId ? await getProgrammeItem(deps.db, meta.data.itemId) : undefined;
    if (meta.data.itemId && (!editing || editing.missionId !== mission.id)) {
      await ack({ response_action: "errors", errors: { title: "This item is no longer on the programme." } });
      return;
    }
    const validation = validateProgrammeItem(readProgrammeModal(view.state.values), mission);
    if (!validation.ok) {
      await ack({ response_action: "errors", errors: validation.errors });
      return;
    }
    let saved: { title: string } | undefined;
    try {
      // Stored before the ack that closes the form: a process that dies after it loses nothing.
      const input = { item: validation.item, bySlackId: actor.slackUserId, at: deps.clock.now() };
      saved = editing
        ? await editProgrammeItem(deps.db, { id: editing.id, ...input })
        : await addProgrammeItem(deps.db, { missionId: mission.id, ...input });
    } catch (error) {
      const errorId = newErrorId();
      deps.logger.error({ err: error, errorId, user: actor.slackUserId }, "could not store a programme item");
      await ack({
        response_action: "errors",
        errors: {
          title: `The item could not be saved just now (error id ${errorId}). Press Save again: what you typed is still here.`,
        },
      });
      return;
    }
    if (!saved) {
      await ack({ response_action: "errors", errors: { title: "This item is no longer on the programme." } });
      return;
    }
    await ack();
    const verb = editing ? "Saved" : "Added";
    await client.chat.postMessage({
      channel: actor.slackUserId,
      text: `:white_check_mark: ${verb} *${escapeMrkdwn(saved.title)}* ${editing ? "on" : "to"} the programme of *${escapeMrkdwn(mission.name)}*. \`/mission programme ${escapeMrkdwn(mission.name)}\` shows it.`,
    });
  };

  app.action<BlockAction<ButtonAction>>(programmeActionIds.add, manager, onAddClicked);
  app.action<BlockAction<ButtonAction>>(programmeActionIds.edit, manager, onEditClicked);
  app.action<BlockAction<ButtonAction>>(programmeActionIds.remove, manager, onRemoveClicked);
  app.view(programmeModalCallbackId, guardView(deps, "missions.manage"), onFormSubmitted);
}
