import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { interactionBody, postSigned, viewSubmissionPayload } from "../../src/sandbox/slack-requests.js";
import { SIGNING_SECRET, startTestApp, type TestApp } from "../support/harness.js";

const ADMIN = "U0ADMIN001";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
});
afterEach(async () => t.stop());

const form = "application/x-www-form-urlencoded" as const;
const json = "application/json" as const;
const signedPost = (body: string, type: typeof form | typeof json, timestamp?: number) =>
  postSigned(t.url, body, type, { secret: SIGNING_SECRET, ...(timestamp ? { timestamp } : {}) });

/** The app still answers a normal request: the process and the server survived what came before. */
async function appStillAnswers(): Promise<void> {
  const reply = await t.command(ADMIN, "/ec2i", "help");
  expect(reply.status).toBe(200);
  expect(reply.text).toContain("/ec2i");
}

describe("signed requests that are not Slack requests", () => {
  it("refuses a body of null (form payload=null or JSON null) with 400, and keeps running", async () => {
    const formNull = await signedPost("payload=null", form);
    const jsonNull = await signedPost("null", json);
    expect([formNull.status, jsonNull.status]).toEqual([400, 400]);
    expect(jsonNull.text).toContain("not a JSON object");
    await appStillAnswers();
  });

  it('answers {}, [], 1 and "str" at once with 400 (no listener is waited for)', async () => {
    for (const body of ["{}", "[]", "1", '"str"']) {
      const reply = await signedPost(body, json);
      expect(reply.status, body).toBe(400);
    }
    expect(t.logLines.join("\n")).not.toContain("An incoming event was not acknowledged");
    await appStillAnswers();
  });

  it("refuses a view_submission whose view is null with 400", async () => {
    const payload = { ...viewSubmissionPayload({ userId: ADMIN, callbackId: "role_modal", values: {} }), view: null };
    const reply = await signedPost(interactionBody(payload), form);
    expect(reply.status).toBe(400);
    expect(t.logLines.join("\n")).not.toContain("listener failed");
    await appStillAnswers();
  });

  it("refuses malformed JSON with 400", async () => {
    const reply = await signedPost("{not json", json);
    expect(reply.status).toBe(400);
  });

  it("still answers Slack's URL verification and SSL check", async () => {
    const challenge = await signedPost(JSON.stringify({ type: "url_verification", challenge: "c-123" }), json);
    expect(challenge.status).toBe(200);
    expect(challenge.text).toContain("c-123");
    const sslCheck = await postSigned(t.url, "ssl_check=1&token=x", form, { secret: "wrong-secret-0000" });
    expect(sslCheck.status).toBe(200);
  });
});

describe("request age", () => {
  it("refuses a request signed more than five minutes in the future with 401 and runs nothing", async () => {
    const inSixMinutes = Math.floor(Date.now() / 1000) + 6 * 60;
    const reply = await t.command(ADMIN, "/ec2i", "whoami", { timestamp: inSixMinutes });
    expect(reply.status).toBe(401);
    const event = await t.event({ type: "app_home_opened", user: ADMIN, tab: "home" }, { timestamp: inSixMinutes });
    expect(event.status).toBe(401);
    await t.standIn.settle();
    expect(t.standIn.responses).toHaveLength(0);
    expect(t.standIn.callsTo("views.publish")).toHaveLength(0);
  });

  it("accepts a clock a little ahead (one minute)", async () => {
    const inOneMinute = Math.floor(Date.now() / 1000) + 60;
    const reply = await t.command(ADMIN, "/ec2i", "help", { timestamp: inOneMinute });
    expect(reply.status).toBe(200);
  });
});
