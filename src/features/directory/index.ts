import type { CommandSpec, Feature } from "../../platform/slack/feature.js";

/** `/sme`: the SME directory. Registering, finding, importing and exporting SMEs land here. */
export const smeCommand: CommandSpec = {
  command: "/sme",
  description: "SME directory: company profiles of the delegations (register, find, import and export are on the way)",
  usageHint: "help",
  subcommands: [],
};

export const directoryFeature: Feature = { name: "directory", commands: [smeCommand] };
