import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { OpenAiStandIn } from "../../../test/support/openai-stand-in.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { ADMIN, LOIRE_USER, NORDIC_USER, STAFF_DK, seedChinaMission } from "./request-fixtures.test-support.js";
import { actionIds } from "./views.js";

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
});
afterEach(async () => t.stop());

type Block = { text?: { text: string }; accessory?: { action_id: string; value: string } };

/** The suggestion blocks of a reply: "*1. Name* · 82% fit\nReasons." with its button. */
function suggestionsIn(reply: Record<string, unknown>): Block[] {
  return ((reply.blocks ?? []) as Block[]).filter((block) => /^\*\d+\. /.test(block.text?.text ?? ""));
}

async function suggestAs(userId: string, text = "suggest") {
  const sent = await t.command(userId, "/meet", text);
  expect(sent.status).toBe(200);
  expect(sent.text).toBe("");
  return t.responseTo(sent.responseUrl);
}

describe("/meet suggest for an SME", () => {
  it("posts the best organisations with their reasons in plain words and a Request meeting button", async () => {
    const data = await seedChinaMission(t);
    const reply = await suggestAs(NORDIC_USER);
    // Best first: the distributor Nordic Heat seeks, whose needs no other SME answers as well,
    // before the heat networks, whose project (boilers and storage too) Loire's offer answers better.
    expect(suggestionsIn(reply)[0]?.text?.text).toMatch(/^\*1\. Huadong HVAC Distribution\* · \d+% fit\n/);
    const heatNetworks = suggestionsIn(reply).find((block) => block.text?.text.includes("Jiangsu Heat Networks Co."));
    expect(heatNetworks?.text?.text).toMatch(/^\*2\. Jiangsu Heat Networks Co\.\* · \d+% fit\n/);
    expect(heatNetworks?.text?.text).toContain("Their project needs what your offer describes: heat pumps");
    // The mission's delegation is known: of Nordic Heat and Loire Controls, the one whose offer
    // answers the heat networks' needs best is told so, and only that one.
    const closest = "of the delegation, your offer is the closest to their needs";
    const forLoire = suggestionsIn(await suggestAs(LOIRE_USER)).find((block) =>
      block.text?.text.includes("Jiangsu Heat Networks Co."),
    );
    const told = [heatNetworks, forLoire].filter((block) => block?.text?.text.includes(closest));
    expect(told).toHaveLength(1);
    expect(heatNetworks?.text?.text).toContain("they are a project owner, you seek project owners.");
    expect(heatNetworks?.accessory).toMatchObject({
      action_id: actionIds.openRequest,
      value: JSON.stringify({ m: data.mission.id, s: data.nordic.id, o: data.heatNetworks.id }),
    });
    const loire = suggestionsIn(reply).find((block) => block.text?.text.includes("Loire Controls SAS"));
    expect(loire?.accessory?.value).toBe(JSON.stringify({ m: data.mission.id, s: data.nordic.id, t: data.loire.id }));
  });

  it("shows what the SME already asked instead of a button", async () => {
    const data = await seedChinaMission(t);
    await t.db.meetingRequest.create({
      data: {
        missionId: data.mission.id,
        smeId: data.nordic.id,
        organisationId: data.heatNetworks.id,
        status: "declined",
      },
    });
    const asked = suggestionsIn(await suggestAs(NORDIC_USER)).find((block) =>
      block.text?.text.includes("Jiangsu Heat Networks Co."),
    );
    expect(asked?.text?.text).toMatch(/^\*\d\. Jiangsu Heat Networks Co\.\* · \d+% fit · _you asked: declined_\n/);
    expect(asked?.accessory).toBeUndefined();
  });

  it("takes `in <mission>` alone as the mission for the SME's own company", async () => {
    await seedChinaMission(t);
    const reply = await suggestAs(NORDIC_USER, "suggest in china");
    expect(reply.text).toContain("Nordic Heat A/S");
    expect(JSON.stringify(suggestionsIn(reply))).toContain("Jiangsu Heat Networks Co.");
    expect((await suggestAs(NORDIC_USER, "suggest in atlantis")).text).toContain("atlantis");
  });

  it("never suggests an organisation in a market the SME does not target", async () => {
    await seedChinaMission(t);
    const reply = await suggestAs(NORDIC_USER);
    expect(suggestionsIn(reply).length).toBeGreaterThan(0);
    expect(JSON.stringify(reply)).not.toContain("Boston District Energy");
  });

  it("counts a finished BI template, and the reasons say so", async () => {
    const data = await seedChinaMission(t);
    await t.db.biResponse.create({
      data: {
        smeId: data.nordic.id,
        templateKey: "china-market-entry",
        templateVersion: 1,
        status: "done",
        answers: { partner_types: ["distributor"], target_customers: ["state-owned utilities"] },
        state: { template: { market: "CN" } },
      },
    });
    const reply = await suggestAs(NORDIC_USER);
    const distributor = suggestionsIn(reply).find((block) => block.text?.text.includes("Huadong HVAC Distribution"));
    expect(distributor?.text?.text).toContain("you named distributor as a partner you want; they are one");
  });

  it("lets staff ask for any SME, and for the SMEs an organisation should meet; an SME only for itself", async () => {
    const data = await seedChinaMission(t);
    const forNordic = await suggestAs(STAFF_DK, "suggest Nordic Heat");
    expect(JSON.stringify(suggestionsIn(forNordic))).toContain("Jiangsu Heat Networks Co.");
    expect(suggestionsIn(forNordic)[0]?.accessory?.value).toContain(`"s":${data.nordic.id}`);

    const forOrganisation = await suggestAs(STAFF_DK, "suggest org jiangsu in china mission");
    expect(forOrganisation.text).toBe("*SMEs of China mission 2027 that Jiangsu Heat Networks Co. should meet*");
    const smes = suggestionsIn(forOrganisation).map((block) => block.text?.text.split("*")[1]?.replace(/^\d+\. /, ""));
    expect(smes.sort()).toEqual(["Loire Controls SAS", "Nordic Heat A/S"]);

    expect((await suggestAs(LOIRE_USER, "suggest Nordic Heat")).text).toBe("You can act for Loire Controls SAS only.");
    expect((await suggestAs(LOIRE_USER, "suggest org jiangsu")).text).toBe(
      "Suggestions for an organisation are for staff.",
    );
  });
});

