/**
 * Meeting requests: `/meet request`, the suggestion's Request meeting button and the form they open;
 * the answers (staff for an organisation, the other SME's people for an SME); `/meet my` with
 * Withdraw; `/meet requests <mission>` for staff; Reopen of a declined request.
 *
 * Who may answer for an organisation: any staff member or admin. Organisations are the mission's, not
 * a cluster's, and on a mission whoever hears the organisation's answer records it; the record names
 * who did. Reopening a declined request overrides an answer the SME was given, so it is for the
 * SME's own cluster's staff (or an admin), the same people who review its profile (reviewRights).
 */

import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import { type AppDeps, type CommandContext, ephemeral } from "../../platform/slack/feature.js";
import { readSubmittedForm } from "../../platform/slack/form-blocks.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { peopleOfSme, reviewersFor, reviewRights } from "../core/index.js";
import { getSme, getSmes, type SmeRecord } from "../directory/index.js";
import {
  delegationSmeIds,
  getMission,
  getOrganisation,
  type MissionRecord,
  organisationsOfMission,
} from "../missions/index.js";
import { placesLeftText, type RequestStatus, requestFormSchema } from "./request.js";
import { actsFor, checkRequest, missionNamed, missionOfSme, smeForActor } from "./request-context.js";
import {
  getRequest,
  moveRequest,
  type RequestRecord,
  type RequestTarget,
  requestsOfMission,
  requestsOfSme,
  saveRequest,
} from "./request-store.js";
import { findByName, splitTrailing } from "./request-targets.js";
import {
  actionIds,
  answerMessage,
  answerOrigins,
  myRequests,
  pendingOrganisationRequests,
  requestFormCallbackId,
  requestModal,
  smeRequestPrompt,
} from "./views.js";

const requestUsage =
  "`/meet request <organisation or company of your delegation>` · staff: `/meet request <organisation> for <company>`; add `in <mission>` to pick a mission";

/** A request about to be made: the mission, the SME that asks, and whom it asks (with its name). */
type Draft = { mission: MissionRecord; sme: SmeRecord; target: RequestTarget & { name: string; autoAccept: boolean } };

/** What the form carries between opening and submission (private_metadata), and the button's value. */
const draftKey = z.object({
  m: z.number().int().positive(),
  s: z.number().int().positive(),
  o: z.number().int().positive().optional(),
  t: z.number().int().positive().optional(),
});
type DraftKey = z.infer<typeof draftKey>;

/**
 * Loads a draft from its key and checks it against the database: the SME is in the mission's
 * delegation, and the counterpart is one of the mission's organisations or another SME of it.
 */
async function loadDraft(deps: AppDeps, key: DraftKey): Promise<Draft | string> {
  const [mission, sme] = await Promise.all([getMission(deps.db, key.m), getSme(deps.db, key.s)]);
  if (!mission || !sme) return "That mission or company no longer exists.";
  const delegation = await delegationSmeIds(deps.db, mission.id);
  if (!delegation.includes(sme.id))
    return `${escapeMrkdwn(sme.name)} is not in the delegation of ${escapeMrkdwn(mission.name)}.`;
  if (key.o !== undefined && key.t === undefined) {
    const organisation = await getOrganisation(deps.db, key.o);
    const inMission = (await organisationsOfMission(deps.db, mission.id)).some((o) => o.id === key.o);
    if (!organisation || !inMission) return "That organisation is not in this mission.";
    return {
      mission,
      sme,
      target: {
        kind: "organisation",
        id: organisation.id,
        name: organisation.name,
        autoAccept: organisation.autoAccept,
      },
    };
  }
  if (key.t !== undefined && key.o === undefined) {
    const other = await getSme(deps.db, key.t);
    if (!other || other.id === sme.id || !delegation.includes(other.id)) return "That SME is not in this delegation.";
    return { mission, sme, target: { kind: "sme", id: other.id, name: other.name, autoAccept: false } };
  }
  return "This button is out of date: run `/meet suggest` again.";
}

