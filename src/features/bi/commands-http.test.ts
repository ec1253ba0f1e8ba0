import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { botTexts, DM, SME_USER, say, smeWithMember, waitForReplies } from "./fixtures.test-support.js";
import { nudgeActionId, nudgeAllActionId } from "./views.js";

const STAFF = "U0STAFF001";
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
});
afterEach(async () => t.stop());

describe("/bi start", () => {
  it("lets staff send a template to an SME's contact, who answers in the DM", async () => {
    await smeWithMember(t);
    const reply = await t.command(STAFF, "/bi", "start cn for nordic heat");
    expect((await t.responseTo(reply.responseUrl)).text).toContain(
      `Sent the China market entry template to <@${SME_USER}> for *Nordic Heat A/S*`,
    );
    const intro = await waitForReplies(t, 2);
    expect(intro).toContain("Which product or solution");
    await say(t, "Large heat pumps");
    expect(await waitForReplies(t, 3)).toContain("Got it: *Product and the problem it solves*");
    // Who sent it, and when by the app's clock (not the database's), is in the audit log.
    const audit = await t.db.auditLog.findFirst({ where: { action: "bi.start" } });
    expect(audit).toMatchObject({ actorSlackId: STAFF, at: t.deps.clock.now() });
  });

  it("does not start twice by accident, and explains what is missing", async () => {
    await smeWithMember(t);
    await t.command(SME_USER, "/bi", "start");
    await waitForReplies(t, 1);
    const again = await t.command(SME_USER, "/bi", "start cn");
    expect((await t.responseTo(again.responseUrl)).text).toContain(
      "is 0% done: answer in our DM to go on. Add `again` to start over.",
    );
    const other = await t.command("U0NOSME001", "/bi", "start cn");
    expect((await t.responseTo(other.responseUrl)).text).toContain("you have no role yet");
    await t.db.person.create({ data: { slackUserId: "U0NOSME002", role: "sme" } });
    const noCompany = await t.command("U0NOSME002", "/bi", "start cn");
    expect((await t.responseTo(noCompany.responseUrl)).text).toContain("`/sme register` first");
    const notStaff = await t.command(SME_USER, "/bi", "start cn for Someone Else");
    expect((await t.responseTo(notStaff.responseUrl)).text).toContain("Only cluster staff");
  });
});

