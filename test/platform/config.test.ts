import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, environmentVariables, parseConfig, slackMode } from "../../src/platform/config.js";
import { createDatabase } from "../../src/platform/db/client.js";
import { defaultDatabaseUrl } from "../../src/platform/db/location.js";
import { freshSandboxDatabaseUrl } from "../support/harness.js";

/** Runs `src/main.ts` as `npm start` does, with only the given variables (and no .env file). */
function start(env: Record<string, string>) {
  const blank = Object.fromEntries(environmentVariables.map((name) => [name, ""]));
  return spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...blank, ...env },
    encoding: "utf8",
    input: "",
    timeout: 80_000,
  });
}

describe("configuration", () => {
  it("has sensible defaults with an empty environment", () => {
    const config = parseConfig({});
    expect(config.slack.port).toBe(3000);
    expect(config.databaseUrl).toBe(defaultDatabaseUrl);
    expect(config.logLevel).toBe("info");
    expect(config.jobsCatchUpHours).toBe(6);
    expect(slackMode(config)).toBe("unconfigured");
  });

  it("takes how late a missed scheduled post may still go out, in hours", () => {
    expect(parseConfig({ JOBS_CATCH_UP_HOURS: "2" }).jobsCatchUpHours).toBe(2);
    expect(() => parseConfig({ JOBS_CATCH_UP_HOURS: "-1" })).toThrow("JOBS_CATCH_UP_HOURS should be 0 or more hours");
    expect(() => parseConfig({ JOBS_CATCH_UP_HOURS: "soon" })).toThrow(
      "JOBS_CATCH_UP_HOURS should be a number of hours",
    );
  });

  it("takes the PostgreSQL pool size per instance, 10 connections unless PG_POOL_SIZE says otherwise", () => {
    expect(parseConfig({}).postgresPoolSize).toBe(10);
    expect(parseConfig({ PG_POOL_SIZE: "25" }).postgresPoolSize).toBe(25);
    expect(() => parseConfig({ PG_POOL_SIZE: "0" })).toThrow("PG_POOL_SIZE should be at least 1 connection");
    expect(() => parseConfig({ PG_POOL_SIZE: "plenty" })).toThrow("PG_POOL_SIZE should be a number of connections");
  });

  it("picks Socket Mode with an app token and HTTP mode with only a signing secret", () => {
    const socket = parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_APP_TOKEN: "xapp-1-2" });
    expect(slackMode(socket)).toBe("socket");
    const http = parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_SIGNING_SECRET: "abcdef0123456789" });
    expect(slackMode(http)).toBe("http");
  });

  it("names each wrong variable and what it should be, without echoing secrets", () => {
    let error: unknown;
    try {
      parseConfig({ PORT: "eighty", SLACK_BOT_TOKEN: "xoxp-user-token", LOG_LEVEL: "loud", EC2I_ADMINS: "alice" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT should be a port number between 1 and 65535 (got "eighty")');
    expect(message).toContain("SLACK_BOT_TOKEN should be a bot token that starts with xoxb-");
    expect(message).not.toContain("xoxp-user-token");
    expect(message).toContain("LOG_LEVEL should be one of fatal, error, warn, info, debug, trace, silent");
    expect(message).toContain("EC2I_ADMINS should list Slack user ids");
  });

  it("asks for the missing half of a Slack connection", () => {
    expect(() => parseConfig({ SLACK_APP_TOKEN: "xapp-1-2" })).toThrow(
      "SLACK_BOT_TOKEN is needed with SLACK_APP_TOKEN",
    );
    expect(() => parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-2" })).toThrow(
      "SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) is needed",
    );
  });

  it("documents every variable in .env.example", () => {
    const example = readFileSync(".env.example", "utf8");
    for (const name of environmentVariables) expect(example).toMatch(new RegExp(`^${name}=`, "m"));
  });
});

// Each test starts the app in a child process (tsx, and for the sandbox a migration): on a loaded
// two-core machine that takes far longer than a test in the same process.
describe("npm start", { timeout: 90_000 }, () => {
  it("with no Slack tokens opens the sandbox, says how to connect Slack, and ends with its (empty) input", async () => {
    const database = await freshSandboxDatabaseUrl();
    try {
      const run = start({ SANDBOX_DATABASE_URL: database.url });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("EC2i Missions — local sandbox");
      expect(run.stdout).toContain("manifest.yml");
      expect(run.stdout).toContain("SLACK_BOT_TOKEN");
      expect(run.stdout).toContain("`demo` loads demo data");
    } finally {
      await database.cleanup();
    }
  });

  it("never echoes a database password, whatever the URL's scheme", () => {
    const run = start({ DATABASE_URL: "mysql://ec2i:Tr0ub4dor%26Horse@db.example.org:3306/ec2i?password=Tr0ub4dor" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'DATABASE_URL should start with file: (SQLite) or postgresql:// (got "mysql://ec2i:***@',
    );
    expect(run.stderr).not.toContain("Tr0ub4dor");
    expect(() => createDatabase("postgresql://ec2i:p@ss:word@db.example.org:port/ec2i")).toThrow(
      'DATABASE_URL "postgresql://ec2i:***@db.example.org:port/ec2i" is not a valid PostgreSQL URL',
    );
    expect(() => createDatabase("mysql://ec2i:p@ss:word@db.example.org/ec2i")).toThrow(
      'DATABASE_URL "mysql://ec2i:***@db.example.org/ec2i" is not supported',
    );
  });

  it("stops with one readable message when a value is wrong", () => {
    const run = start({ PORT: "eighty" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT should be a port number between 1 and 65535 (got "eighty")');
    expect(run.stderr).not.toContain("    at "); // no stack trace
  });
});
