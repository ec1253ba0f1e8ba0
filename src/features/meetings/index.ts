import type { Feature, Subcommand } from "../../platform/slack/feature.js";
import { agendaSubcommands, registerAgendaListeners } from "./agenda-listeners.js";
import { createDailyJobs } from "./daily-jobs.js";
import { programmeSubcommands, registerProgrammeListeners } from "./programme-listeners.js";
import { meetingReminderJob } from "./reminder-job.js";
import { reminderSubcommands } from "./reminder-listeners.js";
import { reportSubcommands } from "./report-listeners.js";
import type { ConsortiumReads } from "./report-store.js";
import { registerScheduleListeners, scheduleSubcommands } from "./schedule-listeners.js";
import { meetingSurveyJob } from "./survey-job.js";
import { registerSurveyListeners } from "./survey-listeners.js";

// What other features may use of meetings: they import it from here, never from its files.
export { loadDemoDailyPosts } from "./daily-demo.js";
export { cancelMeetingsOfDepartedSme } from "./departure.js";
export { planSchedule } from "./engine/schedule-engine.js";
export type { ScheduleProblem, ScheduleResult } from "./engine/schedule-problem.js";
export { planScheduleInWorker, warmUpScheduler } from "./engine/schedule-worker.js";
export { loadDemoProgramme } from "./programme-demo.js";
export { loadDemoOutcomes } from "./report-demo.js";
export type { ConsortiumReads } from "./report-store.js";
export { loadDemoSchedulingData } from "./schedule-demo.js";

/**
 * The meeting scheduler and the agenda. Their commands are `/mission` subcommands
 * (`schedule`, `agenda`, ...), which the missions feature adds to its command for us.
 */
export function createMeetingsFeature(
  options: { consortia?: ConsortiumReads } = {},
): Feature & { missionSubcommands: readonly Subcommand[] } {
  return {
    name: "meetings",
    missionSubcommands: [
      ...scheduleSubcommands,
      ...agendaSubcommands,
      ...programmeSubcommands,
      ...reminderSubcommands,
      ...reportSubcommands(options.consortia),
    ],
    register(app, deps) {
      registerScheduleListeners(app, deps);
      registerAgendaListeners(app, deps);
      registerProgrammeListeners(app, deps);
      registerSurveyListeners(app, deps);
    },
    jobs: (deps) => [...createDailyJobs(deps), meetingReminderJob(deps), meetingSurveyJob(deps)],
  };
}
