/**
 * Block Kit as readable terminal text, for the sandbox. Pure: blocks in, lines out. Buttons are
 * numbered so people can `click 2`; modal inputs are numbered so they can `set 3 …`.
 */

type Text = { type?: string; text?: string };
type Option = { text?: Text; value?: string; description?: Text };
type Element = {
  type?: string;
  action_id?: string;
  text?: Text;
  value?: string;
  url?: string;
  style?: string;
  options?: Option[];
  initial_option?: Option;
  initial_options?: Option[];
  initial_value?: string;
  initial_user?: string;
  initial_users?: string[];
  initial_date?: string;
  initial_time?: string;
  initial_conversation?: string;
  placeholder?: Text;
  multiline?: boolean;
};
export type Block = {
  type?: string;
  block_id?: string;
  text?: Text;
  fields?: Text[];
  accessory?: Element;
  /** Buttons in actions blocks; mrkdwn or plain text objects in context blocks. */
  elements?: (Omit<Element, "text"> & { text?: Text | string })[];
  element?: Element;
  label?: Text;
  hint?: Text;
  optional?: boolean;
};

/** A button people can click, as the sandbox needs it to send block_actions. */
export type Clickable = { label: string; actionId: string; blockId: string; value?: string | undefined };

/** Turns Slack mrkdwn into terminal text: mentions of people and channels by name, links as "text (url)". */
export function plain(text: string | undefined, names: (id: string) => string = (id) => id): string {
  return (text ?? "")
    .replace(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g, (_, id: string) => `@${names(id)}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) => `#${label || names(id)}`)
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2 ($1)")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/<!(here|channel)>/g, "@$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const indent = (text: string, by = "  ") =>
  text
    .split("\n")
    .map((line) => by + line)
    .join("\n");

/** `names` gives a person's handle for a user id and a channel's name for a channel id. */
export type RenderContext = { names: (id: string) => string; buttons: Clickable[] };

function button(element: Element, blockId: string, ctx: RenderContext): string {
  ctx.buttons.push({
    label: element.text?.text ?? "button",
    actionId: element.action_id ?? "",
    blockId,
    ...(element.value !== undefined ? { value: element.value } : {}),
  });
  const mark = element.style === "primary" ? "*" : element.style === "danger" ? "!" : "";
  return `[${ctx.buttons.length}] ${mark}${element.text?.text ?? "button"}${mark}`;
}

/** Message or Home blocks → lines. Buttons are appended to ctx.buttons and numbered from there. */
export function renderBlocks(blocks: readonly Block[], ctx: RenderContext): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    const blockId = block.block_id ?? "";
    switch (block.type) {
      case "header":
        lines.push(`== ${plain(block.text?.text, ctx.names)} ==`);
        break;
      case "divider":
        lines.push("----------------------------------------");
        break;
      case "section": {
        if (block.text) lines.push(plain(block.text.text, ctx.names));
        for (const field of block.fields ?? []) lines.push(indent(plain(field.text, ctx.names).replace(/\n/, ": ")));
        if (block.accessory?.type === "button") lines.push(indent(button(block.accessory, blockId, ctx)));
        break;
      }
      case "context":
        lines.push(
          indent(
            (block.elements ?? [])
              .map((e) => plain(typeof e.text === "string" ? e.text : e.text?.text, ctx.names))
              .join(" · "),
            "  ~ ",
          ),
        );
        break;
      case "actions":
        lines.push(
          indent(
            (block.elements ?? [])
              .filter((e) => e.type === "button")
              .map((e) => button(e as Element, blockId, ctx))
              .join("  "),
          ),
        );
        break;
      case "input":
        lines.push(`${plain(block.label?.text, ctx.names)}: …`);
        break;
      default:
        lines.push(`(${block.type} block)`);
    }
  }
  return lines;
}

/** One input of a modal, as the sandbox shows it and fills it. */
export type ModalField = {
  number: number;
  blockId: string;
  actionId: string;
  label: string;
  type: string;
  optional: boolean;
  options: { label: string; value: string }[];
  multiline: boolean;
};

export function modalFields(blocks: readonly Block[]): ModalField[] {
  return blocks
    .filter((block) => block.type === "input" && block.element)
    .map((block, index) => ({
      number: index + 1,
      blockId: block.block_id ?? `field${index + 1}`,
      actionId: block.element?.action_id ?? "value",
      label: block.label?.text ?? "",
      type: block.element?.type ?? "plain_text_input",
      optional: block.optional === true,
      options: (block.element?.options ?? []).map((o) => ({
        label: plain(o.text?.text).replace(/\*/g, ""),
        value: o.value ?? "",
      })),
      multiline: block.element?.multiline === true,
    }));
}

