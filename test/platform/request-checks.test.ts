import { describe, expect, it } from "vitest";
import { checkRequestBody, checkRequestTimestamp } from "../../src/platform/slack/request-checks.js";

describe("request checks (pure)", () => {
  const now = 1_800_000_000;
  it("allows five minutes either way and no more", () => {
    expect(checkRequestTimestamp(String(now - 300), now).ok).toBe(true);
    expect(checkRequestTimestamp(String(now + 300), now).ok).toBe(true);
    expect(checkRequestTimestamp(String(now - 301), now)).toEqual({ ok: false, reason: "the request is stale" });
    expect(checkRequestTimestamp(String(now + 301), now)).toEqual({
      ok: false,
      reason: "the request is from the future",
    });
    expect(checkRequestTimestamp(undefined, now).ok).toBe(false);
    expect(checkRequestTimestamp("soon", now).ok).toBe(false);
  });

  it("accepts the kinds Bolt routes and refuses the rest", () => {
    const user = { id: "U1" };
    const values = { name: { value: { type: "plain_text_input", value: "x" } } };
    expect(checkRequestBody({ command: "/sme", user_id: "U1", text: "" }).ok).toBe(true);
    expect(checkRequestBody({ type: "event_callback", event: { type: "message" } }).ok).toBe(true);
    expect(checkRequestBody({ type: "block_actions", user, actions: [{ action_id: "a" }] }).ok).toBe(true);
    const submitted = { id: "V1", callback_id: "c", state: { values } };
    expect(checkRequestBody({ type: "view_submission", user, view: submitted }).ok).toBe(true);
    expect(checkRequestBody({ type: "view_closed", user, view: { id: "V1", callback_id: "c" } }).ok).toBe(true);
    for (const body of [null, [], 1, "str", {}, { type: "view_submission", view: null }, { type: "event_callback" }]) {
      expect(checkRequestBody(body).ok, JSON.stringify(body)).toBe(false);
    }
  });

  it("refuses payloads missing what Bolt or a listener reads", () => {
    const user = { id: "U1" };
    const view = (state: unknown) => ({ id: "V1", callback_id: "c", ...(state === undefined ? {} : { state }) });
    const malformed = [
      { type: "view_submission", user, view: view(undefined) },
      { type: "view_submission", user, view: view(null) },
      { type: "view_submission", user, view: view({ values: null }) },
      { type: "view_submission", view: view({ values: {} }) },
      { type: "view_closed", user, view: { callback_id: "c" } },
      { type: "block_actions", user: null, actions: [{ action_id: "a" }] },
      { type: "block_actions", user: {}, actions: [{ action_id: "a" }] },
      { type: "block_actions", user, actions: null },
      { command: "/sme", user_id: "U1" },
      { command: "/sme", text: "" },
      { type: "event_callback", event: { user: "U1" } },
    ];
    for (const body of malformed) expect(checkRequestBody(body).ok, JSON.stringify(body)).toBe(false);
  });
});
