/** `/sme privacy export | erase`: a person's own data, as a JSON file or erased after confirmation. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { View } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "../../domain/text.js";
import { authorize } from "../../platform/auth.js";
import type { AppDeps, CommandContext } from "../../platform/slack/feature.js";
import { uploadToDirectMessage } from "../../platform/slack/files.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { reviewersFor } from "../core/index.js";
import { erasePerson, personalData } from "./privacy-store.js";
import { reviewSme } from "./sme-store.js";

export const eraseCallbackId = "directory.privacy_erase";
export const archiveActionId = "directory.archive";

export const privacyUsage = [
  "`/sme privacy export` — I send you everything EC2i Missions stores about you, as a JSON file.",
  "`/sme privacy erase` — erase your personal data (you confirm first).",
].join("\n");

/** Exactly what an erasure removes, as the confirmation lists it (privacy-store.ts `erasePerson`). */
export const erasedData = [
  "your role, name, email and time zone in the app",
  "your name and email as the contact person of a company profile",
  "your Business Intelligence conversations with the app: your messages as you typed them, the answers taken from them and the id of our direct message (your company can fill the template again)",
  "your Slack id wherever the app recorded who did what: those records stay, saying only “erased”",
];

function eraseConfirmation(): View {
  return {
    type: "modal",
    callback_id: eraseCallbackId,
    title: { type: "plain_text", text: "Erase my data" },
    submit: { type: "plain_text", text: "Erase my data" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            "*This removes your personal data from EC2i Missions:*",
            ...erasedData.map((item) => `• ${item}`),
            "",
            "The database is then rewritten so the erased text is not left behind in its file. Company profiles stay in the directory without you as their contact; cluster staff decide whether to keep them. Messages in Slack itself follow your workspace's retention settings. This cannot be undone.",
          ].join("\n"),
        },
      },
    ],
  };
}

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
  app.view(eraseCallbackId, async ({ ack, body, client }) => {
    await ack();
    const userId = body.user.id;
    const check = await authorize(deps, userId, "privacy.self");
    if (!check.allowed) return;
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
      await sendDirectMessages(client, deps.logger, reviewers, {
        text: `The contact person of *${escapeMrkdwn(company.name)}* erased their personal data. The profile stays listed without a contact.`,
        blocks: [
          {
            type: "section",
            text: {
              type: "mrkdwn",
              text: `The contact person of *${escapeMrkdwn(company.name)}* erased their personal data. The profile stays listed without a contact; archive it if the company should not stay in the directory.`,
            },
          },
          {
            type: "actions",
            elements: [
              {
                type: "button",
                action_id: archiveActionId,
                text: { type: "plain_text", text: "Archive profile" },
                value: String(company.id),
              },
            ],
          },
        ],
      });
    }
  });

  app.action<BlockAction<ButtonAction>>(archiveActionId, async ({ ack, body, respond }) => {
    await ack();
    const check = await authorize(deps, body.user.id, "directory.review");
    const id = z.coerce.number().int().positive().safeParse(body.actions[0]?.value);
    if (!check.allowed || !id.success) {
      await respond({ replace_original: false, text: check.allowed ? "This button is out of date." : check.message });
      return;
    }
    const archived = await reviewSme(deps.db, {
      id: id.data,
      from: "approved",
      to: "archived",
      bySlackId: body.user.id,
      note: "contact erased their data",
      at: deps.clock.now(),
    });
    await respond({
      replace_original: true,
      text: archived
        ? `:file_cabinet: <@${body.user.id}> archived the profile.`
        : "The profile was not listed any more: nothing changed.",
    });
  });
}
