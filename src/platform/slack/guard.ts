import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";
import type { Permission } from "../../domain/roles.js";
import { type Actor, authorize } from "../auth.js";
import type { AppDeps } from "./feature.js";

/** What a listener behind `guardAction` receives for a button click. */
export type ButtonClick = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** What a listener behind `guardView` receives for a modal submission (or closing). */
export type FormSubmission = SlackViewMiddlewareArgs & AllMiddlewareArgs;

/** Where the guard leaves the person it checked, for the listener after it. */
const actorKey = "ec2iActor";

/**
 * The actor the guard put on Bolt's context. Listeners registered behind `guardAction` or
 * `guardView` call this; without the guard in front it throws, so a forgotten guard fails loudly.
 */
export function actorOf(context: Record<string, unknown>): Actor {
  const actor = context[actorKey] as Actor | undefined;
  if (!actor) throw new Error("No actor on the context: register the listener behind guardAction or guardView");
  return actor;
}

/**
 * Listener middleware for buttons and menus: acknowledges at once (Slack's 3 seconds), checks the
 * role and either puts the actor on the context or refuses where the person clicked — in place of
 * the message when it came with a response_url, by DM otherwise (a button in a modal or App Home).
 */
export function guardAction(deps: AppDeps, permission: Permission): Middleware<SlackActionMiddlewareArgs> {
  return async ({ ack, body, context, respond, client, next }) => {
    await ack();
    const check = await authorize(deps, body.user.id, permission);
    if (!check.allowed) {
      if ("response_url" in body && body.response_url) {
        await respond({ response_type: "ephemeral", replace_original: false, text: check.message });
      } else {
        await client.chat.postMessage({ channel: body.user.id, text: check.message });
      }
      return;
    }
    context[actorKey] = check.actor;
    await next();
  };
}

/**
 * Listener middleware for modal submissions: checks the role before anything is read. A refusal is
 * shown inline on the form's first input (the modal stays open with what the person typed), or by
 * DM when the form has no input to show it on; an allowed submission is not acknowledged here,
 * because its listener answers with its own errors.
 */
export function guardView(deps: AppDeps, permission: Permission): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, client, context, next }) => {
    const check = await authorize(deps, body.user.id, permission);
    if (!check.allowed) {
      const firstInput = body.view.blocks.find((block) => block.type === "input" && block.block_id);
      if (body.type === "view_submission" && firstInput?.block_id) {
        await ack({ response_action: "errors", errors: { [firstInput.block_id]: check.message } });
      } else {
        await ack();
        // The modal closes on this ack: without a DM the refusal would go unseen.
        if (body.type === "view_submission")
          await client.chat.postMessage({ channel: body.user.id, text: check.message });
      }
      return;
    }
    context[actorKey] = check.actor;
    await next();
  };
}
