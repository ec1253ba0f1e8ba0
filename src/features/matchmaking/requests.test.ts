import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import type { ManualClock } from "../../platform/clock.js";
import {
  ADMIN,
  clickRequest,
  dmsTo,
  LOIRE_USER,
  NORDIC_USER,
  STAFF_DK,
  STAFF_FR,
  seedChinaMission,
  submitRequest,
} from "./request-fixtures.test-support.js";
import { actionIds, answerOrigins, requestFormCallbackId } from "./views.js";

let t: TestApp;
let data: Awaited<ReturnType<typeof seedChinaMission>>;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
  data = await seedChinaMission(t);
});
afterEach(async () => t.stop());

/** What the app said where a person clicked or typed (response_url), containing `text`. */
function answerContaining(text: string) {
  return t.standIn.waitFor(
    () => t.standIn.responses.find((response) => JSON.stringify(response.body).includes(text)),
    `an answer containing “${text}”`,
  );
}

const toHeatNetworks = () => ({ m: data.mission.id, s: data.nordic.id, o: data.heatNetworks.id });

/** Makes a request as Nordic Heat's member through the form, and waits for the confirmation DM. */
async function nordicRequests(key: { m: number; s: number; o?: number; t?: number }, message = "Let us talk heat") {
  const dms = dmsTo(t, NORDIC_USER).length;
  const reply = await submitRequest(t, NORDIC_USER, key, { priority: "must", message });
  expect(reply.text).toBe("");
  await t.standIn.waitFor(() => dmsTo(t, NORDIC_USER).length > dms, "the confirmation DM");
  return t.db.meetingRequest.findFirstOrThrow({
    where: { smeId: key.s, organisationId: key.o ?? null, targetSmeId: key.t ?? null },
  });
}

