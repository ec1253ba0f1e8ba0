/**
 * `/mission schedule <mission>` and its Publish and Discard buttons. The command acks at once, posts
 * a progress message (in the channel it came from, else the person's DM) that the engine's progress
 * updates, and turns it into the preview; Publish writes the meetings and tells each SME.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Database } from "../../platform/db/client.js";
import { newErrorId } from "../../platform/slack/errors.js";
import { type AppDeps, type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import { actorOf, type ButtonClick, guardAction } from "../../platform/slack/guard.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { getMission, lookUpMission, type MissionRecord, readOnlyReason } from "../missions/index.js";
import { refreshDailyPosts } from "./daily-updates.js";
import type { PlanProgress } from "./engine/schedule-engine.js";
import { problemErrors, scheduleProblemSchema } from "./engine/schedule-problem.js";
import { planScheduleInWorker } from "./engine/schedule-worker.js";
import { acceptedRequestsKey, buildMissionProblem } from "./mission-problem.js";
import { loadMissionProblemInput } from "./mission-problem-store.js";
import type { ScheduleChange } from "./publish.js";
import { scheduleDm } from "./publish-messages.js";
import { meetingsOfSme, publishDraft } from "./publish-store.js";
import { recipientsOfSme } from "./recipients-store.js";
import {
  discardDraft,
  failDraft,
  finishDraft,
  getDraft,
  readStoredDraft,
  setDraftMessage,
  startDraft,
} from "./schedule-draft-store.js";
import { schedulePreview } from "./schedule-preview.js";
import {
  alreadyDecidedText,
  alreadyRunningText,
  failedMessage,
  noAcceptedRequestsText,
  noSessionDaysText,
  previewMessage,
  progressMessage,
  publishRefusalText,
  type ScheduleMessage,
  scheduleActionIds,
  scheduleUsage,
  unschedulableText,
} from "./schedule-views.js";

/** Seconds the engine may take in the app: staff wait for the preview. */
const scheduleTimeLimitSeconds = 10;
/** Progress updates at most this often: chat.update is rate-limited (about one a second per message). */
const progressEveryMs = 1500;

type PostedMessage = { channel: string; ts: string };

/**
 * Whether a progress update is due: the first one `everyMs` after the run started, then at most one
 * every `everyMs` (chat.update is rate-limited, and a run done in a moment needs no progress). Time
 * is the app's Clock: tests and the sandbox stand it still, so their transcripts do not depend on load.
 */
export function progressThrottle(everyMs: number, now: () => number): () => boolean {
  let last = now();
  return () => {
    const at = now();
    if (at - last < everyMs) return false;
    last = at;
    return true;
  };
}

/** Posts where the command came from; where the app cannot post (not a member, a DM with someone else), to the person's DM. */
async function postProgress(
  client: WebClient,
  context: CommandContext,
  message: ScheduleMessage,
): Promise<PostedMessage> {
  try {
    const posted = await client.chat.postMessage({ channel: context.command.channel_id, ...message });
    return { channel: String(posted.channel), ts: String(posted.ts) };
  } catch (error) {
    context.deps.logger.info({ err: error, channel: context.command.channel_id }, "schedule progress goes to the DM");
    const posted = await client.chat.postMessage({ channel: context.actor.slackUserId, ...message });
    return { channel: String(posted.channel), ts: String(posted.ts) };
  }
}

async function runSchedule(context: CommandContext): Promise<void> {
  const { args, deps, respond, client, actor } = context;
  if (args === "") return void (await respond(ephemeral(scheduleUsage)));
  const found = await lookUpMission(deps.db, args, { includeArchived: true });
  if (found.problem !== undefined) return void (await respond(ephemeral(found.problem)));
  const mission = found.mission;
  const readOnly = readOnlyReason(mission);
  if (readOnly) return void (await respond(ephemeral(readOnly)));

  const now = deps.clock.now();
  const input = await loadMissionProblemInput(deps.db, mission, now);
  const { problem, leftOut, cancelled, withoutRequests, outsidePlan } = buildMissionProblem(input);
  if (problem.slots.length === 0) return void (await respond(ephemeral(noSessionDaysText(mission))));
  if (problem.meetings.length === 0) {
    return void (await respond(ephemeral(noAcceptedRequestsText(mission, leftOut.length))));
  }
  // Stored data the forms did not check (a stand beyond the tables, a hand-edited plan) stops here, said plainly.
  const checked = scheduleProblemSchema.safeParse(problem);
  if (!checked.success) {
    return void (await respond(ephemeral(unschedulableText(mission, problemErrors(checked.error)))));
  }
  const start = await startDraft(deps.db, { missionId: mission.id, bySlackId: actor.slackUserId, now });
  if ("running" in start) return void (await respond(ephemeral(alreadyRunningText(mission, start.running))));
  const draft = start.started;

  const size = { meetings: problem.meetings.length, slots: problem.slots.length, tables: mission.sessionPlan.tables };
  let message: PostedMessage | undefined;
  try {
    message = await postProgress(client, context, progressMessage(mission, size));
    await setDraftMessage(deps.db, draft.id, { channelId: message.channel, messageTs: message.ts });
    const posted = message;
    // Updates go out one after another, the latest progress only; a quick run shows none.
    let updates: Promise<unknown> = Promise.resolve();
    const due = progressThrottle(progressEveryMs, () => deps.clock.now().getTime());
    const onProgress = (progress: PlanProgress) => {
      if (!due()) return;
      updates = updates
        .then(() => client.chat.update({ ...posted, ...progressMessage(mission, size, progress) }))
        .catch((error: unknown) => deps.logger.warn({ err: error }, "could not update the schedule progress"));
    };
    const result = await planScheduleInWorker(problem, {
      timeLimitSeconds: scheduleTimeLimitSeconds,
      seed: draft.id,
      onProgress,
    });
    await updates;
    const preview = schedulePreview(problem, result, { leftOut, cancelled, withoutRequests, outsidePlan });
    await finishDraft(
      deps.db,
      draft.id,
      { problem, result, preview, requestsKey: acceptedRequestsKey(input.requests) },
      deps.clock.now(),
    );
    await client.chat.update({ ...posted, ...previewMessage(mission, draft.id, preview, { kind: "ready" }) });
  } catch (error) {
    const errorId = newErrorId();
    deps.logger.error({ err: error, errorId, draft: draft.id }, "the schedule run failed");
    await failDraft(deps.db, draft.id, `error ${errorId}`, deps.clock.now());
    const failed = failedMessage(mission, errorId);
    if (message) await client.chat.update({ ...message, ...failed });
    else await respond(ephemeral(failed.text));
  }
}