const keyOf = (draft: Draft): DraftKey => ({
  m: draft.mission.id,
  s: draft.sme.id,
  ...(draft.target.kind === "organisation" ? { o: draft.target.id } : { t: draft.target.id }),
});

/** Checks the rules, then opens the form; a refusal goes where the person asked. */
async function openRequestForm(
  deps: AppDeps,
  client: WebClient,
  triggerId: string,
  draft: Draft,
  refuse: (text: string) => Promise<unknown>,
): Promise<void> {
  const check = await checkRequest(deps, {
    mission: draft.mission,
    smeId: draft.sme.id,
    target: draft.target,
    counterpartName: draft.target.name,
  });
  if (!check.ok) {
    await refuse(check.reason);
    return;
  }
  await client.views.open({
    trigger_id: triggerId,
    view: requestModal({
      counterpartName: draft.target.name,
      missionName: draft.mission.name,
      left: check.left,
      metadata: JSON.stringify(keyOf(draft)),
    }),
  });
}

/** `/meet request <name> [for <company>] [in <mission>]`. */
export async function runRequest({ actor, args, command, client, respond, deps }: CommandContext): Promise<void> {
  const { head: withoutMission, tail: missionTyped } = splitTrailing(args, "in");
  const { head: name, tail: company } = splitTrailing(withoutMission, "for");
  if (!name) return void (await respond(ephemeral(`Usage: ${requestUsage}`)));
  const sme = await smeForActor(deps, actor, company, requestUsage);
  if (!sme.ok) return void (await respond(ephemeral(sme.message)));
  const where = await missionOfSme(deps, sme.value, missionTyped);
  if (!where.ok) return void (await respond(ephemeral(where.message)));
  const { mission } = where.value;
  const organisations = findByName(await organisationsOfMission(deps.db, mission.id), name);
  let key: DraftKey | undefined = organisations.found
    ? { m: mission.id, s: sme.value.id, o: organisations.found.id }
    : undefined;
  if (!key && organisations.candidates.length === 0) {
    const others = (await delegationSmeIds(deps.db, mission.id)).filter((id) => id !== sme.value.id);
    const found = findByName(await getSmes(deps.db, others), name);
    if (found.found) key = { m: mission.id, s: sme.value.id, t: found.found.id };
  }
  if (!key) {
    const candidates = organisations.candidates.map((o) => escapeMrkdwn(o.name));
    return void (await respond(
      ephemeral(
        candidates.length > 1
          ? `Several organisations match “${escapeMrkdwn(name)}”: ${candidates.join(", ")}.`
          : `No organisation or SME of ${escapeMrkdwn(mission.name)} is called “${escapeMrkdwn(name)}”. \`/meet suggest\` lists whom to ask.`,
      ),
    ));
  }
  const draft = await loadDraft(deps, key);
  if (typeof draft === "string") return void (await respond(ephemeral(draft)));
  await openRequestForm(deps, client, command.trigger_id, draft, (text) => respond(ephemeral(text)));
}

/** `/meet my`: the requests of the person's company (staff: `/meet my <company>`). */
export async function runMy({ actor, args, respond, deps }: CommandContext): Promise<void> {
  const sme = await smeForActor(deps, actor, args || undefined, "`/meet my <company>`");
  if (!sme.ok) return void (await respond(ephemeral(sme.message)));
  const requests = await requestsOfSme(deps.db, sme.value.id);
  await respond({ response_type: "ephemeral", ...myRequests(sme.value.name, sme.value.id, requests) });
}

/** `/meet requests <mission>`: staff's list of pending requests to organisations, with Accept and Decline. */
export async function runRequests({ args, respond, deps }: CommandContext): Promise<void> {
  if (!args) return void (await respond(ephemeral("Usage: `/meet requests <mission>`")));
  const mission = await missionNamed(deps, args);
  if (!mission.ok) return void (await respond(ephemeral(mission.message)));
  const requests = await requestsOfMission(deps.db, mission.value.id);
  await respond({ response_type: "ephemeral", ...pendingOrganisationRequests(mission.value.name, requests) });
}

