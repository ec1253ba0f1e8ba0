/**
 * The BI conversation as a state machine: one turn takes the state and what the SME typed (or what
 * the LLM extracted from it) and returns the new state and the bot's replies. Pure, so every path
 * is tested in milliseconds; the listener stores the state and sends the replies.
 *
 * Without an LLM it asks one question per field and reads each answer by its type. With one, it
 * asks up to three questions of a section at a time and takes whatever fields a message answers.
 */

import { escapeMrkdwn } from "../../domain/text.js";
import { type Answers, type AnswerValue, parseAnswer, readYesNo, showAnswer } from "./answers.js";
import { allFields, type BiField, type BiTemplate, labelOf, sectionOf } from "./template.js";

export type Mode = "single" | "batch";

export type BiState = {
  /** The template as it was when the response started: later versions never change it. */
  template: BiTemplate;
  answers: Answers;
  skipped: string[];
  /** Fields in the order they were answered, for `back`. */
  history: string[];
  /** Fields the last prompt asked. */
  asking: string[];
  followUp?: { field: string; question: string } | undefined;
  /** Fields already followed up once: a second vague answer is taken as it is. */
  followedUp: string[];
  editing?: string | undefined;
  confirming: boolean;
  paused: boolean;
  finished: boolean;
};

export type Turn = {
  state: BiState;
  replies: string[];
  /** Fields this message filled, so an edit of the message can redo them. */
  filled: string[];
  /** The SME confirmed: write the report. */
  finished?: boolean;
};

export const controlWords = ["status", "skip", "back", "edit <field>", "pause", "done", "help"] as const;

export function startState(template: BiTemplate): BiState {
  return {
    template,
    answers: {},
    skipped: [],
    history: [],
    asking: [],
    followedUp: [],
    confirming: false,
    paused: false,
    finished: false,
  };
}

const fieldOf = (state: BiState, key: string): BiField | undefined =>
  allFields(state.template).find((f) => f.key === key);

/** The label of a field of this response's template, for messages. */
export function fieldLabel(state: BiState, key: string): string {
  return labelOf(fieldOf(state, key) ?? { key });
}

export function openFields(state: BiState): BiField[] {
  return allFields(state.template).filter((f) => state.answers[f.key] === undefined && !state.skipped.includes(f.key));
}

export function progress(state: BiState): { answered: number; total: number; percent: number } {
  const total = allFields(state.template).length;
  const answered = Object.keys(state.answers).length;
  return { answered, total, percent: total === 0 ? 100 : Math.round((answered / total) * 100) };
}

function describe(field: BiField, current?: AnswerValue): string {
  const lines = [`*${field.question}*`];
  if (field.help) lines.push(`_${field.help}_`);
  if (field.values) {
    lines.push(
      `${field.type === "multi_enum" ? "One or more of" : "One of"}: ${field.values.map((v, i) => `${i + 1}. ${v}`).join(" · ")}`,
    );
  }
  if (field.type === "yes_no") lines.push("Yes or no.");
  if (!field.required) lines.push("_Optional: `skip` if it does not apply._");
  if (current !== undefined) lines.push(`Now: ${escapeMrkdwn(showAnswer(current))}`);
  return lines.join("\n");
}

/** Chooses the next questions and writes them; with nothing left, asks to confirm. */
function ask(state: BiState, mode: Mode, lead: string[] = []): Turn {
  const open = openFields(state);
  if (open.length === 0) return confirm({ ...state, asking: [] }, lead);
  const first = open[0] as BiField;
  const section = sectionOf(state.template, first.key);
  const batch =
    mode === "single" ? [first] : open.filter((f) => sectionOf(state.template, f.key) === section).slice(0, 3);
  const previous = state.asking[0] ? sectionOf(state.template, state.asking[0]) : undefined;
  const header = section && section !== previous ? [`*${section.title}*`] : [];
  const text = [...header, ...batch.map((f) => describe(f))].join("\n\n");
  // One message per turn: what was understood, then what comes next.
  return { state: { ...state, asking: batch.map((f) => f.key) }, replies: [[...lead, text].join("\n\n")], filled: [] };
}

