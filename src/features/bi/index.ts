import type { CommandSpec, Feature } from "../../platform/slack/feature.js";
import { createBiCommands, registerNudge } from "./command-listeners.js";
import { BiConversations } from "./conversation-listeners.js";
import type { TemplateCatalog } from "./template-files.js";

export { type BriefingAnswers, briefingAnswers } from "./briefing-answers.js";
export { type FinishedTemplateAnswers, finishedTemplateAnswers } from "./matching-signals.js";
export { type TemplateProgress, templateProgressFor } from "./template-progress.js";

/** `/bi`: Business Intelligence templates, filled as a conversation in a DM. */
export function createBiFeature(templates: TemplateCatalog): Feature {
  const commands = createBiCommands(templates);
  const bi: CommandSpec = {
    command: "/bi",
    description: "Business Intelligence: market-entry templates for China and the US, answered as a conversation",
    usageHint: "start [cn|us] [for <company>] | status | report [company] | usage",
    subcommands: [
      {
        name: "start",
        usage: "[cn|us] [for <company>] [again]",
        description:
          "start a market-entry template in a DM (staff: for a company's contact); a finished one reopens to change answers, `again` starts over",
        permission: "bi.own",
        run: commands.runStart,
      },
      {
        name: "status",
        description: "every approved SME's progress, started or not, with Nudge buttons",
        permission: "bi.manage",
        run: commands.runStatus,
      },
      {
        name: "report",
        usage: "[company] [cn|us]",
        description: "the BI report with its readiness score, as a file in your DM",
        permission: "bi.own",
        run: commands.runReport,
      },
      {
        name: "usage",
        description: "LLM calls, tokens and cost per completed template",
        permission: "bi.manage",
        run: commands.runUsage,
      },
    ],
  };
  const conversations = new BiConversations();
  return {
    name: "bi",
    commands: [bi],
    beforeAck: (body, deps) => conversations.saveBeforeAck(body, deps),
    register(app, deps) {
      conversations.register(app, deps);
      registerNudge(app, deps);
    },
    finishRunningWork: (timeoutMs) => conversations.finishRunningWork(timeoutMs),
  };
}