describe("a meeting request to an organisation", () => {
  it("opens the form from a suggestion's button, saves it pending and says how many are left", async () => {
    await clickRequest(t, NORDIC_USER, toHeatNetworks());
    const open = await t.standIn.waitForCall("views.open");
    expect(open.args.view).toMatchObject({ callback_id: requestFormCallbackId });
    expect(JSON.stringify(open.args.view)).toContain("10 requests left, this one included");

    const request = await nordicRequests(toHeatNetworks());
    expect(request).toMatchObject({ status: "requested", priority: "must", message: "Let us talk heat" });
    expect(dmsTo(t, NORDIC_USER).at(-1)).toContain("You can make 9 more requests.");
  });

  it("opens the same form from `/meet request <organisation>`", async () => {
    await t.command(NORDIC_USER, "/meet", "request jiangsu heat");
    const open = await t.standIn.waitForCall("views.open");
    expect(open.args.view).toMatchObject({
      callback_id: requestFormCallbackId,
      private_metadata: JSON.stringify(toHeatNetworks()),
    });
  });

  it("lets staff request for a company, and an SME ask another SME of its delegation by name", async () => {
    await t.command(STAFF_DK, "/meet", "request jiangsu for Nordic Heat in china");
    const forNordic = await t.standIn.waitForCall("views.open");
    expect(forNordic.args.view).toMatchObject({ private_metadata: JSON.stringify(toHeatNetworks()) });
    await t.command(NORDIC_USER, "/meet", "request loire controls");
    const toLoire = await t.standIn.waitForCall("views.open", 2);
    expect(toLoire.args.view).toMatchObject({
      private_metadata: JSON.stringify({ m: data.mission.id, s: data.nordic.id, t: data.loire.id }),
    });
  });

  it("keeps the form open with a clear message when the message is too long", async () => {
    const reply = await submitRequest(t, NORDIC_USER, toHeatNetworks(), { message: "x".repeat(301) });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: { message: "Keep the message to 300 characters." },
    });
    expect(await t.db.meetingRequest.count()).toBe(0);
  });

  it("refuses a duplicate, showing the request and its status", async () => {
    await nordicRequests(toHeatNetworks());
    const sent = await t.command(NORDIC_USER, "/meet", "request Jiangsu Heat Networks Co.");
    const reply = await t.responseTo(sent.responseUrl);
    expect(reply.text).toBe(
      "You already asked to meet *Jiangsu Heat Networks Co.* on 15 Mar 2027, 16:00 Shanghai time (UTC+8): the request is pending. See `/meet my`.",
    );
    expect(t.standIn.callsTo("views.open")).toHaveLength(0);
    expect(await t.db.meetingRequest.count()).toBe(1);
  });

  it("refuses a request after the deadline, with the deadline in the mission's time zone", async () => {
    (t.deps.clock as ManualClock).set(new Date("2027-04-05T10:00:00Z"));
    const sent = await t.command(NORDIC_USER, "/meet", "request Jiangsu");
    expect((await t.responseTo(sent.responseUrl)).text).toBe(
      "Meeting requests for *China mission 2027* closed on 5 Apr 2027, 18:00 Shanghai time (UTC+8).",
    );
    const late = await submitRequest(t, NORDIC_USER, toHeatNetworks());
    expect(late.json).toMatchObject({
      response_action: "errors",
      errors: { priority: expect.stringContaining("closed on") },
    });
    expect(await t.db.meetingRequest.count()).toBe(0);
  });

  it("refuses a request over the SME's limit, and a withdrawn one gives its place back", async () => {
    await t.db.mission.update({ where: { id: data.mission.id }, data: { requestLimit: 2 } });
    await nordicRequests(toHeatNetworks());
    const second = await nordicRequests({ m: data.mission.id, s: data.nordic.id, o: data.solar.id });
    expect(dmsTo(t, NORDIC_USER).at(-1)).toContain("That was your last meeting request.");
    const over = await submitRequest(t, NORDIC_USER, { m: data.mission.id, s: data.nordic.id, t: data.loire.id });
    expect(over.json).toEqual({
      response_action: "errors",
      errors: {
        priority:
          "You have used all 2 meeting requests of *China mission 2027*. Withdraw a pending one with `/meet my` to ask someone else.",
      },
    });

    await t.action({ userId: NORDIC_USER, actionId: actionIds.withdraw, value: String(second.id) });
    await answerContaining("Withdrawn: your request to meet *Gobi Solar Farms*");
    await nordicRequests({ m: data.mission.id, s: data.nordic.id, t: data.loire.id });
    expect(await t.db.meetingRequest.count({ where: { status: "requested" } })).toBe(2);
  });

  it("is declined by staff in one click; the SME is told and cannot ask again until its cluster reopens it", async () => {
    const request = await nordicRequests(toHeatNetworks());
    const list = await t.command(STAFF_FR, "/meet", "requests china");
    const listed = await t.responseTo(list.responseUrl);
    expect(JSON.stringify(listed.blocks)).toContain("Jiangsu Heat Networks Co.");
    expect(JSON.stringify(listed.blocks)).toContain(`"value":"${request.id}"`);

    await t.action({
      userId: STAFF_FR,
      actionId: actionIds.decline,
      value: String(request.id),
      blockId: `${answerOrigins.staffList}.${request.id}`,
    });
    const refreshed = await answerContaining("declined the meeting with *Nordic Heat A/S*");
    expect(refreshed.body).toMatchObject({ replace_original: true });
    expect(JSON.stringify(refreshed.body)).toContain(
      "Pending meeting requests to organisations of China mission 2027*: 0",
    );
    await t.standIn.waitFor(() => dmsTo(t, NORDIC_USER).some((text) => text.includes("declined")), "the SME told");

    const again = await t.command(NORDIC_USER, "/meet", "request jiangsu");
    expect((await t.responseTo(again.responseUrl)).text).toBe(
      `*Jiangsu Heat Networks Co.* declined your request on 15 Mar 2027, 16:00 Shanghai time (UTC+8) (<@${STAFF_FR}>). It cannot be asked again; your cluster's staff can reopen it.`,
    );

    // Reopening is for Nordic Heat's own cluster (CLEAN), not Tenerrdis.
    await t.action({ userId: STAFF_FR, actionId: actionIds.reopen, value: String(request.id) });
    await answerContaining("reopen its requests");
    await t.action({ userId: STAFF_DK, actionId: actionIds.reopen, value: String(request.id) });
    await answerContaining("is pending again");
    expect(await t.db.meetingRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "requested",
    });
  });

  it("is accepted at once when the organisation accepts every request, and both sides are told", async () => {
    const request = await nordicRequests({ m: data.mission.id, s: data.nordic.id, o: data.distributor.id });
    expect(request.status).toBe("accepted");
    expect(dmsTo(t, NORDIC_USER).at(-1)).toContain("*Huadong HVAC Distribution* accepts every request");
    await t.standIn.waitFor(() => dmsTo(t, STAFF_DK).length > 0, "Nordic Heat's cluster staff told");
    expect(dmsTo(t, STAFF_DK)[0]).toContain("is accepted");
  });
});

