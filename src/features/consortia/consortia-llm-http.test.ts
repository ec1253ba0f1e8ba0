/** Issue 13: with an LLM configured, the build form's roles are suggested by the model (and by keyword when it fails). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { OpenAiStandIn } from "../../../test/support/openai-stand-in.js";
import { buildCallbackId } from "./views.js";

const STAFF = "U0STAFFDK1";

let t: TestApp;
let openai: OpenAiStandIn;
beforeEach(async () => {
  openai = await OpenAiStandIn.start();
  t = await startTestApp({ openaiBaseUrl: openai.baseUrl });
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff", cluster: { connect: { key: "clean-dk" } } } });
});
afterEach(async () => {
  await t.stop();
  await openai.stop();
});

const description = "Retrofit of a hospital in Boston: heat pumps, rooftop solar and a building management system.";

function submitDescription() {
  return t.submitView({
    userId: STAFF,
    callbackId: buildCallbackId,
    values: {
      description: { value: { type: "plain_text_input", value: description } },
      roles: { value: { type: "plain_text_input", value: null } },
    },
    privateMetadata: JSON.stringify({ missionId: null }),
  });
}

type Updated = {
  response_action: string;
  view: { blocks: { block_id?: string; element?: { initial_value?: string } }[] };
};
const rolesOf = (reply: Updated) =>
  reply.view.blocks.find((block) => block.block_id === "roles")?.element?.initial_value;

describe("role suggestions with an LLM", () => {
  it("fills the roles with the model's answer, the description sent as data", async () => {
    openai.responder = () => ({
      roles: ["Heat pumps", "Rooftop solar PV", "Building automation", "Hospital engineering"],
    });
    const reply = (await submitDescription()).json as Updated;
    expect(reply.response_action).toBe("update");
    expect(rolesOf(reply)).toBe("Heat pumps\nRooftop solar PV\nBuilding automation\nHospital engineering");
    expect(JSON.stringify(reply.view)).toContain("by the language model");
    expect(openai.requests[0]?.messages.at(-1)?.content).toContain(`<project>\n${description}\n</project>`);
  });

  it("falls back to the keyword rules when the model fails", async () => {
    openai.script.push({ status: 500 }, { status: 500 }, { status: 500 });
    const reply = (await submitDescription()).json as Updated;
    expect(rolesOf(reply)).toBe("Heat pumps\nSolar PV\nBuilding management system and software\nEngineering and EPC");
    expect(JSON.stringify(reply.view)).toContain("by keyword");
  });
});
