/** Finding SMEs: `/sme find`, `/sme show`, the Previous/Next buttons and the View button. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import type { AppDeps, CommandContext } from "../../platform/slack/feature.js";
import { actorOf, type ButtonClick, guardAction } from "../../platform/slack/guard.js";
import { canManageSme, isStaff } from "./access.js";
import type { SmeStatus } from "./profile.js";
import { findUsage, maxQueryLength, parseDirectoryQuery, relaxedQueries, toFtsQuery } from "./query.js";
import { findSmesByName, searchDirectory } from "./search-store.js";
import { getSme, getSmes } from "./sme-loading.js";
import { actionIds, matchingSmes, noResults, profileView, searchResults } from "./views.js";

export const pageSize = 8;

/** What a person typed, shown back in mrkdwn: escaped, and short enough for any Slack block. */
function typedBack(typed: string, max = 200): string {
  return escapeMrkdwn(typed.length > max ? `${typed.slice(0, max)}…` : typed);
}

const quoted = (typed: string) => `“${typedBack(typed)}”`;

/** Runs a search and renders the page; the same for the command and the page buttons. */
export async function resultsMessage(deps: AppDeps, typed: string, offset: number) {
  // Control characters mean nothing in a search, and the page buttons' JSON value would carry each
  // as six characters (Slack caps a button value at 2,000).
  const queryText = typed.replace(/\p{Cc}+/gu, " ");
  const parsed = parseDirectoryQuery(queryText);
  if (!parsed.ok) return { text: parsed.message };
  const page = await searchDirectory(deps.db, parsed.query, { offset, limit: pageSize });
  if (page.total === 0) {
    // Suggest the filter whose removal brings back the most results; dropping the words comes last.
    let best: { filter: string; count: number } | undefined;
    for (const option of relaxedQueries(parsed.query)) {
      if (option.dropsWords && best && best.count > 0) break;
      const { total } = await searchDirectory(deps.db, option.query, { offset: 0, limit: 1 });
      if (!best || total > best.count) best = { filter: option.filter, count: total };
    }
    return { text: noResults(queryText, best) };
  }
  const smes = await getSmes(deps.db, page.ids);
  if (smes.length === 0) {
    return {
      text: `:mag: There are no more results for ${quoted(queryText)}. Run \`/sme find ${typedBack(queryText)}\` to start again.`,
    };
  }
  const order = toFtsQuery(parsed.query.text) ? "relevance" : "newest";
  return searchResults({
    queryText,
    total: page.total,
    totalIsAtLeast: page.totalIsAtLeast,
    offset,
    pageSize,
    smes,
    order,
  });
}

export async function runFind({ args, respond, deps }: CommandContext): Promise<void> {
  if (args === "") {
    await respond({ response_type: "ephemeral", text: findUsage });
    return;
  }
  await respond({ response_type: "ephemeral", ...(await resultsMessage(deps, args, 0)) });
}

function visibleStatuses(actor: Actor): SmeStatus[] {
  return isStaff(actor) ? ["approved", "pending", "draft", "archived"] : ["approved"];
}

export async function runShow({ actor, args, client, command, respond, deps }: CommandContext): Promise<void> {
  if (args === "") {
    await respond({ response_type: "ephemeral", text: "Usage: `/sme show <company name>`" });
    return;
  }
  const ids = await findSmesByName(deps.db, args, visibleStatuses(actor));
  const smes = await getSmes(deps.db, ids);
  const [first] = smes;
  if (!first) {
    await respond({
      response_type: "ephemeral",
      text: `No listed SME is called ${quoted(args)}. Try \`/sme find ${typedBack(args)}\`.`,
    });
    return;
  }
  if (smes.length === 1) {
    await client.views.open({
      trigger_id: command.trigger_id,
      view: profileView(first, { showContact: canManageSme(actor, first.id), canEdit: canManageSme(actor, first.id) }),
    });
    return;
  }
  await respond({ response_type: "ephemeral", ...matchingSmes(`${smes.length} SMEs match ${quoted(args)}:`, smes) });
}

/** What the Previous/Next buttons carry (views.ts): the query as /sme find accepted it. */
const pageValue = z.object({ q: z.string().max(maxQueryLength), o: z.number().int().min(0) });

export function registerFindListeners(app: App, deps: AppDeps): void {
  const onPageClicked = async ({ body, respond }: ButtonClick): Promise<void> => {
    const value = pageValue.safeParse(parseJson(body.actions[0]?.value));
    if (!value.success) {
      await respond({ response_type: "ephemeral", replace_original: false, text: findUsage });
      return;
    }
    await respond({
      response_type: "ephemeral",
      replace_original: true,
      ...(await resultsMessage(deps, value.data.q, value.data.o)),
    });
  };

  /** View on a search result: a listed profile for anyone, any other only for staff and the SME's own members. */
  const onViewClicked = async ({ body, client, context }: ButtonClick): Promise<void> => {
    const actor = actorOf(context);
    const id = z.coerce.number().int().positive().safeParse(body.actions[0]?.value);
    const sme = id.success ? await getSme(deps.db, id.data) : null;
    if (!sme || (sme.status !== "approved" && !canManageSme(actor, sme.id))) {
      deps.logger.warn({ user: body.user.id, value: body.actions[0]?.value }, "refused: view of an SME not listed");
      await client.chat.postMessage({ channel: body.user.id, text: "That profile is not listed in the directory." });
      return;
    }
    const view = profileView(sme, { showContact: canManageSme(actor, sme.id), canEdit: canManageSme(actor, sme.id) });
    if (body.container?.type === "view" && body.view?.type === "modal") {
      await client.views.push({ trigger_id: body.trigger_id, view });
    } else {
      await client.views.open({ trigger_id: body.trigger_id, view });
    }
  };

  app.action<BlockAction<ButtonAction>>(/^directory\.page\./, guardAction(deps, "directory.search"), onPageClicked);
  app.action<BlockAction<ButtonAction>>(actionIds.view, guardAction(deps, "directory.search"), onViewClicked);
}
