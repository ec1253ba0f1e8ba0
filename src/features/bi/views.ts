/** What BI shows staff in Slack, as pure functions of data: the progress list with its Nudge buttons, the nudges. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text.js";
import type { StoredResponse } from "./bi-store.js";
import { progress } from "./conversation.js";

export const nudgeActionId = "bi.nudge";
export const nudgeAllActionId = "bi.nudge_all";

/** Slack refuses a message with more than 50 blocks. */
const maxBlocks = 50;
/** SMEs listed per group; the Nudge all button reaches the rest. */
const shownPerGroup = 20;

/** Finished when it has started templates and every one is done: finished SMEs get no Nudge button. */
export function isFinished(responses: readonly Pick<StoredResponse, "status">[] | undefined): boolean {
  return !!responses && responses.length > 0 && responses.every((r) => r.status === "done");
}

export type ProgressSme = { id: number; name: string; responses: readonly StoredResponse[] };
/** A mission's delegation, or the SMEs in no mission. */
export type ProgressGroup = { title: string; smes: readonly ProgressSme[] };

/** `/bi status`: each group's SMEs, a Nudge button beside each one not finished, Nudge all on top. */
export function progressMessage(groups: readonly ProgressGroup[]): { text: string; blocks: KnownBlock[] } {
  const text = "Business Intelligence progress";
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text } }];
  const waiting = new Set(groups.flatMap((g) => g.smes.filter((sme) => !isFinished(sme.responses)).map((s) => s.id)));
  if (waiting.size > 0) blocks.push(nudgeAllButton(waiting.size));
  for (const group of groups) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(group.title)}*` } });
    // Those under way first (closest to a report), then those not started, the finished last.
    const smes = [...group.smes].sort((a, b) => stage(a) - stage(b));
    for (const sme of smes.slice(0, shownPerGroup)) blocks.push(smeProgressLine(sme));
    if (smes.length > shownPerGroup) {
      blocks.push({
        type: "context",
        elements: [
          { type: "mrkdwn", text: `…and ${smes.length - shownPerGroup} more (the Nudge all button reaches them too).` },
        ],
      });
    }
  }
  return { text, blocks: blocks.slice(0, maxBlocks) };
}

function stage(sme: ProgressSme): number {
  return isFinished(sme.responses) ? 2 : sme.responses.length > 0 ? 0 : 1;
}

function nudgeAllButton(count: number): KnownBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: nudgeAllActionId,
        text: { type: "plain_text", text: `Nudge all ${count} not finished` },
        confirm: {
          title: { type: "plain_text", text: "Nudge them all?" },
          text: { type: "plain_text", text: "Each company that has not finished gets a reminder in a DM." },
          confirm: { type: "plain_text", text: "Nudge" },
          deny: { type: "plain_text", text: "Cancel" },
        },
      },
    ],
  };
}

function smeProgressLine(sme: ProgressSme): KnownBlock {
  const done = sme.responses.length === 0 ? "not started" : sme.responses.map(describeProgress).join(" · ");
  return {
    type: "section",
    text: { type: "mrkdwn", text: `${escapeMrkdwn(sme.name)} — ${done}` },
    ...(isFinished(sme.responses)
      ? {}
      : {
          accessory: {
            type: "button",
            action_id: nudgeActionId,
            text: { type: "plain_text", text: "Nudge" },
            value: JSON.stringify({ smeId: sme.id }),
          },
        }),
  };
}

function describeProgress(response: StoredResponse): string {
  const market = response.state.template.market === "CN" ? "China" : "US";
  if (response.status === "done") return `${market}: done`;
  return `${market}: ${progress(response.state).percent}%${response.status === "paused" ? " (paused)" : ""}`;
}

/** The reminder an SME's people get in their DMs: go on with the template under way, or start one. */
export function nudgeText(companyName: string, fromUserId: string, going: StoredResponse | undefined): string {
  const company = escapeMrkdwn(companyName);
  return going
    ? `:wave: <@${fromUserId}> reminds you: the ${going.state.template.title} template for *${company}* is ${progress(going.state).percent}% done. Reply in this DM to go on where you left off.`
    : `:wave: <@${fromUserId}> reminds you to fill in a Business Intelligence template for *${company}* before the mission: \`/bi start cn\` or \`/bi start us\`.`;
}

/** What the staff member who clicked Nudge sees. */
export function nudgedText(companyName: string, sentTo: readonly string[]): string {
  const company = escapeMrkdwn(companyName);
  return sentTo.length > 0
    ? `Nudged ${sentTo.map((userId) => `<@${userId}>`).join(", ")} about *${company}*.`
    : `*${company}* has nobody in Slack to nudge.`;
}

/** What the staff member who clicked Nudge all sees. */
export function nudgedAllText(people: number, reached: number, unreachableNames: readonly string[]): string {
  return [
    `Nudged ${people} ${people === 1 ? "person" : "people"} at ${reached} ${reached === 1 ? "company" : "companies"}.`,
    ...(unreachableNames.length > 0
      ? [`Nobody in Slack to nudge at: ${unreachableNames.map(escapeMrkdwn).join(", ")}.`]
      : []),
  ].join(" ");
}
