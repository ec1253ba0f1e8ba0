import type { Database } from "./client.js";
import { isUniqueViolation } from "./errors.js";

/**
 * Records that a Slack delivery (an event, a message, a click) was handled, and says whether this
 * is the first time. Slack retries deliveries it thinks were lost, and people double-click: the
 * primary key makes the second attempt a no-op, even across two instances of the app.
 */
export async function firstDelivery(db: Database, key: string): Promise<boolean> {
  try {
    await db.processedDelivery.create({ data: { key } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