/** Tells an SME's people (its contact and members). */
async function tellSme(deps: AppDeps, client: WebClient, smeId: number, text: string): Promise<void> {
  const sme = await getSme(deps.db, smeId);
  if (sme) await sendDirectMessages(client, deps.logger, await peopleOfSme(deps.db, sme), { text });
}

/** Who may answer a request: staff for an organisation, the asked SME's own people for an SME. */
function answerRefusal(actor: Actor, request: RequestRecord): string | null {
  if (request.target.kind === "organisation") {
    return isStaff(actor) ? null : ":no_entry: Staff record the answers of organisations.";
  }
  return actor.smeId === request.target.id
    ? null
    : `:no_entry: Only the people of ${escapeMrkdwn(request.target.name)} can answer this request.`;
}

/** Says in place of the clicked message, or by DM when there is none. */
async function tellWhereClicked(
  client: WebClient,
  respond: RespondFn,
  body: BlockAction,
  message: { text: string; blocks?: KnownBlock[] },
  replace: boolean,
): Promise<void> {
  if (body.response_url) {
    await respond({ response_type: "ephemeral", replace_original: replace, ...message });
  } else {
    await client.chat.postMessage({ channel: body.user.id, text: message.text });
  }
}

const requestIdValue = z.coerce.number().int().positive();

