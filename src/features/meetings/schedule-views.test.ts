import { describe, expect, it } from "vitest";
import { messageLimitProblems } from "../../sandbox/slack-limits.js";
import type { SchedulePreview } from "./schedule-preview.js";
import { previewMessage } from "./schedule-views.js";

const longName = (i: number) => `Organisation ${i} ${"with a very long registered company name ".repeat(3)}`.trim();

/** A large mission's preview: many unplaced meetings and SMEs, every name as long as the forms allow. */
const preview: SchedulePreview = {
  requested: 640,
  placed: 600,
  percentOfBound: 99.6,
  proven: false,
  mustPlaced: 200,
  mustRequested: 200,
  unplaced: Array.from({ length: 40 }, (_, i) => ({
    sides: [longName(i), longName(i + 100)],
    priority: "nice",
    reason: "table-shortage",
  })),
  perSme: Array.from({ length: 25 }, (_, i) => ({ name: longName(i), meetings: 10 + Math.floor(i / 5) })),
  minMeetingsPerSme: 1,
  idleGaps: 12,
  moved: 3,
  cancelled: 1,
  withoutRequests: 2,
  leftOut: [{ requestId: 1, reason: "the SME asked is not confirmed in the delegation" }],
};

describe("the schedule preview message", () => {
  it("stays within Slack's limits on a large mission, saying how many more it does not list", () => {
    const message = previewMessage({ name: "China mission 2027", timeZone: "Asia/Shanghai" }, 7, preview, {
      kind: "ready",
    });
    expect(messageLimitProblems(message)).toBeUndefined();
    const text = JSON.stringify(message.blocks);
    expect(text).toMatch(/…and \d+ more meetings/);
    expect(text).toContain("more SMEs with");
    expect(text).toContain("*3 published meetings move*, *1 is cancelled* (request no longer accepted)");
    expect(text).toContain("2 SMEs of the delegation have no accepted request");
  });
});
