/**
 * Issue 8, item 12: text people typed is never read by Slack as a ping, a link or a mention.
 * A company registers with a hostile name, pitch, offer and contact, then every command, button
 * and App Home of the app runs, and every mrkdwn text Slack received is checked.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { say } from "../src/features/bi/fixtures.test-support.js";
import { nudgeActionId } from "../src/features/bi/views.js";
import { nordicHeat, profileFormState } from "../src/features/directory/fixtures.test-support.js";
import { profileModalCallbackId } from "../src/features/directory/profile-modal.js";
import { actionIds, eraseCallbackId, reviewReasonCallbackId } from "../src/features/directory/views.js";
import { startTestApp, type TestApp } from "./support/harness.js";

const ADMIN = "U0ADMIN001";
const STAFF = "U0STAFFDK1";
const SME_USER = "U0SMEUSER1";
const HOSTILE = "<!channel> <http://evil.example|Re-verify> <@U0EVIL0001>";
/** What must never reach Slack unescaped: Slack would ping, link or mention. */
const hostileMarkup = ["<!channel", "<http://evil.example", "<@U0EVIL0001"];

const company = `Evil ${HOSTILE} Heat`;
const hostileProfile = {
  ...nordicHeat,
  name: company,
  pitch: `Heat pumps ${HOSTILE}`,
  offer: `We build heat pumps. ${HOSTILE}`,
  contactSlackUserId: SME_USER,
};

type Found = { step: string; where: string; text: string };

/** Every mrkdwn string in a message or view: text objects of type mrkdwn, and a message's own text. */
function mrkdwnTexts(value: unknown, isMessage: boolean): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const object = node as Record<string, unknown>;
    if (object.type === "mrkdwn" && typeof object.text === "string") found.push(object.text);
    for (const child of Object.values(object)) walk(child);
  };
  const top = (value ?? {}) as Record<string, unknown>;
  if (isMessage && typeof top.text === "string" && top.mrkdwn !== false) found.push(top.text);
  if (typeof top.initial_comment === "string") found.push(top.initial_comment);
  walk(isMessage ? top.blocks : top.view);
  return found;
}

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
  t.standIn.addUser({ id: SME_USER, name: "freja", realName: `Freja ${HOSTILE}`, tz: "Europe/Copenhagen" });
  t.standIn.addUser({ id: STAFF, name: "sara", realName: `Sara ${HOSTILE}`, tz: "Europe/Copenhagen" });
  await t.db.person.create({
    data: { slackUserId: STAFF, name: `Sara ${HOSTILE}`, role: "staff", cluster: { connect: { key: "clean-dk" } } },
  });
});
afterEach(async () => t.stop());