function summary(state: BiState): string {
  const { answered, total } = progress(state);
  const missing = allFields(state.template).filter((f) => f.required && state.answers[f.key] === undefined);
  const lines = [`*${answered} of ${total} questions answered.*`];
  if (missing.length > 0) lines.push(`Still open and required: ${missing.map((f) => labelOf(f)).join(", ")}`);
  return lines.join("\n");
}

function confirm(state: BiState, lead: string[] = []): Turn {
  const question = `${summary(state)}\nType \`yes\` to finish and get your report; anything else goes on with the questions (\`edit\` changes an answer).`;
  return { state: { ...state, confirming: true }, replies: [[...lead, question].join("\n\n")], filled: [] };
}

/** How to answer: several questions at once only when an LLM reads the answers. */
function howToAnswer(mode: Mode): string {
  return mode === "batch"
    ? "Answer in your own words: a paragraph can answer several questions at once."
    : "Answer one question at a time, in your own words.";
}

export function helpText(mode: Mode): string {
  return [
    `${howToAnswer(mode)} Words you can type at any time:`,
    "`status` — how far you are and what is left",
    "`skip` — leave the current question for now",
    "`back` — change your previous answer",
    "`edit` — list your answers; `edit <name>` changes one (e.g. `edit target price`)",
    "`pause` — stop for now; write anything to go on",
    "`done` — see the summary and finish",
    "`help` — this list and the current question",
  ].join("\n");
}

function statusText(state: BiState): string {
  const { answered, total, percent } = progress(state);
  const left = state.template.sections
    .map((section) => ({ section, open: section.fields.filter((f) => state.answers[f.key] === undefined) }))
    .filter((entry) => entry.open.length > 0)
    .map((entry) => `• ${entry.section.title}: ${entry.open.map((f) => labelOf(f)).join(", ")}`);
  return [
    `*${answered}/${total} answered (${percent}%).*`,
    ...(left.length ? ["Left:", ...left] : ["Nothing left: type `done`."]),
  ].join("\n");
}

/** Finds the field meant by `edit <words>`: its label, its key, or words of its label and question. */
export function findField(state: BiState, words: string): BiField | undefined {
  const wanted = words.trim().toLowerCase().replace(/\s+/g, "_");
  const fields = allFields(state.template);
  const byName =
    fields.find((f) => f.key === wanted || labelOf(f).toLowerCase().replace(/\s+/g, "_") === wanted) ??
    fields.filter((f) => f.key.includes(wanted))[0];
  if (byName) return byName;
  const terms = words
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 2);
  const scored = fields
    .map((f) => ({ f, hits: terms.filter((t) => `${labelOf(f)} ${f.question}`.toLowerCase().includes(t)).length }))
    .sort((a, b) => b.hits - a.hits);
  return scored[0] && scored[0].hits > 0 ? scored[0].f : undefined;
}

export type Control =
  | { kind: "status" | "skip" | "back" | "pause" | "done" | "help" | "start" }
  | { kind: "edit"; field: string };

/** A control word, when the whole message is one (otherwise it is an answer). */
export function readControl(text: string): Control | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, "");
  if (["status", "skip", "back", "pause", "done", "help"].includes(t)) return { kind: t as "status" };
  if (t === "resume" || t === "continue") return { kind: "start" };
  const edit = /^edit(?:\s+(.+))?$/.exec(t);
  if (edit) return { kind: "edit", field: edit[1] ?? "" };
  return undefined;
}

/** The first turn: intro, what it covers, how long, then the first questions. */
export function begin(state: BiState, mode: Mode): Turn {
  const t = state.template;
  const intro = [
    `*${t.title}* — about ${t.minutes} minutes, ${allFields(t).length} questions in ${t.sections.length} parts: ${t.sections.map((s) => s.title).join(", ")}.`,
    t.intro,
    howToAnswer(mode),
  ].join("\n");
  return ask({ ...state, asking: [] }, mode, [intro]);
}

