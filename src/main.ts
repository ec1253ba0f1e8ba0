import { config as loadDotenv } from "dotenv";
import { TemplateError } from "./features/bi/template.js";
import { loadTemplates } from "./features/bi/template-files.js";
import { allFeatures } from "./features/index.js";
import { systemClock } from "./platform/clock.js";
import { ConfigError, parseConfig, slackMode } from "./platform/config.js";
import { createDatabase } from "./platform/db/client.js";
import { createLlm } from "./platform/llm.js";
import { createLogger } from "./platform/logger.js";
import { installProcessGuard } from "./platform/process-guard.js";
import { createSlackApp, type Transport } from "./platform/slack/app.js";

loadDotenv({ quiet: true });

function readConfig() {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nFix these in your environment or .env file (see .env.example) and start again.`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const mode = slackMode(config);
if (mode === "unconfigured") {
  // No Slack tokens: the same app runs in the local sandbox (npm start -- --script file runs a script).
  const { runSandbox } = await import("./sandbox/cli.js");
  const index = process.argv.indexOf("--script");
  process.exit(await runSandbox({ scriptPath: index > 0 ? process.argv[index + 1] : undefined }));
}

function readTemplates() {
  try {
    return loadTemplates();
  } catch (error) {
    if (error instanceof TemplateError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const templates = readTemplates();
const logger = createLogger(config.logLevel);
installProcessGuard(logger);
const db = createDatabase(config.databaseUrl);
const transport: Transport =
  mode === "socket"
    ? { kind: "socket", appToken: config.slack.appToken ?? "" }
    : { kind: "http", signingSecret: config.slack.signingSecret ?? "" };
const llm = createLlm(config, logger);
const app = await createSlackApp(
  { config, db, logger, clock: systemClock, llm },
  allFeatures({ templates }),
  transport,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  try {
    await app.stop();
  } catch (error) {
    logger.warn({ err: error }, "the Slack receiver did not stop cleanly");
  }
  await db.$disconnect();
  logger.flush();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

if (mode === "socket") {
  await app.start();
  logger.info("EC2i Missions is running in Socket Mode");
} else {
  await app.start(config.slack.port);
  logger.info(
    { port: config.slack.port },
    `EC2i Missions is listening for Slack on port ${config.slack.port} at /slack/events`,
  );
}