describe("hostile text in every message, view and response", () => {
  it("is escaped wherever the app shows it in mrkdwn", async () => {
    const seen = { calls: 0, responses: 0 };
    const found: Found[] = [];
    /** Runs one step, waits for the app to finish, and keeps the mrkdwn of what Slack received. */
    const step = async (name: string, run: () => Promise<unknown>) => {
      await run();
      await t.standIn.settle(150);
      for (const call of t.standIn.calls.slice(seen.calls)) {
        const isMessage = call.method.startsWith("chat.") || call.method === "files.completeUploadExternal";
        for (const text of mrkdwnTexts(call.args, isMessage)) found.push({ step: name, where: call.method, text });
      }
      for (const response of t.standIn.responses.slice(seen.responses)) {
        for (const text of mrkdwnTexts(response.body, true)) found.push({ step: name, where: "response_url", text });
      }
      seen.calls = t.standIn.calls.length;
      seen.responses = t.standIn.responses.length;
    };
    const dmsTo = (userId: string) => t.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === userId);
    const buttonValue = (blocks: unknown, actionId: string) =>
      (blocks as { elements?: { action_id: string; value: string }[] }[])
        .flatMap((block) => block.elements ?? [])
        .find((element) => element.action_id === actionId)?.value ?? "";

    // Registration, review and edits.
    await step("/sme invite", () => t.command(STAFF, "/sme", `invite <@${SME_USER}|freja> ${company}`));
    const invitation = await t.standIn.waitFor(() => dmsTo(SME_USER)[0], "the invitation");
    await step("open the registration form", () =>
      t.action({
        userId: SME_USER,
        actionId: actionIds.openRegister,
        value: buttonValue(invitation.args.blocks, actionIds.openRegister),
      }),
    );
    await step("submit the profile", () =>
      t.submitView({
        userId: SME_USER,
        callbackId: profileModalCallbackId,
        values: profileFormState(hostileProfile),
        privateMetadata: JSON.stringify({ mode: "register", self: true }),
      }),
    );
    const sme = await t.db.sme.findFirstOrThrow();
    expect(sme.name).toBe(company);
    await step("request changes", () =>
      t.action({ userId: STAFF, actionId: actionIds.requestChanges, value: String(sme.id) }),
    );
    const reasonForm = t.standIn.callsTo("views.open").at(-1);
    await step("the reason for changes", () =>
      t.submitView({
        userId: STAFF,
        callbackId: reviewReasonCallbackId,
        values: { reason: { value: { type: "plain_text_input", value: `Please fix ${HOSTILE}` } } },
        privateMetadata: String((reasonForm?.args.view as { private_metadata?: string } | undefined)?.private_metadata),
      }),
    );
    await step("the SME edits", () =>
      t.submitView({
        userId: SME_USER,
        callbackId: profileModalCallbackId,
        values: profileFormState(hostileProfile),
        privateMetadata: JSON.stringify({ mode: "edit", smeId: sme.id, self: true }),
      }),
    );
    await step("/sme pending", () => t.command(STAFF, "/sme", "pending"));
    const review = t.standIn.messages
      .filter((m) => m.channel === "D0STAFFDK1" && m.text?.includes("asks to list"))
      .at(-1);
    await step("approve", () =>
      t.action({
        userId: STAFF,
        actionId: actionIds.approve,
        value: String(sme.id),
        channelId: review?.channel ?? "",
        messageTs: review?.ts ?? "",
      }),
    );
    expect((await t.db.sme.findUniqueOrThrow({ where: { id: sme.id } })).status).toBe("approved");
    await step("approve again", () =>
      t.action({
        userId: ADMIN,
        actionId: actionIds.approve,
        value: String(sme.id),
        channelId: review?.channel ?? "",
        messageTs: review?.ts ?? "",
      }),
    );
    await step("invite someone who already speaks for the company", () =>
      t.command(STAFF, "/sme", `invite <@${SME_USER}|freja>`),
    );
    await step("the SME registers again", () => t.command(SME_USER, "/sme", "register"));
    await step("the SME clicks Register again", () =>
      t.action({ userId: SME_USER, actionId: actionIds.openRegister, value: "" }),
    );

    // Every command and subcommand.
    for (const [user, command, text] of [
      [SME_USER, "/ec2i", "help"],
      [SME_USER, "/ec2i", "whoami"],
      [ADMIN, "/ec2i", "roles"],
      [ADMIN, "/ec2i", "role"],
      [SME_USER, "/sme", "help"],
      [SME_USER, "/sme", "find heat"],
      [SME_USER, "/sme", `find ${HOSTILE}`],
      [SME_USER, "/sme", `find sector:${HOSTILE}`],
      [SME_USER, "/sme", `show ${company}`],
      [SME_USER, "/sme", `show ${HOSTILE}`],
      [SME_USER, "/sme", "edit"],
      [STAFF, "/sme", `edit ${company}`],
      [STAFF, "/sme", "register"],
      [STAFF, "/sme", "import"],
      [STAFF, "/sme", "export"],
      [STAFF, "/sme", `export ${HOSTILE}`],
      [SME_USER, "/sme", "privacy export"],
    ] as const) {
      await step(`${command} ${text.split(" ")[0]}`, () => t.command(user, command, text));
    }
    await step("View button", () => t.action({ userId: STAFF, actionId: actionIds.view, value: String(sme.id) }));

    // Business Intelligence.
    await step("/bi start for", () => t.command(STAFF, "/bi", `start cn for ${company}`));
    await step("the SME answers in the DM", () => say(t, `We sell heat pumps ${HOSTILE}`));
    await step("/bi status", () => t.command(STAFF, "/bi", "status"));
    await step("Nudge", () =>
      t.action({ userId: STAFF, actionId: nudgeActionId, value: JSON.stringify({ smeId: sme.id }) }),
    );
    await step("/bi report", () => t.command(STAFF, "/bi", `report ${company} cn`));
    await step("/bi usage", () => t.command(ADMIN, "/bi", "usage"));

    // App Home for each role.
    for (const user of [ADMIN, STAFF, SME_USER]) {
      await step("App Home", () =>
        t.event({ type: "app_home_opened", user, channel: `D${user.slice(1)}`, tab: "home" }),
      );
    }

    // The contact erases their data: staff are told about the company.
    await step("/sme privacy erase", () => t.command(SME_USER, "/sme", "privacy erase"));
    await step("confirm the erasure", () =>
      t.submitView({ userId: SME_USER, callbackId: eraseCallbackId, values: {} }),
    );

    const unescaped = found.filter((item) => hostileMarkup.some((markup) => item.text.includes(markup)));
    const stepsRun = new Set(found.map((item) => item.step));
    // The hostile text did reach these places, so the check is not vacuous.
    expect(found.filter((item) => item.text.includes("&lt;!channel&gt;")).length).toBeGreaterThan(5);
    for (const name of [
      "approve",
      "approve again",
      "invite someone who already speaks for the company",
      "the SME registers again",
      "the SME clicks Register again",
      "/sme find",
      "/sme show",
      "App Home",
      "/bi status",
      "Nudge",
      "/sme pending",
      "confirm the erasure",
    ]) {
      expect(stepsRun, name).toContain(name);
    }
    // The company's name reached the replies of these steps too (escaped).
    for (const name of [
      "approve again",
      "invite someone who already speaks for the company",
      "the SME registers again",
      "the SME clicks Register again",
    ]) {
      expect(
        found.some((item) => item.step === name && item.text.includes("&lt;!channel&gt;")),
        name,
      ).toBe(true);
    }
    expect(unescaped).toEqual([]);
  }, 60_000);
});
