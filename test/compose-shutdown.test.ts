import { describe, expect, it } from "vitest";
import { type ShutdownBudget, type ShutdownSteps, shutDownWithin } from "../src/compose.js";

/** A budget the test spends by hand: the order of events shows what waited for what, not the wall clock. */
function budgetSpentByHand(): ShutdownBudget & { spend(): void } {
  let spend = () => {};
  const spent = new Promise<void>((resolve) => {
    spend = resolve;
  });
  return { spent, remainingMs: () => 10_000, spend };
}

const never = () => new Promise<void>(() => {});
/** Lets every callback already queued run, so a shutdown that could go on has gone on. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function recordingSteps(overrides: Partial<ShutdownSteps> = {}): { steps: ShutdownSteps; events: string[] } {
  const events: string[] = [];
  const steps: ShutdownSteps = {
    stopReceiving: async () => {
      events.push("stopped taking requests");
    },
    finishRunningWork: async () => {
      events.push("finishing running work");
    },
    idle: async () => {},
    closeDatabase: async () => {
      events.push("database closed");
    },
    ...overrides,
  };
  return { steps, events };
}

describe("graceful shutdown", () => {
  it("stops taking requests first, lets work finish, then closes the database", async () => {
    const budget = budgetSpentByHand();
    const { steps, events } = recordingSteps();
    expect(await shutDownWithin(budget, steps)).toBe(true);
    expect(events).toEqual(["stopped taking requests", "finishing running work", "database closed"]);
  });

  it("shares one budget: work that never finishes and requests that never end are both cut off when it is spent", async () => {
    const budget = budgetSpentByHand();
    const { steps, events } = recordingSteps({
      stopReceiving: (spent) => {
        events.push("stopped taking requests");
        return spent.then(() => {
          events.push("receiver gave up on its requests");
        });
      },
      finishRunningWork: () => {
        events.push("finishing running work");
        return never();
      },
      idle: never,
    });
    let finished: boolean | undefined;
    const shutdown = shutDownWithin(budget, steps).then((result) => {
      finished = result;
    });
    await settle();
    expect(events).toEqual(["stopped taking requests", "finishing running work"]);
    expect(finished).toBeUndefined();

    budget.spend(); // once, for every wait: none of them gets a budget of its own
    await shutdown;
    expect(finished).toBe(false);
    expect(events.slice(2).sort()).toEqual(["database closed", "receiver gave up on its requests"]);
  });

  it("closes the database even when finishing the running work fails", async () => {
    const budget = budgetSpentByHand();
    const { steps, events } = recordingSteps({
      finishRunningWork: () => Promise.reject(new Error("queue broke")),
    });
    await expect(shutDownWithin(budget, steps)).rejects.toThrow("queue broke");
    expect(events).toContain("database closed");
  });
});
