import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { seedSme } from "./fixtures.test-support.js";
import { getSme } from "./sme-loading.js";
import { actionIds } from "./views.js";

const STAFF = "U0STAFF001";
const SME_USER = "U0SMEUSER1";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
});
afterEach(async () => t.stop());

async function openHome(userId: string, count = 1): Promise<string> {
  await t.event({ type: "app_home_opened", user: userId, channel: `D${userId.slice(1)}`, tab: "home" });
  await t.standIn.waitForCall("views.publish", count);
  return JSON.stringify(t.standIn.homeViews.get(userId));
}

describe("the directory on App Home", () => {
  it("offers an SME member without a company the registration form", async () => {
    const home = await openHome(SME_USER);
    expect(home).toContain("Your company is not in the directory yet.");
    expect(home).toContain(actionIds.openRegister);
  });

  it("shows an SME its profile's status, the staff's request and what is worth adding", async () => {
    const sme = await seedSme(t.db, { name: "Nordic Heat A/S", website: "", certifications: [] }, "draft", SME_USER);
    await t.db.sme.update({ where: { id: sme.id }, data: { reviewNote: "Add your references in China." } });
    const home = await openHome(SME_USER);
    expect(home).toContain("*Nordic Heat A/S* — Draft (changes requested)");
    expect(home).toContain("Staff asked: “Add your references in China.”");
    expect(home).toContain("Worth adding: website, certifications, contact person in Slack.");
    expect(home).toContain(actionIds.openEdit);
  });

  it("shows staff the counts and the pending profiles, and refreshes after an approval from there", async () => {
    await seedSme(t.db, { name: "Nordic Heat A/S" });
    const pending = await seedSme(t.db, { name: "Aqua Pure AB", country: "SE", cluster: "sbh-se" }, "pending");
    const home = await openHome(STAFF);
    expect(home).toContain("*1* listed · *1* waiting for review");
    expect(home).toContain("By cluster: CLEAN 1");
    expect(home).toContain("Top sectors: District heating and cooling 1");
    expect(home).toContain("*Aqua Pure AB*");
    expect(home).toContain(`"block_id":"directory.review.${pending.id}"`);
    expect(home).toContain(`"action_id":"${actionIds.approve}"`);

    await t.action({
      userId: STAFF,
      actionId: actionIds.approve,
      value: String(pending.id),
      view: { id: "VHOME", type: "home" },
    });
    await t.standIn.waitForCall("views.publish", 2);
    expect((await getSme(t.db, pending.id))?.status).toBe("approved");
    const after = JSON.stringify(t.standIn.homeViews.get(STAFF));
    expect(after).toContain("*2* listed · *0* waiting for review");
    expect(after).toContain("No profile is waiting for review.");
  });

  it("lists the staff member's own cluster's pending profiles first", async () => {
    await t.db.person.update({ where: { slackUserId: STAFF }, data: { cluster: { connect: { key: "tweed-be" } } } });
    await seedSme(t.db, { name: "Nordic Heat A/S" }, "pending");
    await seedSme(t.db, { name: "Wallonie Hydrogène SA", country: "BE", cluster: "tweed-be" }, "pending");
    const home = await openHome(STAFF);
    expect(home.indexOf("Wallonie Hydrogène SA")).toBeGreaterThan(-1);
    expect(home.indexOf("Wallonie Hydrogène SA")).toBeLessThan(home.indexOf("Nordic Heat A/S"));
  });
});
