/** Names people typed (organisations, companies, messages) never reach Slack as pings, links or mentions. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import {
  ADMIN,
  LOIRE_USER,
  NORDIC_USER,
  STAFF_DK,
  seedChinaMission,
  submitRequest,
} from "./request-fixtures.test-support.js";

const HOSTILE = "<!channel> <http://evil.example|Re-verify> <@U0EVIL0001>";
const hostileMarkup = ["<!channel", "<http://evil.example", "<@U0EVIL0001"];

/** Every mrkdwn text in a message: its own text and the blocks' mrkdwn text objects. */
function mrkdwnTexts(message: Record<string, unknown>): string[] {
  const found: string[] = typeof message.text === "string" ? [message.text] : [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return void node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const object = node as Record<string, unknown>;
    if (object.type === "mrkdwn" && typeof object.text === "string") found.push(object.text);
    Object.values(object).forEach(walk);
  };
  walk(message.blocks ?? message.view);
  return found;
}

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp({ admins: [ADMIN] });
});
afterEach(async () => t.stop());

describe("hostile names in matchmaking", () => {
  it("are escaped in suggestions, the form, requests lists, answers and the overview", async () => {
    const data = await seedChinaMission(t);
    await t.db.localOrganisation.update({
      where: { id: data.heatNetworks.id },
      data: { name: `Heat ${HOSTILE} Networks` },
    });
    await t.db.sme.update({ where: { id: data.nordic.id }, data: { name: `Nordic ${HOSTILE} Heat` } });
    const key = { m: data.mission.id, s: data.nordic.id, o: data.heatNetworks.id };

    for (const [user, text] of [
      [NORDIC_USER, "suggest"],
      [STAFF_DK, "suggest org heat in china"],
    ] as const) {
      const sent = await t.command(user, "/meet", text);
      await t.responseTo(sent.responseUrl);
    }
    await t.command(NORDIC_USER, "/meet", "request heat networks");
    await t.standIn.waitForCall("views.open");
    await submitRequest(t, NORDIC_USER, key, { message: `Hello ${HOSTILE}` });
    await submitRequest(t, NORDIC_USER, { m: data.mission.id, s: data.nordic.id, t: data.loire.id });
    for (const [user, text] of [
      [NORDIC_USER, "my"],
      [LOIRE_USER, "my"],
      [STAFF_DK, "requests china"],
      [STAFF_DK, "overview china"],
    ] as const) {
      const sent = await t.command(user, "/meet", text);
      await t.responseTo(sent.responseUrl);
    }
    await t.standIn.settle(150);

    const texts = [
      ...t.standIn.responses.flatMap((response) => mrkdwnTexts(response.body)),
      ...t.standIn.calls
        .filter((call) => call.method === "chat.postMessage" || call.method === "views.open")
        .flatMap((call) => mrkdwnTexts(call.args)),
    ];
    expect(texts.some((text) => text.includes("Heat &lt;!channel&gt;"))).toBe(true);
    expect(texts.some((text) => text.includes("Hello &lt;!channel&gt;"))).toBe(true);
    expect(texts.filter((text) => hostileMarkup.some((markup) => text.includes(markup)))).toEqual([]);
  });
});
