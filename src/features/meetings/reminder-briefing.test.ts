import { describe, expect, it } from "vitest";
import { messageLimitProblems } from "../../sandbox/slack-limits.js";
import { type Briefing, reminderMessage } from "./reminder-briefing.js";
import { surveyMessage } from "./survey-views.js";

const HOSTILE = "<!channel> <http://evil.example|Re-verify> <@U0EVIL0001>";

const briefing: Briefing = {
  missionName: `China ${HOSTILE}`,
  zone: "Asia/Shanghai",
  market: "CN",
  startsAt: new Date("2027-04-13T02:00:00Z"),
  endsAt: new Date("2027-04-13T02:30:00Z"),
  table: 4,
  sme: { name: `Nordic ${HOSTILE}` },
  counterpart: {
    kind: "org",
    name: `Jiangsu ${HOSTILE}`,
    type: "Project owner",
    city: `Nanjing ${HOSTILE}`,
    contact: `Li Wei ${HOSTILE}`,
    website: "https://jhn.example.cn",
    needs: `${"Large heat pumps for district heating networks. ".repeat(200)}${HOSTILE}`,
  },
  reasons: Array.from({ length: 12 }, (_, i) => `reason ${i} ${HOSTILE} ${"words ".repeat(100)}`),
  request: { byThisSme: true, priority: "must", priorityLabel: "Must meet", message: `${HOSTILE} ${"x".repeat(3000)}` },
  bi: {
    templateTitle: `China ${HOSTILE}`,
    finished: false,
    sections: [{ title: "Pricing", answers: [{ label: "Target price", answer: `${HOSTILE} ${"1".repeat(3000)}` }] }],
  },
  minutesBefore: 10,
  late: false,
};

describe("the briefing card", () => {
  it("stays within Slack's limits and never lets typed text ping, link or mention", () => {
    const message = reminderMessage(briefing);
    expect(messageLimitProblems(message)).toBeUndefined();
    const all = JSON.stringify(message);
    for (const markup of ["<!channel", "<http://evil.example", "<@U0EVIL0001"]) expect(all).not.toContain(markup);
  });

  it("names the counterpart SME's Slack contact as a mention, and only a real user id", () => {
    const sme = (contactSlackUserId: string) =>
      JSON.stringify(
        reminderMessage({
          ...briefing,
          counterpart: {
            kind: "sme",
            name: "Loire Controls SAS",
            country: "FR",
            contact: "hello@loire.example",
            contactSlackUserId,
            website: null,
            offer: "Controls for district heating plants",
            seeks: ["Suppliers"],
          },
        }).blocks,
      );
    expect(sme("U0LOIRE001")).toContain("contact: <@U0LOIRE001>, hello@loire.example");
    expect(sme("<!channel>")).not.toContain("<!channel>");
  });

  it("survey: within limits and escaped, answered or not", () => {
    const card = {
      meetingId: 1,
      smeId: 2,
      missionName: HOSTILE,
      zone: "Asia/Shanghai",
      startsAt: briefing.startsAt,
      endsAt: briefing.endsAt,
      table: 4,
      smeName: HOSTILE,
      counterpartName: HOSTILE,
    };
    for (const answer of [
      null,
      {
        outcome: "informative",
        note: `${HOSTILE} ${"n".repeat(990)}`,
        answeredBySlackId: "U0NORDIC01",
        answeredAt: briefing.endsAt,
      },
    ]) {
      const message = surveyMessage({ ...card, answer });
      expect(messageLimitProblems(message)).toBeUndefined();
      expect(JSON.stringify(message)).not.toContain("<!channel");
    }
  });
});
