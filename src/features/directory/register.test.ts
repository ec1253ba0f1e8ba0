import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, testDialect } from "../../../test/support/harness.js";
import { sqliteFilePath } from "../../platform/db/location.js";
import { postgresConnectionFields } from "../../platform/db/postgres.js";
import { nordicHeat, profileFormState, seedSme } from "./fixtures.test-support.js";
import { profileModalCallbackId } from "./profile-modal.js";
import { emptyFilters } from "./query.js";
import { searchDirectory } from "./search-store.js";
import { getSme } from "./sme-loading.js";
import { actionIds, reviewReasonCallbackId } from "./views.js";

const ADMIN = "U0ADMIN001";
const STAFF_DK = "U0STAFFDK1";
const SME_USER = "U0SMEUSER1";
const OTHER_SME = "U0OTHERSM1";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
  t.standIn.addUser({ id: SME_USER, name: "freja", realName: "Freja Holm", tz: "Europe/Copenhagen" });
  await t.db.person.create({
    data: { slackUserId: STAFF_DK, role: "staff", cluster: { connect: { key: "clean-dk" } } },
  });
});
afterEach(async () => t.stop());

const registerMeta = (self: boolean) => JSON.stringify({ mode: "register", self });

function submitProfile(userId: string, raw = nordicHeat, meta = registerMeta(false)) {
  return t.submitView({
    userId,
    callbackId: profileModalCallbackId,
    values: profileFormState(raw),
    privateMetadata: meta,
  });
}

function dmsTo(userId: string) {
  return t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === userId);
}

/** A refusal shown in place of the message whose button was clicked (through its response_url). */
function refusalWhereClicked(text: string) {
  return t.standIn.waitFor(
    () => t.standIn.responses.find((response) => String(response.body.text).includes(text)),
    `a refusal saying “${text}” where the person clicked`,
  );
}

describe("/sme register by staff", () => {
  it("opens the form, saves a valid profile as listed, and makes it findable", async () => {
    await t.command(STAFF_DK, "/sme", "register");
    const open = await t.standIn.waitForCall("views.open");
    expect(open.args.view).toMatchObject({
      callback_id: profileModalCallbackId,
      private_metadata: registerMeta(false),
    });

    const reply = await submitProfile(STAFF_DK);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("");
    const sme = await t.db.sme.findFirstOrThrow({ include: { tags: true } });
    expect(sme).toMatchObject({ name: "Nordic Heat A/S", status: "approved", country: "DK", trl: 9 });
    expect(sme.tags.map((tag) => `${tag.kind}:${tag.value}`).sort()).toContain("sector:district-heating-cooling");
    const found = await searchDirectory(t.db, { text: "heat pump", filters: emptyFilters() }, { offset: 0, limit: 5 });
    expect(found.ids).toEqual([sme.id]);
    const confirmation = await t.standIn.waitFor(() => dmsTo(STAFF_DK)[0], "confirmation");
    expect(String(confirmation.args.text)).toContain("*Nordic Heat A/S* is now listed");
  });

  it("shows every invalid field inline, keeps the form open and saves nothing", async () => {
    const reply = await submitProfile(STAFF_DK, {
      ...nordicHeat,
      pitch: "Heat",
      sectors: [],
      contactEmail: "hello@",
      consent: false,
    });
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: {
        pitch: "The one-line pitch needs at least 10 characters.",
        sectors: "Pick at least one sector.",
        contactEmail: "Enter an email address such as anna@example.com.",
        consent: "The company must agree to be listed in the directory.",
      },
    });
    expect(await t.db.sme.count()).toBe(0);
  });

  it("catches a near-duplicate (same normalised name and country) and points to it", async () => {
    await seedSme(t.db, { name: "Nordic Heat" });
    const reply = await submitProfile(STAFF_DK, { ...nordicHeat, name: "NORDIC-HEAT a/s" });
    expect(reply.json).toMatchObject({
      response_action: "errors",
      errors: { name: expect.stringContaining("Nordic Heat (Denmark) is already in the directory") },
    });
    expect((reply.json as { errors: { name: string } }).errors.name).toContain("/sme show Nordic Heat");
    expect(await t.db.sme.count()).toBe(1);
    const sameNameElsewhere = await submitProfile(STAFF_DK, { ...nordicHeat, name: "Nordic Heat", country: "SE" });
    expect(sameNameElsewhere.text).toBe("");
  });
});

