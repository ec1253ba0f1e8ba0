/** Block Kit for matchmaking: suggestions, the request form, requests lists and the staff overview. Pure. */

import type { KnownBlock, View } from "@slack/types";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { inputBlock } from "../../platform/slack/form-blocks.js";
import { formatInstant } from "../missions/index.js";
import type { Suggestion } from "./match-input.js";
import type { MissionOverview } from "./overview.js";
import { defaultPriority, type RequestStatus, requestMessageMax, requestPriorities, statusWords } from "./request.js";
import type { RequestRecord } from "./request-store.js";

export const actionIds = {
  openRequest: "meet.open_request",
  withdraw: "meet.withdraw",
  accept: "meet.accept",
  decline: "meet.decline",
  reopen: "meet.reopen",
  /** The staff overview of a mission (value: the mission's id), for `/mission show` to offer as a button. */
  openOverview: "meet.open_overview",
  suggestForOrganisation: "meet.suggest_for_organisation",
} as const;

export const requestFormCallbackId = "meet.request_form";

type Message = { text: string; blocks: KnownBlock[] };

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });
const button = (actionId: string, label: string, value: string, style?: "primary" | "danger") => ({
  type: "button" as const,
  action_id: actionId,
  text: { type: "plain_text" as const, text: label.slice(0, 75) },
  value,
  ...(style ? { style } : {}),
});

/** What a Request meeting button carries: the mission, the SME that asks and whom it asks. */
export type RequestButtonValue = { m: number; s: number; o?: number; t?: number };

const percent = (score: number) => `${Math.round(score * 100)}%`;

/** "their project needs …; both in energy storage." as one sentence starting with a capital. */
export function reasonsSentence(reasons: readonly string[]): string {
  const text = reasons.join("; ");
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : "A fair fit on what both sides said.";
}

/** "o:12" or "s:4": a counterpart as the key of what the SME already asked. */
export function counterpartKey(counterpart: { kind: "organisation" | "sme"; id: number }): string {
  return `${counterpart.kind === "organisation" ? "o" : "s"}:${counterpart.id}`;
}

function suggestionBlock(
  rank: number,
  suggestion: Suggestion,
  request: RequestButtonValue | null,
  asked?: RequestStatus,
): KnownBlock {
  const name = escapeMrkdwn(suggestion.counterpart.name);
  const already = asked ? ` · _you asked: ${statusWords[asked]}_` : "";
  const text = `*${rank}. ${name}* · ${percent(suggestion.score)} fit${already}\n${escapeMrkdwn(reasonsSentence(suggestion.reasons))}`;
  if (!request || asked) return section(text.slice(0, 3000));
  return {
    type: "section",
    text: { type: "mrkdwn", text: text.slice(0, 3000) },
    accessory: button(actionIds.openRequest, "Request meeting", JSON.stringify(request)),
  };
}

/** `/meet suggest` for an SME: the organisations first, then the SMEs of its delegation it complements. */
export function smeSuggestions(input: {
  smeName: string;
  missionName: string;
  missionId: number;
  smeId: number;
  organisations: readonly Suggestion[];
  smes: readonly Suggestion[];
  /** False after the deadline: the list is shown without buttons. */
  canRequest: boolean;
  /** The status of the SME's requests (withdrawn ones left out) by counterpartKey: shown instead of a button. */
  asked: ReadonlyMap<string, RequestStatus>;
  note?: string | undefined;
}): Message {
  const heading = `*Who ${escapeMrkdwn(input.smeName)} should meet on ${escapeMrkdwn(input.missionName)}*`;
  const blocks: KnownBlock[] = [section(heading)];
  if (input.note) blocks.push(context(input.note));
  const buttonFor = (suggestion: Suggestion): RequestButtonValue | null => {
    if (!input.canRequest) return null;
    const base = { m: input.missionId, s: input.smeId };
    return suggestion.counterpart.kind === "organisation"
      ? { ...base, o: suggestion.counterpart.id }
      : { ...base, t: suggestion.counterpart.id };
  };
  if (input.organisations.length === 0) {
    blocks.push(section("No local organisation of this mission fits yet (only those in a market you target count)."));
  } else {
    blocks.push(section("*Local organisations*"));
    input.organisations.forEach((s, i) => {
      blocks.push(suggestionBlock(i + 1, s, buttonFor(s), input.asked.get(counterpartKey(s.counterpart))));
    });
  }
  if (input.smes.length > 0) {
    blocks.push(section("*SMEs of your delegation that complement you*"));
    input.smes.forEach((s, i) => {
      blocks.push(suggestionBlock(i + 1, s, buttonFor(s), input.asked.get(counterpartKey(s.counterpart))));
    });
  }
  const names = input.organisations.map((s) => s.counterpart.name).join(", ");
  return { text: `Suggestions for ${escapeMrkdwn(input.smeName)}: ${escapeMrkdwn(names)}`, blocks };
}

