import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";

const ADMIN = "U0ADMIN001";
const BOB = "U0BOB00001";
const CAROL = "U0CAROL001";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
  t.standIn.addUser({ id: BOB, name: "bob", realName: "Bob Jensen", tz: "Europe/Copenhagen", email: "bob@example.dk" });
  t.standIn.addUser({ id: CAROL, name: "carol", realName: "Carol Dupont", tz: "Europe/Paris" });
});
afterEach(async () => t.stop());

function textOf(body: unknown): string {
  return JSON.stringify(body);
}

describe("/ec2i help", () => {
  it("lists every command of the app in the ack, for anyone", async () => {
    const reply = await t.command(CAROL, "/ec2i", "help");
    expect(reply.status).toBe(200);
    const body = reply.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe("ephemeral");
    for (const command of ["/ec2i role", "/ec2i roles", "/ec2i whoami", "/sme help", "/bi help"]) {
      expect(body.text).toContain(command);
    }
    expect(textOf(body.blocks)).toContain("give someone a role");
  });

  it("shows help for an empty command and explains an unknown subcommand", async () => {
    const empty = await t.command(CAROL, "/ec2i", "");
    expect(empty.text).toContain("/ec2i role");
    const unknown = await t.command(CAROL, "/ec2i", "frobnicate now");
    expect(unknown.text).toContain("`/ec2i frobnicate` is not a command I know");
    expect(unknown.text).toContain("/ec2i whoami");
  });

  it("answers help on /sme and /bi with their own usage", async () => {
    const sme = await t.command(CAROL, "/sme", "help");
    expect((sme.json as { text: string }).text).toContain("/sme help");
    const bi = await t.command(CAROL, "/bi", "help");
    expect(textOf(bi.json)).toContain("Business Intelligence");
  });
});

