/** `/mission` subcommands and listeners for delegations: to be built. */
import type { App } from "@slack/bolt";
import type { AppDeps, Subcommand } from "../../platform/slack/feature.js";

export const delegationSubcommands: readonly Subcommand[] = [];

export function registerDelegationListeners(_app: App, _deps: AppDeps): void {}
