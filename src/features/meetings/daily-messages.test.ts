import { describe, expect, it } from "vitest";
import { instantOf } from "../missions/index.js";
import type { AgendaMeeting } from "./agenda.js";
import { type DailyFacts, dailyAgendaPost, personalScheduleDm, smeDayReply } from "./daily-messages.js";

const zone = "Asia/Shanghai";
const mission = { name: "China mission 2027", timeZone: zone, startDate: "2027-04-12", endDate: "2027-04-16" };
const jiangsu = { kind: "org", id: 1, name: "Jiangsu Heat", type: "Project owner", contact: null, needs: "" } as const;

/** Meetings of `smes` SMEs on 13 April, one each at 09:00 at its own table. */
function meetingsOf(smes: number): AgendaMeeting[] {
  return Array.from({ length: smes }, (_, i) => ({
    id: i + 1,
    requestId: i + 1,
    startsAt: instantOf("2027-04-13", "09:00", zone),
    endsAt: instantOf("2027-04-13", "09:30", zone),
    table: i + 1,
    asking: {
      kind: "sme",
      id: i + 1,
      name: `Heat Company ${String(i + 1).padStart(3, "0")} with a long registered name`,
      cluster: null,
      sectors: [],
    },
    counterpart: jiangsu,
  }));
}

const facts = (meetings: AgendaMeeting[], published = true): DailyFacts => ({
  mission,
  day: "2027-04-13",
  programme: [],
  meetings,
  published,
});

describe("the daily posts' messages", () => {
  it("keep a day of 200 companies within Slack's limits of 50 blocks and 3000 characters a section", () => {
    const post = dailyAgendaPost(facts(meetingsOf(200)), { kind: "agenda" });
    expect(post.blocks.length).toBeLessThanOrEqual(50);
    for (const block of post.blocks) {
      if (block.type === "section") expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
    expect(post.text).toContain("200 meetings");
  });

  it("say the schedule is not published yet rather than that there are no meetings", () => {
    const post = JSON.stringify(dailyAgendaPost(facts([], false), { kind: "preview" }).blocks);
    expect(post).toContain("The meeting schedule is not published yet.");
    expect(post).not.toContain("No meetings");
  });

  it("send an SME nothing on a day without meetings, but say so when an update took them all away", () => {
    const sme = { id: 7, name: "Nordic Heat A/S" };
    expect(smeDayReply(facts(meetingsOf(2)), sme)).toBeUndefined();
    expect(personalScheduleDm(facts(meetingsOf(2)), [sme])).toBeUndefined();
    const updatedAt = instantOf("2027-04-13", "08:05", zone);
    expect(JSON.stringify(smeDayReply(facts([]), sme, { updatedAt })?.blocks)).toContain(
      "*Nordic Heat A/S*: no meetings today any more.",
    );
    expect(JSON.stringify(personalScheduleDm(facts([]), [sme], { updatedAt })?.blocks)).toContain(
      "Updated at 08:05 Shanghai time: the meeting schedule changed.",
    );
  });
});
