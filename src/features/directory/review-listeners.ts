/** Reviewing SME profiles: Approve, Request changes and Reject (with a reason), from a DM or App Home. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { escapeMrkdwn, hasControlCharacters } from "../../domain/text.js";
import { parseJson } from "../../platform/json.js";
import type { AppDeps, CommandContext } from "../../platform/slack/feature.js";
import { type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { peopleOfSme, reviewRights } from "../core/index.js";
import type { PublishHome } from "../home/index.js";
import type { SmeRecord } from "./profile.js";
import { getSme } from "./sme-loading.js";
import { decideProposedChange, pendingSmes, reviewSme, smesWithProposedChanges } from "./sme-store.js";
import {
  actionIds,
  changeDecided,
  changeOutcome,
  clusterName,
  pendingList,
  type ReviewDecision,
  reviewDone,
  reviewOutcome,
  reviewReasonCallbackId,
  reviewReasonModal,
  statusLabels,
} from "./views.js";

/**
 * Staff review their own cluster's profiles and admins any (see reviewRights); the refusal says
 * who can. Null when `reviewer` may review `sme`.
 */
export async function reviewRefusal(
  deps: AppDeps,
  reviewer: string,
  sme: Pick<SmeRecord, "name" | "cluster">,
  logRefusal = true,
): Promise<string | null> {
  const { reviewers, clusterStaff } = await reviewRights(deps.db, sme.cluster, deps.config.admins);
  if (reviewers.has(reviewer)) return null;
  if (logRefusal)
    deps.logger.warn({ user: reviewer, cluster: sme.cluster }, "refused: review outside the reviewer's cluster");
  return `:no_entry: *${escapeMrkdwn(sme.name)}* belongs to ${clusterName(sme.cluster) ?? "another cluster"}: its staff (${clusterStaff.map((id) => `<@${id}>`).join(", ")}) or an admin review it.`;
}

/** Slack allows 50 blocks in a message: a pending profile takes three, a change up to six. */
const pendingPageSize = 8;
const changesPageSize = 3;

/** `/sme pending`: every profile waiting for review, the reviewer's cluster first, with the decisions they may take. */
export async function runPending({ actor, respond, deps }: CommandContext): Promise<void> {
  const [smes, total, changed] = await Promise.all([
    pendingSmes(deps.db, pendingPageSize, actor.clusterId),
    deps.db.sme.count({ where: { status: "pending" } }),
    smesWithProposedChanges(deps.db, changesPageSize),
  ]);
  const reviewable = async (sme: SmeRecord) => (await reviewRefusal(deps, actor.slackUserId, sme, false)) === null;
  const items = await Promise.all(smes.map(async (sme) => ({ sme, reviewable: await reviewable(sme) })));
  const changes = [];
  for (const sme of changed) {
    if (sme.proposedChange) changes.push({ sme, change: sme.proposedChange, reviewable: await reviewable(sme) });
  }
  await respond({ response_type: "ephemeral", ...pendingList(items, total, changes) });
}

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
    at: deps.clock.now(),
  });
  const current = changed ? null : await getSme(deps.db, sme.id);
  const text = changed
    ? reviewDone(sme.name, decision, by, note)
    : `*${escapeMrkdwn(sme.name)}* was already reviewed: it is ${statusLabels[current?.status ?? sme.status].toLowerCase()}.`;
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
  /** Approve decides at once; Request changes and Reject first ask for the reason. */
  const onReviewClicked =
    (decision: ReviewDecision) =>
    async ({ body, client }: ButtonClick): Promise<void> => {
      const id = z.coerce.number().int().positive().safeParse(body.actions[0]?.value);
      const sme = id.success ? await getSme(deps.db, id.data) : null;
      if (!sme) {
        await client.chat.postMessage({ channel: body.user.id, text: "That SME no longer exists." });
        return;
      }
      const refusal = await reviewRefusal(deps, body.user.id, sme);
      if (refusal) {
        await client.chat.postMessage({ channel: body.user.id, text: refusal });
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
    };

  /** Approve or keep the listed version, for an SME's change to its listed profile. */
  const onChangeReviewed =
    (approve: boolean) =>
    async ({ body, client }: ButtonClick): Promise<void> => {
      const id = z.coerce.number().int().positive().safeParse(body.actions[0]?.value);
      const sme = id.success ? await getSme(deps.db, id.data) : null;
      const refusal = sme ? await reviewRefusal(deps, body.user.id, sme) : "That SME no longer exists.";
      if (refusal || !sme) {
        await client.chat.postMessage({ channel: body.user.id, text: refusal ?? "" });
        return;
      }
      const change = await decideProposedChange(deps.db, {
        id: sme.id,
        approve,
        bySlackId: body.user.id,
        at: deps.clock.now(),
      });
      const text = changeDecided(sme.name, change, approve, body.user.id);
      const origin = originOf(body);
      if (!(await replaceReviewMessage(deps, client, origin, text))) {
        await client.chat.postMessage({ channel: body.user.id, text });
      }
      if (origin.fromHome) await publishHome(client, deps, body.user.id);
      if (change) {
        await sendDirectMessages(
          client,
          deps.logger,
          await peopleOfSme(deps.db, sme),
          changeOutcome(sme.name, approve),
        );
      }
    };

  /** The reason modal of Request changes and Reject. */
  const onReasonSubmitted = async ({ ack, body, view, client }: FormSubmission): Promise<void> => {
    const meta = reasonMeta.safeParse(parseJson(view.private_metadata));
    const reason = view.state.values.reason?.value?.value?.trim() ?? "";
    if (!meta.success) {
      await ack({ response_action: "errors", errors: { reason: "This form is out of date: close it and try again." } });
      return;
    }
    if (hasControlCharacters(reason, { multiline: true })) {
      await ack({
        response_action: "errors",
        errors: { reason: "Remove the control characters (such as NUL or escape) from the reason." },
      });
      return;
    }
    if (reason.length < 5) {
      await ack({ response_action: "errors", errors: { reason: "Say in a few words why, so the SME can act on it." } });
      return;
    }
    const sme = await getSme(deps.db, meta.data.smeId);
    const refusal = sme ? await reviewRefusal(deps, body.user.id, sme) : "That SME no longer exists.";
    if (!sme || refusal) {
      await ack({ response_action: "errors", errors: { reason: refusal ?? "" } });
      return;
    }
    await ack();
    await decide(deps, client, publishHome, {
      sme,
      decision: meta.data.decision,
      by: body.user.id,
      note: reason,
      origin: meta.data,
    });
  };

  const reviewer = guardAction(deps, "directory.review");
  app.action<BlockAction<ButtonAction>>(actionIds.approveChange, reviewer, onChangeReviewed(true));
  app.action<BlockAction<ButtonAction>>(actionIds.rejectChange, reviewer, onChangeReviewed(false));
  app.action<BlockAction<ButtonAction>>(actionIds.approve, reviewer, onReviewClicked("approve"));
  app.action<BlockAction<ButtonAction>>(actionIds.requestChanges, reviewer, onReviewClicked("request_changes"));
  app.action<BlockAction<ButtonAction>>(actionIds.reject, reviewer, onReviewClicked("reject"));
  app.view(reviewReasonCallbackId, guardView(deps, "directory.review"), onReasonSubmitted);
}