export function control(state: BiState, command: Control, mode: Mode): Turn {
  const same = (replies: string[]): Turn => ({ state, replies, filled: [] });
  switch (command.kind) {
    case "help": {
      // The list, then the question that is waiting, so help never loses the SME's place.
      const waiting = state.asking.map((key) => fieldOf(state, key)).filter((f): f is BiField => !!f);
      const current = waiting.map((f) => describe(f, state.editing === f.key ? state.answers[f.key] : undefined));
      return same([[helpText(mode), ...current].join("\n\n")]);
    }
    case "status":
      return same([statusText(state)]);
    case "pause":
      return {
        state: { ...state, paused: true },
        replies: ["Paused. Write anything here when you want to go on: I'll pick up where we left off."],
        filled: [],
      };
    case "start":
      return ask({ ...state, paused: false, asking: [] }, mode, ["Welcome back!"]);
    case "done":
      return confirm({ ...state, asking: [] });
    case "skip": {
      const current = state.editing ?? state.followUp?.field ?? state.asking[0];
      if (!current) return ask(state, mode);
      const skipped = state.skipped.includes(current) ? state.skipped : [...state.skipped, current];
      // Skipped questions join the history, so `back` returns to the question just skipped.
      const history = [...state.history.filter((k) => k !== current), current];
      const label = fieldLabel(state, current);
      return ask({ ...state, skipped, history, editing: undefined, followUp: undefined }, mode, [
        `Skipped *${label}*: you can come back to it with \`edit ${label.toLowerCase()}\`.`,
      ]);
    }
    case "back": {
      // From a question being changed, `back` goes one further; otherwise to the last one answered or skipped.
      const position = state.editing ? state.history.indexOf(state.editing) : -1;
      const last = position >= 0 ? state.history[position - 1] : state.history.at(-1);
      const field = last ? fieldOf(state, last) : undefined;
      if (!field) return same(["There is no earlier answer to go back to."]);
      return {
        state: { ...state, editing: field.key, asking: [field.key], followUp: undefined },
        replies: [`Let's change your previous answer.\n\n${describe(field, state.answers[field.key])}`],
        filled: [],
      };
    }
    case "edit": {
      const field = command.field ? findField(state, command.field) : undefined;
      if (!field) {
        const unknown = command.field ? `I don't know “${escapeMrkdwn(command.field)}”. ` : "";
        return same([`${unknown}${editableList(state)}`]);
      }
      return {
        state: { ...state, editing: field.key, asking: [field.key], followUp: undefined, confirming: false },
        replies: [describe(field, state.answers[field.key])],
        filled: [],
      };
    }
  }
}

function remember(state: BiState, key: string, value: AnswerValue): BiState {
  return {
    ...state,
    answers: { ...state.answers, [key]: value },
    skipped: state.skipped.filter((k) => k !== key),
    history: [...state.history.filter((k) => k !== key), key],
  };
}

/** The field a plain answer is for, in one-question-at-a-time mode. */
function target(state: BiState): BiField | undefined {
  const key = state.editing ?? state.followUp?.field ?? state.asking[0] ?? openFields(state)[0]?.key;
  return key ? fieldOf(state, key) : undefined;
}

/**
 * The question still waiting, asked again after Slack refused the reply to the SME's last message:
 * that message's turn was not kept, so the SME answers the question they saw.
 */
export function reaskAfterLostReply(state: BiState): string {
  const lead = "_Slack did not let me reply to your last message, so I did not keep it. Here is the question again:_";
  if (state.confirming) return [lead, summary(state)].join("\n\n");
  const waiting = state.asking.map((key) => fieldOf(state, key)).filter((f): f is BiField => !!f);
  const fields = waiting.length > 0 ? waiting : openFields(state).slice(0, 1);
  return [lead, ...fields.map((f) => describe(f, state.editing === f.key ? state.answers[f.key] : undefined))].join(
    "\n\n",
  );
}

/** After `done` shows the summary, only `yes` finishes; anything else goes on with the current question. */
export function answerConfirmation(state: BiState, text: string, mode: Mode): Turn {
  if (readYesNo(text) === true) return finish(state);
  return ask({ ...state, confirming: false, asking: [] }, mode, ["Not finished yet: let's go on."]);
}

/** What `edit` alone shows: every question with its answer (long ones cut), by the name `edit` takes. */
function editableList(state: BiState): string {
  const shown = (value: AnswerValue) => {
    const text = showAnswer(value);
    return escapeMrkdwn(text.length > 80 ? `${text.slice(0, 79)}…` : text);
  };
  const lines = allFields(state.template).map((f) => {
    const value = state.answers[f.key];
    return `• ${labelOf(f)}: ${value === undefined ? "_open_" : shown(value)}`;
  });
  return ["You can change any of these: type `edit` and its name, e.g. `edit target price`.", ...lines].join("\n");
}

