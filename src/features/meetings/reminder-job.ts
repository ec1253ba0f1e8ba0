/**
 * The meeting reminder job (decision 006): a DM to each person travelling for an SME at a meeting,
 * the mission's minutes before it starts, with the briefing card. What is due is computed at each
 * tick from the meetings and people's wishes; a reminder no longer wanted when its turn comes (the
 * meeting was cancelled, moved or has started) is recorded as done without a message.
 */
import type { Job } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { meetingDmJob } from "./meeting-dm-job.js";
import { reminderMessage } from "./reminder-briefing.js";
import { loadBriefing } from "./reminder-briefing-store.js";
import { reminderJobKind } from "./reminder-due.js";

export function meetingReminderJob(deps: JobDeps): Job {
  return meetingDmJob(deps, {
    kind: reminderJobKind,
    facts: "reminder",
    async message(target, run, context) {
      const briefing = await loadBriefing(deps, target, run.dueAt);
      return briefing && reminderMessage({ ...briefing, late: context.late });
    },
  });
}
