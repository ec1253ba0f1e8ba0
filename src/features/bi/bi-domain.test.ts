import { describe, expect, it } from "vitest";
import { checkExtracted, parseAnswer, readDate, readMoney, readNumber, splitList } from "./answers.js";
import { parseStart } from "./command-listeners.js";
import {
  answerConfirmation,
  answerExtracted,
  answerTyped,
  begin,
  control,
  finish,
  outsideTemplateReply,
  readControl,
  startState,
} from "./conversation.js";
import { fileSlug } from "./conversation-listeners.js";
import { fieldPoints, readiness, reportMarkdown } from "./report.js";
import { parseTemplate, TemplateError } from "./template.js";
import { loadTemplates } from "./template-files.js";

const catalog = loadTemplates();
const china = catalog.forMarket("CN");
if (!china) throw new Error("the China template is missing");
const field = (key: string) =>
  china.sections.flatMap((s) => s.fields).find((f) => f.key === key) ??
  (() => {
    throw new Error(key);
  })();

describe("templates", () => {
  it("ships a China and a US template of 20–30 fields", () => {
    expect(catalog.all.map((t) => [t.key, t.market])).toEqual([
      ["china-market-entry", "CN"],
      ["us-market-entry", "US"],
    ]);
    for (const t of catalog.all) {
      const count = t.sections.flatMap((s) => s.fields).length;
      expect(count).toBeGreaterThanOrEqual(20);
      expect(count).toBeLessThanOrEqual(30);
    }
  });

  it("names the file, the field and the reason of a bad template", () => {
    const broken = {
      ...china,
      sections: [{ key: "x", title: "Broken", fields: [{ key: "price", question: "What price?", type: "enum" }] }],
    };
    expect(() => parseTemplate("prompts/bi/bad.yaml", broken)).toThrow(TemplateError);
    expect(() => parseTemplate("prompts/bi/bad.yaml", broken)).toThrow(
      'prompts/bi/bad.yaml: field "price": a enum field needs at least two values',
    );
  });
});

describe("reading answers without an LLM", () => {
  it("reads each type", () => {
    expect(parseAnswer(field("price_position"), "similar")).toEqual({ ok: true, value: "similar" });
    expect(parseAnswer(field("price_position"), "3")).toEqual({ ok: true, value: "up to 30% higher" });
    expect(parseAnswer(field("target_customers"), "municipalities, EPC contractors")).toEqual({
      ok: true,
      value: ["municipalities", "EPC contractors"],
    });
    expect(parseAnswer(field("reference_customers"), "Ja, in Korea")).toEqual({ ok: true, value: true });
    expect(parseAnswer(field("reference_customers"), "not yet")).toEqual({ ok: true, value: false });
    expect(parseAnswer(field("target_regions"), "Jiangsu, Shanghai and Guangdong")).toEqual({
      ok: true,
      value: ["Jiangsu", "Shanghai", "Guangdong"],
    });
    expect(parseAnswer(field("target_price"), "about 1,2 million €")).toEqual({
      ok: true,
      value: { amount: 1_200_000, currency: "EUR" },
    });
    expect(parseAnswer(field("first_sale_date"), "Q3 2027")).toEqual({ ok: true, value: "2027-07" });
  });

  it("says what it expects when it cannot read an answer", () => {
    expect(parseAnswer(field("price_position"), "cheap-ish maybe")).toEqual({
      ok: false,
      reason: "Please choose one of: lower · similar · up to 30% higher · more than 30% higher.",
    });
    expect(parseAnswer(field("reference_customers"), "hmm")).toMatchObject({
      ok: false,
      reason: "Please answer yes or no.",
    });
    expect(parseAnswer(field("target_price"), "expensive")).toMatchObject({ ok: false });
  });

  it("reads numbers, money, dates and lists as people write them", () => {
    expect(readNumber("1 200")).toBe(1200);
    expect(readNumber("1.200,50")).toBe(1200.5);
    expect(readNumber("3,5")).toBe(3.5);
    expect(readMoney("$150k")).toEqual({ amount: 150_000, currency: "USD" });
    expect(readMoney("800 000 RMB")).toEqual({ amount: 800_000, currency: "CNY" });
    expect(readDate("June 2027")).toBe("2027-06");
    expect(readDate("2027-03-15")).toBe("2027-03-15");
    expect(readDate("someday")).toBeUndefined();
    expect(splitList("- Siemens\n- ABB\n- Haier")).toEqual(["Siemens", "ABB", "Haier"]);
  });

  it("checks what an LLM extracted against the field", () => {
    expect(checkExtracted(field("price_position"), "Similar")).toBe("similar");
    expect(checkExtracted(field("price_position"), "free")).toBeUndefined();
    expect(checkExtracted(field("target_price"), { amount: 5, currency: "eur" })).toEqual({
      amount: 5,
      currency: "EUR",
    });
    expect(checkExtracted(field("reference_customers"), "yes")).toBeUndefined();
  });
});

