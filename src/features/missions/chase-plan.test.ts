import { describe, expect, it } from "vitest";
import {
  type ChaseMission,
  chaseDueAt,
  chaserText,
  chaseTarget,
  dueChasers,
  missingItems,
  parseChaseTarget,
  stillMissing,
} from "./chase-plan.js";
import { dueDigests, parseDigestTarget } from "./digest-plan.js";

const mission: ChaseMission = {
  id: 3,
  name: "US mission 2027",
  startDate: "2027-03-21",
  timeZone: "America/New_York",
  chaseDaysBefore: 7,
  smes: [
    {
      smeId: 8,
      name: "Nordic Heat A/S",
      missing: [{ kind: "requests", deadline: null }],
      recipients: [
        { slackUserId: "U0NEWYORK1", timeZone: "America/New_York" },
        { slackUserId: "U0COPENHA1", timeZone: "Europe/Copenhagen" },
        { slackUserId: "U0NOZONE01", timeZone: null },
      ],
    },
    { smeId: 9, name: "Loire Controls SAS", missing: [], recipients: [{ slackUserId: "U0LOIRE001", timeZone: null }] },
  ],
};
const wholeMonth = { from: new Date("2027-03-01T00:00:00Z"), to: new Date("2027-04-01T00:00:00Z") };

describe("when chasers are due", () => {
  it("is 09:00 on the chase day in each person's zone, the mission's zone when Slack gave none", () => {
    // 14 March 2027 is the US switch day: New York is already on summer time (UTC-4) at 09:00.
    expect(chaseDueAt(mission, "America/New_York").toISOString()).toBe("2027-03-14T13:00:00.000Z");
    expect(chaseDueAt(mission, "Europe/Copenhagen").toISOString()).toBe("2027-03-14T08:00:00.000Z");
    expect(chaseDueAt({ ...mission, startDate: "2027-04-04" }, "Europe/Copenhagen").toISOString()).toBe(
      "2027-03-28T07:00:00.000Z",
    );
    expect(dueChasers([mission], wholeMonth).map((run) => [run.target, run.dueAt.toISOString()])).toEqual([
      ["mission:3:sme:8:user:U0NEWYORK1", "2027-03-14T13:00:00.000Z"],
      ["mission:3:sme:8:user:U0COPENHA1", "2027-03-14T08:00:00.000Z"],
      ["mission:3:sme:8:user:U0NOZONE01", "2027-03-14T13:00:00.000Z"],
    ]);
  });

  it("skips quiet people, and a person whose zone changed after their chaser was recorded", () => {
    const quiet = {
      ...mission,
      smes: [
        {
          ...(mission.smes[0] as ChaseMission["smes"][number]),
          recipients: [
            { slackUserId: "U0NEWYORK1", timeZone: "America/New_York", wish: { off: true, snoozedUntil: null } },
            {
              slackUserId: "U0COPENHA1",
              timeZone: "Europe/Copenhagen",
              wish: { off: false, snoozedUntil: new Date("2027-03-14T08:00:01Z") },
            },
            // Slack's zone came after the chaser went out at the mission's 09:00.
            { slackUserId: "U0NOZONE01", timeZone: "Asia/Tokyo" },
          ],
        },
      ],
    };
    const recorded = new Map([[chaseTarget(3, 8, "U0NOZONE01"), new Date("2027-03-14T13:00:00Z")]]);
    expect(dueChasers([quiet], wholeMonth, recorded)).toEqual([]);
  });

  it("reads its targets back, and refuses what is not one", () => {
    expect(parseChaseTarget("mission:3:sme:8:user:U0NEWYORK1")).toEqual({
      missionId: 3,
      smeId: 8,
      slackUserId: "U0NEWYORK1",
    });
    expect(parseChaseTarget("meeting:42")).toBeUndefined();
    expect(parseDigestTarget("staff:U0STAFF001:week:2027-03-22")).toEqual({
      slackUserId: "U0STAFF001",
      monday: "2027-03-22",
    });
  });
});

describe("what a chaser asks for", () => {
  const at = new Date("2027-03-14T13:00:00Z");
  it("lists the profile's gaps, an unfinished template and no requests while requests are open", () => {
    const missing = missingItems({
      profileParts: ["website"],
      market: "US",
      bi: { status: "paused", percent: 40, title: "US market entry" },
      standingRequests: 0,
      requestDeadline: new Date("2027-03-15T00:00:00Z"),
    });
    expect(stillMissing(missing, at).map((item) => item.kind)).toEqual(["profile", "bi", "requests"]);
  });

  it("asks nothing of a complete SME, and no requests once they are closed", () => {
    const done = { status: "done" as const, percent: 100, title: "US market entry" };
    expect(
      missingItems({ profileParts: [], market: "US", bi: done, standingRequests: 2, requestDeadline: null }),
    ).toEqual([]);
    const closed = missingItems({
      profileParts: [],
      market: "US",
      bi: done,
      standingRequests: 0,
      requestDeadline: new Date("2027-03-14T12:00:00Z"),
    });
    expect(stillMissing(closed, at)).toEqual([]);
    // The deadline is judged at each chaser's own time: New York's 09:00 is after it, Copenhagen's before.
    const onlyRequests = {
      ...mission,
      smes: [{ ...(mission.smes[0] as ChaseMission["smes"][number]), missing: closed }],
    };
    expect(dueChasers([onlyRequests], wholeMonth).map((run) => run.target)).toEqual([
      "mission:3:sme:8:user:U0COPENHA1",
    ]);
  });
});

describe("a chaser's text", () => {
  it("tells how to go on with a template under way or paused, and says when it is late", () => {
    const text = (status: "in_progress" | "paused", late: boolean) =>
      chaserText({
        mission,
        smeName: "Nordic Heat A/S",
        missing: [{ kind: "bi", market: "US", title: "US market entry", status, percent: 40 }],
        late,
      });
    expect(text("in_progress", false)).toContain(
      "*Finish the US market entry template*: 40% answered, a question is waiting for your answer in our DM (`/bi start us` shows where you are).",
    );
    expect(text("paused", true)).toContain(
      "40% answered, paused. Write anything in our DM to go on where you left off",
    );
    expect(text("paused", true)).toContain("This reminder is late");
    expect(text("in_progress", false)).not.toContain("This reminder is late");
  });
});

describe("when digests are due", () => {
  it("is each Monday 09:00 in the staff member's zone, Brussels time when Slack gave none", () => {
    const runs = dueDigests(
      [
        { slackUserId: "U0STAFF001", timeZone: "America/Los_Angeles", clusterKey: null },
        { slackUserId: "U0STAFF002", timeZone: null, clusterKey: "tweed-be" },
      ],
      { from: new Date("2027-03-20T00:00:00Z"), to: new Date("2027-04-01T00:00:00Z") },
    );
    expect(runs.map((run) => [run.target, run.dueAt.toISOString()])).toEqual([
      ["staff:U0STAFF001:week:2027-03-22", "2027-03-22T16:00:00.000Z"],
      ["staff:U0STAFF001:week:2027-03-29", "2027-03-29T16:00:00.000Z"],
      ["staff:U0STAFF002:week:2027-03-22", "2027-03-22T08:00:00.000Z"],
      ["staff:U0STAFF002:week:2027-03-29", "2027-03-29T07:00:00.000Z"],
    ]);
  });
});
