/** `/bi start | status | report | usage` and the Nudge button. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { escapeMrkdwn } from "../../domain/text.js";
import { authorize } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import type { AppDeps, CommandContext } from "../../platform/slack/feature.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { linkToSme, peopleOfSme } from "../core/index.js";
import { isStaff } from "../directory/access.js";
import type { SmeRecord } from "../directory/profile.js";
import { findSmesByName } from "../directory/search-store.js";
import { getSme, getSmes } from "../directory/sme-loading.js";
import { smeOfMember } from "../directory/sme-store.js";
import {
  findResponse,
  reopenResponse,
  responsesBySme,
  responsesOf,
  type StoredResponse,
  smesExpectedToFill,
  startResponse,
  usageFigures,
} from "./bi-store.js";
import { begin, progress, reopen, startState } from "./conversation.js";
import { deliverReport } from "./conversation-listeners.js";
import type { TemplateCatalog } from "./template-files.js";

export const nudgeActionId = "bi.nudge";
export const nudgeAllActionId = "bi.nudge_all";
const ephemeral = (text: string) => ({ response_type: "ephemeral" as const, text });

export const startUsage =
  "Usage: `/bi start [cn|us]` for your company, or (staff) `/bi start cn|us for <company>`. Add `again` to start over.";

export type StartRequest = { market?: "CN" | "US"; smeName?: string; again: boolean };

/** Reads "cn for Nordic Heat again" and its variants. Pure. */
export function parseStart(args: string): StartRequest | undefined {
  const match = /^\s*(?:(cn|china|us|usa)\b)?\s*(?:for\s+(.+?))?\s*(again)?\s*$/i.exec(args);
  if (!match) return undefined;
  const market = match[1] ? (/^c/i.test(match[1]) ? "CN" : "US") : undefined;
  return { ...(market ? { market } : {}), ...(match[2] ? { smeName: match[2].trim() } : {}), again: !!match[3] };
}

async function oneSme(deps: AppDeps, name: string): Promise<SmeRecord | string> {
  const ids = await findSmesByName(deps.db, name, ["approved", "pending", "draft"]);
  const smes = await getSmes(deps.db, ids);
  if (smes.length === 0) return `No SME is called “${escapeMrkdwn(name)}”.`;
  if (smes.length > 1)
    return `Several SMEs match “${escapeMrkdwn(name)}”: ${smes.map((s) => escapeMrkdwn(s.name)).join(", ")}. Use the full name.`;
  return smes[0] as SmeRecord;
}

