import type { CommandSpec, Feature } from "../../platform/slack/feature.js";
import type { PublishHome } from "../home/index.js";
import { registerCsvListeners, runExport, runImport } from "./csv-listeners.js";
import { registerFindListeners, runFind, runShow } from "./find-listeners.js";
import { directoryHomeSection } from "./home-section.js";
import { registerPrivacyListeners, runPrivacy } from "./privacy-listeners.js";
import { registerProfileListeners, runEdit, runInvite, runRegister } from "./register-listeners.js";
import { registerReviewListeners, runPending } from "./review-listeners.js";

// What other features may use of the directory: they import it from here, never from its files.
export { checkSmeCsv } from "./csv.js";
export type { SmeRecord } from "./profile.js";
export { missingProfileParts } from "./profile.js";
export { closestMatch } from "./query.js";
export { findSmesByName } from "./search-store.js";
export { getSme, getSmes } from "./sme-loading.js";
export { smeOfMember } from "./sme-store.js";
export { type DirectoryEntry, smesAddedBetween, smesAwaitingReview } from "./staff-reads.js";

/** `/sme`: the SME directory. */
export const smeCommand: CommandSpec = {
  command: "/sme",
  description: "SME directory: register, find, import and export SMEs",
  usageHint: "find <words> [filters] | show <name> | register | edit | invite @user | import | export | privacy",
  subcommands: [
    {
      name: "find",
      aliases: ["search"],
      usage: "<words> [sector:… country:… cluster:… market:us|cn stage:… seeks:… trl>=N]",
      description: "search the directory",
      permission: "directory.search",
      run: runFind,
    },
    {
      name: "show",
      usage: "<company name>",
      description: "open one profile",
      permission: "directory.search",
      run: runShow,
    },
    {
      name: "register",
      description: "add a company (staff: any SME; SME members: their own, reviewed by staff)",
      permission: "directory.register",
      run: runRegister,
    },
    {
      name: "edit",
      usage: "[company name]",
      description: "edit your company's profile (staff: any SME by name)",
      permission: "directory.register",
      run: runEdit,
    },
    {
      name: "pending",
      description: "list the profiles waiting for review (your cluster's first), with the decisions",
      permission: "directory.review",
      run: runPending,
    },
    {
      name: "invite",
      usage: "@user [company name]",
      description: "ask someone to fill in their company's profile",
      permission: "directory.manage",
      run: runInvite,
    },
    {
      name: "import",
      description: "add many SMEs from a CSV file posted in my DM (shows the columns)",
      permission: "directory.manage",
      run: runImport,
    },
    {
      name: "export",
      usage: "[same words and filters as find]",
      description: "get the matching SMEs as a CSV file in your DM",
      permission: "directory.manage",
      run: runExport,
    },
    {
      name: "privacy",
      usage: "export | erase",
      description: "get everything stored about you, or erase it",
      permission: "privacy.self",
      run: runPrivacy,
    },
  ],
};

export function createDirectoryFeature(options: { publishHome: PublishHome }): Feature {
  return {
    name: "directory",
    commands: [smeCommand],
    register(app, deps) {
      registerProfileListeners(app, deps);
      registerReviewListeners(app, deps, options.publishHome);
      registerFindListeners(app, deps);
      registerCsvListeners(app, deps);
      registerPrivacyListeners(app, deps);
    },
    homeSection: directoryHomeSection,
  };
}
