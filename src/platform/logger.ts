import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from "@slack/bolt";
import { type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

/** Slack tokens (xoxb-, xoxp-, xapp- …) and bearer headers anywhere in a logged string. */
const secretPattern = /\b(xox[abposre]|xapp)-[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/-]+=*|sk-[A-Za-z0-9_-]{8,}/g;

/** Keeps secrets out of log text; structured fields are redacted by path below. */
export function scrubSecrets(text: string): string {
  return text.replace(secretPattern, (match) => `${match.slice(0, 5)}[redacted]`);
}

const redactedPaths = [
  "token",
  "*.token",
  "botToken",
  "appToken",
  "signingSecret",
  "apiKey",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "*.apiKey",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
];

/** The one logger of the app: JSON lines on stdout (or `destination`), secrets redacted. */
export function createLogger(level: LoggerOptions["level"] = "info", destination?: NodeJS.WritableStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { app: "ec2i-missions" },
    redact: { paths: redactedPaths, censor: "[redacted]" },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as typeof args);
      },
    },
    formatters: {
      log(object) {
        // Errors from the Slack SDK carry the request, and so the token, in their data.
        const err = object.err as { message?: unknown } | undefined;
        if (err && typeof err.message === "string") err.message = scrubSecrets(err.message);
        return object;
      },
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

const boltToPino: Record<BoltLogLevel, string> = {
  debug: "debug",
  info: "info",
  warn: "warn",
  error: "error",
} as Record<BoltLogLevel, string>;

/** Bolt wants its own logger interface: this one writes through pino with the same redaction. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...messages: unknown[]) => {
      const text = messages
        .map((message) => (typeof message === "string" ? message : safeStringify(message)))
        .join(" ");
      child[level](scrubSecrets(text));
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel: (level) => {
      child.level = boltToPino[level] ?? "info";
    },
    getLevel: () => child.level as BoltLogLevel,
    setName: () => {},
  };
}

function safeStringify(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
