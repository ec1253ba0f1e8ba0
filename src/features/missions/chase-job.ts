/** The chaser job (decision 006): which DMs are due comes from chase-plan.ts over the store's facts. */
import type { Job } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import {
  chaserKind,
  chaserText,
  chaseTarget,
  dueChasers,
  isQuiet,
  parseChaseTarget,
  stillMissing,
} from "./chase-plan.js";
import { chaseFacts, type ReadinessReads, recordedRuns, type UnknownZones } from "./chase-store.js";

export function createChaserJob(deps: JobDeps, reads: ReadinessReads): Job {
  const unknownZones: UnknownZones = new Map();
  return {
    kind: chaserKind,
    async dueRuns(window) {
      const missions = await chaseFacts(deps, reads, { window }, unknownZones);
      const targets = missions.flatMap((mission) =>
        mission.smes.flatMap((sme) =>
          sme.recipients.map((person) => chaseTarget(mission.id, sme.smeId, person.slackUserId)),
        ),
      );
      return dueChasers(missions, window, await recordedRuns(deps.db, chaserKind, targets));
    },
    async send(run, context) {
      const target = parseChaseTarget(run.target);
      if (!target) return undefined;
      // Read again at sending time: what was finished since the run fell due is no longer asked for.
      const now = deps.clock.now();
      const [mission] = await chaseFacts(deps, reads, { missionId: target.missionId }, unknownZones);
      const sme = mission?.smes.find((candidate) => candidate.smeId === target.smeId);
      const person = sme?.recipients.find((candidate) => candidate.slackUserId === target.slackUserId);
      const missing = stillMissing(sme?.missing ?? [], now);
      if (!mission || !sme || !person || isQuiet(person.wish, now) || missing.length === 0) return undefined;
      return deps.slack.post({
        channel: person.slackUserId,
        text: chaserText({ mission, smeName: sme.name, missing, late: context.late }),
        runKey: context.runKey,
      });
    },
  };
}
