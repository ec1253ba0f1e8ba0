import { z } from "zod";
import { resolveDatabaseUrl } from "./db/location.js";
import { maskUrlCredentials } from "./logger.js";

const slackUserId = /^[UW][A-Z0-9]{2,}$/;
const empty = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(empty, schema.optional());

/**
 * Every variable the app reads, with what it should look like. `.env.example` documents the same
 * list for people; a test keeps the two in step.
 */
const environmentSchema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().startsWith("xoxb-", "should be a bot token that starts with xoxb-")),
  SLACK_APP_TOKEN: optional(
    z.string().startsWith("xapp-", "should be an app-level token that starts with xapp- (Socket Mode)"),
  ),
  SLACK_SIGNING_SECRET: optional(
    z.string().regex(/^[a-f0-9]{16,}$/i, "should be the hex signing secret from Basic Information"),
  ),
  PORT: z.preprocess(
    empty,
    z.coerce
      .number({ error: "should be a port number between 1 and 65535" })
      .int("should be a whole port number")
      .min(0, "should be a port number between 1 and 65535")
      .max(65535, "should be a port number between 1 and 65535")
      .default(3000),
  ),
  SLACK_API_URL: optional(
    z
      .url({ error: "should be a URL such as https://slack.com/api/" })
      .transform((url) => (url.endsWith("/") ? url : `${url}/`)),
  ),
  DATABASE_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "should start with file: (SQLite) or postgresql://")
      .optional()
      .transform(resolveDatabaseUrl),
  ),
  SANDBOX_DATABASE_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^file:/, "should be a file: URL (the sandbox runs on SQLite)")
      .default("file:./data/sandbox.db")
      .transform(resolveDatabaseUrl),
  ),
  PG_POOL_SIZE: z.preprocess(
    empty,
    z.coerce
      .number({ error: "should be a number of connections, e.g. 10" })
      .int("should be a whole number of connections")
      .min(1, "should be at least 1 connection")
      .max(1000, "should be at most 1000 connections")
      .default(10),
  ),
  OPENAI_API_KEY: optional(z.string().min(1)),
  OPENAI_BASE_URL: optional(z.url({ error: "should be a URL such as https://api.openai.com/v1" })),
  OPENAI_MODEL: z.preprocess(empty, z.string().min(1).default("gpt-4o-mini")),
  OPENAI_TIMEOUT_MS: z.preprocess(
    empty,
    z.coerce
      .number({ error: "should be a number of milliseconds, e.g. 20000" })
      .int("should be a whole number of milliseconds")
      .min(100, "should be at least 100 milliseconds")
      .default(20_000),
  ),
  JOBS_CATCH_UP_HOURS: z.preprocess(
    empty,
    z.coerce
      .number({ error: "should be a number of hours, e.g. 6" })
      .min(0, "should be 0 or more hours")
      .max(72, "should be at most 72 hours")
      .default(6),
  ),
  LOG_LEVEL: z.preprocess(
    empty,
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "should be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
  ),
  EC2I_ADMINS: z.preprocess(
    empty,
    z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(/[\s,]+/)
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().regex(slackUserId, "should list Slack user ids such as U012ABCDEF, separated by commas")),
      ),
  ),
});

export type Config = Readonly<{
  slack: {
    botToken: string | undefined;
    appToken: string | undefined;
    signingSecret: string | undefined;
    port: number;
    apiUrl: string | undefined;
  };
  databaseUrl: string;
  /** PostgreSQL only: the connections each instance keeps open at most (its pool). */
  postgresPoolSize: number;
  /** The sandbox's own database, so trying the app never touches real data. */
  sandboxDatabaseUrl: string;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string; timeoutMs: number };
  logLevel: z.infer<typeof environmentSchema>["LOG_LEVEL"];
  /** Scheduled posts that fell due while the app was down are sent this long afterwards; older ones are skipped. */
  jobsCatchUpHours: number;
  /** Slack user ids that are admins whatever the database says: the first admins of a workspace. */
  admins: readonly string[];
}>;

/** What start-up should do with these settings. */
export type SlackMode = "socket" | "http" | "unconfigured";

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The environment is not valid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; a wrong value throws a ConfigError naming each variable and what it should be. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const value = env[name];
        const shown = value === undefined || isSecret(name) ? "" : ` (got "${maskUrlCredentials(value)}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN) {
    problems.push("SLACK_BOT_TOKEN is needed with SLACK_APP_TOKEN: copy the xoxb- token from OAuth & Permissions");
  }
  if (!e.SLACK_APP_TOKEN && e.SLACK_SIGNING_SECRET && !e.SLACK_BOT_TOKEN) {
    problems.push("SLACK_BOT_TOKEN is needed with SLACK_SIGNING_SECRET: copy the xoxb- token from OAuth & Permissions");
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push("SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) is needed with SLACK_BOT_TOKEN");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      port: e.PORT,
      apiUrl: e.SLACK_API_URL,
    },
    databaseUrl: e.DATABASE_URL,
    postgresPoolSize: e.PG_POOL_SIZE,
    sandboxDatabaseUrl: e.SANDBOX_DATABASE_URL,
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    jobsCatchUpHours: e.JOBS_CATCH_UP_HOURS,
    admins: e.EC2I_ADMINS,
  };
}

export function slackMode(config: Config): SlackMode {
  if (config.slack.appToken) return "socket";
  if (config.slack.signingSecret) return "http";
  return "unconfigured";
}

/** The variables parseConfig reads, for the .env.example check. */
export const environmentVariables = Object.keys(environmentSchema.shape);

function isSecret(name: string): boolean {
  return /TOKEN|SECRET|KEY/.test(name);
}
