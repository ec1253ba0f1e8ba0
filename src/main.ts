import { config as loadDotenv } from "dotenv";
import { type ComposedApp, composeApp } from "./compose.js";
import { TemplateError } from "./features/bi/template.js";
import { warmUpConsortiumEngine } from "./features/consortia/index.js";
import { warmUpScheduler } from "./features/meetings/index.js";
import { ConfigError, parseConfig, slackMode } from "./platform/config.js";
import { installProcessGuard } from "./platform/process-guard.js";
import { SlackConnectionError } from "./platform/slack/app.js";

loadDotenv({ quiet: true });

/** A bad environment or BI template stops start-up with the reason, not a stack trace. */
async function orExit<T>(build: () => T | Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nFix these in your environment or .env file (see .env.example) and start again.`);
      process.exit(1);
    }
    if (error instanceof TemplateError || error instanceof SlackConnectionError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

if (slackMode(await orExit(() => parseConfig(process.env))) === "unconfigured") {
  // No Slack tokens: the same app runs in the local sandbox (`npm start -- --script file` runs a script).
  const { runSandbox, sandboxArguments } = await import("./sandbox/cli.js");
  try {
    process.exit(await runSandbox(sandboxArguments(process.argv.slice(2))));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

const composed: ComposedApp = await orExit(() => composeApp(process.env));
const { logger, config } = composed.deps;
installProcessGuard(logger);

let stopping = false;
/** What happens on SIGINT/SIGTERM: add here whatever else must finish before the process exits. */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  await composed.shutdown();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

await composed.start();
// The meeting scheduler's solver thread starts now, so a first `/mission schedule` does not wait for it.
warmUpScheduler().catch((error: unknown) => logger.warn({ err: error }, "the scheduler could not warm up"));
// Likewise the consortium builder's solver thread, for a first `/consortium build`.
warmUpConsortiumEngine().catch((error: unknown) =>
  logger.warn({ err: error }, "the consortium builder could not warm up"),
);
if (composed.transport.kind === "socket") {
  logger.info("EC2i Missions is running in Socket Mode");
} else {
  logger.info(
    { port: config.slack.port },
    `EC2i Missions is listening for Slack on port ${config.slack.port} at /slack/events`,
  );
}