describe("a meeting request between two SMEs of the delegation", () => {
  it("sends the other SME Accept and Decline; its answer reaches the asking SME", async () => {
    const request = await nordicRequests({ m: data.mission.id, s: data.nordic.id, t: data.loire.id });
    const prompt = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === LOIRE_USER),
      "the DM to Loire Controls",
    );
    expect(String(prompt.args.text)).toContain("*Nordic Heat A/S* would like to meet *Loire Controls SAS*");
    expect(JSON.stringify(prompt.args.blocks)).toContain(actionIds.accept);

    await t.action({ userId: LOIRE_USER, actionId: actionIds.accept, value: String(request.id) });
    await answerContaining("accepted the meeting");
    await t.standIn.waitFor(
      () => dmsTo(t, NORDIC_USER).some((text) => text.includes("*Loire Controls SAS* accepted the meeting")),
      "Nordic Heat told",
    );
    expect((await t.db.meetingRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("accepted");
  });
});

describe("forged actions", () => {
  it("refuses an SME's click on a button made for another SME, and an SME answering for an organisation", async () => {
    await clickRequest(t, LOIRE_USER, toHeatNetworks());
    await answerContaining("You can request meetings for your own company only.");
    const forgedForm = await submitRequest(t, LOIRE_USER, toHeatNetworks());
    expect(forgedForm.json).toMatchObject({ response_action: "errors" });

    const request = await nordicRequests(toHeatNetworks());
    await t.action({ userId: LOIRE_USER, actionId: actionIds.withdraw, value: String(request.id) });
    await answerContaining("You can withdraw your own company's requests only.");
    await t.action({ userId: NORDIC_USER, actionId: actionIds.accept, value: String(request.id) });
    await answerContaining("Staff record the answers of organisations.");

    expect(t.standIn.callsTo("views.open")).toHaveLength(0);
    expect(await t.db.meetingRequest.findMany({ select: { smeId: true, status: true } })).toEqual([
      { smeId: data.nordic.id, status: "requested" },
    ]);
  });
});

describe("/meet my", () => {
  it("shows the requests an SME made and received, with Withdraw on pending ones", async () => {
    await nordicRequests(toHeatNetworks());
    await nordicRequests({ m: data.mission.id, s: data.nordic.id, t: data.loire.id });
    const mine = await t.command(NORDIC_USER, "/meet", "my");
    const reply = await t.responseTo(mine.responseUrl);
    expect(reply.text).toBe("Meeting requests of Nordic Heat A/S: 2 made, 0 received");
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain("*Jiangsu Heat Networks Co.* · Must meet · pending");
    expect(blocks).toContain(actionIds.withdraw);

    const theirs = await t.command(LOIRE_USER, "/meet", "my");
    const received = await t.responseTo(theirs.responseUrl);
    expect(received.text).toBe("Meeting requests of Loire Controls SAS: 0 made, 1 received");
    expect(JSON.stringify(received.blocks)).toContain("*Nordic Heat A/S* · Must meet · pending");
  });
});
