/** The weekly staff digest job (decision 006): due runs from digest-plan.ts over the store's facts. */
import type { Job } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { isQuiet } from "./chase-plan.js";
import { type ReadinessReads, recordedRuns, type UnknownZones } from "./chase-store.js";
import {
  digestKind,
  digestText,
  dueDigests,
  fallbackStaffZone,
  parseDigestTarget,
  reportedWeek,
} from "./digest-plan.js";
import { digestFacts, digestRecipients } from "./digest-store.js";

export function createDigestJob(deps: JobDeps, reads: ReadinessReads): Job {
  const unknownZones: UnknownZones = new Map();
  return {
    kind: digestKind,
    async dueRuns(window) {
      const recipients = await digestRecipients(deps, unknownZones);
      const runs = dueDigests(recipients, window);
      const recorded = await recordedRuns(
        deps.db,
        digestKind,
        runs.map((run) => run.target),
      );
      return dueDigests(recipients, window, recorded);
    },
    async send(run, context) {
      const target = parseDigestTarget(run.target);
      if (!target) return undefined;
      const person = (await digestRecipients(deps, unknownZones)).find((r) => r.slackUserId === target.slackUserId);
      // No longer staff, or asked for quiet since the run fell due: nothing to send.
      if (!person || isQuiet(person.wish, deps.clock.now())) return undefined;
      const zone = person.timeZone ?? fallbackStaffZone;
      const facts = await digestFacts(deps, reads, {
        clusterKey: person.clusterKey,
        zone,
        ...reportedWeek(target.monday, zone),
      });
      return deps.slack.post({
        channel: person.slackUserId,
        text: digestText(facts, context.late),
        runKey: context.runKey,
      });
    },
  };
}