describe("a submitted form is stored before Slack hears back", () => {
  /** Reads the database on its own connection, as a restarted process would find it. */
  async function storedRows(sql: string): Promise<unknown[]> {
    if (testDialect() === "postgresql") {
      const client = new pg.Client(postgresConnectionFields(t.config.databaseUrl));
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    }
    const file = sqliteFilePath(t.config.databaseUrl) ?? "";
    const connection = new BetterSqlite3(file, { readonly: true });
    try {
      return connection.prepare(sql).all();
    } finally {
      connection.close();
    }
  }

  it("has the new profile and the edit in the database by the time the 200 arrives", async () => {
    await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
    const reply = await submitProfile(SME_USER, { ...nordicHeat, contactSlackUserId: SME_USER }, registerMeta(true));
    const afterAck = (await storedRows(`SELECT "id", "status" FROM "Sme"`)) as { id: number; status: string }[];
    expect([reply.status, reply.text]).toEqual([200, ""]);
    expect(afterAck.map((row) => row.status)).toEqual(["pending"]);

    const edit = await t.submitView({
      userId: SME_USER,
      callbackId: profileModalCallbackId,
      values: profileFormState({ ...nordicHeat, contactSlackUserId: SME_USER, sizeBand: "medium" }),
      privateMetadata: JSON.stringify({ mode: "edit", smeId: afterAck[0]?.id, self: true }),
    });
    expect(await storedRows(`SELECT "sizeBand" FROM "Sme"`)).toEqual([{ sizeBand: "medium" }]);
    expect(edit.status).toBe(200);
  });

  it("keeps the form open with the answers when it cannot be stored", async () => {
    // The database refuses the write, as it would when the disk is full or the process is stopping.
    if (testDialect() === "postgresql") {
      await t.db.$executeRawUnsafe(
        `CREATE FUNCTION refuse_sme() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$`,
      );
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER "refuse_sme" BEFORE INSERT ON "Sme" FOR EACH ROW EXECUTE FUNCTION refuse_sme()`,
      );
    } else {
      await t.db.$executeRawUnsafe(
        `CREATE TRIGGER "refuse_sme" BEFORE INSERT ON "Sme" BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
      );
    }
    const reply = await submitProfile(STAFF_DK);
    expect(reply.json).toMatchObject({
      response_action: "errors",
      errors: { name: expect.stringContaining("could not be saved just now") },
    });
    expect(t.logLines.some((line) => line.includes("could not store a submitted profile"))).toBe(true);
    expect(dmsTo(STAFF_DK)).toHaveLength(0);
  });
});