describe("/bi status, report and the Nudge button", () => {
  it("shows progress per mission delegation and nudges an SME", async () => {
    const sme = await smeWithMember(t);
    const other = await seedSme(t.db, { name: "Aqua Pure AB", country: "SE" });
    await t.db.mission.create({
      data: {
        name: "China mission 2027",
        nameKey: "china mission 2027",
        sessionPlan: {},
        market: "CN",
        city: "Shanghai",
        timeZone: "Asia/Shanghai",
        startDate: "2027-04-12",
        endDate: "2027-04-16",
        status: "open",
        participants: {
          create: [
            { smeId: sme.id, status: "confirmed" },
            { smeId: other.id, status: "confirmed" },
          ],
        },
      },
    });
    await t.command(SME_USER, "/bi", "start cn");
    await waitForReplies(t, 1);
    await say(t, "Large heat pumps");
    await waitForReplies(t, 2);

    const status = await t.command(STAFF, "/bi", "status");
    const text = JSON.stringify(await t.responseTo(status.responseUrl));
    expect(text).toContain("*China mission 2027 (Shanghai, 2027-04-12)*");
    expect(text).toContain("Nordic Heat A/S — China: 4%");
    expect(text).toContain("Aqua Pure AB — not started");
    expect(text).toContain(nudgeActionId);

    await t.action({ userId: STAFF, actionId: nudgeActionId, value: JSON.stringify({ smeId: sme.id }) });
    const nudge = await t.standIn.waitFor(
      () => t.standIn.callsTo("chat.postMessage").find((c) => String(c.args.text).includes("reminds you")),
      "the nudge",
    );
    expect(nudge.args.channel).toBe(SME_USER);
    expect(String(nudge.args.text)).toContain("is 4% done");
  });

  it("gives staff the report of a finished template, and refuses SMEs other companies' reports", async () => {
    const sme = await smeWithMember(t);
    await t.command(SME_USER, "/bi", "start cn");
    await waitForReplies(t, 1);
    await say(t, "done");
    await waitForReplies(t, 2);
    await say(t, "yes");
    await t.standIn.waitForCall("files.completeUploadExternal");
    const report = await t.command(STAFF, "/bi", "report Nordic Heat cn");
    expect((await t.responseTo(report.responseUrl)).text).toContain("report for *Nordic Heat A/S* is in our DM");
    await t.standIn.waitForCall("files.completeUploadExternal", 2);
    expect(t.standIn.callsTo("files.completeUploadExternal")[1]?.args.channel_id).toBe("D0STAFF001");
    const own = await t.command(SME_USER, "/bi", "report");
    expect((await t.responseTo(own.responseUrl)).text).toContain("report for *Nordic Heat A/S* is in our DM");
    const refused = await t.command(SME_USER, "/bi", "report Someone Else");
    expect((await t.responseTo(refused.responseUrl)).text).toContain("your own company's report");
    expect(sme.id).toBeGreaterThan(0);
    expect(DM).toBe("D0SMEUSER1");
  });

  it("lists every approved SME, started or not, escapes their names, and nudges all who have not finished", async () => {
    const sme = await smeWithMember(t);
    await seedSme(t.db, { name: "Wallonie Hydrogène <!channel> SA", country: "BE", contactSlackUserId: "U0WALLON01" });
    await seedSme(t.db, { name: "Draft Only ApS", country: "DK" }, "draft");
    await t.command(SME_USER, "/bi", "start cn");
    await waitForReplies(t, 1);

    const status = await t.command(STAFF, "/bi", "status");
    const text = JSON.stringify(await t.responseTo(status.responseUrl));
    expect(text).toContain("*Not in a mission*");
    expect(text).toContain("Nordic Heat A/S — China: 0%");
    expect(text).toContain("Wallonie Hydrogène &lt;!channel&gt; SA — not started");
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("Draft Only ApS");
    expect(text).toContain(nudgeAllActionId);

    await t.action({ userId: STAFF, actionId: nudgeAllActionId, value: "all" });
    const reminders = await t.standIn.waitFor(() => {
      const sent = t.standIn.callsTo("chat.postMessage").filter((c) => String(c.args.text).includes("reminds you"));
      return sent.length >= 2 ? sent : undefined;
    }, "two reminders");
    expect(reminders.map((c) => c.args.channel).sort()).toEqual([SME_USER, "U0WALLON01"]);
    expect(String(reminders.find((c) => c.args.channel === "U0WALLON01")?.args.text)).toContain(
      "for *Wallonie Hydrogène &lt;!channel&gt; SA*",
    );
    const confirmation = await t.standIn.waitFor(
      () => t.standIn.responses.find((r) => String((r.body as { text?: string }).text).startsWith("Nudged 2 people")),
      "the confirmation",
    );
    expect(String((confirmation.body as { text?: string }).text)).toContain("at 2 companies");
    expect(sme.id).toBeGreaterThan(0);
  });

  it("refuses the Nudge buttons to an SME member where they clicked, and nudges nobody", async () => {
    const sme = await smeWithMember(t);
    for (const [actionId, value] of [
      [nudgeActionId, JSON.stringify({ smeId: sme.id })],
      [nudgeAllActionId, "all"],
    ] as const) {
      const responseUrl = t.standIn.newResponseUrl();
      await t.action({ userId: SME_USER, actionId, value, responseUrl });
      expect((await t.responseTo(responseUrl)).text).toBe(
        ":no_entry: Only admins and cluster staff can do that, and you are an SME member.",
      );
    }
    await t.standIn.settle();
    expect(t.standIn.callsTo("chat.postMessage").filter((c) => String(c.args.text).includes("reminds you"))).toEqual(
      [],
    );
  });

  it("names the market when a company has no template for it", async () => {
    await smeWithMember(t);
    await t.command(SME_USER, "/bi", "start cn");
    await waitForReplies(t, 1);
    const report = await t.command(STAFF, "/bi", "report Nordic Heat us");
    expect((await t.responseTo(report.responseUrl)).text).toBe(
      "*Nordic Heat A/S* has not started the United States template. It has started: China market entry.",
    );
  });

  it("reopens a finished template with its answers, to change one", async () => {
    await smeWithMember(t);
    await t.command(SME_USER, "/bi", "start cn");
    await waitForReplies(t, 1);
    await say(t, "Large heat pumps");
    await waitForReplies(t, 2);
    await say(t, "done");
    await waitForReplies(t, 3);
    await say(t, "yes");
    await t.standIn.waitForCall("files.completeUploadExternal");
    const before = botTexts(t).length;

    const reopened = await t.command(SME_USER, "/bi", "start cn");
    expect((await t.responseTo(reopened.responseUrl)).text).toContain("is open again in our DM");
    const opened = await waitForReplies(t, before + 1);
    expect(opened).toContain("• Product and the problem it solves: Large heat pumps");
    await say(t, "edit product");
    await waitForReplies(t, before + 2);
    await say(t, "Large heat pumps, 1–20 MW");
    await waitForReplies(t, before + 3);
    await say(t, "done");
    await waitForReplies(t, before + 4);
    await say(t, "yes");
    await t.standIn.waitForCall("files.completeUploadExternal", 2);
    const response = await t.db.biResponse.findFirstOrThrow();
    expect(response.status).toBe("done");
    expect(response.answers).toEqual({ product_offer: "Large heat pumps, 1–20 MW" });
  });
});
