/**
 * The outcome survey job (decision 006): a DM to each person travelling for an SME at a meeting, the
 * mission's minutes after it ends, with one-tap answers. A survey whose meeting was cancelled or
 * moved since the run fell due is recorded as done without a message.
 */
import type { Job } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { meetingDmJob } from "./meeting-dm-job.js";
import { surveyDueAt, surveyJobKind } from "./reminder-due.js";
import { outcomeOf, surveyMeeting } from "./survey-store.js";
import { surveyMessage } from "./survey-views.js";

export function meetingSurveyJob(deps: JobDeps): Job {
  return meetingDmJob(deps, {
    kind: surveyJobKind,
    facts: "survey",
    async message(target, run, context) {
      const meeting = await surveyMeeting(deps.db, target.meetingId);
      const stillDue =
        meeting &&
        meeting.status !== "cancelled" &&
        meeting.smeIds.includes(target.smeId) &&
        surveyDueAt(meeting).getTime() === run.dueAt.getTime();
      if (!meeting || !stillDue) return undefined;
      const answer = await outcomeOf(deps.db, target.meetingId, target.smeId);
      return surveyMessage({ ...meeting.card(target.smeId, answer), late: context.late });
    },
  });
}
