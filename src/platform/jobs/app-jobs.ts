/**
 * The app's one job runner, from every feature's declared jobs (decision 006). main.ts ticks it
 * every minute; the sandbox and the tests move their manual clock and call `runThrough`.
 */
import type { WebClientOptions } from "@slack/web-api";
import type { AppDeps, Feature } from "../slack/feature.js";
import { createScheduledSlack, type ScheduledSlack } from "../slack/scheduled-sender.js";
import { webApiRetryPolicy } from "../slack/web-api.js";
import { createJobRunner, type JobRunner } from "./job-runner.js";

export type AppJobs = Readonly<{ runner: JobRunner; slack: ScheduledSlack }>;

export function createAppJobs(
  deps: AppDeps,
  features: readonly Feature[],
  clientOptions: WebClientOptions = {},
): AppJobs {
  const slack = createScheduledSlack(deps.config.slack.botToken, {
    ...(deps.config.slack.apiUrl ? { slackApiUrl: deps.config.slack.apiUrl } : {}),
    retryConfig: webApiRetryPolicy,
    ...clientOptions,
  });
  const jobs = features.flatMap((feature) => feature.jobs?.({ ...deps, slack }) ?? []);
  return { runner: createJobRunner({ db: deps.db, logger: deps.logger, jobs }), slack };
}
