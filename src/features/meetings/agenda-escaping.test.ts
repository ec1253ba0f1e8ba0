/**
 * Text people typed (a company's name, an organisation's contact, a programme item's title) is never
 * read by Slack as a ping, a link or a mention in the agenda, the programme or the .ics message.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { seedMeeting, seedProgrammeItem } from "./meeting-fixtures.test-support.js";

const STAFF = "U0STAFF001";
const SME_USER = "U0SMEUSER1";
const HOSTILE = "<!channel> <http://evil.example|Re-verify> <@U0EVIL0001>";
const hostileMarkup = ["<!channel", "<http://evil.example", "<@U0EVIL0001"];

/** Every mrkdwn string of a message: its text, its comment, and the mrkdwn text objects of its blocks. */
function mrkdwnTexts(message: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (typeof node === "object" && node !== null) {
      const object = node as Record<string, unknown>;
      if (object.type === "mrkdwn" && typeof object.text === "string") found.push(object.text);
      for (const child of Object.values(object)) walk(child);
    }
  };
  if (typeof message.text === "string") found.push(message.text);
  if (typeof message.initial_comment === "string") found.push(message.initial_comment);
  walk(message.blocks);
  return found;
}

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
});
afterEach(async () => t.stop());

describe("hostile text in the agenda and the programme", () => {
  it("is escaped wherever it is shown in mrkdwn", async () => {
    const mission = await seedMission(t.db, { name: "China mission 2027" });
    const sme = await seedSme(t.db, { name: `Evil ${HOSTILE} Heat`, markets: ["CN"] }, "approved", SME_USER);
    await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status: "confirmed" } });
    const organisation = await t.db.localOrganisation.create({
      data: {
        name: `Org ${HOSTILE}`,
        type: "buyer",
        country: "CN",
        market: "CN",
        city: "Shanghai",
        sectors: [],
        needs: `Needs ${HOSTILE}`,
        contactName: `Contact ${HOSTILE}`,
      },
    });
    await seedMeeting(t.db, {
      mission,
      smeId: sme.id,
      organisationId: organisation.id,
      day: "2027-04-13",
      time: "09:00",
      table: 1,
    });
    await seedProgrammeItem(t.db, {
      mission,
      title: `Visit ${HOSTILE}`,
      location: `Plant ${HOSTILE}`,
      notes: `Bring ${HOSTILE}`,
      day: "2027-04-13",
      start: "14:00",
      end: "16:00",
    });

    for (const [user, text] of [
      [SME_USER, "agenda 13 Apr"],
      [SME_USER, "agenda ics"],
      [STAFF, "agenda 13 Apr all"],
      [STAFF, "agenda 13 Apr evil"],
      [STAFF, "agenda 13 Apr evli"],
      [STAFF, "programme china"],
    ] as const) {
      const reply = await t.command(user, "/mission", text);
      await t.responseTo(reply.responseUrl);
    }
    await t.standIn.settle(150);
    const texts = [
      ...t.standIn.responses.flatMap((response) => mrkdwnTexts(response.body)),
      ...t.standIn.calls
        .filter((call) => call.method.startsWith("chat.") || call.method === "files.completeUploadExternal")
        .flatMap((call) => mrkdwnTexts(call.args)),
    ];
    expect(texts.join("\n")).toContain("&lt;!channel&gt;");
    expect(texts.filter((text) => hostileMarkup.some((markup) => text.includes(markup)))).toEqual([]);
  });
});
