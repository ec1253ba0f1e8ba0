/** The directory's part of App Home: an SME sees its profile; staff see figures and pending approvals. */
import type { KnownBlock } from "@slack/types";
import { labelOf, sectors } from "../../domain/taxonomy.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { HomeSection } from "../../platform/slack/feature.js";
import { reviewRights } from "../core/index.js";
import { isStaff } from "./access.js";
import { directoryCounts } from "./home-store.js";
import { missingProfileParts } from "./profile.js";
import { pendingSmes, smeOfMember } from "./sme-store.js";
import { clusterName, editProfileButton, pendingCard, registerButton, statusLabels } from "./views.js";

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

export const directoryHomeSection: HomeSection = async (actor, deps) => {
  if (actor.role === "guest") return [];
  const blocks: KnownBlock[] = [
    { type: "divider" },
    { type: "header", text: { type: "plain_text", text: "SME directory" } },
  ];
  if (isStaff(actor)) {
    const counts = await directoryCounts(deps.db);
    const s = counts.byStatus;
    blocks.push(
      section(
        `*${s.approved}* listed · *${s.pending}* waiting for review · *${s.draft}* with changes requested · *${s.archived}* archived`,
      ),
    );
    if (counts.byCluster.length > 0) {
      blocks.push({
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `By cluster: ${counts.byCluster.map((c) => `${clusterName(c.key) ?? "none"} ${c.count}`).join(" · ")}`,
          },
          {
            type: "mrkdwn",
            text: `Top sectors: ${counts.bySector
              .slice(0, 6)
              .map((c) => `${labelOf(sectors, c.key)} ${c.count}`)
              .join(" · ")}`,
          },
        ],
      });
    }
    // Their own cluster's profiles first: those are the ones they review.
    const pending = await pendingSmes(deps.db, 5, actor.clusterId);
    if (pending.length === 0) blocks.push(section(":white_check_mark: No profile is waiting for review."));
    for (const sme of pending) {
      const { reviewers } = await reviewRights(deps.db, sme.cluster, deps.config.admins);
      blocks.push(...pendingCard(sme, reviewers.has(actor.slackUserId)));
    }
    if (s.pending > pending.length) {
      blocks.push(section(`…and ${s.pending - pending.length} more waiting: \`/sme pending\` lists them all.`));
    }
    return blocks;
  }
  const own = await smeOfMember(deps.db, actor.slackUserId);
  if (!own) {
    blocks.push(section("Your company is not in the directory yet."), registerButton());
    return blocks;
  }
  const missing = missingProfileParts(own);
  blocks.push(
    section(
      `*${escapeMrkdwn(own.name)}* — ${statusLabels[own.status]}${own.reviewNote && own.status === "draft" ? `\nStaff asked: “${escapeMrkdwn(own.reviewNote)}”` : ""}`,
    ),
  );
  if (missing.length > 0) blocks.push(section(`Worth adding: ${missing.join(", ")}.`));
  blocks.push(editProfileButton(own.id));
  return blocks;
};