export const scheduleSubcommands: readonly Subcommand[] = [
  {
    name: "schedule",
    usage: "<mission>",
    description: "Place the accepted meeting requests into slots and tables, preview the result, then publish it",
    permission: "meetings.manage",
    run: runSchedule,
  },
];

const draftIdValue = z.coerce.number().int().positive();

/** Tells each SME whose meetings changed its schedule: how many were told, and the SMEs nobody could be told for. */
export async function tellSmes(
  deps: AppDeps,
  client: WebClient,
  mission: MissionRecord,
  outcome: { changes: Map<number, ScheduleChange[]>; republished: boolean },
): Promise<{ told: number; untold: string[] }> {
  let told = 0;
  const untold: string[] = [];
  for (const [smeId, changes] of outcome.changes) {
    const [sme, meetings, recipients] = await Promise.all([
      deps.db.sme.findUnique({ where: { id: smeId }, select: { id: true, name: true } }),
      meetingsOfSme(deps.db, mission.id, smeId),
      recipientsOfSme(deps.db, mission.id, smeId),
    ]);
    if (!sme) continue;
    if (recipients.length === 0) {
      untold.push(sme.name);
      continue;
    }
    const text = scheduleDm({
      missionName: mission.name,
      zone: mission.timeZone,
      sme,
      meetings,
      changes,
      republished: outcome.republished,
    });
    const { sent } = await sendDirectMessages(client, deps.logger, recipients, { text });
    if (sent.length > 0) told += 1;
    else untold.push(sme.name);
  }
  return { told, untold };
}

async function draftOfButton(db: Database, click: ButtonClick) {
  const id = draftIdValue.safeParse(click.body.actions[0]?.value);
  const draft = id.success ? await getDraft(db, id.data) : undefined;
  const mission = draft ? await getMission(db, draft.missionId) : undefined;
  if (!draft || !mission) {
    await click.respond({
      response_type: "ephemeral",
      replace_original: false,
      text: "That schedule no longer exists.",
    });
    return undefined;
  }
  return { draft, mission };
}

export function registerScheduleListeners(app: App, deps: AppDeps): void {
  const onPublish = async (click: ButtonClick): Promise<void> => {
    const found = await draftOfButton(deps.db, click);
    if (!found) return;
    const { draft, mission } = found;
    const readOnly = readOnlyReason(mission);
    if (readOnly) {
      return void (await click.respond({ response_type: "ephemeral", replace_original: false, text: readOnly }));
    }
    const actor = actorOf(click.context);
    const now = deps.clock.now();
    const outcome = await publishDraft(deps.db, { draftId: draft.id, bySlackId: actor.slackUserId, now });
    const tell = (text: string) => click.respond({ response_type: "ephemeral", replace_original: false, text });
    if (outcome.kind === "already") return void (await tell(alreadyDecidedText(outcome.status)));
    if (outcome.kind === "refused") return void (await tell(publishRefusalText(mission, outcome.reason)));
    const { told, untold } = await tellSmes(deps, click.client, mission, outcome);
    // A change on a day whose agenda already went out updates it in place.
    await refreshDailyPosts(deps, click.client, mission, outcome.changes);
    const stored = readStoredDraft(draft);
    if (stored && draft.channelId && draft.messageTs) {
      await click.client.chat.update({
        channel: draft.channelId,
        ts: draft.messageTs,
        ...previewMessage(mission, draft.id, stored.preview, {
          kind: "published",
          bySlackId: actor.slackUserId,
          at: now,
          smesTold: told,
          untold,
        }),
      });
    }
  };

  const onDiscard = async (click: ButtonClick): Promise<void> => {
    const found = await draftOfButton(deps.db, click);
    if (!found) return;
    const { draft, mission } = found;
    const actor = actorOf(click.context);
    const now = deps.clock.now();
    if (!(await discardDraft(deps.db, draft.id, actor.slackUserId, now))) {
      const current = await getDraft(deps.db, draft.id);
      await click.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: alreadyDecidedText(current?.status ?? "discarded"),
      });
      return;
    }
    const stored = readStoredDraft(draft);
    if (stored && draft.channelId && draft.messageTs) {
      await click.client.chat.update({
        channel: draft.channelId,
        ts: draft.messageTs,
        ...previewMessage(mission, draft.id, stored.preview, {
          kind: "discarded",
          bySlackId: actor.slackUserId,
          at: now,
        }),
      });
    }
  };

  app.action<BlockAction<ButtonAction>>(scheduleActionIds.publish, guardAction(deps, "meetings.manage"), onPublish);
  app.action<BlockAction<ButtonAction>>(scheduleActionIds.discard, guardAction(deps, "meetings.manage"), onDiscard);
}
