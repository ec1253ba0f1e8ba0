/** `/bi start | status | report | usage` and the Nudge buttons. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import { parseJson } from "../../platform/json.js";
import { type AppDeps, type CommandContext, ephemeral } from "../../platform/slack/feature.js";
import { actorOf, guardAction } from "../../platform/slack/guard.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { linkToSme, peopleOfSme } from "../core/index.js";
import { findSmesByName, getSme, getSmes, type SmeRecord, smeOfMember } from "../directory/index.js";
import { missionDelegations } from "../missions/index.js";
import {
  findResponse,
  reopenResponse,
  responsesBySme,
  responsesOf,
  smesExpectedToFill,
  startResponse,
  usageFigures,
} from "./bi-store.js";
import { begin, progress, reopen, startState } from "./conversation.js";
import { deliverReport } from "./conversation-listeners.js";
import type { TemplateCatalog } from "./template-files.js";
import { usageSummary } from "./usage.js";
import {
  isFinished,
  nudgeActionId,
  nudgeAllActionId,
  nudgedAllText,
  nudgedText,
  nudgeText,
  type ProgressGroup,
  progressMessage,
} from "./views.js";

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
    const missions = await missionDelegations(deps.db);
    const inMissions = new Set(missions.flatMap((m) => m.smeIds));
    const groupIds = [
      ...missions.map((m) => ({ title: `${m.name} (${m.city}, ${m.startDate})`, smeIds: m.smeIds })),
      { title: "Not in a mission", smeIds: expected.filter((id) => !inMissions.has(id)) },
    ].filter((g) => g.smeIds.length > 0);
    if (groupIds.length === 0) {
      return void (await respond(
        ephemeral("No SME is expected to fill a template yet: approved SMEs and those who started one appear here."),
      ));
    }
    const groups: ProgressGroup[] = [];
    for (const group of groupIds) {
      const smes = await getSmes(deps.db, group.smeIds);
      groups.push({
        title: group.title,
        smes: smes.map((sme) => ({ id: sme.id, name: sme.name, responses: bySme.get(sme.id) ?? [] })),
      });
    }
    await respond({ response_type: "ephemeral", ...progressMessage(groups) });
  }

  async function runUsage({ respond, deps }: CommandContext): Promise<void> {
    await respond(ephemeral(usageSummary(await usageFigures(deps.db))));
  }

  return { runStart, runReport, runStatus, runUsage };
}

const marketName = { CN: "China", US: "United States" } as const;

/** Reminds the people of one SME, in their DMs, to go on with (or start) its template. */
async function nudgeSme(deps: AppDeps, client: WebClient, sme: SmeRecord, fromUserId: string): Promise<string[]> {
  const going = (await responsesOf(deps.db, sme.id)).find((r) => r.status !== "done");
  const text = nudgeText(sme.name, fromUserId, going);
  const { sent } = await sendDirectMessages(client, deps.logger, await peopleOfSme(deps.db, sme), { text });
  return sent.map((s) => s.userId);
}

const nudgeValue = z.object({ smeId: z.number().int().positive() });

export function registerNudge(app: App, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(
    nudgeActionId,
    guardAction(deps, "bi.manage"),
    async ({ body, client, context, respond }) => {
      const actor = actorOf(context);
      const value = nudgeValue.safeParse(parseJson(body.actions[0]?.value));
      if (!value.success) {
        return void (await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: "This button is out of date.",
        }));
      }
      const sme = await getSme(deps.db, value.data.smeId);
      if (!sme) return;
      const sent = await nudgeSme(deps, client, sme, actor.slackUserId);
      await respond({ response_type: "ephemeral", replace_original: false, text: nudgedText(sme.name, sent) });
    },
  );

  // Every SME expected to fill a template that has not finished: one company after another, so
  // the DMs go out at Slack's pace (the Web API client waits out rate limits).
  app.action<BlockAction<ButtonAction>>(
    nudgeAllActionId,
    guardAction(deps, "bi.manage"),
    async ({ client, context, respond }) => {
      const actor = actorOf(context);
      const bySme = await responsesBySme(deps.db);
      const waiting = (await getSmes(deps.db, await smesExpectedToFill(deps.db))).filter(
        (sme) => !isFinished(bySme.get(sme.id)),
      );
      const unreachable: string[] = [];
      let people = 0;
      for (const sme of waiting) {
        const sent = await nudgeSme(deps, client, sme, actor.slackUserId);
        if (sent.length === 0) unreachable.push(sme.name);
        people += sent.length;
      }
      const reached = waiting.length - unreachable.length;
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: nudgedAllText(people, reached, unreachable),
      });
    },
  );
}