describe("invitation, self-registration and review", () => {
  async function inviteAndRegister() {
    const invite = await t.command(STAFF_DK, "/sme", `invite <@${SME_USER}|freja> Nordic Heat A/S`);
    expect((await t.responseTo(invite.responseUrl)).text).toContain(
      `Invited <@${SME_USER}> to register *Nordic Heat A/S*`,
    );
    const dm = await t.standIn.waitFor(() => dmsTo(SME_USER)[0], "the invitation");
    expect(JSON.stringify(dm.args.blocks)).toContain(actionIds.openRegister);
    expect((await t.db.person.findUniqueOrThrow({ where: { slackUserId: SME_USER } })).role).toBe("sme");

    const button = (dm.args.blocks as { type: string; elements?: { value: string }[] }[]).find(
      (b) => b.type === "actions",
    );
    await t.action({ userId: SME_USER, actionId: actionIds.openRegister, value: button?.elements?.[0]?.value ?? "" });
    const open = await t.standIn.waitForCall("views.open");
    expect(JSON.stringify(open.args.view)).toContain('"initial_value":"Nordic Heat A/S"');
    expect(JSON.stringify(open.args.view)).toContain(`"initial_user":"${SME_USER}"`);
    // The cluster is optional, and pre-filled with the inviting staff member's.
    const clusterBlock = (open.args.view as { blocks: { block_id?: string }[] }).blocks.find(
      (block) => block.block_id === "cluster",
    );
    expect(clusterBlock).toMatchObject({ optional: true, element: { initial_option: { value: "clean-dk" } } });

    const reply = await submitProfile(SME_USER, { ...nordicHeat, contactSlackUserId: SME_USER }, registerMeta(true));
    expect(reply.text).toBe("");
    const sme = await t.db.sme.findFirstOrThrow();
    expect(sme.status).toBe("pending");
    const review = await t.standIn.waitFor(() => dmsTo(STAFF_DK)[0], "the review request");
    expect(String(review.args.text)).toContain(`<@${SME_USER}> asks to list *Nordic Heat A/S*`);
    return { smeId: sme.id, review };
  }

  it("lists the profile after a staff member approves it, and tells the SME", async () => {
    const { smeId, review } = await inviteAndRegister();
    const result = await searchDirectory(t.db, { text: "nordic", filters: emptyFilters() }, { offset: 0, limit: 5 });
    expect(result.total).toBe(0); // pending profiles are not listed

    expect(review.args.channel).toBe(STAFF_DK);
    const posted = t.standIn.messages.find((m) => m.text?.includes("asks to list"));
    const [channel, ts] = [posted?.channel ?? "", posted?.ts ?? ""];
    await t.action({
      userId: STAFF_DK,
      actionId: actionIds.approve,
      value: String(smeId),
      channelId: channel,
      messageTs: ts,
    });
    const update = await t.standIn.waitForCall("chat.update");
    expect(update.args).toMatchObject({ channel, ts });
    expect(String(update.args.text)).toContain(`<@${STAFF_DK}> approved *Nordic Heat A/S*`);
    const told = await t.standIn.waitFor(
      () => dmsTo(SME_USER).find((c) => String(c.args.text).includes("now listed")),
      "outcome",
    );
    expect(told).toBeTruthy();
    expect((await getSme(t.db, smeId))?.status).toBe("approved");

    // A second click (or a second reviewer) changes nothing.
    await t.action({
      userId: ADMIN,
      actionId: actionIds.approve,
      value: String(smeId),
      channelId: channel,
      messageTs: ts,
    });
    await t.standIn.waitForCall("chat.update", 2);
    expect(String(t.standIn.callsTo("chat.update")[1]?.args.text)).toContain("was already reviewed: it is listed");
    expect(await t.db.auditLog.count({ where: { action: "sme.review.approved" } })).toBe(1);
    const audit = await t.db.auditLog.findMany({ where: { entityType: "sme", entityId: String(smeId) } });
    expect(audit.map((entry) => entry.at)).toEqual(audit.map(() => t.deps.clock.now()));
  });

  it("asks for changes with a reason; the SME edits and it comes back for review", async () => {
    const { smeId } = await inviteAndRegister();
    await t.action({ userId: STAFF_DK, actionId: actionIds.requestChanges, value: String(smeId) });
    const reasonForm = await t.standIn.waitForCall("views.open", 2);
    expect((reasonForm.args.view as { callback_id: string }).callback_id).toBe(reviewReasonCallbackId);
    const metadata = (reasonForm.args.view as { private_metadata: string }).private_metadata;
    const reason = (text: string) => ({ reason: { value: { type: "plain_text_input", value: text } } });

    const tooShort = await t.submitView({
      userId: STAFF_DK,
      callbackId: reviewReasonCallbackId,
      values: reason("no"),
      privateMetadata: metadata,
    });
    expect(tooShort.json).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.stringContaining("why") },
    });
    const hidden = await t.submitView({
      userId: STAFF_DK,
      callbackId: reviewReasonCallbackId,
      values: reason("Please add\u0000 your \u202Eplans"),
      privateMetadata: metadata,
    });
    expect(hidden.json).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.stringContaining("control characters") },
    });
    expect((await getSme(t.db, smeId))?.status).toBe("pending");

    await t.submitView({
      userId: STAFF_DK,
      callbackId: reviewReasonCallbackId,
      values: reason("Please add your CCC certification plans."),
      privateMetadata: metadata,
    });
    const outcome = await t.standIn.waitFor(
      () => dmsTo(SME_USER).find((c) => String(c.args.text).includes("asked for changes")),
      "the request for changes",
    );
    expect(String(outcome.args.text)).toContain("Please add your CCC certification plans.");
    expect(JSON.stringify(outcome.args.blocks)).toContain(actionIds.openEdit);
    expect((await getSme(t.db, smeId))?.status).toBe("draft");

    const edit = await t.submitView({
      userId: SME_USER,
      callbackId: profileModalCallbackId,
      values: profileFormState({ ...nordicHeat, contactSlackUserId: SME_USER, certifications: ["ce", "ccc"] }),
      privateMetadata: JSON.stringify({ mode: "edit", smeId, self: true }),
    });
    expect(edit.text).toBe("");
    await t.standIn.waitFor(() => dmsTo(STAFF_DK).length >= 2 || undefined, "a second review request");
    expect((await getSme(t.db, smeId))?.status).toBe("pending");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "sme.edit" } });
    expect(audit.details).toEqual({ fields: ["certifications"], status: "pending" });
  });

  it("rejects with a reason and archives the profile", async () => {
    const { smeId } = await inviteAndRegister();
    await t.action({ userId: STAFF_DK, actionId: actionIds.reject, value: String(smeId) });
    const form = await t.standIn.waitForCall("views.open", 2);
    await t.submitView({
      userId: STAFF_DK,
      callbackId: reviewReasonCallbackId,
      values: { reason: { value: { type: "plain_text_input", value: "Not a cleantech company." } } },
      privateMetadata: (form.args.view as { private_metadata: string }).private_metadata,
    });
    await t.standIn.waitFor(
      () => dmsTo(SME_USER).find((c) => String(c.args.text).includes("was not listed")),
      "rejection",
    );
    expect((await getSme(t.db, smeId))?.status).toBe("archived");
  });
});

