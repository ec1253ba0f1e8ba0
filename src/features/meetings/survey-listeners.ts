/**
 * Answering the outcome survey: a tap on one of the four answers records it for the SME (any of its
 * travellers, or staff, may answer), the note button opens a form, and every traveller's copy of
 * the survey then shows the answer. Values come from Slack and can be forged: each is parsed, and
 * the person, the meeting and the 48-hour window are checked before anything is written.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { isStaff } from "../../domain/roles.js";
import type { Actor } from "../../platform/auth.js";
import { writeAudit } from "../../platform/db/audit.js";
import { parseJson } from "../../platform/json.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { readSubmittedForm } from "../../platform/slack/form-blocks.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { recipientsOfSme } from "./recipients-store.js";
import { answerRefusal, readNote, surveyAnswerValue, surveyNoteValue } from "./survey-outcome.js";
import {
  outcomeOf,
  type SurveyMeeting,
  saveOutcome,
  saveOutcomeNote,
  surveyMeeting,
  surveyMessagesOf,
} from "./survey-store.js";
import {
  surveyActionIds,
  surveyMessage,
  surveyNoteBlockId,
  surveyNoteCallbackId,
  surveyNoteModal,
} from "./survey-views.js";

/** Why this person may not answer for this SME at this meeting now, if so. */
async function refusalFor(deps: AppDeps, actor: Actor, meeting: SurveyMeeting, smeId: number) {
  const [recipients, existing] = await Promise.all([
    // Who may answer for an SME (besides staff): who reads its messages.
    recipientsOfSme(deps.db, meeting.missionId, smeId),
    outcomeOf(deps.db, meeting.id, smeId),
  ]);
  return answerRefusal({
    now: deps.clock.now(),
    meeting,
    smeId,
    recipients,
    actor: { slackUserId: actor.slackUserId, staff: isStaff(actor) },
    existing,
  });
}

/** Shows the SME's answer on every traveller's survey DM. */
async function showAnswerEverywhere(deps: AppDeps, client: WebClient, meeting: SurveyMeeting, smeId: number) {
  const answer = await outcomeOf(deps.db, meeting.id, smeId);
  const message = surveyMessage(meeting.card(smeId, answer));
  for (const sent of await surveyMessagesOf(deps.db, meeting.id, smeId)) {
    await client.chat.update({ channel: sent.channel, ts: sent.ts, ...message });
  }
}

async function tell(respond: RespondFn, text: string): Promise<void> {
  await respond({ response_type: "ephemeral", replace_original: false, text });
}

export function registerSurveyListeners(app: App, deps: AppDeps): void {
  // Anyone may click: a traveller may have no role in the app. The checks below decide.
  const anyone = guardAction(deps, "privacy.self");

  const refuse = async (click: ButtonClick, text: string, why: string) => {
    deps.logger.warn({ user: click.body.user.id, action: click.body.actions[0]?.action_id }, why);
    await tell(click.respond, `:no_entry: ${text}`);
  };

  const onAnswer = async (click: ButtonClick): Promise<void> => {
    const { body, client, context } = click;
    const actor = actorOf(context);
    const value = surveyAnswerValue.safeParse(parseJson(body.actions[0]?.value));
    if (!value.success)
      return refuse(click, "This button is not one the app made.", "refused: malformed survey answer");
    const meeting = await surveyMeeting(deps.db, value.data.m);
    if (!meeting) return tell(click.respond, "This meeting no longer exists.");
    const refusal = await refusalFor(deps, actor, meeting, value.data.s);
    if (refusal) return refuse(click, refusal, "refused: survey answer");
    const now = deps.clock.now();
    await saveOutcome(deps.db, {
      meetingId: meeting.id,
      smeId: value.data.s,
      outcome: value.data.o,
      bySlackId: actor.slackUserId,
      now,
    });
    await writeAudit(
      deps.db,
      {
        by: actor.slackUserId,
        action: "meeting.outcome",
        target: { type: "meeting", id: meeting.id },
        details: { smeId: value.data.s, outcome: value.data.o },
      },
      now,
    );
    await showAnswerEverywhere(deps, client, meeting, value.data.s);
  };

  const onNoteClicked = async (click: ButtonClick): Promise<void> => {
    const { body, client, context } = click;
    const actor = actorOf(context);
    const value = surveyNoteValue.safeParse(parseJson(body.actions[0]?.value));
    if (!value.success) return refuse(click, "This button is not one the app made.", "refused: malformed survey note");
    const meeting = await surveyMeeting(deps.db, value.data.m);
    if (!meeting) return tell(click.respond, "This meeting no longer exists.");
    const refusal = await refusalFor(deps, actor, meeting, value.data.s);
    if (refusal) return refuse(click, refusal, "refused: survey note");
    const answer = await outcomeOf(deps.db, meeting.id, value.data.s);
    if (!answer) return tell(click.respond, "Tap what happened first; then add your note.");
    await client.views.open({
      trigger_id: body.trigger_id,
      view: surveyNoteModal({
        meetingId: meeting.id,
        smeId: value.data.s,
        counterpartName: meeting.counterpartName(value.data.s),
        note: answer.note,
      }),
    });
  };

  const onNoteSubmitted = async ({ ack, body, view, client, context }: FormSubmission): Promise<void> => {
    const actor = actorOf(context);
    const formError = (text: string) => ack({ response_action: "errors", errors: { [surveyNoteBlockId]: text } });
    const key = surveyNoteValue.safeParse(parseJson(view.private_metadata));
    if (!key.success) return void (await formError("This form is out of date: close it and open it again."));
    const meeting = await surveyMeeting(deps.db, key.data.m);
    if (!meeting) return void (await formError("This meeting no longer exists."));
    const refusal = await refusalFor(deps, actor, meeting, key.data.s);
    if (refusal) {
      deps.logger.warn({ user: body.user.id }, "refused: survey note");
      return void (await formError(refusal));
    }
    if (!(await outcomeOf(deps.db, meeting.id, key.data.s))) {
      return void (await formError("Tap what happened in the survey first; then add your note."));
    }
    const note = readNote(readSubmittedForm(view.state.values).one(surveyNoteBlockId));
    if (!note.ok) return void (await formError(note.message));
    await saveOutcomeNote(deps.db, { meetingId: meeting.id, smeId: key.data.s, note: note.note });
    await ack();
    await showAnswerEverywhere(deps, client, meeting, key.data.s);
  };

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${surveyActionIds.answer.replaceAll(".", "\\.")}\\.`),
    anyone,
    onAnswer,
  );
  app.action<BlockAction<ButtonAction>>(surveyActionIds.note, anyone, onNoteClicked);
  app.view(surveyNoteCallbackId, guardView(deps, "privacy.self"), onNoteSubmitted);
}