export function createBiCommands(templates: TemplateCatalog) {
  async function runStart({ actor, args, client, respond, deps }: CommandContext): Promise<void> {
    const request = parseStart(args);
    if (!request) return void (await respond(ephemeral(startUsage)));
    let sme: SmeRecord | null;
    if (request.smeName) {
      if (!isStaff(actor))
        return void (await respond(ephemeral("Only cluster staff can start a template for another company.")));
      const found = await oneSme(deps, request.smeName);
      if (typeof found === "string") return void (await respond(ephemeral(found)));
      sme = found;
    } else {
      sme = await smeOfMember(deps.db, actor.slackUserId);
      if (!sme) {
        return void (await respond(
          ephemeral(isStaff(actor) ? startUsage : "Your company is not in the directory yet: `/sme register` first."),
        ));
      }
    }
    const market = request.market ?? (sme.markets.length === 1 ? sme.markets[0] : undefined);
    if (!market)
      return void (await respond(
        ephemeral(`Which market: \`/bi start cn\` (China) or \`/bi start us\` (United States)?`),
      ));
    const template = templates.forMarket(market);
    if (!template) return void (await respond(ephemeral(`There is no template for ${market} yet.`)));
    const company = escapeMrkdwn(sme.name);
    // Staff send it to whoever speaks for the SME in Slack: its contact person, else a member.
    const respondent = request.smeName ? (await peopleOfSme(deps.db, sme))[0] : actor.slackUserId;
    if (!respondent) {
      return void (await respond(
        ephemeral(`*${company}* has no contact person in Slack: set one with \`/sme edit ${company}\`.`),
      ));
    }
    const existing = await findResponse(deps.db, sme.id, template.key);
    if (existing && existing.status !== "done" && !request.again) {
      const { percent } = progress(existing.state);
      return void (await respond(
        ephemeral(
          `The ${template.title} template for *${company}* is ${percent}% done: answer in our DM to go on. Add \`again\` to start over.`,
        ),
      ));
    }
    // The respondent must speak for the SME to answer in the DM; nobody is moved from another company.
    const link = await linkToSme(deps.db, respondent, sme.id);
    if (!link.linked) {
      return void (await respond(
        ephemeral(
          `<@${respondent}> speaks for *${escapeMrkdwn(link.otherCompany.name)}*, and a person speaks for one company: name another contact with \`/sme edit ${escapeMrkdwn(sme.name)}\`.`,
        ),
      ));
    }
    const opened = await client.conversations.open({ users: respondent });
    const channel = opened.channel?.id;
    if (!channel) throw new Error(`Slack did not open a DM with ${respondent}`);
    if (existing && !request.again) {
      // A finished template opens again with its answers, to change some of them.
      const reopened = reopen(existing.state);
      await reopenResponse(deps.db, existing.id, reopened.state, channel);
      for (const text of reopened.replies) await client.chat.postMessage({ channel, text });
      return void (await respond(
        ephemeral(
          `:leftwards_arrow_with_hook: The finished ${template.title} template for *${company}* is open again in ${request.smeName ? `<@${respondent}>'s` : "our"} DM: answers can be changed with \`edit\`. Add \`again\` to start over instead.`,
        ),
      ));
    }
    const first = begin(startState(template), deps.llm ? "batch" : "single");
    await startResponse(deps.db, {
      smeId: sme.id,
      state: first.state,
      channelId: channel,
      bySlackId: actor.slackUserId,
      now: deps.clock.now(),
    });
    if (request.smeName) {
      await client.chat.postMessage({
        channel,
        text: `<@${actor.slackUserId}> asks you to fill in the ${template.title} template for *${company}*.`,
      });
    }
    for (const text of first.replies) await client.chat.postMessage({ channel, text });
    await respond(
      ephemeral(
        request.smeName
          ? `:speech_balloon: Sent the ${template.title} template to <@${respondent}> for *${company}*.`
          : `:speech_balloon: The ${template.title} template is waiting for you in our DM (the app's Messages tab).`,
      ),
    );
  }

  async function runReport({ actor, args, client, respond, deps }: CommandContext): Promise<void> {
    const marketWord = /\b(cn|china|us|usa)\s*$/i.exec(args)?.[1];
    const market = marketWord ? (/^c/i.test(marketWord) ? "CN" : "US") : undefined;
    const name = args.replace(/\b(cn|china|us|usa)\s*$/i, "").trim();
    let sme: SmeRecord | null;
    if (name) {
      if (!isStaff(actor))
        return void (await respond(ephemeral("You can see your own company's report: `/bi report`.")));
      const found = await oneSme(deps, name);
      if (typeof found === "string") return void (await respond(ephemeral(found)));
      sme = found;
    } else {
      sme = await smeOfMember(deps.db, actor.slackUserId);
      if (!sme) return void (await respond(ephemeral("Usage: `/bi report <company> [cn|us]`")));
    }
    const company = escapeMrkdwn(sme.name);
    const all = await responsesOf(deps.db, sme.id);
    const responses = all.filter((r) => !market || r.state.template.market === market);
    const done = responses.find((r) => r.status === "done");
    if (!done) {
      const going = responses[0];
      const others = all.filter((r) => !responses.includes(r)).map((r) => r.state.template.title);
      const text = going
        ? `*${company}* has not finished the ${going.state.template.title} template yet (${progress(going.state).percent}%).`
        : `*${company}* has not started ${market ? `the ${marketName[market]} template` : "a Business Intelligence template"}.${
            others.length > 0 ? ` It has started: ${others.join(", ")}.` : ""
          }`;
      return void (await respond(ephemeral(text)));
    }
    await deliverReport(deps, client, done, actor.slackUserId);
    await respond(ephemeral(`:page_facing_up: The ${done.state.template.title} report for *${company}* is in our DM.`));
  }

  async function runStatus({ respond, deps }: CommandContext): Promise<void> {
    const bySme = await responsesBySme(deps.db);
    const expected = await smesExpectedToFill(deps.db);
    const missions = await deps.db.mission.findMany({
      where: { status: { not: "closed" } },
      include: { participants: { where: { status: { not: "withdrawn" } }, select: { smeId: true } } },
      orderBy: { startDate: "asc" },
    });
    const inMissions = new Set(missions.flatMap((m) => m.participants.map((p) => p.smeId)));
    const groups: { title: string; smeIds: number[] }[] = [
      ...missions.map((m) => ({
        title: `${m.name} (${m.city}, ${m.startDate})`,
        smeIds: m.participants.map((p) => p.smeId),
      })),
      { title: "Not in a mission", smeIds: expected.filter((id) => !inMissions.has(id)) },
    ].filter((g) => g.smeIds.length > 0);
    if (groups.length === 0) {
      return void (await respond(
        ephemeral("No SME is expected to fill a template yet: approved SMEs and those who started one appear here."),
      ));
    }
    const waiting = groups.flatMap((g) => g.smeIds).filter((id) => !isFinished(bySme.get(id)));
    const blocks: KnownBlock[] = [
      { type: "header", text: { type: "plain_text", text: "Business Intelligence progress" } },
    ];
    if (waiting.length > 0) {
      blocks.push({
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: nudgeAllActionId,
            text: { type: "plain_text", text: `Nudge all ${new Set(waiting).size} not finished` },
            confirm: {
              title: { type: "plain_text", text: "Nudge them all?" },
              text: { type: "plain_text", text: "Each company that has not finished gets a reminder in a DM." },
              confirm: { type: "plain_text", text: "Nudge" },
              deny: { type: "plain_text", text: "Cancel" },
            },
          },
        ],
      });
    }
    for (const group of groups) {
      blocks.push({ type: "section", text: { type: "mrkdwn", text: `*${escapeMrkdwn(group.title)}*` } });
      // Those under way first (closest to a report), then those not started, the finished last.
      const stage = (id: number) => {
        const responses = bySme.get(id) ?? [];
        return isFinished(responses) ? 2 : responses.length > 0 ? 0 : 1;
      };
      const smes = (await getSmes(deps.db, group.smeIds)).sort((a, b) => stage(a.id) - stage(b.id));
      for (const sme of smes.slice(0, shownPerGroup)) {
        const responses = bySme.get(sme.id) ?? [];
        const text = `${escapeMrkdwn(sme.name)} — ${responses.length === 0 ? "not started" : responses.map(describeProgress).join(" · ")}`;
        blocks.push({
          type: "section",
          text: { type: "mrkdwn", text },
          ...(isFinished(responses)
            ? {}
            : {
                accessory: {
                  type: "button",
                  action_id: nudgeActionId,
                  text: { type: "plain_text", text: "Nudge" },
                  value: JSON.stringify({ smeId: sme.id }),
                },
              }),
        });
      }
      if (smes.length > shownPerGroup) {
        blocks.push({
          type: "context",
          elements: [
            {
              type: "mrkdwn",
              text: `…and ${smes.length - shownPerGroup} more (the Nudge all button reaches them too).`,
            },
          ],
        });
      }
    }
    await respond({ response_type: "ephemeral", text: "Business Intelligence progress", blocks: blocks.slice(0, 50) });
  }

  async function runUsage({ respond, deps }: CommandContext): Promise<void> {
    const u = await usageFigures(deps.db);
    if (u.calls === 0)
      return void (await respond(
        ephemeral("No LLM calls yet (without OPENAI_API_KEY the templates are read without one)."),
      ));
    const cost = u.byModel.reduce((sum, m) => sum + estimateCost(m.model, m.promptTokens, m.completionTokens), 0);
    const lines = [
      `*LLM usage*: ${u.calls} calls (${u.failedCalls} failed), ${u.promptTokens.toLocaleString("en-US")} prompt and ${u.completionTokens.toLocaleString("en-US")} completion tokens, median ${u.medianLatencyMs} ms.`,
      `Estimated cost: $${cost.toFixed(4)} in all${u.completed > 0 ? `, $${(cost / u.completed).toFixed(4)} per completed template (${u.completed} completed)` : ""}.`,
    ];
    await respond(ephemeral(lines.join("\n")));
  }

  return { runStart, runReport, runStatus, runUsage };
}

