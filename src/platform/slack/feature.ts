import type { App, RespondFn, SlashCommand } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import type { Permission } from "../../domain/roles.js";
import type { Actor } from "../auth.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Job } from "../jobs/job-runner.js";
import type { Llm } from "../llm.js";
import type { Logger } from "../logger.js";
import type { ScheduledSlack } from "./scheduled-sender.js";

/** A reply only the person who asked sees: help, usage, refusals. */
export type EphemeralMessage = {
  response_type: "ephemeral";
  text: string;
  blocks: KnownBlock[];
};

/** A short text reply only the person who asked sees, for `respond()`: usage, refusals, confirmations. */
export function ephemeral(text: string): Pick<EphemeralMessage, "response_type" | "text"> {
  return { response_type: "ephemeral", text };
}

/** What every listener may use: passed in, never imported, so tests and the sandbox can swap any part. */
export type AppDeps = Readonly<{
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** Present when OPENAI_API_KEY is set; features then use structured extraction. */
  llm?: Llm | undefined;
}>;

/** What a feature's scheduled jobs may use: the app's parts and the paced sender for scheduled posts. */
export type JobDeps = AppDeps & Readonly<{ slack: ScheduledSlack }>;

/** The context a subcommand runs in, after ack() and after the role check passed. */
export type CommandContext = Readonly<{
  actor: Actor;
  /** The text after the subcommand's name, trimmed. */
  args: string;
  command: SlashCommand;
  respond: RespondFn;
  client: WebClient;
  deps: AppDeps;
}>;

export type Subcommand = Readonly<{
  name: string;
  /** Other words that run it ("ls" for "list"). */
  aliases?: readonly string[];
  /** Arguments as shown in help, e.g. "@user admin|staff|sme|none [cluster]". */
  usage?: string;
  description: string;
  permission: Permission;
  run(context: CommandContext): Promise<void>;
}>;

/** A slash command: its manifest entry and its subcommands. Help is built from this. */
export type CommandSpec = Readonly<{
  command: `/${string}`;
  description: string;
  usageHint: string;
  subcommands: readonly Subcommand[];
  /** Replaces the generated help (`/ec2i help` lists every command of the app). */
  help?(): EphemeralMessage;
}>;

/** Blocks a feature adds to a person's App Home. */
export type HomeSection = (actor: Actor, deps: AppDeps) => Promise<KnownBlock[]>;

/** One feature folder's entry point: its commands, its other listeners and its part of App Home. */
export type Feature = Readonly<{
  name: string;
  commands?: readonly CommandSpec[];
  /** Registers listeners other than the slash commands (actions, views, events, messages). */
  register?(app: App, deps: AppDeps): void;
  homeSection?: HomeSection;
  /**
   * Runs on every request before Bolt acknowledges it (Bolt acks Events API requests before any
   * middleware): for the one fast write that must not be lost if the process dies after the ack.
   * A throw refuses the request, so Slack delivers it again.
   */
  beforeAck?(body: unknown, deps: AppDeps): Promise<void>;
  /** The feature's scheduled posts (decision 006): what is due is computed from the database at each tick. */
  jobs?(deps: JobDeps): readonly Job[];
  /** Stops starting new work and waits (at most `timeoutMs`) for work already running. */
  finishRunningWork?(timeoutMs: number): Promise<void>;
}>;
