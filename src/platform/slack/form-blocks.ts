/**
 * How every form of the app lays out a field and reads what was submitted: one input block per
 * field, its element's action_id always "value", and Slack's view.state.values read the same way
 * whatever the element (text, select, date, time, channel or people picker). Also the buttons that
 * carry a JSON value.
 */
import type { Button, KnownBlock } from "@slack/types";
import { z } from "zod";

export const plainText = (text: string) => ({ type: "plain_text" as const, text });

/** A button whose value carries `value` as JSON (read back with parseJson and a zod schema). */
export function button(actionId: string, text: string, value: unknown, style?: "primary" | "danger"): Button {
  return {
    type: "button",
    action_id: actionId,
    text: plainText(text),
    value: JSON.stringify(value),
    ...(style ? { style } : {}),
  };
}

/** An input block for one field; `blockId` is the field's key, so errors can name it. */
export function inputBlock(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plainText(label),
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: plainText(extra.hint) } : {}),
    element: { action_id: "value", ...element },
  } as KnownBlock;
}

const optionValue = z.object({ value: z.string() });
const submittedElement = z
  .object({
    value: z.string().nullish(),
    selected_option: optionValue.nullish(),
    selected_options: z.array(optionValue).nullish(),
    selected_date: z.string().nullish(),
    selected_time: z.string().nullish(),
    selected_conversation: z.string().nullish(),
    selected_user: z.string().nullish(),
  })
  .passthrough();
const submittedState = z.record(z.string(), z.object({ value: submittedElement.optional() }).passthrough());

/** What a person submitted, by field: `one` for single values (undefined when empty), `many` for multi-selects. */
export type SubmittedForm = {
  one(blockId: string): string | undefined;
  many(blockId: string): string[];
};

/** Reads Slack's view.state.values; anything malformed reads as empty fields, which validation then names. */
export function readSubmittedForm(values: unknown): SubmittedForm {
  const parsed = submittedState.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  return {
    one(blockId) {
      const element = state[blockId]?.value;
      return (
        element?.value ??
        element?.selected_option?.value ??
        element?.selected_date ??
        element?.selected_time ??
        element?.selected_conversation ??
        element?.selected_user ??
        undefined
      );
    },
    many(blockId) {
      return state[blockId]?.value?.selected_options?.map((option) => option.value) ?? [];
    },
  };
}
