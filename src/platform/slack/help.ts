import type { KnownBlock } from "@slack/types";
import { roleLabels, rolesFor } from "../../domain/roles.js";
import type { CommandSpec, EphemeralMessage, Subcommand } from "./feature.js";

/** One line of help: the full command, what it does and, unless everyone may, who may. */
export function usageLine(spec: CommandSpec, sub: Subcommand): string {
  const who = rolesFor(sub.permission);
  const restriction = who.includes("guest") ? "" : ` _(${who.map((role) => roleLabels[role]).join(", ")})_`;
  const args = sub.usage ? ` ${sub.usage}` : "";
  return `\`${spec.command} ${sub.name}${args}\` — ${sub.description}${restriction}`;
}

function commandSection(spec: CommandSpec): KnownBlock[] {
  return [
    { type: "section", text: { type: "mrkdwn", text: `*${spec.command}* — ${spec.description}` } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          `\`${spec.command} help\` — show this help`,
          ...spec.subcommands.map((sub) => usageLine(spec, sub)),
        ].join("\n"),
      },
    },
  ];
}

/** `/x help`: the usage of one command. */
export function commandHelp(spec: CommandSpec, intro?: string): EphemeralMessage {
  const blocks: KnownBlock[] = [];
  if (intro) blocks.push({ type: "section", text: { type: "mrkdwn", text: intro } });
  blocks.push(...commandSection(spec));
  return { response_type: "ephemeral", text: fallbackText(intro, [spec]), blocks };
}

/** `/ec2i help`: every command of the app. */
export function appHelp(specs: readonly CommandSpec[]): EphemeralMessage {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "EC2i Missions — commands" } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "The SME directory and the Business Intelligence market-entry templates of the EC2i clusters.",
        },
      ],
    },
  ];
  for (const spec of specs) blocks.push({ type: "divider" }, ...commandSection(spec));
  return { response_type: "ephemeral", text: fallbackText(undefined, specs), blocks };
}

function fallbackText(intro: string | undefined, specs: readonly CommandSpec[]): string {
  const lines = specs.flatMap((spec) => [
    `${spec.command} help`,
    ...spec.subcommands.map((sub) => `${spec.command} ${sub.name}${sub.usage ? ` ${sub.usage}` : ""}`),
  ]);
  return [intro, ...lines].filter(Boolean).join("\n");
}
