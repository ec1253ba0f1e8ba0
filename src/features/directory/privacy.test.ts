import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { sqliteFilePath } from "../../platform/db/location.js";
import { seedSme } from "./fixtures.test-support.js";
import { erasedPerson } from "./privacy-store.js";
import { getSme } from "./sme-loading.js";
import { archiveActionId, eraseCallbackId, erasedData } from "./views.js";

const ADMIN = "U0ADMIN001";
const STAFF = "U0STAFF001";
const SME_USER = "U0SMEUSER1";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff", cluster: { connect: { key: "clean-dk" } } } });
});
afterEach(async () => t.stop());

async function smeWithContact() {
  const sme = await seedSme(t.db, { name: "Nordic Heat A/S", contactSlackUserId: SME_USER }, "approved", SME_USER);
  await t.db.auditLog.create({
    data: { actorSlackId: SME_USER, action: "sme.edit", entityType: "sme", entityId: String(sme.id), details: {} },
  });
  return sme;
}

describe("/sme privacy", () => {
  it("explains itself", async () => {
    const reply = await t.command(SME_USER, "/sme", "privacy");
    expect((await t.responseTo(reply.responseUrl)).text).toContain("`/sme privacy erase`");
  });

  it("export sends everything stored about the person as JSON to their DM", async () => {
    await smeWithContact();
    const reply = await t.command(SME_USER, "/sme", "privacy export");
    expect((await t.responseTo(reply.responseUrl)).text).toContain("sent your data");
    const [file] = [...t.standIn.uploads.values()];
    expect(file?.filename).toBe("ec2i-my-data.json");
    const data = JSON.parse(file?.content.toString() ?? "{}");
    expect(data.slackUserId).toBe(SME_USER);
    expect(data.person).toMatchObject({ slackUserId: SME_USER, role: "sme" });
    expect(data.companies[0]).toMatchObject({ name: "Nordic Heat A/S", contactEmail: "hello@nordicheat.dk" });
    expect(data.auditEntries.map((entry: { action: string }) => entry.action)).toContain("sme.edit");
  });

  it("erase asks for confirmation, removes personal data, keeps the company and records the erasure", async () => {
    const sme = await smeWithContact();
    await t.command(SME_USER, "/sme", "privacy erase");
    const open = await t.standIn.waitForCall("views.open");
    expect((open.args.view as { callback_id: string }).callback_id).toBe(eraseCallbackId);
    expect(await t.db.person.count({ where: { slackUserId: SME_USER } })).toBe(1); // nothing before confirming

    const submit = await t.submitView({ userId: SME_USER, callbackId: eraseCallbackId, values: {} });
    expect(submit.status).toBe(200);
    await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => String(call.args.text).includes("was erased")),
      "the confirmation",
    );
    expect(await t.db.person.count({ where: { slackUserId: SME_USER } })).toBe(0);
    const company = await getSme(t.db, sme.id);
    expect(company).toMatchObject({
      name: "Nordic Heat A/S",
      status: "approved",
      contactSlackUserId: null,
      contactEmail: "",
    });
    expect(company?.createdBySlackId).toBe("U0SEED0001"); // who else did what stays
    const traces = await t.db.auditLog.count({ where: { OR: [{ actorSlackId: SME_USER }, { entityId: SME_USER }] } });
    expect(traces).toBe(0);
    const erasure = await t.db.auditLog.findFirstOrThrow({ where: { action: "privacy.erase" } });
    expect(erasure).toMatchObject({
      actorSlackId: erasedPerson,
      entityId: erasedPerson,
      details: { companiesWithoutContact: [sme.id] },
    });

    // The cluster's staff decide whether to keep the company.
    const notice = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === STAFF),
      "the staff notice",
    );
    expect(String(notice.args.text)).toContain("contact person of *Nordic Heat A/S* erased their personal data");
    expect(String(notice.args.text)).not.toContain(SME_USER);
    await t.action({ userId: STAFF, actionId: archiveActionId, value: String(sme.id) });
    expect(String((await t.standIn.waitForResponse(1)).body.text)).toContain("archived the profile");
    expect((await getSme(t.db, sme.id))?.status).toBe("archived");
  });

  it("erase removes the person's BI conversations too, and nothing erased is left in the database file", async () => {
    const sme = await smeWithContact();
    await t.db.person.update({
      where: { slackUserId: SME_USER },
      data: { name: "Anna Jensen", email: "anna.jensen@nordicheat.dk" },
    });
    await t.db.sme.update({ where: { id: sme.id }, data: { contactEmail: "anna.jensen@nordicheat.dk" } });
    const dmChannel = `D${SME_USER.slice(1)}`; // the stand-in's DM with the person, as conversations.open says
    // A message outside any conversation: the app answers it, and remembers (by channel and ts) that it did.
    await t.event({
      type: "message",
      channel: dmChannel,
      channel_type: "im",
      user: SME_USER,
      text: "hello",
      ts: "1800000001.000100",
    });
    await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => call.args.channel === SME_USER),
      "the answer to hello",
    );
    const conversation = await t.db.biResponse.create({
      data: {
        smeId: sme.id,
        templateKey: "china",
        templateVersion: 1,
        answers: { contact: { value: "Anna Jensen, anna.jensen@nordicheat.dk" } },
        state: { answers: {} },
        channelId: dmChannel,
        messages: { create: { slackTs: "1700000000.000100", text: "Call me on +45 2345 6789 any time" } },
      },
    });
    await t.db.llmCall.create({
      data: {
        purpose: "extract",
        model: "gpt",
        responseId: conversation.id,
        latencyMs: 10,
        ok: false,
        error: "could not read: Call me on +45 2345 6789",
      },
    });
    await t.db.auditLog.create({
      data: { actorSlackId: ADMIN, action: "role.change", entityType: "person", details: { user: SME_USER } },
    });

    await t.command(SME_USER, "/sme", "privacy erase");
    const open = await t.standIn.waitForCall("views.open");
    const listed = JSON.stringify(open.args.view);
    for (const item of erasedData) expect(listed).toContain(item.slice(0, 40));
    await t.submitView({ userId: SME_USER, callbackId: eraseCallbackId, values: {} });
    await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((call) => String(call.args.text).includes("was erased")),
      "the confirmation",
    );
    await t.standIn.settle();

    expect(await t.db.biResponse.count()).toBe(0);
    expect(await t.db.biMessage.count()).toBe(0);
    expect(await t.db.llmCall.findFirstOrThrow()).toMatchObject({ responseId: null, error: null, latencyMs: 10 });
    // Every file of the database: the erased text must be gone from the write-ahead log as well.
    const file = sqliteFilePath(t.config.databaseUrl) ?? "";
    const bytes = [file, `${file}-wal`]
      .filter((part) => existsSync(part))
      .map((part) => readFileSync(part).toString("latin1"))
      .join("\n");
    for (const erased of ["anna.jensen@nordicheat.dk", "Anna Jensen", "2345 6789", SME_USER, dmChannel]) {
      expect(bytes, erased).not.toContain(erased);
    }
  });

  it("lets only the profile's cluster staff or an admin archive it", async () => {
    const sme = await smeWithContact();
    const STAFF_BE = "U0STAFFBE1";
    await t.db.person.create({
      data: { slackUserId: STAFF_BE, role: "staff", cluster: { connect: { key: "tweed-be" } } },
    });
    await t.action({ userId: STAFF_BE, actionId: archiveActionId, value: String(sme.id) });
    expect(String((await t.standIn.waitForResponse(1)).body.text)).toContain("its staff (<@U0STAFF001>) or an admin");
    expect((await getSme(t.db, sme.id))?.status).toBe("approved");
  });

  it("does not let an SME archive a profile with a forged click", async () => {
    const sme = await smeWithContact();
    await t.action({ userId: SME_USER, actionId: archiveActionId, value: String(sme.id) });
    expect(String((await t.standIn.waitForResponse(1)).body.text)).toContain("Only admins and cluster staff");
    expect((await getSme(t.db, sme.id))?.status).toBe("approved");
  });
});
