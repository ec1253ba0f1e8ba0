/**
 * The meeting reminder job (decision 006): a DM to each person travelling for an SME at a meeting,
 * the mission's minutes before it starts, with the briefing card. What is due is computed at each
 * tick from the meetings and people's wishes; a reminder no longer wanted when its turn comes (the
 * meeting was cancelled, moved or has started) is recorded as done without a message.
 */
import type { Job } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { sentRun } from "./daily-store.js";
import { reminderMessage } from "./reminder-briefing.js";
import { loadBriefing } from "./reminder-briefing-store.js";
import { dueMeetingRuns, parseMeetingRunTarget, reminderJobKind } from "./reminder-due.js";
import { dueFacts } from "./reminder-store.js";

export function meetingReminderJob(deps: JobDeps): Job {
  return {
    kind: reminderJobKind,
    async dueRuns(window) {
      return dueMeetingRuns(reminderJobKind, await dueFacts(deps.db, "reminder", window), window);
    },
    async send(run, context) {
      const target = parseMeetingRunTarget(run.target);
      if (!target) throw new Error(`Not a meeting reminder's target: ${run.target}`);
      // Sent already at another due time (the mission's minutes changed after it went out): not twice.
      const earlier = await sentRun(deps.db, reminderJobKind, run.target);
      if (earlier?.messageTs) return { channel: earlier.channel ?? undefined, ts: earlier.messageTs };
      const briefing = await loadBriefing(deps, target, run.dueAt);
      if (!briefing) {
        deps.logger.info({ target: run.target }, "a meeting reminder is no longer wanted: not sent");
        return undefined;
      }
      const message = reminderMessage({ ...briefing, late: context.late });
      return deps.slack.post({ channel: target.slackUserId, ...message, runKey: context.runKey });
    },
  };
}