const shownPerGroup = 20;

/** Finished when it has started templates and every one is done. */
const isFinished = (responses: readonly StoredResponse[] | undefined) =>
  !!responses && responses.length > 0 && responses.every((r) => r.status === "done");

const marketName = { CN: "China", US: "United States" } as const;

function describeProgress(response: StoredResponse): string {
  const market = response.state.template.market === "CN" ? "China" : "US";
  if (response.status === "done") return `${market}: done`;
  return `${market}: ${progress(response.state).percent}%${response.status === "paused" ? " (paused)" : ""}`;
}

/** US$ per million tokens (input, output). Unknown models are priced like gpt-4o-mini. */
const prices: Record<string, [number, number]> = {
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-4o": [2.5, 10],
};

export function estimateCost(model: string, promptTokens: number, completionTokens: number): number {
  const [input, output] = prices[model] ?? prices["gpt-4o-mini"] ?? [0, 0];
  return (promptTokens * input + completionTokens * output) / 1_000_000;
}

/** Reminds the people of one SME, in their DMs, to go on with (or start) its template. */
async function nudgeSme(
  deps: AppDeps,
  client: WebClient,
  sme: SmeRecord,
  fromUserId: string,
): Promise<{ userId: string }[]> {
  const company = escapeMrkdwn(sme.name);
  const going = (await responsesOf(deps.db, sme.id)).find((r) => r.status !== "done");
  const text = going
    ? `:wave: <@${fromUserId}> reminds you: the ${going.state.template.title} template for *${company}* is ${progress(going.state).percent}% done. Reply in this DM to go on where you left off.`
    : `:wave: <@${fromUserId}> reminds you to fill in a Business Intelligence template for *${company}* before the mission: \`/bi start cn\` or \`/bi start us\`.`;
  return (await sendDirectMessages(client, deps.logger, await peopleOfSme(deps.db, sme), { text })).sent;
}

