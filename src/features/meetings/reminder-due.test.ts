import { describe, expect, it } from "vitest";
import { instantOf } from "../missions/index.js";
import {
  dueMeetingRuns,
  parseMeetingRunTarget,
  recipientsKey,
  reminderJobKind,
  surveyJobKind,
} from "./reminder-due.js";

const zone = "Asia/Shanghai";
const smeMeeting = {
  id: 7,
  missionId: 1,
  startsAt: instantOf("2027-04-13", "11:00", zone),
  endsAt: instantOf("2027-04-13", "11:30", zone),
  smeIds: [2, 3],
  reminderMinutes: 10,
  surveyMinutes: 15,
};
const facts = {
  meetings: [smeMeeting],
  recipients: new Map([
    [recipientsKey(1, 2), ["U0LOIRE001"]],
    [recipientsKey(1, 3), ["U0NORDIC01", "U0NORDIC02"]],
  ]),
  wishes: new Map([["U0NORDIC02", { off: false, snoozedUntil: instantOf("2027-04-13", "11:00", zone) }]]),
};
const day = { from: instantOf("2027-04-13", "00:00", zone), to: instantOf("2027-04-14", "00:00", zone) };

describe("runs due for a meeting", () => {
  it("are one per person of each SME at the table, at the mission's minutes, skipping whoever is quiet then", () => {
    expect(dueMeetingRuns(reminderJobKind, facts, day)).toEqual([
      {
        target: "meeting:7:sme:2:person:U0LOIRE001:at:2027-04-13T03:00Z",
        dueAt: instantOf("2027-04-13", "10:50", zone),
      },
      {
        target: "meeting:7:sme:3:person:U0NORDIC01:at:2027-04-13T03:00Z",
        dueAt: instantOf("2027-04-13", "10:50", zone),
      },
    ]);
    // Snoozed until 11:00: the survey at 11:45 reaches the second traveller again.
    expect(dueMeetingRuns(surveyJobKind, facts, day).map((run) => run.target)).toEqual([
      "meeting:7:sme:2:person:U0LOIRE001:at:2027-04-13T03:00Z",
      "meeting:7:sme:3:person:U0NORDIC01:at:2027-04-13T03:00Z",
      "meeting:7:sme:3:person:U0NORDIC02:at:2027-04-13T03:00Z",
    ]);
    expect(
      dueMeetingRuns(reminderJobKind, facts, { from: day.from, to: instantOf("2027-04-13", "10:49", zone) }),
    ).toEqual([]);
  });

  it("name their meeting, SME and person in a target that reads back, and nothing else reads", () => {
    expect(parseMeetingRunTarget("meeting:7:sme:3:person:U0NORDIC01:at:2027-04-13T03:00Z")).toEqual({
      meetingId: 7,
      smeId: 3,
      slackUserId: "U0NORDIC01",
    });
    for (const bad of [
      "meeting:7",
      "meeting:7:sme:3:person:U0NORDIC01",
      "meeting:x:sme:3:person:U1",
      "day:2027-04-13",
      "meeting:7:sme:3:person:<!channel>",
    ]) {
      expect(parseMeetingRunTarget(bad)).toBeUndefined();
    }
  });
});