describe("staff review their own cluster's profiles", () => {
  const STAFF_BE = "U0STAFFBE1";

  it("refuses another cluster's staff and says who reviews; admins and staff of a cluster without staff may", async () => {
    await t.db.person.create({
      data: { slackUserId: STAFF_BE, role: "staff", cluster: { connect: { key: "tweed-be" } } },
    });
    const danish = await seedSme(t.db, { name: "Nordic Heat A/S" }, "pending");
    const swedish = await seedSme(t.db, { name: "Aqua Pure AB", country: "SE", cluster: "sbh-se" }, "pending");

    await t.action({ userId: STAFF_BE, actionId: actionIds.approve, value: String(danish.id) });
    const refusal = await t.standIn.waitFor(() => dmsTo(STAFF_BE)[0], "the refusal");
    expect(String(refusal.args.text)).toBe(
      `:no_entry: *Nordic Heat A/S* belongs to CLEAN: its staff (<@${STAFF_DK}>) or an admin review it.`,
    );
    expect((await getSme(t.db, danish.id))?.status).toBe("pending");

    // The Sustainable Business Hub has no staff yet: any staff member reviews its profiles.
    await t.action({ userId: STAFF_BE, actionId: actionIds.approve, value: String(swedish.id) });
    await t.standIn.waitFor(() => dmsTo(STAFF_BE)[1], "the confirmation");
    expect((await getSme(t.db, swedish.id))?.status).toBe("approved");
    await t.action({ userId: ADMIN, actionId: actionIds.approve, value: String(danish.id) });
    await t.standIn.waitFor(() => dmsTo(ADMIN)[0], "the admin's confirmation");
    expect((await getSme(t.db, danish.id))?.status).toBe("approved");
  });

  it("says in the review request when the profile's cluster has no staff, so any staff member may review", async () => {
    await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
    await submitProfile(
      SME_USER,
      { ...nordicHeat, cluster: "sbh-se", contactSlackUserId: SME_USER },
      registerMeta(true),
    );
    const request = await t.standIn.waitFor(() => dmsTo(STAFF_DK)[0], "the review request");
    expect(JSON.stringify(request.args.blocks)).toContain(
      "Sustainable Business Hub has no staff yet, so any staff member or admin may review it.",
    );
  });

  it("lists every pending profile with /sme pending, the reviewer's cluster first, decisions where they may take them", async () => {
    await t.db.person.create({
      data: { slackUserId: STAFF_BE, role: "staff", cluster: { connect: { key: "tweed-be" } } },
    });
    const danish = await seedSme(t.db, { name: "Nordic Heat A/S" }, "pending");
    const belgian = await seedSme(
      t.db,
      { name: "Wallonie Hydrogène SA", country: "BE", cluster: "tweed-be" },
      "pending",
    );
    const reply = await t.command(STAFF_BE, "/sme", "pending");
    const answer = (await t.responseTo(reply.responseUrl)) as { text: string; blocks: unknown[] };
    expect(answer.text).toBe(":inbox_tray: 2 profiles are waiting for review.");
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks.indexOf("Wallonie Hydrogène SA")).toBeLessThan(blocks.indexOf("Nordic Heat A/S"));
    expect(blocks).toContain(`"block_id":"directory.review.${belgian.id}"`);
    expect(blocks).not.toContain(`"block_id":"directory.review.${danish.id}"`);
    expect(blocks).toContain("Reviewed by the staff of CLEAN or an admin.");
    const bySme = await t.command(SME_USER, "/sme", "pending");
    expect((await t.responseTo(bySme.responseUrl)).text).toContain("Only admins and cluster staff can do that");
  });
});

