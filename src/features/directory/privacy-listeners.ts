/** `/sme privacy export | erase`: a person's own data, as a JSON file or erased after confirmation. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import type { AppDeps, CommandContext } from "../../platform/slack/feature.js";
import { uploadToDirectMessage } from "../../platform/slack/files.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { reviewersFor } from "../core/index.js";
import { erasePerson, personalData } from "./privacy-store.js";
import { reviewRefusal } from "./review-listeners.js";
import { getSme } from "./sme-loading.js";
import { reviewSme } from "./sme-store.js";
import { archiveActionId, archiveOffer, eraseCallbackId, eraseConfirmation } from "./views.js";

export const privacyUsage = [
  "`/sme privacy export` — I send you everything EC2i Missions stores about you, as a JSON file.",
  "`/sme privacy erase` — erase your personal data (you confirm first).",
].join("\n");

export async function runPrivacy({ actor, args, client, command, respond, deps }: CommandContext): Promise<void> {
  const what = args.toLowerCase();
  if (what === "export") {
    const data = await personalData(deps.db, actor.slackUserId, deps.clock.now());
    await uploadToDirectMessage(client, actor.slackUserId, {
      filename: "ec2i-my-data.json",
      content: JSON.stringify(data, null, 2),
      title: "Your data in EC2i Missions",
      comment: "Everything EC2i Missions stores about you. `/sme privacy erase` removes it.",
    });
    await respond({
      response_type: "ephemeral",
      text: ":outbox_tray: I sent your data to our direct message as a JSON file.",
    });
    return;
  }
  if (what === "erase") {
    await client.views.open({ trigger_id: command.trigger_id, view: eraseConfirmation() });
    return;
  }
  await respond({ response_type: "ephemeral", text: privacyUsage });
}

export function registerPrivacyListeners(app: App, deps: AppDeps): void {
  const onEraseConfirmed = async ({ ack, body, client }: FormSubmission): Promise<void> => {
    await ack();
    const userId = body.user.id;
    // The BI conversations the person had are found by the id of their DM with the app.
    const dm = await client.conversations.open({ users: userId });
    const { companies } = await erasePerson(deps.db, {
      slackUserId: userId,
      dmChannelId: dm.channel?.id ?? userId,
      at: deps.clock.now(),
    });
    await client.chat.postMessage({
      channel: userId,
      text: ":wastebasket: Your personal data was erased from EC2i Missions. The erasure itself is recorded, without your Slack id.",
    });
    for (const company of companies) {
      const reviewers = await reviewersFor(deps.db, company.clusterKey, deps.config.admins);
      await sendDirectMessages(client, deps.logger, reviewers, archiveOffer(company));
    }
  };

  const onArchiveClicked = async ({ body, context, respond }: ButtonClick): Promise<void> => {
    const id = z.coerce.number().int().positive().safeParse(body.actions[0]?.value);
    const sme = id.success ? await getSme(deps.db, id.data) : null;
    if (!sme) {
      await respond({ replace_original: false, text: "This button is out of date." });
      return;
    }
    // Archiving is a review decision: the SME's cluster staff or an admin take it.
    const refusal = await reviewRefusal(deps, body.user.id, sme);
    if (refusal) {
      await respond({ replace_original: false, text: refusal });
      return;
    }
    const archived = await reviewSme(deps.db, {
      id: sme.id,
      from: "approved",
      to: "archived",
      bySlackId: actorOf(context).slackUserId,
      note: "contact erased their data",
      at: deps.clock.now(),
    });
    await respond({
      replace_original: true,
      text: archived
        ? `:file_cabinet: <@${body.user.id}> archived the profile.`
        : "The profile was not listed any more: nothing changed.",
    });
  };

  app.view(eraseCallbackId, guardView(deps, "privacy.self"), onEraseConfirmed);
  app.action<BlockAction<ButtonAction>>(archiveActionId, guardAction(deps, "directory.review"), onArchiveClicked);
}