describe("the conversation", () => {
  it("introduces the template and asks one question at a time without an LLM", () => {
    const first = begin(startState(china), "single");
    expect(first.replies[0]).toContain("*China market entry* — about 25 minutes, 26 questions in 9 parts");
    expect(first.replies[0]).toContain("*Product and market fit*");
    expect(first.state.asking).toEqual(["product_offer"]);
    const second = answerTyped(first.state, "Heat pumps for district heating networks in northern China");
    expect(second.filled).toEqual(["product_offer"]);
    expect(second.replies[0]).toContain("Got it: *Product and the problem it solves*");
    expect(second.state.asking).toEqual(["china_advantage"]);
  });

  it("re-asks with the allowed values when an answer cannot be read", () => {
    let state = begin(startState(china), "single").state;
    state = { ...state, asking: ["price_position"] };
    const turn = answerTyped(state, "well it depends");
    expect(turn.state.answers.price_position).toBeUndefined();
    expect(turn.replies[0]).toContain("Please choose one of: lower · similar");
  });

  it("obeys status, skip, back, edit, pause and help", () => {
    let turn = begin(startState(china), "single");
    turn = answerTyped(turn.state, "Heat pumps for district heating");
    turn = control(turn.state, { kind: "skip" }, "single");
    expect(turn.state.skipped).toEqual(["china_advantage"]);
    expect(turn.state.asking).toEqual(["adaptation_needed"]);
    // `back` after `skip` returns to the question just skipped, and its answer fills that one.
    turn = control(turn.state, { kind: "back" }, "single");
    expect(turn.state.editing).toBe("china_advantage");
    turn = answerTyped(turn.state, "30% lower electricity use");
    expect(turn.state.answers).toMatchObject({
      product_offer: "Heat pumps for district heating",
      china_advantage: "30% lower electricity use",
    });
    expect(turn.state.asking).toEqual(["adaptation_needed"]);
    // Twice `back` goes two questions back.
    turn = control(control(turn.state, { kind: "back" }, "single").state, { kind: "back" }, "single");
    expect(turn.state.editing).toBe("product_offer");
    expect(turn.replies[0]).toContain("Now: Heat pumps for district heating");
    turn = answerTyped(turn.state, "Large heat pumps, 1–20 MW");
    expect(turn.state.answers.product_offer).toBe("Large heat pumps, 1–20 MW");
    turn = control(turn.state, { kind: "edit", field: "target price" }, "single");
    expect(turn.state.editing).toBe("target_price");
    turn = answerTyped(turn.state, "90000 EUR");
    expect(turn.state.answers.target_price).toEqual({ amount: 90000, currency: "EUR" });
    expect(control(turn.state, { kind: "status" }, "single").replies[0]).toContain("*3/26 answered (12%).*");
    expect(control(turn.state, { kind: "pause" }, "single").state.paused).toBe(true);
    expect(control(turn.state, { kind: "help" }, "single").replies[0]).toContain("`edit <name>`");
    expect(readControl("Done.")).toEqual({ kind: "done" });
    expect(readControl("done with exports")).toBeUndefined();
  });

  it("takes several fields from one extracted message and follows up on a vague one once", () => {
    const start = begin(startState(china), "batch");
    expect(start.state.asking).toEqual(["product_offer", "china_advantage", "adaptation_needed"]);
    const turn = answerExtracted(
      start.state,
      {
        fields: { product_offer: "Heat pumps", adaptation_needed: false, price_position: "free", target_regions: null },
        followUps: [{ field: "china_advantage", question: "What makes you better than local suppliers, in numbers?" }],
      },
      checkExtracted,
    );
    expect(turn.filled).toEqual(["product_offer", "adaptation_needed"]);
    expect(turn.replies[0]).toBe(
      "Got it: *Product and the problem it solves* — Heat pumps; *Adaptation needed* — no\n\nWhat makes you better than local suppliers, in numbers?",
    );
    const again = answerExtracted(
      turn.state,
      { fields: {}, followUps: [{ field: "china_advantage", question: "Again?" }] },
      checkExtracted,
    );
    expect(again.replies.join("\n")).not.toContain("Again?");
  });

  it("asks to confirm with done, and finishes on yes", () => {
    const turn = control(begin(startState(china), "single").state, { kind: "done" }, "single");
    expect(turn.state.confirming).toBe(true);
    expect(turn.replies[0]).toContain("*0 of 26 questions answered.*");
    expect(turn.replies[0]).toContain("Type `yes` to finish");
    expect(finish(turn.state).finished).toBe(true);
  });
});