describe("an SME's edit of its listed profile", () => {
  it("puts a new name or pitch to review, keeps the listed version findable until approved, and lets the rest go live", async () => {
    const sme = await seedSme(t.db, { name: "Nordic Heat A/S" }, "approved", SME_USER);
    const edited = { ...nordicHeat, name: "Siemens Energy AG", pitch: "The official heat pumps of Siemens Energy" };
    const reply = await t.submitView({
      userId: SME_USER,
      callbackId: profileModalCallbackId,
      values: profileFormState({ ...edited, sizeBand: "medium" }),
      privateMetadata: JSON.stringify({ mode: "edit", smeId: sme.id, self: true }),
    });
    expect(reply.text).toBe("");
    const saved = await t.standIn.waitFor(() => dmsTo(SME_USER)[0], "the confirmation");
    expect(String(saved.args.text)).toBe(
      ":white_check_mark: Saved *Nordic Heat A/S*. Changed now: Company size. Waiting for review: Company name, One-line pitch; the listed profile shows the current version until staff approve.",
    );
    const listed = await getSme(t.db, sme.id);
    expect([listed?.name, listed?.pitch, listed?.sizeBand]).toEqual(["Nordic Heat A/S", nordicHeat.pitch, "medium"]);
    const search = (text: string) =>
      searchDirectory(t.db, { text, filters: emptyFilters() }, { offset: 0, limit: 5 }).then((page) => page.ids);
    expect(await search("siemens")).toEqual([]);
    expect(await search("nordic")).toEqual([sme.id]);

    const request = await t.standIn.waitFor(() => dmsTo(STAFF_DK)[0], "the review request");
    const shown = JSON.stringify(request.args.blocks);
    expect(shown).toContain("*Company name*\\nNow: Nordic Heat A/S\\nProposed: Siemens Energy AG");
    expect(shown).not.toContain("*Offer*");
    const pending = await t.command(STAFF_DK, "/sme", "pending");
    const list = (await t.responseTo(pending.responseUrl)) as { text: string };
    expect(list.text).toBe(":inbox_tray: 0 profiles are waiting for review, and 1 change to listed profiles.");

    await t.action({ userId: OTHER_SME, actionId: actionIds.approveChange, value: String(sme.id) });
    await refusalWhereClicked("Only admins and cluster staff");
    expect((await getSme(t.db, sme.id))?.name).toBe("Nordic Heat A/S");

    await t.action({ userId: STAFF_DK, actionId: actionIds.approveChange, value: String(sme.id) });
    await t.standIn.waitFor(
      () => dmsTo(SME_USER).find((call) => String(call.args.text).includes("is approved and listed")),
      "the SME hears it is approved",
    );
    expect((await getSme(t.db, sme.id))?.name).toBe("Siemens Energy AG");
    expect(await search("siemens")).toEqual([sme.id]);
    expect((await getSme(t.db, sme.id))?.proposedChange).toBeNull();
  });
});

