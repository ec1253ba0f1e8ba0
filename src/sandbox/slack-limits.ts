/**
 * Slack's documented Block Kit and message limits, checked the way Slack checks them: each broken
 * limit is one message in Slack's own words and JSON pointer, e.g.
 * `[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]`.
 * The stand-in answers a call that breaks one with Slack's error (invalid_blocks for messages,
 * invalid_arguments for views, msg_too_long for text), so a test that sends one fails as it would
 * in a real workspace. Pure; limits from docs.slack.dev/reference/block-kit.
 */

type Json = Record<string, unknown>;

export const slackLimits = {
  messageText: 40_000,
  messageBlocks: 50,
  viewBlocks: 100,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  actionId: 255,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  placeholder: 150,
  selectOptions: 100,
  choiceOptions: 10,
  overflowOptions: 5,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputLength: 3000,
  altText: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

class Checker {
  readonly problems: string[] = [];

  fail(problem: string, pointer: string): void {
    this.problems.push(`[ERROR] ${problem} [json-pointer:${pointer}]`);
  }

  length(value: unknown, max: number, pointer: string, min = 0): void {
    if (typeof value !== "string") return;
    if (value.length > max) this.fail(`must be less than ${max + 1} characters`, pointer);
    if (value.length < min) this.fail(`must be more than ${min - 1} characters`, pointer);
  }

  count(value: unknown, max: number, pointer: string, min = 0): void {
    if (!Array.isArray(value)) return;
    if (value.length > max) this.fail(`no more than ${max} items allowed`, pointer);
    if (value.length < min) this.fail(`must provide at least ${min} items`, pointer);
  }

  /** A text composition object: 1 to `max` characters. */
  text(value: unknown, max: number, pointer: string): void {
    if (!isObject(value)) return;
    this.length(value.text, Math.min(max, slackLimits.textObject), `${pointer}/text`, 1);
  }

  option(option: unknown, pointer: string): void {
    if (!isObject(option)) return;
    this.text(option.text, slackLimits.optionText, `${pointer}/text`);
    this.length(option.value, slackLimits.optionValue, `${pointer}/value`);
    this.text(option.description, slackLimits.optionDescription, `${pointer}/description`);
  }

  options(list: unknown, max: number, pointer: string, min = 0): void {
    this.count(list, max, pointer, min);
    eachItem(list, pointer, (option, at) => this.option(option, at));
  }

  confirm(value: unknown, pointer: string): void {
    if (!isObject(value)) return;
    this.text(value.title, slackLimits.confirmTitle, `${pointer}/title`);
    this.text(value.text, slackLimits.confirmText, `${pointer}/text`);
    this.text(value.confirm, slackLimits.confirmButton, `${pointer}/confirm`);
    this.text(value.deny, slackLimits.confirmButton, `${pointer}/deny`);
  }

  element(element: unknown, pointer: string): void {
    if (!isObject(element)) return;
    this.length(element.action_id, slackLimits.actionId, `${pointer}/action_id`);
    this.text(element.placeholder, slackLimits.placeholder, `${pointer}/placeholder`);
    this.confirm(element.confirm, `${pointer}/confirm`);
    switch (element.type) {
      case "button":
        this.text(element.text, slackLimits.buttonText, `${pointer}/text`);
        this.length(element.value, slackLimits.buttonValue, `${pointer}/value`);
        this.length(element.url, slackLimits.url, `${pointer}/url`);
        break;
      case "static_select":
      case "multi_static_select":
        this.options(element.options, slackLimits.selectOptions, `${pointer}/options`);
        this.count(element.option_groups, slackLimits.selectOptions, `${pointer}/option_groups`);
        eachItem(element.option_groups, `${pointer}/option_groups`, (group, at) => {
          if (isObject(group)) this.options(group.options, slackLimits.selectOptions, `${at}/options`);
        });
        break;
      case "checkboxes":
      case "radio_buttons":
        this.options(element.options, slackLimits.choiceOptions, `${pointer}/options`, 1);
        break;
      case "overflow":
        this.options(element.options, slackLimits.overflowOptions, `${pointer}/options`, 2);
        break;
      case "plain_text_input": {
        const max = typeof element.max_length === "number" ? element.max_length : slackLimits.plainTextInputLength;
        if (max > slackLimits.plainTextInputLength) {
          this.fail(`must be less than ${slackLimits.plainTextInputLength + 1}`, `${pointer}/max_length`);
        }
        this.length(element.initial_value, max, `${pointer}/initial_value`);
        break;
      }
      case "image":
        this.length(element.alt_text, slackLimits.altText, `${pointer}/alt_text`);
        this.length(element.image_url, slackLimits.url, `${pointer}/image_url`);
        break;
    }
  }

  block(block: unknown, pointer: string): void {
    if (!isObject(block)) return;
    this.length(block.block_id, slackLimits.blockId, `${pointer}/block_id`);
    switch (block.type) {
      case "section":
        this.text(block.text, slackLimits.sectionText, `${pointer}/text`);
        this.count(block.fields, slackLimits.sectionFields, `${pointer}/fields`);
        eachItem(block.fields, `${pointer}/fields`, (field, at) => this.text(field, slackLimits.sectionFieldText, at));
        if (block.text === undefined && block.fields === undefined) {
          this.fail("must provide either text or fields", pointer);
        }
        this.element(block.accessory, `${pointer}/accessory`);
        break;
      case "header":
        this.text(block.text, slackLimits.headerText, `${pointer}/text`);
        break;
      case "context":
        this.count(block.elements, slackLimits.contextElements, `${pointer}/elements`, 1);
        eachItem(block.elements, `${pointer}/elements`, (element, at) => {
          if (isObject(element) && (element.type === "mrkdwn" || element.type === "plain_text")) {
            this.text(element, slackLimits.textObject, at);
          } else this.element(element, at);
        });
        break;
      case "actions":
        this.count(block.elements, slackLimits.actionsElements, `${pointer}/elements`, 1);
        eachItem(block.elements, `${pointer}/elements`, (element, at) => this.element(element, at));
        break;
      case "input":
        this.text(block.label, slackLimits.inputLabel, `${pointer}/label`);
        this.text(block.hint, slackLimits.inputHint, `${pointer}/hint`);
        this.element(block.element, `${pointer}/element`);
        break;
      case "image":
        this.element({ ...block, type: "image" }, pointer);
        break;
    }
  }

  blocks(blocks: unknown, max: number, pointer: string): void {
    this.count(blocks, max, pointer);
    eachItem(blocks, pointer, (block, at) => this.block(block, at));
  }
}

/** What Slack would refuse in a message (chat.postMessage, chat.update, postEphemeral, response_url). */
export function messageLimitProblems(message: Json): { error: string; messages: string[] } | undefined {
  if (typeof message.text === "string" && message.text.length > slackLimits.messageText) {
    return { error: "msg_too_long", messages: [] };
  }
  const checker = new Checker();
  checker.blocks(message.blocks, slackLimits.messageBlocks, "/blocks");
  return checker.problems.length > 0 ? { error: "invalid_blocks", messages: checker.problems } : undefined;
}

/** What Slack would refuse in the answer to a block_suggestion (an external select's options). */
export function optionsLimitProblems(answer: Json): { error: string; messages: string[] } | undefined {
  const checker = new Checker();
  checker.options(answer.options, slackLimits.selectOptions, "/options");
  return checker.problems.length > 0 ? { error: "invalid_options", messages: checker.problems } : undefined;
}

/** What Slack would refuse in a modal or Home tab (views.open, push, update, publish). */
export function viewLimitProblems(view: unknown): { error: string; messages: string[] } | undefined {
  if (!isObject(view)) return undefined;
  const checker = new Checker();
  checker.blocks(view.blocks, slackLimits.viewBlocks, "/view/blocks");
  checker.text(view.title, slackLimits.viewTitle, "/view/title");
  checker.text(view.submit, slackLimits.viewButton, "/view/submit");
  checker.text(view.close, slackLimits.viewButton, "/view/close");
  checker.length(view.private_metadata, slackLimits.privateMetadata, "/view/private_metadata");
  checker.length(view.callback_id, slackLimits.callbackId, "/view/callback_id");
  checker.length(view.external_id, slackLimits.callbackId, "/view/external_id");
  return checker.problems.length > 0 ? { error: "invalid_arguments", messages: checker.problems } : undefined;
}

function eachItem(list: unknown, pointer: string, visit: (item: unknown, at: string) => void): void {
  if (!Array.isArray(list)) return;
  for (const [i, item] of list.entries()) visit(item, `${pointer}/${i}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Slack's channel naming rule: lower-case letters, digits, hyphens and underscores, at most 80 characters. */
export const channelNameMaxLength = 80;

/** The error conversations.create answers for a name Slack refuses, or undefined for a good name. */
export function channelNameError(name: string): string | undefined {
  if (name === "") return "invalid_name_required";
  if (name.length > channelNameMaxLength) return "invalid_name_maxlength";
  if (!/^[a-z0-9_-]+$/.test(name)) return "invalid_name_specials";
  if (/^[-_]+$/.test(name)) return "invalid_name_punctuation";
  return undefined;
}