export function registerNudge(app: App, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(nudgeActionId, async ({ ack, body, client, respond }) => {
    await ack();
    const check = await authorize(deps, body.user.id, "bi.manage");
    const value = z.object({ smeId: z.number().int().positive() }).safeParse(parseJson(body.actions[0]?.value));
    if (!check.allowed || !value.success) {
      return void (await respond({
        replace_original: false,
        text: check.allowed ? "This button is out of date." : check.message,
      }));
    }
    const sme = await getSme(deps.db, value.data.smeId);
    if (!sme) return;
    const sent = await nudgeSme(deps, client, sme, body.user.id);
    const company = escapeMrkdwn(sme.name);
    await respond({
      replace_original: false,
      response_type: "ephemeral",
      text:
        sent.length > 0
          ? `Nudged ${sent.map((s) => `<@${s.userId}>`).join(", ")} about *${company}*.`
          : `*${company}* has nobody in Slack to nudge.`,
    });
  });

  // Every SME expected to fill a template that has not finished: one company after another, so
  // the DMs go out at Slack's pace (the Web API client waits out rate limits).
  app.action<BlockAction<ButtonAction>>(nudgeAllActionId, async ({ ack, body, client, respond }) => {
    await ack();
    const check = await authorize(deps, body.user.id, "bi.manage");
    if (!check.allowed) return void (await respond({ replace_original: false, text: check.message }));
    const bySme = await responsesBySme(deps.db);
    const waiting = (await getSmes(deps.db, await smesExpectedToFill(deps.db))).filter(
      (sme) => !isFinished(bySme.get(sme.id)),
    );
    const unreachable: string[] = [];
    let people = 0;
    for (const sme of waiting) {
      const sent = await nudgeSme(deps, client, sme, body.user.id);
      if (sent.length === 0) unreachable.push(escapeMrkdwn(sme.name));
      people += sent.length;
    }
    const reached = waiting.length - unreachable.length;
    await respond({
      replace_original: false,
      response_type: "ephemeral",
      text: [
        `Nudged ${people} ${people === 1 ? "person" : "people"} at ${reached} ${reached === 1 ? "company" : "companies"}.`,
        ...(unreachable.length > 0 ? [`Nobody in Slack to nudge at: ${unreachable.join(", ")}.`] : []),
      ].join(" "),
    });
  });
}