describe("/meet suggest for a 25-SME, 300-organisation mission", () => {
  it("acks at once, then posts the suggestions", async () => {
    const mission = await seedMission(t.db);
    const member = "U0BIGSME01";
    await t.db.person.create({ data: { slackUserId: member, role: "sme" } });
    for (let i = 0; i < 25; i += 1) {
      const sme = await seedSme(
        t.db,
        { name: `Heat Company ${i}`, contactSlackUserId: i === 0 ? member : "" },
        "approved",
        i === 0 ? member : undefined,
      );
      await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status: "confirmed" } });
    }
    const needs = [
      "Replacing coal boilers in district heating networks with heat pumps",
      "Buys photovoltaic modules for rooftop solar on factories",
      "Treats industrial wastewater from textile dyeing plants",
      "Looks for battery storage to balance a city grid",
    ];
    await t.db.localOrganisation.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        name: `Organisation ${i}`,
        type: i % 3 === 0 ? "distributor" : "project_owner",
        country: "CN",
        market: "CN",
        city: "Shanghai",
        needs: `${needs[i % needs.length]} in zone ${i}.`,
        sectors: i % 2 === 0 ? ["district-heating-cooling"] : ["renewable-energy"],
      })),
    });
    const ids = await t.db.localOrganisation.findMany({ select: { id: true } });
    await t.db.missionOrganisation.createMany({
      data: ids.map(({ id }) => ({ missionId: mission.id, organisationId: id })),
    });

    const reply = await suggestAs(member);
    const suggestions = suggestionsIn(reply);
    expect(suggestions.length).toBeGreaterThanOrEqual(5);
    expect(suggestions[0]?.text?.text).toContain("heat pumps");
  });
});

describe("/meet suggest with an OpenAI key", () => {
  it("embeds each offer and need once, cached in the database for the next suggestions", async () => {
    const openai = await OpenAiStandIn.start();
    const withLlm = await startTestApp({ admins: [ADMIN], openaiBaseUrl: openai.baseUrl });
    try {
      await seedChinaMission(withLlm);
      for (let i = 0; i < 2; i += 1) {
        const sent = await withLlm.command(NORDIC_USER, "/meet", "suggest");
        const reply = await withLlm.responseTo(sent.responseUrl);
        expect(suggestionsIn(reply).map((block) => block.text?.text.split("*")[1])).toEqual(
          expect.arrayContaining(["1. Huadong HVAC Distribution", "2. Jiangsu Heat Networks Co."]),
        );
      }
      // Two SMEs and four organisations: six texts, asked for once.
      expect(await withLlm.db.textEmbedding.count()).toBe(6);
      expect(openai.embeddingRequests).toHaveLength(1);
    } finally {
      await withLlm.stop();
      await openai.stop();
    }
  });
});
