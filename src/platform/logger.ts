import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from "@slack/bolt";
import { type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

/** Slack tokens (xoxb-, xoxp-, xapp- …) and bearer headers anywhere in a logged string. */
const secretPattern = /\b(xox[abposre]|xapp)-[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/-]+=*|sk-[A-Za-z0-9_-]{8,}/g;

/** Anything shaped like scheme://…, up to a space, a quote or an angle bracket. */
const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** Query parameters that carry credentials in database and service URLs. */
const secretParameter = /pass|pwd|secret|token|key|auth/i;

/**
 * Hides the credentials in every URL of a text: the password after `user:` and any query
 * parameter named like a secret (`?password=`, `sslpassword=`, `api_key=`). The rest stays, so a
 * message still says which host and database it is about.
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(urlPattern, (candidate) => {
    try {
      const url = new URL(candidate);
      if (url.password) url.password = "***";
      for (const name of [...url.searchParams.keys()]) {
        if (secretParameter.test(name)) url.searchParams.set(name, "***");
      }
      return url.password || url.search ? url.toString() : candidate;
    } catch {
      // Not parseable (e.g. an @ inside the password): hide everything between "://" and the last "@".
      return candidate.replace(/^([^:]+:\/\/[^:/@]*:)[^/?#]*@/, "$1***@");
    }
  });
}

/** Keeps secrets out of log text; structured fields are redacted by path below. */
export function scrubSecrets(text: string): string {
  return maskUrlCredentials(text).replace(secretPattern, (match) => `${match.slice(0, 5)}[redacted]`);
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
  // URL fields keep their host and path; only their credentials are hidden (see censor below).
  "url",
  "*.url",
  "databaseUrl",
  "*.databaseUrl",
  "sandboxDatabaseUrl",
  "*.sandboxDatabaseUrl",
];

/** Secrets become "[redacted]"; URLs keep everything but their credentials. */
function censor(value: unknown, path: string[]): unknown {
  const field = path[path.length - 1] ?? "";
  if (/url$/i.test(field)) return typeof value === "string" ? maskUrlCredentials(value) : value;
  return "[redacted]";
}

/** The one logger of the app: JSON lines on stdout (or `destination`), secrets redacted. */
export function createLogger(level: LoggerOptions["level"] = "info", destination?: NodeJS.WritableStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { app: "ec2i-missions" },
    redact: { paths: redactedPaths, censor },
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
