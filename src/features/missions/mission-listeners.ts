/** `/mission` subcommands and listeners for missions: to be built. */
import type { App } from "@slack/bolt";
import type { AppDeps, Subcommand } from "../../platform/slack/feature.js";

export const missionSubcommands: readonly Subcommand[] = [];

export function registerMissionListeners(_app: App, _deps: AppDeps): void {}