describe("/sme edit", () => {
  it("opens the form pre-filled for staff and records which fields changed", async () => {
    const sme = await seedSme(t.db, { name: "Nordic Heat A/S" });
    await t.command(STAFF_DK, "/sme", "edit nordic heat");
    const open = await t.standIn.waitForCall("views.open");
    const view = JSON.stringify(open.args.view);
    expect(view).toContain('"initial_value":"Large heat pumps for district heating networks"');
    expect(view).toContain('"initial_option":{"text":{"type":"plain_text","text":"Denmark"},"value":"DK"}');

    await t.submitView({
      userId: STAFF_DK,
      callbackId: profileModalCallbackId,
      values: profileFormState({ ...nordicHeat, pitch: "Heat pumps of 1–20 MW for district heating" }),
      privateMetadata: JSON.stringify({ mode: "edit", smeId: sme.id, self: false }),
    });
    const dm = await t.standIn.waitFor(() => dmsTo(STAFF_DK)[0], "confirmation");
    expect(String(dm.args.text)).toContain("Changed: One-line pitch.");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "sme.edit" } });
    expect(audit).toMatchObject({ actorSlackId: STAFF_DK, entityId: String(sme.id), details: { fields: ["pitch"] } });
    expect((await getSme(t.db, sme.id))?.pitch).toBe("Heat pumps of 1–20 MW for district heating");
  });

  it("says Nothing changed when the form comes back as it was, whatever the order of the lists", async () => {
    const listed = { sectors: ["energy-efficiency", "district-heating-cooling"], markets: ["US", "CN"] };
    const sme = await seedSme(t.db, { name: "Nordic Heat A/S", ...listed });
    await t.submitView({
      userId: STAFF_DK,
      callbackId: profileModalCallbackId,
      values: profileFormState({ ...nordicHeat, ...listed }),
      privateMetadata: JSON.stringify({ mode: "edit", smeId: sme.id, self: false }),
    });
    const dm = await t.standIn.waitFor(() => dmsTo(STAFF_DK)[0], "confirmation");
    expect(String(dm.args.text)).toContain("Nothing changed.");
    expect(await t.db.auditLog.count({ where: { action: "sme.edit" } })).toBe(0);
  });

  it("asks which one when several SMEs match, and opens the one clicked", async () => {
    await seedSme(t.db, { name: "Nordic Heat A/S", country: "DK" });
    const sweden = await seedSme(t.db, { name: "Nordic Heat AB", country: "SE" });
    const reply = await t.command(STAFF_DK, "/sme", "edit nordic heat");
    const answer = (await t.responseTo(reply.responseUrl)) as {
      text: string;
      blocks: { elements?: { action_id: string; value: string }[] }[];
    };
    expect(answer.text).toContain("Several SMEs match “nordic heat”: which one?");
    const buttons = answer.blocks.flatMap((b) => b.elements ?? []);
    expect(buttons.map((b) => b.value).sort()).toEqual([String(sweden.id - 1), String(sweden.id)]);
    const pick = buttons.find((b) => b.value === String(sweden.id));
    await t.action({ userId: STAFF_DK, actionId: pick?.action_id ?? "", value: pick?.value ?? "" });
    const open = await t.standIn.waitForCall("views.open");
    expect(JSON.stringify(open.args.view)).toContain('"initial_value":"Nordic Heat AB"');
    const none = await t.command(STAFF_DK, "/sme", "edit Atlantis Energy");
    expect((await t.responseTo(none.responseUrl)).text).toContain("No SME is called “Atlantis Energy”");
  });

  it("echoes a name it cannot find as plain text, never as a ping or a link", async () => {
    const reply = await t.command(STAFF_DK, "/sme", "edit <!channel> <http://evil.example|Re-verify>");
    const text = (await t.responseTo(reply.responseUrl)).text;
    expect(text).toContain("No SME is called “&lt;!channel&gt; &lt;http://evil.example|Re-verify&gt;”");
    expect(text).not.toContain("<!channel>");
  });

  it("opens an SME member's own company, and says how to register when there is none", async () => {
    await t.db.person.create({ data: { slackUserId: OTHER_SME, role: "sme" } });
    const none = await t.command(OTHER_SME, "/sme", "edit");
    expect((await t.responseTo(none.responseUrl)).text).toContain("/sme register");
    await seedSme(t.db, { name: "Aqua Pure AB", country: "SE" }, "approved", OTHER_SME);
    await t.command(OTHER_SME, "/sme", "edit");
    const open = await t.standIn.waitForCall("views.open");
    expect(JSON.stringify(open.args.view)).toContain("Aqua Pure AB");
  });
});

