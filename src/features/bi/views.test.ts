import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { BiStatus, StoredResponse } from "./bi-store.js";
import { startState } from "./conversation.js";
import { loadTemplates } from "./template-files.js";
import { estimateCost, usageSummary } from "./usage.js";
import { nudgeActionId, nudgeAllActionId, nudgedAllText, progressMessage } from "./views.js";

function chinaTemplate() {
  const template = loadTemplates().forMarket("CN");
  if (!template) throw new Error("the China template is missing");
  return template;
}
const china = chinaTemplate();

function response(smeId: number, status: BiStatus): StoredResponse {
  return {
    id: smeId,
    smeId,
    templateKey: china.key,
    status,
    channelId: null,
    state: startState(china),
    completedAt: null,
    updatedAt: new Date("2027-03-15T08:00:00Z"),
  };
}

const sme = (id: number, name: string, statuses: BiStatus[] = []) => ({
  id,
  name,
  responses: statuses.map((status) => response(id, status)),
});

/** Each SME line as staff read it, with whether it has a Nudge button. */
function lines(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type !== "section" || !block.text) return [];
    const nudge = block.accessory?.type === "button" && block.accessory.action_id === nudgeActionId;
    return [`${block.text.text}${nudge ? " [Nudge]" : ""}`];
  });
}

describe("the /bi status view", () => {
  it("lists those under way first, then those not started, the finished last, with Nudge beside the unfinished", () => {
    const { blocks } = progressMessage([
      {
        title: "Not in a mission",
        smes: [sme(1, "Done ApS", ["done"]), sme(2, "Idle AB"), sme(3, "Going <!here> SA", ["in_progress"])],
      },
    ]);
    expect(lines(blocks)).toEqual([
      "*Not in a mission*",
      "Going &lt;!here&gt; SA — China: 0% [Nudge]",
      "Idle AB — not started [Nudge]",
      "Done ApS — China: done",
    ]);
    expect(JSON.stringify(blocks)).toContain(`"action_id":"${nudgeAllActionId}"`);
    expect(JSON.stringify(blocks)).toContain("Nudge all 2 not finished");
  });

  it("offers no Nudge all when everyone has finished", () => {
    const { blocks } = progressMessage([{ title: "China mission", smes: [sme(1, "Done ApS", ["done"])] }]);
    expect(JSON.stringify(blocks)).not.toContain(nudgeAllActionId);
  });

  it("stays within Slack's 50 blocks, and says how many more the Nudge all button reaches", () => {
    const many = (from: number) => Array.from({ length: 25 }, (_, i) => sme(from + i, `Company ${from + i}`));
    const { blocks } = progressMessage([
      { title: "First mission", smes: many(1) },
      { title: "Second mission", smes: many(100) },
    ]);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toContain("…and 5 more (the Nudge all button reaches them too).");
    expect(JSON.stringify(blocks)).toContain("Nudge all 50 not finished");
  });

  it("escapes the names of companies nobody could be nudged at", () => {
    expect(nudgedAllText(1, 1, ["<!channel> AB"])).toBe(
      "Nudged 1 person at 1 company. Nobody in Slack to nudge at: &lt;!channel&gt; AB.",
    );
  });
});

describe("LLM usage and cost", () => {
  it("prices tokens per model, and an unknown model like the default one", () => {
    expect(estimateCost("gpt-4o", 1_000_000, 1_000_000)).toBe(12.5);
    expect(estimateCost("local-llama", 1_000_000, 0)).toBe(estimateCost("gpt-4o-mini", 1_000_000, 0));
  });

  it("sums the cost over models and divides it by the completed templates", () => {
    const text = usageSummary({
      calls: 3,
      failedCalls: 1,
      promptTokens: 2_000_000,
      completionTokens: 1_000_000,
      medianLatencyMs: 850,
      completed: 2,
      byModel: [
        { model: "gpt-4o-mini", promptTokens: 1_000_000, completionTokens: 0 },
        { model: "gpt-4o", promptTokens: 1_000_000, completionTokens: 1_000_000 },
      ],
    });
    expect(text).toBe(
      "*LLM usage*: 3 calls (1 failed), 2,000,000 prompt and 1,000,000 completion tokens, median 850 ms.\n" +
        "Estimated cost: $12.6500 in all, $6.3250 per completed template (2 completed).",
    );
  });

  it("says so when there were no calls", () => {
    expect(
      usageSummary({
        calls: 0,
        failedCalls: 0,
        promptTokens: 0,
        completionTokens: 0,
        medianLatencyMs: 0,
        completed: 0,
        byModel: [],
      }),
    ).toContain("No LLM calls yet");
  });
});
