import type { CommandSpec, Feature, Subcommand } from "../../platform/slack/feature.js";
import { createChaserJob } from "./chase-job.js";
import type { ReadinessReads } from "./chase-store.js";
import { delegationSubcommands, registerDelegationListeners, type SmeLeftHandler } from "./delegation-listeners.js";
import { createDigestJob } from "./digest-job.js";
import { missionSubcommands, registerMissionListeners } from "./mission-listeners.js";
import { organisationSubcommands, registerOrganisationListeners } from "./organisation-listeners.js";

export type { ReadinessReads } from "./chase-store.js";
export { loadDemoDelegations } from "./delegation-demo.js";
// What other features may use of missions: they import it from here, never from its files.
export { type MissionDelegation, missionDelegations } from "./delegation-store.js";
export { delegationActionIds } from "./delegation-views.js";
export type { MissionPostTimes, MissionRecord, SessionPlan } from "./mission.js";
export { readOnlyReason } from "./mission.js";
export { inviteToMissionChannel, slackErrorCode } from "./mission-channel.js";
export { loadDemoMissions } from "./mission-demo.js";
export { lookUpMission } from "./mission-lookup.js";
export {
  delegationSmeIds,
  getOrganisation,
  missionIdsOfSme,
  organisationsOfMission,
} from "./mission-reads.js";
export { activeMissions, findMission, getMission } from "./mission-store.js";
export {
  dailySlots,
  daysBetween,
  formatDay,
  formatDayRange,
  formatInstant,
  formatZone,
  instantOf,
  isKnownZone,
  localParts,
  localTimeExists,
  postInstant,
  slotStarts,
  zoneCity,
} from "./mission-time.js";
export type { OrganisationProfile, OrganisationRecord, OrganisationTypeKey } from "./organisation.js";
export { organisationTypes } from "./organisation.js";
export { checkOrganisationCsv } from "./organisation-csv.js";
export { loadDemoOrganisations } from "./organisation-demo.js";

/**
 * `/mission`: missions, their delegations and their local organisations. Features built on missions
 * (the meeting scheduler) add their own subcommands through `moreSubcommands`, so missions never
 * imports them. `readiness` (BI's and matchmaking's reads) turns on the pre-mission chasers and the
 * weekly staff digest.
 */
export function createMissionsFeature(
  options: { moreSubcommands?: readonly Subcommand[]; readiness?: ReadinessReads; whenSmeLeaves?: SmeLeftHandler } = {},
): Feature {
  const { readiness } = options;
  const more = options.moreSubcommands ?? [];
  const missionCommand: CommandSpec = {
    command: "/mission",
    description: "Missions: create missions, their delegations and local organisations",
    usageHint: [
      "new | list [all] | show, edit, archive <mission> | delegation, add, join, travellers <mission> | orgs <mission>",
      ...more.map((sub) => `${sub.name} ${sub.usage ?? ""}`.trim()),
    ].join(" | "),
    subcommands: [...missionSubcommands, ...delegationSubcommands, ...organisationSubcommands, ...more],
  };
  return {
    name: "missions",
    commands: [missionCommand],
    register(app, deps) {
      registerMissionListeners(app, deps);
      registerDelegationListeners(app, deps, options.whenSmeLeaves);
      registerOrganisationListeners(app, deps);
    },
    jobs: (deps) => (readiness ? [createChaserJob(deps, readiness), createDigestJob(deps, readiness)] : []),
  };
}
