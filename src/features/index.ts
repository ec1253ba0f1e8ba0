import type { CommandSpec, Feature } from "../platform/slack/feature.js";
import { createBiFeature, templateProgressFor } from "./bi/index.js";
import { loadTemplates, type TemplateCatalog } from "./bi/template-files.js";
import { consortiaForReport, createConsortiaFeature } from "./consortia/index.js";
import { createCoreFeature } from "./core/index.js";
import { createDirectoryFeature } from "./directory/index.js";
import { createHomeFeature } from "./home/index.js";
import { createMatchmakingFeature, requestCountsOfMission } from "./matchmaking/index.js";
import { cancelMeetingsOfDepartedSme, createMeetingsFeature } from "./meetings/index.js";
import { createMissionsFeature } from "./missions/index.js";

/**
 * Every feature of the app, in the order their commands appear in help. To add a feature, make a
 * folder under src/features with an index.ts that exports a Feature, and list it here.
 */
export function allFeatures(options: { templates?: TemplateCatalog } = {}): readonly Feature[] {
  const templates = options.templates ?? loadTemplates();
  const features: Feature[] = [];
  const commands = (): CommandSpec[] => features.flatMap((feature) => feature.commands ?? []);
  const home = createHomeFeature(() => features);
  // Consortia import missions, so the mission report gets its consortia read here.
  const meetings = createMeetingsFeature({ consortia: consortiaForReport });
  features.push(
    createCoreFeature(commands),
    createDirectoryFeature({ publishHome: home.publish }),
    createBiFeature(templates),
    createMissionsFeature({
      moreSubcommands: meetings.missionSubcommands,
      // BI and matchmaking import missions, so missions gets their reads for its chasers and digest here.
      readiness: { templateProgress: templateProgressFor, requestCounts: requestCountsOfMission },
      // An SME that leaves the delegation after the schedule was published: its meetings are cancelled.
      whenSmeLeaves: cancelMeetingsOfDepartedSme,
    }),
    createMatchmakingFeature(),
    meetings,
    createConsortiaFeature(),
    home.feature,
  );
  return features;
}

export function allCommands(features: readonly Feature[] = allFeatures()): CommandSpec[] {
  return features.flatMap((feature) => feature.commands ?? []);
}
