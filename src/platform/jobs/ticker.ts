/**
 * node-cron only ticks: every minute it runs the job runner with the app clock's time. A tick still
 * running when the next is due is not doubled; the next one catches up.
 */
import cron from "node-cron";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import type { JobRunner } from "./job-runner.js";

export function startJobTicker(
  runner: Pick<JobRunner, "tick">,
  clock: Clock,
  logger: Logger,
): { stop: () => Promise<void> } {
  let running: Promise<unknown> | undefined;
  const tickOnce = () => {
    if (running) return;
    running = runner
      .tick(clock.now())
      .catch((error: unknown) => logger.error({ err: error }, "a job tick failed"))
      .finally(() => {
        running = undefined;
      });
  };
  const task = cron.schedule("* * * * *", tickOnce);
  tickOnce();
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