describe("roles are enforced on every path", () => {
  it("refuses SMEs on staff commands, forged review clicks and forged edits", async () => {
    const theirs = await seedSme(t.db, { name: "Nordic Heat A/S" }, "pending");
    const mine = await seedSme(t.db, { name: "Aqua Pure AB", country: "SE" }, "approved", OTHER_SME);

    const invite = await t.command(OTHER_SME, "/sme", `invite <@${SME_USER}>`);
    expect((await t.responseTo(invite.responseUrl)).text).toContain("Only admins and cluster staff");

    await t.action({ userId: OTHER_SME, actionId: actionIds.approve, value: String(theirs.id) });
    await refusalWhereClicked("Only admins and cluster staff");
    expect((await getSme(t.db, theirs.id))?.status).toBe("pending");

    await t.action({ userId: OTHER_SME, actionId: actionIds.openEdit, value: String(theirs.id) });
    await t.standIn.waitFor(() => dmsTo(OTHER_SME)[0], "second refusal");
    expect(String(dmsTo(OTHER_SME)[0]?.args.text)).toContain("only edit your own company");
    expect(t.standIn.callsTo("views.open")).toHaveLength(0);

    const forged = await t.submitView({
      userId: OTHER_SME,
      callbackId: profileModalCallbackId,
      values: profileFormState({ ...nordicHeat, pitch: "Taken over by someone else entirely" }),
      privateMetadata: JSON.stringify({ mode: "edit", smeId: theirs.id, self: true }),
    });
    expect(forged.json).toMatchObject({ errors: { name: "You can only edit your own company's profile." } });
    expect((await getSme(t.db, theirs.id))?.pitch).toBe(nordicHeat.pitch);
    expect(t.logLines.filter((line) => line.includes("refused")).length).toBeGreaterThanOrEqual(3);
    expect(mine.status).toBe("approved");
  });

  it("never pulls another company's member into a company, by the form or by /bi start", async () => {
    const aqua = await seedSme(t.db, { name: "Aqua Pure AB", country: "SE" }, "approved", OTHER_SME);
    await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
    const named = await submitProfile(SME_USER, { ...nordicHeat, contactSlackUserId: OTHER_SME }, registerMeta(true));
    expect(named.json).toMatchObject({
      response_action: "errors",
      errors: { contactSlackUserId: expect.stringContaining("This person speaks for Aqua Pure AB") },
    });
    expect(await t.db.sme.count()).toBe(1);

    // A profile that already names them (written before this rule) does not move them either.
    await seedSme(t.db, { name: "Nordic Heat A/S", contactSlackUserId: OTHER_SME });
    const start = await t.command(STAFF_DK, "/bi", "start cn for nordic heat");
    expect((await t.responseTo(start.responseUrl)).text).toContain("has no contact person in Slack");
    const other = await t.db.person.findUniqueOrThrow({ where: { slackUserId: OTHER_SME } });
    expect(other.smeId).toBe(aqua.id);
  });

  it("refuses guests", async () => {
    const reply = await t.command("U0GUEST001", "/sme", "register");
    expect((await t.responseTo(reply.responseUrl)).text).toContain("you have no role yet");
  });
});