describe("readiness and report", () => {
  it("scores answers deterministically and names the weakest areas", () => {
    const answers = Object.fromEntries(
      china.sections
        .flatMap((s) => s.fields)
        .map((f) => [f.key, f.type === "yes_no" ? true : "State-owned utilities in Jiangsu"]),
    );
    const full = readiness(china, {
      ...answers,
      ccc_required: "yes",
      price_position: "similar",
      ip_registered_cn: "yes",
    });
    expect(full.score).toBeGreaterThanOrEqual(90);
    expect(full.band).toBe("ready to enter");
    const weak = readiness(china, {
      ...answers,
      ip_registered_cn: "no",
      ip_strategy: undefined as never,
      ccc_required: "not sure",
    });
    expect(weak.weakest[0]?.title).toBe("IP protection");
    expect(readiness(china, {}).score).toBe(0);
    expect(readiness(china, {}).band).toBe("early stage");
  });

  it("writes a Markdown report with every question and answer", () => {
    const md = reportMarkdown({
      template: china,
      answers: { target_regions: ["Jiangsu"] },
      smeName: "Nordic Heat",
      completedOn: "2027-03-01",
    });
    expect(md).toContain("# China market entry: Nordic Heat");
    expect(md).toContain("**Which provinces or cities do you target first?**\n\nJiangsu");
    expect(md).toContain("**Readiness: ");
  });
});

