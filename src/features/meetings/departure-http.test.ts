import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { ManualClock } from "../../platform/clock.js";
import { delegationActionIds, instantOf } from "../missions/index.js";
import { seedMeeting } from "./meeting-fixtures.test-support.js";
import { LOIRE_USER, moveClock, NORDIC_USER, seedReminderMission } from "./reminder-fixtures.test-support.js";

const ADMIN = "U0ADMIN001";
let t: TestApp;
afterEach(async () => t.stop());

describe("an SME that leaves the delegation during the mission", () => {
  it("has its meetings still to come cancelled: the other SME is told, and no reminder or survey goes out", async () => {
    t = await startTestApp({ admins: [ADMIN], clock: new ManualClock(new Date("2027-04-13T00:00:00Z")) });
    const { mission, nordic, loire, organisation } = await seedReminderMission(t);
    const day = "2027-04-13";
    const withOrganisation = await seedMeeting(t.db, {
      mission,
      smeId: nordic.id,
      organisationId: organisation.id,
      day,
      time: "10:00",
      table: 4,
    });
    const withLoire = await seedMeeting(t.db, {
      mission,
      smeId: loire.id,
      targetSmeId: nordic.id,
      day,
      time: "11:00",
      table: 2,
    });

    await t.action({
      userId: ADMIN,
      actionId: delegationActionIds.remove,
      value: JSON.stringify({ missionId: mission.id, smeId: nordic.id }),
    });
    const told = await t.standIn.waitFor(
      () => t.standIn.messages.find((m) => m.channel === `D${LOIRE_USER.slice(1)}` && m.text?.includes("Cancelled")),
      "Loire told that its meeting with Nordic is cancelled",
    );
    expect(told.text).toContain("Nordic Heat A/S");
    await t.standIn.waitFor(
      () => t.standIn.messages.find((m) => m.channel === `D${NORDIC_USER.slice(1)}` && m.text?.includes("removed")),
      "Nordic told it was removed",
    );
    const statuses = await t.db.meeting.findMany({ where: { id: { in: [withOrganisation.id, withLoire.id] } } });
    expect(statuses.map((meeting) => meeting.status)).toEqual(["cancelled", "cancelled"]);

    // The day goes on: neither SME gets a reminder or survey for the cancelled meetings.
    const dms = await moveClock(t, instantOf(day, "13:00", mission.timeZone), mission.timeZone);
    expect(dms.filter((dm) => dm.text.startsWith(":alarm_clock:") || dm.text.includes("How did"))).toEqual([]);
    expect(dms.filter((dm) => dm.to === NORDIC_USER)).toEqual([]);
  });
});