describe("/ec2i role", () => {
  it("lets an admin from EC2I_ADMINS give a role: confirmation, database, audit log and a DM", async () => {
    const reply = await t.command(ADMIN, "/ec2i", `role <@${BOB}|bob> staff clean-dk`);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe("");
    const answer = await t.responseTo(reply.responseUrl);
    expect(answer.text).toContain(`<@${BOB}> is now a staff member of CLEAN (DK) (had no role)`);

    const bob = await t.db.person.findUniqueOrThrow({ where: { slackUserId: BOB }, include: { cluster: true } });
    expect(bob).toMatchObject({ role: "staff", name: "Bob Jensen", timeZone: "Europe/Copenhagen" });
    expect(bob.cluster?.key).toBe("clean-dk");
    const audit = await t.db.auditLog.findMany({ where: { action: "role.assign", entityId: BOB } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorSlackId: ADMIN, details: { from: "guest", to: "staff" } });
    // Stamped with the app's clock (which tests and the sandbox move), not the database's.
    expect(audit[0]?.at).toEqual(t.deps.clock.now());

    const dm = await t.standIn.waitForCall("chat.postMessage");
    expect(dm.args.channel).toBe(BOB);
    expect(String(dm.args.text)).toContain("made you a staff member of CLEAN (DK)");
  });

  it("refuses a guest and a staff member, and changes nothing", async () => {
    const guest = await t.command(CAROL, "/ec2i", `role <@${CAROL}> admin`);
    expect((await t.responseTo(guest.responseUrl)).text).toContain("Only admins can do that, and you have no role yet");

    await t.db.person.create({ data: { slackUserId: BOB, role: "staff" } });
    const staff = await t.command(BOB, "/ec2i", `role <@${CAROL}> sme`);
    expect((await t.responseTo(staff.responseUrl)).text).toContain("you are a staff member");
    expect(await t.db.person.findUnique({ where: { slackUserId: CAROL } })).toBeNull();
    expect(await t.db.auditLog.count()).toBe(0);
  });

  it("answers bad input with usage and writes nothing", async () => {
    const reply = await t.command(ADMIN, "/ec2i", `role <@${BOB}> boss`);
    expect((await t.responseTo(reply.responseUrl)).text).toContain("`boss` is not a role");
    expect(await t.db.person.count()).toBe(0);
  });

  it("takes a role away with none, and an admin made in the database can then manage roles", async () => {
    await t.command(ADMIN, "/ec2i", `role <@${BOB}> admin`);
    await t.standIn.waitFor(() => t.standIn.responses.length === 1, "first reply");
    const byBob = await t.command(BOB, "/ec2i", `role <@${CAROL}> sme tenerrdis`);
    expect((await t.responseTo(byBob.responseUrl)).text).toContain(
      "is now an SME member of Tenerrdis (FR) (had no role)",
    );
    const removal = await t.command(BOB, "/ec2i", `role <@${CAROL}> none`);
    expect((await t.responseTo(removal.responseUrl)).text).toContain("no longer has a role (was an SME member)");
    expect((await t.db.person.findUniqueOrThrow({ where: { slackUserId: CAROL } })).role).toBe("guest");
  });

  it("needs a cluster for staff and SME members, keeps the current one, and clears it for admins", async () => {
    const noCluster = await t.command(ADMIN, "/ec2i", `role <@${BOB}> staff`);
    expect((await t.responseTo(noCluster.responseUrl)).text).toContain(
      `Cluster staff work within a cluster: name one for <@${BOB}>.`,
    );
    expect(await t.db.person.count()).toBe(0);

    await t.command(ADMIN, "/ec2i", `role <@${BOB}> staff clean-dk`);
    await t.standIn.waitFor(() => t.standIn.responses.length === 2 || undefined, "the first change");
    const toSme = await t.command(ADMIN, "/ec2i", `role <@${BOB}> sme`);
    expect((await t.responseTo(toSme.responseUrl)).text).toContain(
      `<@${BOB}> is now an SME member of CLEAN (DK) (was a staff member).`,
    );
    const cleared = await t.command(ADMIN, "/ec2i", `role <@${BOB}> sme none`);
    expect((await t.responseTo(cleared.responseUrl)).text).toContain("SME members work within a cluster");

    const toAdmin = await t.command(ADMIN, "/ec2i", `role <@${BOB}> admin`);
    expect((await t.responseTo(toAdmin.responseUrl)).text).toContain(`<@${BOB}> is now an admin (was an SME member).`);
    const bob = await t.db.person.findUniqueOrThrow({ where: { slackUserId: BOB } });
    expect([bob.role, bob.clusterId]).toEqual(["admin", null]);
  });

  it("will not demote an admin who comes from EC2I_ADMINS", async () => {
    await t.db.person.create({ data: { slackUserId: BOB, role: "admin" } });
    const reply = await t.command(BOB, "/ec2i", `role <@${ADMIN}> staff`);
    expect((await t.responseTo(reply.responseUrl)).text).toContain("is an admin through the EC2I_ADMINS setting");
  });
});

describe("/ec2i roles and whoami", () => {
  it("lists role holders for staff, and tells each person their role", async () => {
    await t.db.person.create({ data: { slackUserId: BOB, role: "staff", cluster: { connect: { key: "tweed-be" } } } });
    const list = await t.command(BOB, "/ec2i", "roles");
    const body = textOf(await t.responseTo(list.responseUrl));
    expect(body).toContain(`<@${ADMIN}>`);
    expect(body).toContain("from EC2I_ADMINS");
    expect(body).toContain(`<@${BOB}> — TWEED (BE)`);

    const me = await t.command(BOB, "/ec2i", "whoami");
    expect((await t.responseTo(me.responseUrl)).text).toContain("you are a staff member of TWEED (BE)");
    const guest = await t.command(CAROL, "/ec2i", "whoami");
    expect((await t.responseTo(guest.responseUrl)).text).toContain("you have no role yet");
    const refused = await t.command(CAROL, "/ec2i", "roles");
    expect((await t.responseTo(refused.responseUrl)).text).toContain("Only admins and cluster staff");
  });
});
