import type { Logger } from "./logger.js";
import { newErrorId } from "./slack/errors.js";

/**
 * The last line of defence: a promise rejection nobody handled is logged with an error id (which
 * staff can find when a person quotes it) instead of ending the process, as Node does by default.
 * An uncaught exception leaves the process in an unknown state, so it is logged with an id and the
 * process exits; the supervisor (systemd, Docker…) starts it again.
 */
export function installProcessGuard(logger: Logger, exit: (code: number) => void = process.exit): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason, errorId: newErrorId() }, "unhandled promise rejection (the app keeps running)");
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error, errorId: newErrorId() }, "uncaught exception: stopping");
    logger.flush();
    exit(1);
  });
}
