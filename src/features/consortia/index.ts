import type { CommandSpec, Feature } from "../../platform/slack/feature.js";
import { registerBuildListeners, runBuild } from "./build-listeners.js";
import { registerListListeners, runList, runStatus } from "./list-listeners.js";

// What other features may use of consortia: they import it from here, never from its files.
export { type ConsortiumStatus, consortiumStatuses } from "./consortium.js";
export { loadDemoConsortia } from "./consortium-demo.js";
export { consortiaForReport } from "./consortium-store.js";
export { stopConsortiumEngine, warmUpConsortiumEngine } from "./engine/index.js";

/** `/consortium`: multinational consortia of SMEs along a value chain for a local project. */
export const consortiumCommand: CommandSpec = {
  command: "/consortium",
  description: "Consortium builder: SMEs of several countries covering a local project's value chain",
  usageHint: "build [mission] | list [mission] | status <name> bidding|won|lost",
  subcommands: [
    {
      name: "build",
      usage: "[<mission>]",
      description:
        "propose the best 3 consortia for a project: its roles, countries, clusters, size (SME members: with their own company)",
      permission: "consortia.build",
      run: runBuild,
    },
    {
      name: "list",
      aliases: ["ls"],
      usage: "[<mission>]",
      description: "consortia with their members and status, with buttons to move them on",
      permission: "consortia.read",
      run: runList,
    },
    {
      name: "status",
      usage: "<name> bidding|won|lost",
      description: "record a consortium's new status (staff, or its members); Create forms a proposal",
      permission: "consortia.read",
      run: runStatus,
    },
  ],
};

export function createConsortiaFeature(): Feature {
  return {
    name: "consortia",
    commands: [consortiumCommand],
    register(app, deps) {
      registerBuildListeners(app, deps);
      registerListListeners(app, deps);
    },
  };
}
