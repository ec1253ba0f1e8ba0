import type { App } from "@slack/bolt";
import { authorize } from "../auth.js";
import { replyDelayedText, whileTellingDelays } from "./delayed-reply.js";
import type { AppDeps, CommandSpec, Subcommand } from "./feature.js";
import { commandHelp } from "./help.js";

/**
 * Lets the acks of requests that are already waiting go out before this request's work starts.
 * Without it, 20 simultaneous /sme find requests are acked one search after another (the database
 * work after one ack runs before the next request is even read), and the last ack waits ~80 ms.
 */
export function yieldToPendingAcks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Splits "role <@U1> staff" into the subcommand ("role") and the rest. */
export function splitSubcommand(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return match ? { name: (match[1] ?? "").toLowerCase(), args: (match[2] ?? "").trim() } : { name: "", args: "" };
}

export function findSubcommand(spec: CommandSpec, name: string): Subcommand | undefined {
  return spec.subcommands.find((sub) => sub.name === name || sub.aliases?.includes(name));
}

/**
 * Registers one slash command. Help and unknown subcommands are answered in the ack itself (no
 * I/O); everything else acks at once, then checks the role, then runs.
 */
export function registerCommand(app: App, deps: AppDeps, spec: CommandSpec): void {
  app.command(spec.command, async ({ command, ack, respond, client }) => {
    const { name, args } = splitSubcommand(command.text);
    if (name === "" || name === "help") {
      await ack(spec.help ? spec.help() : commandHelp(spec));
      return;
    }
    const sub = findSubcommand(spec, name);
    if (!sub) {
      await ack(
        commandHelp(
          spec,
          `:thinking_face: \`${spec.command} ${name}\` is not a command I know. Here is what I can do:`,
        ),
      );
      return;
    }
    await ack();
    await yieldToPendingAcks();
    const check = await authorize(deps, command.user_id, sub.permission);
    if (!check.allowed) {
      await respond({ response_type: "ephemeral", text: check.message });
      return;
    }
    // A reply held up by Slack's Web API is announced on the response_url, which does not go through it.
    const tellDelay = () => respond({ response_type: "ephemeral", replace_original: false, text: replyDelayedText });
    await whileTellingDelays(deps.logger, tellDelay, () =>
      sub.run({ actor: check.actor, args, command, respond, client, deps }),
    );
  });
}
