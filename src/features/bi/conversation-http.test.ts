import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { copyAsKilledProcessLeavesIt, startTestApp, type TestApp } from "../../../test/support/harness.js";
import { botTexts, DM, SME_USER, say, smeWithMember, waitForReplies } from "./fixtures.test-support.js";
import { labelOf } from "./template.js";
import { loadTemplates } from "./template-files.js";

const china = loadTemplates().forMarket("CN");
if (!china) throw new Error("no China template");

/** A valid typed answer for every field of the China template, in order. */
const answers: Record<string, string> = {
  product_offer: "Large heat pumps for district heating networks",
  china_advantage: "30% lower electricity use than local units",
  adaptation_needed: "yes",
  adaptation_details: "380 V supply and Chinese HMI",
  target_customers: "state-owned utilities, industrial parks",
  target_regions: "Jiangsu, Shanghai",
  local_projects: "Carbon-peaking pilots in Suzhou",
  reference_customers: "no",
  main_competitors: "Haier, Midea",
  price_position: "up to 30% higher",
  ccc_required: "not sure",
  certifications_held: "CE, ISO 9001",
  import_licensing: "no",
  certification_plan: "CQC audit in 2027",
  target_price: "450000 EUR",
  import_duty_known: "yes",
  supply_mode: "assembly in China",
  partner_types: "distributor, joint venture",
  partner_profile: "A mid-size HVAC integrator in Jiangsu",
  ip_registered_cn: "applied",
  ip_strategy: "Core software stays in Denmark",
  budget: "300k EUR",
  team_for_china: "Our export manager; nobody speaks Mandarin yet",
  first_sale_date: "Q2 2028",
  export_experience_outside_eu: "yes",
  management_commitment: "yes",
};

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(async () => t.stop());

async function start() {
  await smeWithMember(t);
  const reply = await t.command(SME_USER, "/bi", "start cn");
  expect((await t.responseTo(reply.responseUrl)).text).toContain("template is waiting for you in our DM");
  return waitForReplies(t, 1);
}

describe("the BI conversation without an LLM", () => {
  it("walks through every field to a report with a readiness score", async () => {
    const first = await start();
    expect(first).toContain("*China market entry* — about 25 minutes, 26 questions");
    expect(first).toContain("Which product or solution would you bring to China");
    const fields = china.sections.flatMap((s) => s.fields);
    let expected = 1;
    for (const field of fields) {
      await say(t, answers[field.key] ?? "");
      expected += 1;
      const reply = await waitForReplies(t, expected);
      expect(reply, `after answering ${field.key}`).toContain(`Got it: *${labelOf(field)}*`);
    }
    expect(botTexts(t).at(-1)).toContain("*26 of 26 questions answered.*");
    await say(t, "yes");
    await t.standIn.waitForCall("files.completeUploadExternal");
    const report = [...t.standIn.uploads.values()][0];
    expect(report?.filename).toBe("china-market-entry-nordic-heat-a-s.md");
    const markdown = report?.content.toString() ?? "";
    expect(markdown).toContain("# China market entry: Nordic Heat A/S");
    expect(markdown).toMatch(/\*\*Readiness: \d+\/100 \((early stage|getting ready|ready to enter)\)\*\*/);
    expect(markdown).toContain("450,000 EUR");
    const summary = t.standIn.callsTo("chat.postMessage").find((c) => /readiness \d+\/100/.test(String(c.args.text)));
    expect(String(summary?.args.text)).toMatch(/China market entry for Nordic Heat A\/S: readiness \d+\/100/);

    const response = await t.db.biResponse.findFirstOrThrow({ include: { messages: true } });
    expect(response.status).toBe("done");
    expect(response.completedAt).not.toBeNull();
    expect((response.answers as Record<string, unknown>).target_regions).toEqual(["Jiangsu", "Shanghai"]);
    expect(response.messages).toHaveLength(27);
    expect(response.messages.every((m) => m.processedAt !== null)).toBe(true);
  });

  it("re-asks with the allowed values, and obeys status, skip, pause and help", async () => {
    await start();
    await say(t, answers.product_offer ?? "");
    await waitForReplies(t, 2);
    await say(t, answers.china_advantage ?? "");
    await waitForReplies(t, 3);
    await say(t, "it depends");
    expect(await waitForReplies(t, 4)).toContain("Please answer yes or no.");
    await say(t, "status");
    expect(await waitForReplies(t, 5)).toContain("*2/26 answered (8%).*");
    await say(t, "skip");
    expect(await waitForReplies(t, 6)).toContain("Skipped *Adaptation needed*");
    await say(t, "pause");
    expect(await waitForReplies(t, 7)).toContain("Paused.");
    expect((await t.db.biResponse.findFirstOrThrow()).status).toBe("paused");
    await say(t, "hello again");
    expect(await waitForReplies(t, 8)).toContain("Welcome back!");
    await say(t, "help");
    expect(await waitForReplies(t, 9)).toContain("`edit <name>`");
  });

  it("handles a retried delivery once and two quick messages in order", async () => {
    await start();
    const ts = await say(t, "Large heat pumps");
    await say(t, "Large heat pumps", { ts, retry: true });
    await waitForReplies(t, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(botTexts(t)).toHaveLength(2);
    await Promise.all([say(t, "Cheaper to run than local units"), say(t, "no")]);
    await waitForReplies(t, 4);
    const answersNow = (await t.db.biResponse.findFirstOrThrow()).answers as Record<string, unknown>;
    expect(answersNow).toMatchObject({
      product_offer: "Large heat pumps",
      china_advantage: "Cheaper to run than local units",
      adaptation_needed: false,
    });
    expect(await t.db.biMessage.count()).toBe(3);
  });

  it("updates an answer when the SME edits the Slack message", async () => {
    await start();
    const ts = await say(t, "Heat pumps");
    await waitForReplies(t, 2);
    await t.event({
      type: "message",
      subtype: "message_changed",
      channel: DM,
      channel_type: "im",
      hidden: true,
      ts: "1800009999.000001",
      message: {
        type: "message",
        user: SME_USER,
        text: "Large heat pumps, 1–20 MW",
        ts,
        edited: { user: SME_USER, ts: "1800009999.000001" },
      },
      previous_message: { type: "message", user: SME_USER, text: "Heat pumps", ts },
    });
    expect(await waitForReplies(t, 3)).toContain(
      "Updated from your edited message: *Product and the problem it solves*",
    );
    const response = await t.db.biResponse.findFirstOrThrow({ include: { messages: true } });
    expect((response.answers as Record<string, unknown>).product_offer).toBe("Large heat pumps, 1–20 MW");
    expect(response.messages[0]).toMatchObject({ text: "Large heat pumps, 1–20 MW" });
    expect(response.messages[0]?.editedAt).not.toBeNull();
  });
});

describe("a restart mid-conversation", () => {
  it("resumes exactly where it was", async () => {
    await start();
    await say(t, "Large heat pumps");
    await waitForReplies(t, 2);
    // Stop the app (its turn finished and saved), keep its database, and start a new app on it.
    await t.finishRunningWork();
    const kept = await copyAsKilledProcessLeavesIt(t.config.databaseUrl);
    onTestFinished(kept.cleanup);
    await t.stop();
    t = await startTestApp({ reuseDatabase: kept.url });
    await say(t, "30% lower electricity use");
    const reply = await waitForReplies(t, 1);
    expect(reply).toContain("Got it: *Advantage over local suppliers*");
    expect(reply).toContain("Does the product need adapting for China");
  });
});
