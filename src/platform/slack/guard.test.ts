import type { BlockAction, ButtonAction } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SIGNING_SECRET, startTestApp, type TestApp } from "../../../test/support/harness.js";
import { interactionBody, postSigned, viewSubmissionPayload } from "../../sandbox/slack-requests.js";
import type { Actor } from "../auth.js";
import type { Feature } from "./feature.js";
import { actorOf, guardAction, guardView } from "./guard.js";

const STAFF = "U0STAFF001";
const SME = "U0SMEUSER1";
const GUEST = "U0GUEST001";
const refusalForSme = ":no_entry: Only admins and cluster staff can do that, and you are an SME member.";

/** A button and a form only staff may use, registered behind the guards like any feature's. */
const buttonId = "probe.staff_button";
const formId = "probe.staff_form";
let reached: { listener: string; actor: Actor }[];
const probe: Feature = {
  name: "guard-probe",
  register(app, deps) {
    app.action<BlockAction<ButtonAction>>(buttonId, guardAction(deps, "bi.manage"), async ({ context, respond }) => {
      const actor = actorOf(context);
      reached.push({ listener: buttonId, actor });
      await respond({ response_type: "ephemeral", replace_original: false, text: `Done for ${actor.role}.` });
    });
    app.view(formId, guardView(deps, "bi.manage"), async ({ ack, context }) => {
      reached.push({ listener: formId, actor: actorOf(context) });
      await ack();
    });
  },
};

let t: TestApp;
beforeEach(async () => {
  reached = [];
  t = await startTestApp({ extraFeatures: [probe] });
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  await t.db.person.create({ data: { slackUserId: SME, role: "sme" } });
});
afterEach(async () => t.stop());

/** A modal submission with the form's blocks, as Slack sends it (the harness's helper sends none). */
async function submitForm(userId: string, blocks: Record<string, unknown>[]) {
  const payload = viewSubmissionPayload({ userId, callbackId: formId, values: {} });
  (payload.view as Record<string, unknown>).blocks = blocks;
  return postSigned(t.url, interactionBody(payload), "application/x-www-form-urlencoded", { secret: SIGNING_SECRET });
}

const input = (blockId: string) => ({
  type: "input",
  block_id: blockId,
  label: { type: "plain_text", text: blockId },
  element: { type: "plain_text_input", action_id: "value" },
});

describe("guardAction", () => {
  it("refuses a click in place, on the message's response_url, and never runs the listener", async () => {
    const responseUrl = t.standIn.newResponseUrl();
    const reply = await t.action({ userId: SME, actionId: buttonId, responseUrl });
    expect(reply.status).toBe(200);
    expect(await t.responseTo(responseUrl)).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: refusalForSme,
    });
    await t.standIn.settle();
    expect(reached).toEqual([]);
  });

  it("refuses a click on App Home, which has no response_url, by DM", async () => {
    await t.action({ userId: GUEST, actionId: buttonId, view: { id: "V0HOME0001", type: "home" } });
    const dm = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === GUEST),
      "the refusal DM",
    );
    expect(String(dm.args.text)).toContain("you have no role yet");
    await t.standIn.settle();
    expect(reached).toEqual([]);
  });

  it("lets an allowed click through to the listener, with the person who clicked", async () => {
    const responseUrl = t.standIn.newResponseUrl();
    await t.action({ userId: STAFF, actionId: buttonId, responseUrl });
    expect((await t.responseTo(responseUrl)).text).toBe("Done for staff.");
    expect(reached).toEqual([
      { listener: buttonId, actor: expect.objectContaining({ slackUserId: STAFF, role: "staff" }) },
    ]);
  });
});

describe("guardView", () => {
  it("refuses a submission with an error on the form's first input, keeping the modal open", async () => {
    const reply = await submitForm(SME, [
      { type: "section", text: { type: "mrkdwn", text: "Intro" } },
      input("name"),
      input("city"),
    ]);
    expect(reply.json).toEqual({ response_action: "errors", errors: { name: refusalForSme } });
    await t.standIn.settle();
    expect(reached).toEqual([]);
  });

  it("refuses a submission of a form without inputs by DM, since the modal closes", async () => {
    const reply = await submitForm(SME, [{ type: "section", text: { type: "mrkdwn", text: "Confirm?" } }]);
    expect(reply.status).toBe(200);
    const dm = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === SME),
      "the refusal DM",
    );
    expect(dm.args.text).toBe(refusalForSme);
    expect(reached).toEqual([]);
  });

  it("lets an allowed submission through to the listener, which acknowledges it, with the person who submitted", async () => {
    const reply = await submitForm(STAFF, [input("name")]);
    expect(reply.status).toBe(200);
    await vi.waitFor(() => expect(reached).toHaveLength(1));
    expect(reached[0]).toEqual({
      listener: formId,
      actor: expect.objectContaining({ slackUserId: STAFF, role: "staff" }),
    });
  });
});
