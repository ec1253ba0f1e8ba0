import { describe, expect, it } from "vitest";
import { type Block, type Clickable, plain, renderBlocks, renderModal } from "./render.js";

const names = (id: string) => ({ U0BOB00001: "bob" })[id] ?? id;

describe("rendering Block Kit as text", () => {
  it("renders every block type the app uses, numbering buttons", () => {
    const buttons: Clickable[] = [];
    const blocks: Block[] = [
      { type: "header", text: { type: "plain_text", text: "SME directory" } },
      {
        type: "section",
        text: { type: "mrkdwn", text: "<@U0BOB00001> asks &amp; waits" },
        accessory: { type: "button", action_id: "view", text: { type: "plain_text", text: "View" }, value: "7" },
      },
      { type: "section", fields: [{ type: "mrkdwn", text: "*Sectors*\nHydrogen" }] },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "TRL 9" },
          { type: "mrkdwn", text: "CN" },
        ],
      },
      { type: "divider" },
      {
        type: "actions",
        block_id: "review",
        elements: [
          {
            type: "button",
            action_id: "approve",
            style: "primary",
            text: { type: "plain_text", text: "Approve" },
            value: "7",
          },
          {
            type: "button",
            action_id: "reject",
            style: "danger",
            text: { type: "plain_text", text: "Reject" },
            value: "7",
          },
        ],
      },
    ];
    expect(renderBlocks(blocks, { names, buttons })).toEqual([
      "== SME directory ==",
      "@bob asks & waits",
      "  [1] View",
      "  *Sectors*: Hydrogen",
      "  ~ TRL 9 · CN",
      "----------------------------------------",
      "  [2] *Approve*  [3] !Reject!",
    ]);
    expect(buttons.map((b) => [b.actionId, b.blockId, b.value])).toEqual([
      ["view", "", "7"],
      ["approve", "review", "7"],
      ["reject", "review", "7"],
    ]);
  });

  it("renders a modal as a numbered form with options, values and inline errors", () => {
    const lines = renderModal(
      {
        title: { text: "Register an SME" },
        submit: { text: "Save" },
        blocks: [
          {
            type: "input",
            block_id: "name",
            label: { text: "Company name" },
            element: { type: "plain_text_input", action_id: "value" },
          },
          {
            type: "input",
            block_id: "country",
            label: { text: "Country" },
            element: {
              type: "static_select",
              action_id: "value",
              options: [
                { text: { text: "Austria" }, value: "AT" },
                { text: { text: "Denmark" }, value: "DK" },
              ],
            },
          },
        ],
      },
      { name: { text: "Nordic Heat" }, country: { values: ["DK"] } },
      { name: "A company with this name is already listed." },
      { names, buttons: [] },
    );
    expect(lines).toEqual([
      "┌─ Register an SME ─",
      "│ [1] Company name <plain text input>: Nordic Heat",
      "│     ⚠ A company with this name is already listed.",
      "│ [2] Country <choose one>: Denmark",
      "│       1) Austria  2) Denmark",
      "└─ set <n> <text> · select <n> <option numbers> · submit (Save) · cancel",
    ]);
  });

  it("offers only `cancel` for a read-only modal, and only the hints that fit a form's fields", () => {
    const readOnly = renderModal(
      { title: { text: "Nordic Heat A/S" }, blocks: [{ type: "section", text: { text: "Large heat pumps" } }] },
      {},
      {},
      { names, buttons: [] },
    );
    expect(readOnly).toEqual(["┌─ Nordic Heat A/S ─", "│ Large heat pumps", "└─ cancel (close)"]);
    const textOnly = renderModal(
      {
        title: { text: "Note" },
        submit: { text: "Send" },
        blocks: [{ type: "input", block_id: "note", label: { text: "Note" }, element: { type: "plain_text_input" } }],
      },
      {},
      {},
      { names, buttons: [] },
    );
    expect(textOnly.at(-1)).toBe("└─ set <n> <text> · submit (Send) · cancel");
  });

  it("turns links into text and url", () => {
    expect(plain("see <https://example.org|the site> or <https://x.org>")).toBe(
      "see the site (https://example.org) or https://x.org",
    );
  });

  it("names channels as Slack shows them", () => {
    const names = (id: string) => (id === "C0CHINA001" ? "china-mission-2027" : id);
    expect(plain("posted in <#C0CHINA001> and <#C0OTHER001|other>", names)).toBe(
      "posted in #china-mission-2027 and #other",
    );
  });
});