/** An answer read without an LLM: parse it for the field asked; if it cannot be read, ask again. */
export function answerTyped(state: BiState, text: string): Turn {
  const field = target(state);
  if (!field) return confirm(state);
  const parsed = parseAnswer(field, text);
  if (!parsed.ok) {
    return { state, replies: [`${parsed.reason}\n\n${describe(field)}`], filled: [] };
  }
  const next = remember({ ...state, editing: undefined, followUp: undefined }, field.key, parsed.value);
  return {
    ...ask(next, "single", [`Got it: *${labelOf(field)}* — ${escapeMrkdwn(showAnswer(parsed.value))}`]),
    filled: [field.key],
  };
}

export type Extraction = {
  fields: Record<string, unknown>;
  followUps: { field: string; question: string }[];
};

/**
 * What the LLM extracted from one message, checked field by field (`check` rejects values that do
 * not fit the field). Replies with what was captured, then a follow-up or the next questions.
 */
export function answerExtracted(
  state: BiState,
  extraction: Extraction,
  check: (field: BiField, value: unknown) => AnswerValue | undefined,
): Turn {
  let next: BiState = { ...state, editing: undefined, followUp: undefined };
  const captured: string[] = [];
  for (const [key, value] of Object.entries(extraction.fields)) {
    const field = fieldOf(state, key);
    if (!field || value === null || value === undefined) continue;
    const checked = check(field, value);
    if (checked === undefined) continue;
    next = remember(next, key, checked);
    captured.push(key);
  }
  const lead =
    captured.length > 0
      ? [
          `Got it: ${captured.map((k) => `*${fieldLabel(state, k)}* — ${escapeMrkdwn(showAnswer(next.answers[k]))}`).join("; ")}`,
        ]
      : [];
  const followUp = extraction.followUps.find((f) => fieldOf(state, f.field) && !state.followedUp.includes(f.field));
  if (followUp) {
    return {
      state: { ...next, followUp, followedUp: [...next.followedUp, followUp.field], asking: [followUp.field] },
      // The model writes the follow-up from the SME's text: shown as text, never as mentions or links.
      replies: [[...lead, escapeMrkdwn(followUp.question)].join("\n\n")],
      filled: captured,
    };
  }
  if (captured.length === 0) {
    const again = ask({ ...next, asking: [] }, "batch", [
      "I couldn't match that to the questions. Could you answer them directly?",
    ]);
    return { ...again, filled: [] };
  }
  return { ...ask(next, "batch", lead), filled: captured };
}

/** A finished template opened again: its answers stay, any can be changed, `yes` finishes again. */
export function reopen(state: BiState): Turn {
  const opened: BiState = {
    ...state,
    finished: false,
    paused: false,
    asking: [],
    editing: undefined,
    followUp: undefined,
  };
  return confirm(opened, [`*${state.template.title}* is open again with your answers.`, editableList(opened)]);
}

/** The SME said `yes` to the summary: the response is finished. */
export function finish(state: BiState): Turn {
  return {
    state: { ...state, confirming: false, finished: true, asking: [] },
    replies: [],
    filled: [],
    finished: true,
  };
}

/** Where the person stands when they write to the app outside a template. */
export type OutsideTemplate = { isSmeMember: boolean; finished: readonly Pick<BiTemplate, "title" | "market">[] };

/** The reply to a DM outside a template (hello, help, status after finishing): what the person can do. */
export function outsideTemplateReply({ isSmeMember, finished }: OutsideTemplate): string {
  if (!isSmeMember) {
    return "I talk here with companies filling in a Business Intelligence template. `/ec2i help` lists what you can do.";
  }
  const market = (m: string) => (m === "CN" ? "cn" : "us");
  const lines = finished.map(
    (t) =>
      `Your *${t.title}* template is finished: \`/bi report\` sends the report; \`/bi start ${market(t.market)}\` reopens it to change answers.`,
  );
  if (lines.length === 0) lines.push("You have no Business Intelligence template going on.");
  lines.push("`/bi start cn` or `/bi start us` starts a template here; `/ec2i help` lists everything else.");
  return lines.join("\n");
}