export function registerRequestListeners(app: App, deps: AppDeps): void {
  const refuseForged = async (click: ButtonClick, text: string, why: string) => {
    deps.logger.warn({ user: click.body.user.id, action: click.body.actions[0]?.action_id }, why);
    await tellWhereClicked(click.client, click.respond, click.body, { text }, false);
  };

  /** The Request meeting button of a suggestion. */
  const onRequestClicked = async (click: ButtonClick): Promise<void> => {
    const { body, client, context, respond } = click;
    const actor = actorOf(context);
    const key = draftKey.safeParse(parseJson(body.actions[0]?.value));
    if (!key.success) return void (await respond(ephemeral("This button is out of date: run `/meet suggest` again.")));
    if (!actsFor(actor, key.data.s)) {
      return refuseForged(
        click,
        ":no_entry: You can request meetings for your own company only.",
        "refused: request for another SME",
      );
    }
    const draft = await loadDraft(deps, key.data);
    if (typeof draft === "string") return void (await tellWhereClicked(client, respond, body, { text: draft }, false));
    await openRequestForm(deps, client, body.trigger_id, draft, (text) =>
      tellWhereClicked(client, respond, body, { text }, false),
    );
  };

  const onFormSubmitted = async ({ ack, body, view, client, context }: FormSubmission): Promise<void> => {
    const actor = actorOf(context);
    const key = draftKey.safeParse(parseJson(view.private_metadata));
    const formError = (text: string) => ack({ response_action: "errors", errors: { priority: text } });
    if (!key.success) return void (await formError("This form is out of date: close it and try again."));
    if (!actsFor(actor, key.data.s)) {
      deps.logger.warn({ user: body.user.id }, "refused: request form for another SME");
      return void (await formError(":no_entry: You can request meetings for your own company only."));
    }
    const submitted = readSubmittedForm(view.state.values);
    const form = requestFormSchema.safeParse({
      priority: submitted.one("priority"),
      message: submitted.one("message"),
    });
    if (!form.success) {
      const errors: Record<string, string> = {};
      for (const issue of form.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return void (await ack({ response_action: "errors", errors }));
    }
    const draft = await loadDraft(deps, key.data);
    if (typeof draft === "string") return void (await formError(draft));
    const check = await checkRequest(deps, {
      mission: draft.mission,
      smeId: draft.sme.id,
      target: draft.target,
      counterpartName: draft.target.name,
    });
    if (!check.ok) return void (await formError(check.reason));
    const saved = await saveRequest(
      deps.db,
      {
        missionId: draft.mission.id,
        smeId: draft.sme.id,
        target: draft.target,
        priority: form.data.priority,
        message: form.data.message,
        bySlackId: actor.slackUserId,
        acceptAtOnce: draft.target.autoAccept,
      },
      deps.clock.now(),
    );
    if (!saved) return void (await formError("This request was just made (another window?): see `/meet my`."));
    await ack();
    await announceNewRequest(deps, client, saved, actor.slackUserId, placesLeftText(check.left));
  };

  /** Accept or Decline: staff for an organisation, the asked SME's people for an SME. */
  const onAnswer =
    (to: Extract<RequestStatus, "accepted" | "declined">) =>
    async (click: ButtonClick): Promise<void> => {
      const { body, client, context, respond } = click;
      const actor = actorOf(context);
      const id = requestIdValue.safeParse(body.actions[0]?.value);
      const request = id.success ? await getRequest(deps.db, id.data) : undefined;
      if (!request)
        return void (await tellWhereClicked(client, respond, body, { text: "That request no longer exists." }, false));
      const refusal = answerRefusal(actor, request);
      if (refusal) return refuseForged(click, refusal, "refused: answer to a request for someone else");
      const moved = await moveRequest(
        deps.db,
        { id: request.id, from: "requested", to, bySlackId: actor.slackUserId },
        deps.clock.now(),
      );
      if (!moved) {
        const now = await getRequest(deps.db, request.id);
        const text = `This request was already answered: it is ${now?.status === "requested" ? "pending" : (now?.status ?? "gone")}.`;
        return void (await tellWhereClicked(client, respond, body, { text }, false));
      }
      const answered = answerMessage(request, to, actor.slackUserId);
      const origin = body.actions[0]?.block_id ?? "";
      if (origin.startsWith(answerOrigins.staffList)) {
        // The list stays usable: the answer on top, the requests still pending below.
        const list = pendingOrganisationRequests(
          request.missionName,
          await requestsOfMission(deps.db, request.missionId),
          answered.blocks,
        );
        await tellWhereClicked(client, respond, body, list, true);
      } else {
        await tellWhereClicked(client, respond, body, answered, origin.startsWith(answerOrigins.prompt));
      }
      await tellSme(deps, client, request.smeId, answered.text);
    };

  /** Withdraw a pending request the SME made (from `/meet my`). */
  const onWithdraw = async (click: ButtonClick): Promise<void> => {
    const { body, client, context, respond } = click;
    const actor = actorOf(context);
    const id = requestIdValue.safeParse(body.actions[0]?.value);
    const request = id.success ? await getRequest(deps.db, id.data) : undefined;
    if (!request)
      return void (await tellWhereClicked(client, respond, body, { text: "That request no longer exists." }, false));
    if (!actsFor(actor, request.smeId)) {
      return refuseForged(
        click,
        ":no_entry: You can withdraw your own company's requests only.",
        "refused: withdraw for another SME",
      );
    }
    const moved = await moveRequest(
      deps.db,
      { id: request.id, from: "requested", to: "withdrawn", bySlackId: actor.slackUserId },
      deps.clock.now(),
    );
    const text = moved
      ? `Withdrawn: your request to meet *${escapeMrkdwn(request.target.name)}*. You can ask again while requests are open.`
      : "Only a pending request can be withdrawn: this one was answered already.";
    await tellWhereClicked(client, respond, body, { text }, false);
    if (moved && request.target.kind === "sme") {
      await tellSme(
        deps,
        client,
        request.target.id,
        `${escapeMrkdwn(request.smeName)} withdrew its request to meet you on ${escapeMrkdwn(request.missionName)}.`,
      );
    }
  };

  /** Reopen a declined request: its SME's cluster staff or an admin (see the file's comment). */
  const onReopen = async (click: ButtonClick): Promise<void> => {
    const { body, client, context, respond } = click;
    const actor = actorOf(context);
    const id = requestIdValue.safeParse(body.actions[0]?.value);
    const request = id.success ? await getRequest(deps.db, id.data) : undefined;
    const sme = request ? await getSme(deps.db, request.smeId) : null;
    if (!request || !sme)
      return void (await tellWhereClicked(client, respond, body, { text: "That request no longer exists." }, false));
    const { reviewers } = await reviewRights(deps.db, sme.cluster, deps.config.admins);
    if (!reviewers.has(actor.slackUserId)) {
      return refuseForged(
        click,
        `:no_entry: The staff of ${escapeMrkdwn(sme.name)}'s cluster (or an admin) reopen its requests.`,
        "refused: reopen outside the SME's cluster",
      );
    }
    const moved = await moveRequest(
      deps.db,
      { id: request.id, from: "declined", to: "requested", bySlackId: actor.slackUserId },
      deps.clock.now(),
    );
    const text = moved
      ? `Reopened: ${escapeMrkdwn(sme.name)}'s request to meet *${escapeMrkdwn(request.target.name)}* is pending again.`
      : "Only a declined request can be reopened: this one is not declined any more.";
    await tellWhereClicked(client, respond, body, { text }, false);
    if (!moved) return;
    await tellSme(
      deps,
      client,
      sme.id,
      `<@${actor.slackUserId}> reopened your request to meet *${escapeMrkdwn(request.target.name)}*: it waits for an answer again.`,
    );
    if (request.target.kind === "sme") {
      const target = await getSme(deps.db, request.target.id);
      const reopened = await getRequest(deps.db, request.id);
      if (target && reopened)
        await sendDirectMessages(client, deps.logger, await peopleOfSme(deps.db, target), smeRequestPrompt(reopened));
    }
  };

  const members = guardAction(deps, "meetings.request");
  app.action<BlockAction<ButtonAction>>(actionIds.openRequest, members, onRequestClicked);
  app.action<BlockAction<ButtonAction>>(actionIds.accept, members, onAnswer("accepted"));
  app.action<BlockAction<ButtonAction>>(actionIds.decline, members, onAnswer("declined"));
  app.action<BlockAction<ButtonAction>>(actionIds.withdraw, members, onWithdraw);
  app.action<BlockAction<ButtonAction>>(actionIds.reopen, guardAction(deps, "meetings.manage"), onReopen);
  app.view(requestFormCallbackId, guardView(deps, "meetings.request"), onFormSubmitted);
}

/**
 * After a request is saved: the person who made it is told (with the places left); an SME asked is
 * sent Accept and Decline; an organisation that accepts every request has accepted, and both sides
 * hear it (the SME's people, and its cluster's staff, who speak for the organisation).
 */
async function announceNewRequest(
  deps: AppDeps,
  client: WebClient,
  request: RequestRecord,
  bySlackId: string,
  placesLeft: string,
): Promise<void> {
  const target = `*${escapeMrkdwn(request.target.name)}*`;
  if (request.status === "accepted") {
    const text = `:handshake: ${target} accepts every request: the meeting with *${escapeMrkdwn(request.smeName)}* on ${escapeMrkdwn(request.missionName)} is accepted. ${placesLeft}`;
    const sme = await getSme(deps.db, request.smeId);
    const people = sme ? await peopleOfSme(deps.db, sme) : [];
    const staff = await reviewersFor(deps.db, sme?.cluster ?? null, deps.config.admins);
    await sendDirectMessages(client, deps.logger, [bySlackId, ...people, ...staff], { text });
    return;
  }
  const answer =
    request.target.kind === "sme" ? "its people answer in Slack" : "staff record the organisation's answer";
  await client.chat.postMessage({
    channel: bySlackId,
    text: `Request sent: *${escapeMrkdwn(request.smeName)}* asks to meet ${target} on ${escapeMrkdwn(request.missionName)}; ${answer}. ${placesLeft}`,
  });
  if (request.target.kind === "sme") {
    const other = await getSme(deps.db, request.target.id);
    if (other)
      await sendDirectMessages(client, deps.logger, await peopleOfSme(deps.db, other), smeRequestPrompt(request));
  }
}
