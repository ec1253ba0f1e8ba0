import { Writable } from "node:stream";
import { App } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { roleModalCallbackId } from "../../src/features/core/role-modal.js";
import { reviewReasonCallbackId } from "../../src/features/directory/views.js";
import { boltLogger, createLogger } from "../../src/platform/logger.js";
import { SlackHttpReceiver } from "../../src/platform/slack/receiver.js";
import {
  blockActionsPayload,
  interactionBody,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
} from "../../src/sandbox/slack-requests.js";
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

/** Errors the app logged (pino level 50 and up): a listener that failed on what it was given. */
function loggedErrors(): string[] {
  return t.logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
}

/** The request reached no listener: nothing was said to Slack and nothing failed. */
async function noListenerRan(): Promise<void> {
  await t.standIn.settle();
  // auth.test is the app's own start-up call, made before any request.
  expect(t.standIn.calls.filter((call) => call.method !== "auth.test")).toEqual([]);
  expect(t.standIn.responses).toHaveLength(0);
  expect(loggedErrors()).toEqual([]);
}

describe("signed Slack requests missing what the listeners read", () => {
  const submission = (callbackId: string, state: unknown) => {
    const payload = viewSubmissionPayload({ userId: ADMIN, callbackId, values: {} });
    const view = { ...(payload.view as Record<string, unknown>) };
    if (state === undefined) delete view.state;
    else view.state = state;
    return interactionBody({ ...payload, view });
  };

  it("refuses a view_submission without state, with state null or with state.values null, with 400", async () => {
    for (const callbackId of [roleModalCallbackId, reviewReasonCallbackId]) {
      for (const state of [undefined, null, { values: null }]) {
        const reply = await signedPost(submission(callbackId, state), form);
        expect(reply.status, `${callbackId} ${JSON.stringify(state)}`).toBe(400);
      }
    }
    await noListenerRan();
    await appStillAnswers();
  });

  it("refuses block_actions without a user id or without actions, with 400", async () => {
    const action = blockActionsPayload({ userId: ADMIN, actionId: "core.open_role_modal" });
    for (const payload of [
      { ...action, user: null },
      { ...action, user: { name: "admin" } },
      { ...action, actions: null },
    ]) {
      const reply = await signedPost(interactionBody(payload), form);
      expect(reply.status).toBe(400);
    }
    await noListenerRan();
  });

  it("refuses a slash command without text, user_id or command, with 400", async () => {
    const full = new URLSearchParams(
      slashCommandBody({ command: "/ec2i", text: "help", userId: ADMIN, responseUrl: t.standIn.newResponseUrl() }),
    );
    for (const field of ["text", "user_id", "command"]) {
      const body = new URLSearchParams(full);
      body.delete(field);
      const reply = await signedPost(body.toString(), form);
      expect(reply.status, `without ${field}`).toBe(400);
    }
    await noListenerRan();
  });

  it("refuses an event_callback whose event has no type, with 400", async () => {
    for (const event of [null, { user: ADMIN, tab: "home" }]) {
      const reply = await signedPost(JSON.stringify({ type: "event_callback", team_id: "T1", event }), json);
      expect(reply.status).toBe(400);
    }
    await noListenerRan();
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

describe("stopping the receiver (graceful shutdown)", () => {
  /** A real Bolt app on the receiver, with one command whose listener runs until the test releases it. */
  async function appWithHeldCommand() {
    const logLines: string[] = [];
    const logger = createLogger(
      "debug",
      new Writable({
        write(chunk, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    );
    // An hour of its own: only the deadline given to stop() can end the wait in time.
    const receiver = new SlackHttpReceiver({ signingSecret: SIGNING_SECRET, logger, drainTimeoutMs: 3_600_000 });
    // Given the bot's ids, Bolt asks Slack nothing: no Web API is needed for this listener.
    const app = new App({
      token: "xoxb-held",
      botId: "B0HELD0001",
      botUserId: "U0HELD0001",
      receiver,
      logger: boltLogger(logger),
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ran: string[] = [];
    app.command("/hold", async ({ ack, command }) => {
      ran.push(command.text);
      await ack();
      await held;
    });
    const server = await receiver.start({ port: 0, host: "127.0.0.1" });
    const address = server.address() as { port: number };
    const url = `http://127.0.0.1:${address.port}/slack/events`;
    const send = (text: string) =>
      postSigned(url, slashCommandBody({ command: "/hold", text, userId: ADMIN, responseUrl: `${url}/unused` }), form, {
        secret: SIGNING_SECRET,
      });
    return { receiver, ran, release, send, logLines };
  }

  it("takes no request once stopping, and stops waiting for a running listener when the shared deadline comes", async () => {
    const held = await appWithHeldCommand();
    expect((await held.send("first")).status).toBe(200);

    let spend = () => {};
    const deadline = new Promise<void>((resolve) => {
      spend = resolve;
    });
    let stopped = false;
    const stopping = held.receiver.stop(deadline).then(() => {
      stopped = true;
    });
    const second = await held.send("second").catch(() => "connection refused" as const);
    expect(second === "connection refused" ? second : second.status).toSatisfy(
      (outcome) => outcome === "connection refused" || outcome === 503,
    );
    expect(held.ran).toEqual(["first"]);

    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // still waiting for the first listener: the deadline has not come
    spend();
    await stopping;
    expect(held.logLines.join("\n")).toContain("stopped with requests still being handled");
    held.release();
  });
});
