/** `/mission` subcommands and listeners for organisations: to be built. */
import type { App } from "@slack/bolt";
import type { AppDeps, Subcommand } from "../../platform/slack/feature.js";

export const organisationSubcommands: readonly Subcommand[] = [];

export function registerOrganisationListeners(_app: App, _deps: AppDeps): void {}