/**
 * What a field holds in the sandbox: text, chosen option values, a user id, user ids (a multi-users
 * select), or options the app suggested (an external select, which has no options of its own).
 */
export type FieldValue = {
  text?: string;
  values?: string[];
  user?: string;
  users?: string[];
  picked?: { value: string; label: string }[];
};

/** Selects whose options the app sends as people type (block_suggestion requests). */
export const externalSelects = ["external_select", "multi_external_select"];

/** The value a modal opens with (initial_value, initial_option(s), initial_user). */
export function initialValue(block: Block): FieldValue | undefined {
  const e = block.element;
  if (!e) return undefined;
  if (e.initial_value !== undefined) return { text: e.initial_value };
  if (e.initial_user) return { user: e.initial_user };
  if (e.initial_users?.length) return { users: e.initial_users };
  const picked = e.initial_date ?? e.initial_time ?? e.initial_conversation;
  if (picked) return { text: picked };
  // An external select has no options of its own: what it starts with is kept with its label.
  if (externalSelects.includes(e.type ?? "")) {
    const initial = e.initial_options ?? (e.initial_option ? [e.initial_option] : []);
    const options = initial.filter((o) => o.value !== undefined);
    if (options.length > 0)
      return { picked: options.map((o) => ({ value: o.value ?? "", label: o.text?.text ?? o.value ?? "" })) };
    return undefined;
  }
  if (e.initial_option?.value) return { values: [e.initial_option.value] };
  if (e.initial_options?.length) return { values: e.initial_options.map((o) => o.value ?? "") };
  return undefined;
}

export function showValue(field: ModalField, value: FieldValue | undefined, names: (id: string) => string): string {
  if (!value) return "—";
  if (value.user) return `@${names(value.user)}`;
  if (value.users) return value.users.map((id) => `@${names(id)}`).join(", ") || "—";
  if (value.picked) return value.picked.map((p) => p.label).join(", ") || "—";
  if (value.values)
    return value.values.map((v) => field.options.find((o) => o.value === v)?.label ?? v).join(", ") || "—";
  // A multi-line text stays on its field's line: ⏎ marks each line break.
  const text = value.text?.replace(/\n/g, " ⏎ ");
  return text ? (text.length > 70 ? `${text.slice(0, 67)}…` : text) : "—";
}

/** Fields filled with `select <n> <names>`: several people, or a select the app answers as people type. */
function isChoice(field: ModalField): boolean {
  return field.type === "multi_users_select" || externalSelects.includes(field.type);
}

/** A modal as a numbered form, with its current values and Slack's inline errors under the fields. */
export function renderModal(
  view: { title?: Text; blocks?: Block[]; submit?: Text | null },
  values: Record<string, FieldValue>,
  errors: Record<string, string>,
  ctx: RenderContext,
): string[] {
  const lines = [`┌─ ${view.title?.text ?? "Modal"} ─`];
  const fields = modalFields(view.blocks ?? []);
  for (const block of view.blocks ?? []) {
    if (block.type !== "input") {
      for (const line of renderBlocks([block], ctx)) for (const part of line.split("\n")) lines.push(`│ ${part}`);
      continue;
    }
    const field = fields.find((f) => f.blockId === block.block_id);
    if (!field) continue;
    const kind =
      field.type === "multi_static_select" || field.type === "checkboxes"
        ? "choose any"
        : field.type === "static_select"
          ? "choose one"
          : field.type === "users_select"
            ? "a person, @name"
            : field.type === "multi_users_select"
              ? "people, @name @name"
              : externalSelects.includes(field.type)
                ? "type part of a name, several with commas"
                : field.type.replace(/_/g, " ");
    lines.push(
      `│ [${field.number}] ${field.label}${field.optional ? " (optional)" : ""} <${kind}>: ${showValue(field, values[field.blockId], ctx.names)}`,
    );
    if (field.options.length > 0) {
      lines.push(`│       ${field.options.map((o, i) => `${i + 1}) ${o.label}`).join("  ")}`);
    }
    const error = errors[field.blockId];
    if (error) lines.push(`│     ⚠ ${error}`);
  }
  // Hints only for what this form has: a read-only modal can only be closed.
  const hints = [
    fields.some((f) => f.options.length === 0 && !isChoice(f)) && "set <n> <text>",
    fields.some((f) => f.options.length > 0) && "select <n> <option numbers>",
    fields.some(isChoice) && "select <n> <names>",
    view.submit && `submit (${view.submit.text})`,
    fields.length > 0 || view.submit ? "cancel" : "cancel (close)",
  ].filter(Boolean);
  lines.push(`└─ ${hints.join(" · ")}`);
  return lines;
}
