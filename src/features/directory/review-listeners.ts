/** Reviewing SME profiles: Approve, Request changes and Reject (with a reason), from a DM or App Home. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { authorize } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import type { PublishHome } from "../home/index.js";
import { getSme, peopleOfSme, reviewSme, type SmeRecord } from "./directory-store.js";
import {
  actionIds,
  type ReviewDecision,
  reviewDone,
  reviewOutcome,
  reviewReasonCallbackId,
  reviewReasonModal,
  statusLabels,
} from "./views.js";

const decisionStatus = { approve: "approved", request_changes: "draft", reject: "archived" } as const;

/** Where the buttons were: a message to rewrite, or the reviewer's App Home to refresh. */
type Origin = { channel?: string | undefined; ts?: string | undefined; fromHome?: boolean | undefined };

function originOf(body: BlockAction): Origin {
  if (body.container?.type === "view") return { fromHome: true };
  return {
    channel: body.channel?.id ?? body.container?.channel_id,
    ts: body.message?.ts ?? body.container?.message_ts,
  };
}

async function decide(
  deps: AppDeps,
  client: WebClient,
  publishHome: PublishHome,
  input: { sme: SmeRecord; decision: ReviewDecision; by: string; note: string | null; origin: Origin },
): Promise<void> {
  const { sme, decision, by, note, origin } = input;
  const changed = await reviewSme(deps.db, {
    id: sme.id,
    from: "pending",
    to: decisionStatus[decision],
    bySlackId: by,
    note,
  });
  const current = changed ? null : await getSme(deps.db, sme.id);
  const text = changed
    ? reviewDone(sme.name, decision, by, note)
    : `*${sme.name}* was already reviewed: it is ${statusLabels[current?.status ?? sme.status].toLowerCase()}.`;
  if (!(await replaceReviewMessage(deps, client, origin, text))) await client.chat.postMessage({ channel: by, text });
  if (origin.fromHome) await publishHome(client, deps, by);
  if (changed) {
    await sendDirectMessages(
      client,
      deps.logger,
      await peopleOfSme(deps.db, sme),
      reviewOutcome(sme.name, decision, note, sme.id),
    );
  }
}

/** Rewrites the review request with the decision, so other reviewers see it is done; false when it cannot. */
async function replaceReviewMessage(deps: AppDeps, client: WebClient, origin: Origin, text: string): Promise<boolean> {
  if (!origin.channel || !origin.ts) return false;
  try {
    await client.chat.update({ channel: origin.channel, ts: origin.ts, text, blocks: [] });
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, channel: origin.channel }, "could not update the review request");
    return false;
  }
}

const reasonMeta = z.object({
  smeId: z.number().int().positive(),
  decision: z.enum(["request_changes", "reject"]),
  channel: z.string().optional(),
  ts: z.string().optional(),
  fromHome: z.boolean().optional(),
});

export function registerReviewListeners(app: App, deps: AppDeps, publishHome: PublishHome): void {
  const reviewAction = (decision: ReviewDecision) =>
    (async ({ ack, body, client }) => {
      await ack();
      const check = await authorize(deps, body.user.id, "directory.review");
      const id = z.coerce.number().int().positive().safeParse(body.actions[0]?.value);
      if (!check.allowed) {
        await client.chat.postMessage({ channel: body.user.id, text: check.message });
        return;
      }
      const sme = id.success ? await getSme(deps.db, id.data) : null;
      if (!sme) {
        await client.chat.postMessage({ channel: body.user.id, text: "That SME no longer exists." });
        return;
      }
      const origin = originOf(body);
      if (decision === "approve") {
        await decide(deps, client, publishHome, { sme, decision, by: body.user.id, note: null, origin });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: reviewReasonModal(decision, sme.id, sme.name, origin),
      });
    }) satisfies Parameters<typeof app.action<BlockAction<ButtonAction>>>[1];

  app.action<BlockAction<ButtonAction>>(actionIds.approve, reviewAction("approve"));
  app.action<BlockAction<ButtonAction>>(actionIds.requestChanges, reviewAction("request_changes"));
  app.action<BlockAction<ButtonAction>>(actionIds.reject, reviewAction("reject"));

  app.view(reviewReasonCallbackId, async ({ ack, body, view, client }) => {
    const check = await authorize(deps, body.user.id, "directory.review");
    if (!check.allowed) {
      await ack({ response_action: "errors", errors: { reason: check.message } });
      return;
    }
    const meta = reasonMeta.safeParse(parseJson(view.private_metadata));
    const reason = view.state.values.reason?.value?.value?.trim() ?? "";
    if (!meta.success) {
      await ack({ response_action: "errors", errors: { reason: "This form is out of date: close it and try again." } });
      return;
    }
    if (reason.length < 5) {
      await ack({ response_action: "errors", errors: { reason: "Say in a few words why, so the SME can act on it." } });
      return;
    }
    await ack();
    const sme = await getSme(deps.db, meta.data.smeId);
    if (!sme) return;
    await decide(deps, client, publishHome, {
      sme,
      decision: meta.data.decision,
      by: body.user.id,
      note: reason,
      origin: meta.data,
    });
  });
}
