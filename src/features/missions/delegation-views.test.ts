import { describe, expect, it } from "vitest";
import { messageLimitProblems } from "../../sandbox/slack-limits.js";
import type { Participant } from "./delegation-store.js";
import { delegationActionIds, delegationMessage } from "./delegation-views.js";

const mission = {
  id: 7,
  name: "Boston cleantech mission 2027",
  city: "Boston",
  startDate: "2027-09-27",
  endDate: "2027-10-01",
  capacity: 60,
  market: "US" as const,
};

const participant = (smeId: number, status: Participant["status"]): Participant => ({
  smeId,
  status,
  travellers: [],
  waitingPlace: status === "waiting" ? smeId : null,
  requestedBySlackId: status === "requested" ? "U0ASKER001" : null,
  decidedBySlackId: null,
});

const smes = new Map(
  Array.from({ length: 80 }, (_, i) => [i + 1, { id: i + 1, name: `Company ${i + 1}`, cluster: "clean-dk" }]),
);

describe("the delegation list", () => {
  it("pages a large delegation within Slack's limits, every SME on one page, requests with decisions for staff", () => {
    const delegation = {
      confirmed: Array.from({ length: 60 }, (_, i) => participant(i + 1, "confirmed")),
      waiting: [participant(61, "waiting")],
      requested: Array.from({ length: 15 }, (_, i) => participant(62 + i, "requested")),
    };
    const shown: string[] = [];
    for (let page = 0; page < 3; page++) {
      const message = delegationMessage(mission, delegation, smes, { staff: true, smeId: null }, page);
      expect(messageLimitProblems(message)).toBeUndefined();
      shown.push(JSON.stringify(message.blocks));
    }
    for (let id = 1; id <= 76; id++) {
      expect(shown.filter((page) => page.includes(`*Company ${id}*`))).toHaveLength(1);
    }
    expect(shown[2]).toContain(delegationActionIds.approve);
    expect(shown[2]).toContain("Page 3 of 3");
  });

  it("shows an SME its own request, not others'", () => {
    const delegation = {
      confirmed: [participant(1, "confirmed")],
      waiting: [],
      requested: [participant(2, "requested"), participant(3, "requested")],
    };
    const text = JSON.stringify(delegationMessage(mission, delegation, smes, { staff: false, smeId: 2 }).blocks);
    expect(text).toContain("*Company 2*");
    expect(text).not.toContain("*Company 3*");
    expect(text).toContain(delegationActionIds.withdraw);
    expect(text).not.toContain(delegationActionIds.approve);
    expect(text).not.toContain(delegationActionIds.remove);
  });
});
