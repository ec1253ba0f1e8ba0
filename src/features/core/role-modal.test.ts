import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { openRoleModalActionId, roleModalCallbackId } from "./role-modal.js";

const ADMIN = "U0ADMIN001";
const BOB = "U0BOB00001";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
  t.standIn.addUser({ id: BOB, name: "bob", realName: "Bob Jensen" });
  t.standIn.addUser({ id: "U0ROBOT001", name: "robot", realName: "Robot", isBot: true });
});
afterEach(async () => t.stop());

type Values = Record<string, Record<string, Record<string, unknown>>>;
function formValues(user: string | null, role: string | null, cluster?: string): Values {
  const option = (value: string) => ({ text: { type: "plain_text", text: value }, value });
  return {
    user: { value: { type: "users_select", selected_user: user } },
    role: { value: { type: "static_select", selected_option: role ? option(role) : null } },
    cluster: { value: { type: "static_select", selected_option: cluster ? option(cluster) : null } },
  };
}

describe("the Give a role form", () => {
  it("opens from `/ec2i role` with no arguments", async () => {
    await t.command(ADMIN, "/ec2i", "role");
    const open = await t.standIn.waitForCall("views.open");
    expect(open.args.trigger_id).toBeTruthy();
    expect((open.args.view as { callback_id: string }).callback_id).toBe(roleModalCallbackId);
  });

  it("shows inline errors on the fields and saves nothing while the form is incomplete", async () => {
    const reply = await t.submitView({ userId: ADMIN, callbackId: roleModalCallbackId, values: formValues(BOB, null) });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ response_action: "errors", errors: { role: "Please pick a role." } });
    const bot = await t.submitView({
      userId: ADMIN,
      callbackId: roleModalCallbackId,
      values: formValues("U0ROBOT001", "staff"),
    });
    expect(bot.json).toMatchObject({
      response_action: "errors",
      errors: { user: expect.stringContaining("is a bot") },
    });
    const envAdmin = await t.submitView({
      userId: ADMIN,
      callbackId: roleModalCallbackId,
      values: formValues(ADMIN, "sme"),
    });
    expect(envAdmin.json).toMatchObject({ errors: { role: expect.stringContaining("EC2I_ADMINS") } });
    expect(await t.db.person.count()).toBe(0);
  });

  it("asks for a cluster when the role is staff or SME member", async () => {
    const reply = await t.submitView({
      userId: ADMIN,
      callbackId: roleModalCallbackId,
      values: formValues(BOB, "staff"),
    });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: { cluster: `Cluster staff work within a cluster: name one for <@${BOB}>.` },
    });
    const noCluster = await t.submitView({
      userId: ADMIN,
      callbackId: roleModalCallbackId,
      values: formValues(BOB, "sme", "none"),
    });
    expect(noCluster.json).toMatchObject({ errors: { cluster: expect.stringContaining("SME members work within") } });
    expect(await t.db.person.count()).toBe(0);
  });

  it("saves a valid form, closes it and confirms by DM", async () => {
    const reply = await t.submitView({
      userId: ADMIN,
      callbackId: roleModalCallbackId,
      values: formValues(BOB, "sme", "sbh-se"),
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("");
    const confirmation = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === ADMIN),
      "the confirmation DM",
    );
    expect(String(confirmation.args.text)).toContain("is now an SME member of Sustainable Business Hub (SE)");
    const bob = await t.db.person.findUniqueOrThrow({ where: { slackUserId: BOB }, include: { cluster: true } });
    expect([bob.role, bob.cluster?.key]).toEqual(["sme", "sbh-se"]);
  });

  it("refuses a forged submission from someone who is not an admin", async () => {
    const reply = await t.submitView({
      userId: BOB,
      callbackId: roleModalCallbackId,
      values: formValues(BOB, "admin"),
    });
    expect(reply.json).toMatchObject({
      response_action: "errors",
      errors: { user: expect.stringContaining("Only admins can do that") },
    });
    expect(await t.db.person.count()).toBe(0);
    expect(t.logLines.some((line) => line.includes("refused: missing permission"))).toBe(true);
  });

  it("opens from the admin's App Home button, and not for a guest who forges the click", async () => {
    await t.event({ type: "app_home_opened", user: ADMIN, channel: "D0ADMIN001", tab: "home" });
    await t.standIn.waitForCall("views.publish");
    expect(JSON.stringify(t.standIn.homeViews.get(ADMIN))).toContain(openRoleModalActionId);

    const click = await t.action({
      userId: ADMIN,
      actionId: openRoleModalActionId,
      view: { id: "VHOME0001", type: "home" },
    });
    expect(click.status).toBe(200);
    await t.standIn.waitForCall("views.open");

    await t.action({ userId: BOB, actionId: openRoleModalActionId, view: { id: "VHOME0002", type: "home" } });
    const refusal = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === BOB),
      "the refusal",
    );
    expect(String(refusal.args.text)).toContain("Only admins can do that");
    expect(t.standIn.callsTo("views.open")).toHaveLength(1);
  });
});
