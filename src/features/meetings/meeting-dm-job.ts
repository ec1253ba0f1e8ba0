/**
 * What the reminder and the survey jobs share (decision 006): one DM per meeting, SME and person,
 * due at the mission's minutes around the meeting; sent once per meeting time, even when the minutes
 * change after it went out; recorded as done without a message when no longer wanted.
 */
import type { KnownBlock } from "@slack/types";
import type { DueRun, Job, SendContext } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { sentRun } from "./daily-store.js";
import {
  dueMeetingRuns,
  type MeetingRunTarget,
  parseMeetingRunTarget,
  type reminderJobKind,
  type surveyJobKind,
} from "./reminder-due.js";
import { dueFacts } from "./reminder-store.js";

export function meetingDmJob(
  deps: JobDeps,
  spec: {
    kind: typeof reminderJobKind | typeof surveyJobKind;
    facts: "reminder" | "survey";
    /** The DM, or undefined when it is no longer wanted (the meeting was cancelled, moved or has started). */
    message(
      target: MeetingRunTarget,
      run: DueRun,
      context: SendContext,
    ): Promise<{ text: string; blocks: KnownBlock[] } | undefined>;
  },
): Job {
  return {
    kind: spec.kind,
    async dueRuns(window) {
      return dueMeetingRuns(spec.kind, await dueFacts(deps.db, spec.facts, window), window);
    },
    async send(run, context) {
      const target = parseMeetingRunTarget(run.target);
      if (!target) throw new Error(`Not a meeting ${spec.facts}'s target: ${run.target}`);
      // Sent already at another due time (the mission's minutes changed after it went out): not twice.
      const earlier = await sentRun(deps.db, spec.kind, run.target);
      if (earlier?.messageTs) return { channel: earlier.channel ?? undefined, ts: earlier.messageTs };
      const message = await spec.message(target, run, context);
      if (!message) {
        deps.logger.info({ target: run.target }, `a meeting ${spec.facts} is no longer wanted: not sent`);
        return undefined;
      }
      return deps.slack.post({ channel: target.slackUserId, ...message, runKey: context.runKey });
    },
  };
}