/** For staff: the SMEs of the delegation an organisation should meet. */
export function organisationSuggestions(
  organisationName: string,
  missionName: string,
  suggestions: readonly Suggestion[],
): Message {
  const heading = `*SMEs of ${escapeMrkdwn(missionName)} that ${escapeMrkdwn(organisationName)} should meet*`;
  const blocks: KnownBlock[] = [section(heading)];
  if (suggestions.length === 0)
    blocks.push(section("No SME of the delegation targets its market with a fitting offer."));
  suggestions.forEach((s, i) => {
    blocks.push(suggestionBlock(i + 1, s, null));
  });
  return { text: heading, blocks };
}

/** The request form: priority (want unless changed) and a short message. */
export function requestModal(input: {
  counterpartName: string;
  missionName: string;
  left: number;
  metadata: string;
}): View {
  const option = (p: (typeof requestPriorities)[number]) => ({
    text: { type: "plain_text" as const, text: p.label },
    value: p.key,
  });
  const initial = requestPriorities.find((p) => p.key === defaultPriority) ?? requestPriorities[1];
  return {
    type: "modal",
    callback_id: requestFormCallbackId,
    private_metadata: input.metadata,
    title: { type: "plain_text", text: "Request a meeting" },
    submit: { type: "plain_text", text: "Send request" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      section(
        `Meet *${escapeMrkdwn(input.counterpartName)}* on *${escapeMrkdwn(input.missionName)}*. ${countOf(input.left, "request")} left, this one included.`,
      ),
      inputBlock("priority", "Priority", {
        type: "static_select",
        options: requestPriorities.map(option),
        initial_option: option(initial),
      }),
      inputBlock(
        "message",
        "Message",
        { type: "plain_text_input", multiline: true, max_length: requestMessageMax },
        { optional: true, hint: `Why you want to meet, in ${requestMessageMax} characters at most.` },
      ),
    ],
  };
}

const priorityLabel = (priority: string) => requestPriorities.find((p) => p.key === priority)?.label ?? priority;

function requestLine(request: RequestRecord, side: "made" | "received"): string {
  const who = side === "made" ? request.target.name : request.smeName;
  const when = formatInstant(request.createdAt, request.timeZone);
  const message = request.message ? `\n> ${escapeMrkdwn(request.message)}` : "";
  return `*${escapeMrkdwn(who)}* · ${priorityLabel(request.priority)} · ${statusWords[request.status]} · ${escapeMrkdwn(request.missionName)} · asked ${when}${message}`;
}

/** At most this many requests in each list of `/meet my` (Slack allows 50 blocks in a message). */
const myListSize = 20;

/** `/meet my`: the requests an SME made (pending ones with Withdraw) and received. */
export function myRequests(smeName: string, smeId: number, requests: readonly RequestRecord[]): Message {
  const made = requests.filter((r) => r.smeId === smeId);
  const received = requests.filter((r) => r.smeId !== smeId);
  const blocks: KnownBlock[] = [section(`*Meeting requests of ${escapeMrkdwn(smeName)}*`)];
  blocks.push(section(`*Made* (${made.length})`));
  if (made.length === 0) blocks.push(context("None yet: `/meet suggest` shows whom to ask."));
  for (const request of made.slice(0, myListSize)) {
    const text = requestLine(request, "made");
    blocks.push(
      request.status === "requested"
        ? {
            type: "section",
            text: { type: "mrkdwn", text },
            accessory: button(actionIds.withdraw, "Withdraw", String(request.id), "danger"),
          }
        : section(text),
    );
  }
  if (received.length > 0) {
    blocks.push(section(`*Received* (${received.length})`));
    for (const request of received.slice(0, myListSize)) {
      blocks.push(section(requestLine(request, "received")));
      if (request.status === "requested") blocks.push(answerButtons(request.id, answerOrigins.my));
    }
  }
  const hidden = Math.max(0, made.length - myListSize) + Math.max(0, received.length - myListSize);
  if (hidden > 0) blocks.push(context(`${countOf(hidden, "older request")} not shown.`));
  return {
    text: `Meeting requests of ${escapeMrkdwn(smeName)}: ${made.length} made, ${received.length} received`,
    blocks,
  };
}

/**
 * Where Accept and Decline sit, as their block's id: an answer rewrites the staff list it came from,
 * replaces the DM that asked, and leaves `/meet my` as it was.
 */
export const answerOrigins = {
  staffList: "meet.answers.list",
  prompt: "meet.answers.prompt",
  my: "meet.answers.my",
} as const;
export type AnswerOrigin = (typeof answerOrigins)[keyof typeof answerOrigins];

function answerButtons(requestId: number, origin: AnswerOrigin): KnownBlock {
  return {
    type: "actions",
    block_id: `${origin}.${requestId}`,
    elements: [
      button(actionIds.accept, "Accept", String(requestId), "primary"),
      button(actionIds.decline, "Decline", String(requestId), "danger"),
    ],
  };
}

/** Pending requests shown in one staff list; the rest are counted. */
const pendingListSize = 12;