describe("what a new user tried (issue 8)", () => {
  it("selects multiple-choice options by their numbers, alone or mixed with names", () => {
    const partners = field("partner_types");
    const values = partners.values ?? [];
    expect(parseAnswer(partners, "1, 3")).toEqual({ ok: true, value: [values[0], values[2]] });
    const mixed = parseAnswer(partners, `1, 3 and ${values[1]}`);
    expect(mixed).toEqual({ ok: true, value: [values[0], values[2], values[1]] });
    expect(splitList("- CE\n2. ISO 9001\n3) UL")).toEqual(["CE", "ISO 9001", "UL"]);
    expect(parseAnswer(partners, "1 3")).toEqual({ ok: true, value: [values[0], values[2]] });
  });

  it("lists the options with the numbers that pick them when it asks again", () => {
    const partners = field("partner_types");
    const values = partners.values ?? [];
    const refused = parseAnswer(partners, "someone nice");
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.reason).toContain(`1. ${values[0]} · 2. ${values[1]}`);
  });

  it("after done, finishes only on yes and otherwise goes on with the current question", () => {
    let turn = begin(startState(china), "single");
    turn = answerTyped(turn.state, "Heat pumps for district heating");
    turn = control(turn.state, { kind: "done" }, "single");
    const no = answerConfirmation(turn.state, "non", "single");
    expect(no.finished).toBeUndefined();
    expect(no.state.answers).toEqual({ product_offer: "Heat pumps for district heating" });
    expect(no.state.confirming).toBe(false);
    expect(no.replies[0]).toContain("Why would a Chinese customer choose you");
    expect(answerConfirmation(turn.state, "yes", "single").finished).toBe(true);
  });

  it("refuses an emoji as a text answer, and scores a vague one low", () => {
    const offer = field("product_offer");
    expect(parseAnswer(offer, "👍").ok).toBe(false);
    expect(parseAnswer(offer, "!!").ok).toBe(false);
    expect(checkExtracted(offer, "👍")).toBeUndefined();
    expect(fieldPoints(offer, "not sure")).toBeLessThan(0.5);
    expect(fieldPoints(offer, "ok")).toBeLessThan(0.5);
    expect(fieldPoints(offer, "Large heat pumps for district heating")).toBe(1);
  });

  it("re-asks a text answer that carries control characters, and keeps line breaks", () => {
    const offer = field("product_offer");
    expect(parseAnswer(offer, "Heat pumps\u0000 for district heating").ok).toBe(false);
    expect(parseAnswer(offer, "Heat pumps \u202Egnitaeh\u202C").ok).toBe(false);
    expect(parseAnswer(offer, "Heat pumps\nfor district heating")).toEqual({
      ok: true,
      value: "Heat pumps\nfor district heating",
    });
    expect(checkExtracted(offer, "Heat pumps\u001b[31m")).toBeUndefined();
    const turn = answerTyped(begin(startState(china), "single").state, "Heat pumps\u0000 for district heating");
    expect(turn.state.answers).toEqual({});
    expect(turn.replies.join("\n")).toContain("control characters");
    expect(turn.replies.join("\n")).toContain("Which product or solution would you bring to China");
  });

  it("says what a person can do outside a template", () => {
    expect(outsideTemplateReply({ isSmeMember: false, finished: [] })).toContain("`/ec2i help`");
    expect(outsideTemplateReply({ isSmeMember: true, finished: [] })).toContain("`/bi start cn`");
    const after = outsideTemplateReply({ isSmeMember: true, finished: [china] });
    expect(after).toContain("*China market entry* template is finished: `/bi report`");
    expect(after).toContain("`/bi start cn` reopens it");
  });

  it("names questions by their label, repeats the question on help, lists answers on edit", () => {
    let turn = begin(startState(china), "single");
    expect(turn.replies[0]).toContain("Answer one question at a time");
    expect(turn.replies[0]).not.toContain("a paragraph can answer several questions");
    expect(begin(startState(china), "batch").replies[0]).toContain("a paragraph can answer several questions");
    turn = answerTyped(turn.state, "Heat pumps for district heating");
    expect(turn.replies[0]).toContain("Got it: *Product and the problem it solves* — Heat pumps");
    const skipped = control(turn.state, { kind: "skip" }, "single");
    expect(skipped.replies[0]).toContain("Skipped *Advantage over local suppliers*");
    expect(skipped.replies[0]).not.toContain("china_advantage");
    const help = control(turn.state, readControl("help") ?? { kind: "help" }, "single").replies[0];
    expect(help).toContain("`status`");
    expect(help).toContain("Why would a Chinese customer choose you");
    const edit = control(turn.state, readControl("edit") ?? { kind: "help" }, "single");
    expect(edit.state.editing).toBeUndefined();
    expect(edit.replies[0]).toContain("• Product and the problem it solves: Heat pumps for district heating");
    expect(edit.replies[0]).toContain("• Target price: _open_");
    expect(control(turn.state, { kind: "status" }, "single").replies[0]).not.toMatch(/[a-z]+_[a-z]+/);
  });

  it("reads the arguments of /bi start", () => {
    expect(parseStart("")).toEqual({ again: false });
    expect(parseStart("china for Nordic Heat A/S")).toEqual({ market: "CN", smeName: "Nordic Heat A/S", again: false });
    expect(parseStart("us again")).toEqual({ market: "US", again: true });
  });

  it("transliterates accents in report file names", () => {
    expect(fileSlug("Wallonie Hydrogène SA")).toBe("wallonie-hydrogene-sa");
    expect(fileSlug("Nordic Heat A/S")).toBe("nordic-heat-a-s");
  });
});
