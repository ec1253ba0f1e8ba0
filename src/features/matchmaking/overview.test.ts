import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { missionOverviewActionId } from "./index.js";
import { ADMIN, NORDIC_USER, STAFF_DK, seedChinaMission } from "./request-fixtures.test-support.js";
import { actionIds } from "./views.js";

let t: TestApp;
let data: Awaited<ReturnType<typeof seedChinaMission>>;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
  data = await seedChinaMission(t);
  const request = (target: { organisationId?: number; targetSmeId?: number }, status: "requested" | "accepted") =>
    t.db.meetingRequest.create({ data: { missionId: data.mission.id, smeId: data.nordic.id, status, ...target } });
  await request({ organisationId: data.heatNetworks.id }, "requested");
  await request({ organisationId: data.distributor.id }, "accepted");
  await request({ targetSmeId: data.loire.id }, "accepted");
});
afterEach(async () => t.stop());

type Block = { text?: { text: string }; elements?: { action_id: string; value: string; text: { text: string } }[] };

describe("/meet overview <mission>", () => {
  it("shows the delegation, organisations, requests by status, SMEs short of meetings and organisations nobody asked for", async () => {
    const sent = await t.command(STAFF_DK, "/meet", "overview china");
    const reply = await t.responseTo(sent.responseUrl);
    const texts = (reply.blocks as Block[]).map((block) => block.text?.text ?? "");
    expect(texts).toEqual([
      "*China mission 2027: matchmaking overview*",
      "Delegation: 2 SMEs · Organisations: 4\nRequests: 1 pending · 2 accepted · 0 declined · 0 withdrawn",
      "*Fewer than 3 accepted meetings* (2): Loire Controls SAS (1), Nordic Heat A/S (2)",
      "*Nobody asked for* (2): Boston District Energy, Gobi Solar Farms",
      "",
    ]);
    const buttons = (reply.blocks as Block[]).at(-1)?.elements ?? [];
    expect(buttons.map((button) => button.text.text)).toEqual([
      "Suggest SMEs for Boston District Energy",
      "Suggest SMEs for Gobi Solar Farms",
    ]);

    const suggest = buttons[1];
    await t.action({ userId: STAFF_DK, actionId: suggest?.action_id ?? "", value: suggest?.value ?? "" });
    const posted = await t.standIn.waitFor(
      () => t.standIn.responses.find((response) => String(response.body.text).includes("Gobi Solar Farms should meet")),
      "the SMEs Gobi Solar Farms should meet",
    );
    expect(posted.body.text).toBe("*SMEs of China mission 2027 that Gobi Solar Farms should meet*");
  });

  it("opens from the button other features show with a mission, for staff only", async () => {
    expect(missionOverviewActionId).toBe(actionIds.openOverview);
    await t.action({ userId: STAFF_DK, actionId: missionOverviewActionId, value: String(data.mission.id) });
    await t.standIn.waitFor(
      () => t.standIn.responses.find((response) => String(response.body.text).includes("matchmaking overview")),
      "the overview",
    );
    const refused = await t.command(NORDIC_USER, "/meet", "overview china");
    expect((await t.responseTo(refused.responseUrl)).text).toContain("Only admins and cluster staff can do that");
  });
});
