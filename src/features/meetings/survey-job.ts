/**
 * The outcome survey job (decision 006): a DM to each person travelling for an SME at a meeting, the
 * mission's minutes after it ends, with one-tap answers. A survey whose meeting was cancelled or
 * moved since the run fell due is recorded as done without a message.
 */
import type { Job } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { sentRun } from "./daily-store.js";
import { dueMeetingRuns, parseMeetingRunTarget, surveyDueAt, surveyJobKind } from "./reminder-due.js";
import { dueFacts } from "./reminder-store.js";
import { outcomeOf, surveyMeeting } from "./survey-store.js";
import { surveyMessage } from "./survey-views.js";

export function meetingSurveyJob(deps: JobDeps): Job {
  return {
    kind: surveyJobKind,
    async dueRuns(window) {
      return dueMeetingRuns(surveyJobKind, await dueFacts(deps.db, "survey", window), window);
    },
    async send(run, context) {
      const target = parseMeetingRunTarget(run.target);
      if (!target) throw new Error(`Not a meeting survey's target: ${run.target}`);
      // Sent already at another due time (the mission's minutes changed after it went out): not twice.
      const earlier = await sentRun(deps.db, surveyJobKind, run.target);
      if (earlier?.messageTs) return { channel: earlier.channel ?? undefined, ts: earlier.messageTs };
      const meeting = await surveyMeeting(deps.db, target.meetingId);
      const stillDue =
        meeting &&
        meeting.status !== "cancelled" &&
        meeting.smeIds.includes(target.smeId) &&
        surveyDueAt(meeting).getTime() === run.dueAt.getTime();
      if (!meeting || !stillDue) {
        deps.logger.info({ target: run.target }, "a meeting survey is no longer wanted: not sent");
        return undefined;
      }
      const answer = await outcomeOf(deps.db, target.meetingId, target.smeId);
      const message = surveyMessage({ ...meeting.card(target.smeId, answer), late: context.late });
      return deps.slack.post({ channel: target.slackUserId, ...message, runKey: context.runKey });
    },
  };
}
