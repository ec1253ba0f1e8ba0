/**
 * The app's one job runner, from every feature's declared jobs (decision 006). main.ts ticks it
 * every minute; the sandbox and the tests move their manual clock and call `runThrough`.
 */
import type { WebClientOptions } from "@slack/web-api";
import type { AppDeps, Feature } from "../slack/feature.js";
import {
  createScheduledSlack,
  type PacedSlack,
  type Pacing,
  type RetryPolicy,
  standInPacing,
} from "../slack/scheduled-sender.js";
import { createJobRunner, type JobRunner } from "./job-runner.js";

export type AppJobs = Readonly<{ runner: JobRunner; slack: PacedSlack }>;

export type AppJobsOptions = {
  /** The scheduled posts' Web API client options (its retries are the sender's own). */
  client?: WebClientOptions;
  /** Slack's pacing unless given. */
  pacing?: Pacing;
  retry?: Partial<RetryPolicy>;
  /**
   * A job's runs sent side by side within a tick (default 64). Most of them wait in the sender's
   * queues, so there should be enough for every conversation of the morning to have one going:
   * with few, they all queue behind the first mission's channel.
   */
  concurrency?: number;
};

/**
 * Against the Slack stand-in (tests, the sandbox): no pacing wait, and one run after another, so
 * what a transcript or a test sees comes in due order every time.
 */
export const standInJobOptions: AppJobsOptions = { pacing: standInPacing, concurrency: 1 };

export function createAppJobs(deps: AppDeps, features: readonly Feature[], options: AppJobsOptions = {}): AppJobs {
  const slack = createScheduledSlack(deps.config.slack.botToken, {
    client: { ...(deps.config.slack.apiUrl ? { slackApiUrl: deps.config.slack.apiUrl } : {}), ...options.client },
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    logger: deps.logger,
  });
  const jobs = features.flatMap((feature) => feature.jobs?.({ ...deps, slack }) ?? []);
  const runner = createJobRunner({
    db: deps.db,
    logger: deps.logger,
    jobs,
    catchUpMinutes: deps.config.jobsCatchUpHours * 60,
    concurrency: options.concurrency ?? 64,
    // A retried run's posts may be in Slack already: the sender looks for each before posting it.
    attempts: {
      begin: (runKey, attempt) => slack.beginRun(runKey, attempt > 1),
      end: (runKey) => slack.endRun(runKey),
    },
  });
  return { runner, slack };
}
