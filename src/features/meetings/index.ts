import type { Feature, Subcommand } from "../../platform/slack/feature.js";
import { agendaSubcommands, registerAgendaListeners } from "./agenda-listeners.js";
import { programmeSubcommands, registerProgrammeListeners } from "./programme-listeners.js";
import { registerScheduleListeners, scheduleSubcommands } from "./schedule-listeners.js";

export { planSchedule } from "./engine/schedule-engine.js";
export type { ScheduleProblem, ScheduleResult } from "./engine/schedule-problem.js";
export { planScheduleInWorker, warmUpScheduler } from "./engine/schedule-worker.js";
// What other features may use of meetings: they import it from here, never from its files.
export { loadDemoProgramme } from "./programme-demo.js";
export { loadDemoSchedulingData } from "./schedule-demo.js";

/**
 * The meeting scheduler and the agenda. Their commands are `/mission` subcommands
 * (`schedule`, `agenda`, ...), which the missions feature adds to its command for us.
 */
export function createMeetingsFeature(): Feature & { missionSubcommands: readonly Subcommand[] } {
  return {
    name: "meetings",
    missionSubcommands: [...scheduleSubcommands, ...agendaSubcommands, ...programmeSubcommands],
    register(app, deps) {
      registerScheduleListeners(app, deps);
      registerAgendaListeners(app, deps);
      registerProgrammeListeners(app, deps);
    },
  };
}
