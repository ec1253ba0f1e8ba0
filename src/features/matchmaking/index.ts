import type { CommandSpec, Feature } from "../../platform/slack/feature.js";
import { registerOverviewListeners, runOverview } from "./overview-listeners.js";
import { registerRequestListeners, runMy, runRequest, runRequests } from "./request-listeners.js";
import { registerSuggestListeners, runSuggest } from "./suggest-listeners.js";
import { actionIds } from "./views.js";

// What other features may use of matchmaking: they import it from here, never from its files.
export type { MatchOrganisation, MatchSme, Suggestion } from "./match-input.js";
export { meetingReasons } from "./meeting-reasons.js";
export { type RequestPriority, requestPriorities } from "./request.js";
export { type RequestCounts, requestCountsOfMission } from "./request-counts.js";
/** A button with this action id and a mission's id as its value opens the staff overview (for `/mission show`). */
export { loadDemoRequests } from "./request-demo.js";
export { minimumRoleFit, type RoleFitSme, type RoleToFill, roleFits, type SmeRoleFit } from "./role-fit.js";
export { entriesIn, tokensOf } from "./text-relevance.js";
export const missionOverviewActionId = actionIds.openOverview;

/** `/meet`: recommendations and meeting requests for missions. */
export const meetCommand: CommandSpec = {
  command: "/meet",
  description: "Matchmaking: who to meet on a mission, meeting requests and their answers",
  usageHint: "suggest [company | org <organisation>] | request <name> | my | requests <mission> | overview <mission>",
  subcommands: [
    {
      name: "suggest",
      usage: "[<company> | org <organisation>] [in <mission>]",
      description: "the best counterparts for your company, with the reasons (staff: any SME or organisation)",
      permission: "meetings.request",
      run: runSuggest,
    },
    {
      name: "request",
      usage: "<organisation or SME> [for <company>] [in <mission>]",
      description: "ask to meet an organisation or an SME of your delegation",
      permission: "meetings.request",
      run: runRequest,
    },
    {
      name: "my",
      usage: "[company]",
      description: "your company's requests, made and received, with their status",
      permission: "meetings.request",
      run: runMy,
    },
    {
      name: "requests",
      usage: "<mission>",
      description: "pending requests to organisations, to accept or decline for them",
      permission: "meetings.manage",
      run: runRequests,
    },
    {
      name: "overview",
      usage: "<mission>",
      description: "delegation, organisations, requests by status and who needs attention",
      permission: "meetings.manage",
      run: runOverview,
    },
  ],
};

export function createMatchmakingFeature(): Feature {
  return {
    name: "matchmaking",
    commands: [meetCommand],
    register(app, deps) {
      registerSuggestListeners(app, deps);
      registerRequestListeners(app, deps);
      registerOverviewListeners(app, deps);
    },
  };
}
