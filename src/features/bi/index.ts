import type { CommandSpec, Feature } from "../../platform/slack/feature.js";

/** `/bi`: Business Intelligence templates, filled as a conversation in a DM. */
export const biCommand: CommandSpec = {
  command: "/bi",
  description:
    "Business Intelligence: market-entry templates for China and the US, answered as a conversation (on the way)",
  usageHint: "help",
  subcommands: [],
};

export const biFeature: Feature = { name: "bi", commands: [biCommand] };