/** `/meet requests <mission>`: pending requests to organisations, grouped by organisation, with Accept and Decline. */
export function pendingOrganisationRequests(
  missionName: string,
  requests: readonly RequestRecord[],
  answered: readonly KnownBlock[] = [],
): Message {
  const pending = requests.filter((r) => r.status === "requested" && r.target.kind === "organisation");
  const heading = `*Pending meeting requests to organisations of ${escapeMrkdwn(missionName)}*: ${pending.length}`;
  const blocks: KnownBlock[] = [...answered, section(heading)];
  if (pending.length === 0) blocks.push(context("Nothing waits for an answer."));
  const shown = [...pending].sort((a, b) => a.target.name.localeCompare(b.target.name)).slice(0, pendingListSize);
  let organisation = "";
  for (const request of shown) {
    if (request.target.name !== organisation) {
      organisation = request.target.name;
      blocks.push(section(`:office: *${escapeMrkdwn(organisation)}*`));
    }
    const message = request.message ? ` — “${escapeMrkdwn(request.message)}”` : "";
    blocks.push(section(`${escapeMrkdwn(request.smeName)} · ${priorityLabel(request.priority)}${message}`));
    blocks.push(answerButtons(request.id, answerOrigins.staffList));
  }
  if (pending.length > shown.length) {
    blocks.push(
      context(`${countOf(pending.length - shown.length, "more request")}: answer these and run the command again.`),
    );
  }
  return { text: heading, blocks };
}

/** The DM to an SME's people when another SME of the delegation asks to meet them. */
export function smeRequestPrompt(request: RequestRecord): Message {
  const message = request.message ? `\n> ${escapeMrkdwn(request.message)}` : "";
  const text = `*${escapeMrkdwn(request.smeName)}* would like to meet *${escapeMrkdwn(request.target.name)}* on ${escapeMrkdwn(request.missionName)} (${priorityLabel(request.priority).toLowerCase()}).${message}`;
  return { text, blocks: [section(text), answerButtons(request.id, answerOrigins.prompt)] };
}

/** The answer, in place of the buttons and in the DMs to both sides. */
export function answerText(request: RequestRecord, status: RequestStatus, bySlackId: string): string {
  const verb = status === "accepted" ? "accepted" : "declined";
  return `:${status === "accepted" ? "handshake" : "x"}: *${escapeMrkdwn(request.target.name)}* ${verb} the meeting with *${escapeMrkdwn(request.smeName)}* on ${escapeMrkdwn(request.missionName)} (recorded by <@${bySlackId}>).`;
}

/** The answer with, for a declined organisation request, the Reopen button its SME's cluster staff may use. */
export function answerMessage(request: RequestRecord, status: RequestStatus, bySlackId: string): Message {
  const text = answerText(request, status, bySlackId);
  const reopenable = status === "declined" && request.target.kind === "organisation";
  const blocks: KnownBlock[] = [section(text)];
  if (reopenable) blocks.push({ type: "actions", elements: [button(actionIds.reopen, "Reopen", String(request.id))] });
  return { text, blocks };
}

/** Names in a list, at most `limit`, the rest counted. */
function nameList(names: readonly string[], limit: number): string {
  const shown = names.slice(0, limit).map(escapeMrkdwn).join(", ");
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

/** Suggest buttons shown for organisations nobody asked for (Slack allows 25 elements in an actions block). */
const suggestButtons = 10;

/** `/meet overview <mission>`: the delegation, organisations, requests by status, and who needs attention. */
export function overviewMessage(overview: MissionOverview): Message {
  const { byStatus } = overview;
  const heading = `*${escapeMrkdwn(overview.missionName)}: matchmaking overview*`;
  const blocks: KnownBlock[] = [
    section(heading),
    section(
      [
        `Delegation: ${countOf(overview.delegationSize, "SME")} · Organisations: ${overview.organisationCount}`,
        `Requests: ${byStatus.requested} pending · ${byStatus.accepted} accepted · ${byStatus.declined} declined · ${byStatus.withdrawn} withdrawn`,
      ].join("\n"),
    ),
  ];
  const few = overview.tooFewAccepted.map((sme) => `${sme.name} (${sme.accepted})`);
  blocks.push(
    section(
      few.length === 0
        ? `Every SME has at least ${overview.minimumAccepted} accepted meetings.`
        : `*Fewer than ${overview.minimumAccepted} accepted meetings* (${few.length}): ${nameList(few, 40)}`,
    ),
  );
  const unasked = overview.unaskedOrganisations;
  blocks.push(
    section(
      unasked.length === 0
        ? "Every organisation has been asked for."
        : `*Nobody asked for* (${unasked.length}): ${nameList(
            unasked.map((o) => o.name),
            40,
          )}`,
    ),
  );
  if (unasked.length > 0) {
    blocks.push({
      type: "actions",
      elements: unasked
        .slice(0, suggestButtons)
        .map((o) =>
          button(
            `${actionIds.suggestForOrganisation}.${o.id}`,
            `Suggest SMEs for ${o.name}`,
            JSON.stringify({ m: overview.missionId, o: o.id }),
          ),
        ),
    });
  }
  return { text: heading, blocks };
}
