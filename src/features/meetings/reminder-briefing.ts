/**
 * The reminder before a meeting, with its briefing card: when and where, who the counterpart is,
 * what they need, why the meeting was suggested and the SME's own BI answers that bear on it.
 * Pure: the job loads the facts. Every text people typed is cut to fit Slack's block limits, then
 * escaped.
 */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text.js";
import type { BriefingAnswers } from "../bi/index.js";
import type { RequestPriority } from "../matchmaking/index.js";
import { formatDay, localParts, zoneCity } from "../missions/index.js";
import { timeRange } from "./agenda.js";
import { oneLine } from "./agenda-views.js";

export type BriefingCounterpart =
  | {
      kind: "org";
      name: string;
      /** "Project owner". */
      type: string;
      city: string;
      contact: string | null;
      website: string | null;
      needs: string;
    }
  | {
      kind: "sme";
      name: string;
      country: string;
      contact: string | null;
      /** Their contact in Slack, shown as a mention. */
      contactSlackUserId: string | null;
      website: string | null;
      offer: string;
      /** What it seeks, as labels ("Distributors"). */
      seeks: string[];
    };

export type Briefing = {
  missionName: string;
  zone: string;
  market: "US" | "CN";
  startsAt: Date;
  endsAt: Date;
  table: number;
  /** The SME the person travels for. */
  sme: { name: string };
  counterpart: BriefingCounterpart;
  /** The recommender's reasons, in the SME's voice. */
  reasons: readonly string[];
  /** The meeting request, with who made it: this SME, or the other SME of an SME–SME meeting. */
  request: { byThisSme: boolean; priorityLabel: string; priority: RequestPriority; message: string | null } | null;
  bi: BriefingAnswers | undefined;
  minutesBefore: number;
  /** Sent more than 30 minutes after it was due (the app was down). */
  late: boolean;
};

const maxSection = 2800;

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

/** People's text on one line, cut to `max` characters, then escaped for mrkdwn. */
const typed = (text: string, max: number) => escapeMrkdwn(oneLine(text, max));

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

function whoTheyAre(counterpart: BriefingCounterpart): string {
  const mention =
    counterpart.kind === "sme" && counterpart.contactSlackUserId && slackUserId.test(counterpart.contactSlackUserId)
      ? `<@${counterpart.contactSlackUserId}>`
      : undefined;
  const named = [mention, counterpart.contact ? typed(counterpart.contact, 200) : undefined].filter(Boolean);
  const contact = named.length > 0 ? `contact: ${named.join(", ")}` : "no contact named";
  const website = counterpart.website ? typed(counterpart.website, 300) : undefined;
  const facts =
    counterpart.kind === "org"
      ? [`${counterpart.type} in ${typed(counterpart.city, 100)}`, contact, website]
      : [`SME of the delegation, from ${counterpart.country}`, contact, website];
  return `*Who they are*\n${facts.filter(Boolean).join(" · ")}`;
}

function whatTheyNeed(counterpart: BriefingCounterpart): string {
  if (counterpart.kind === "org") return `*What they need*\n${typed(counterpart.needs, 1500) || "_not given_"}`;
  const seeks = counterpart.seeks.length > 0 ? `\nThey seek: ${counterpart.seeks.join(", ")}` : "";
  return `*What they offer*\n${typed(counterpart.offer, 1200) || "_not given_"}${seeks}`;
}

function whyThisMeeting(briefing: Briefing): string {
  const lines = briefing.reasons.slice(0, 5).map((reason) => `• ${typed(reason, 300)}`);
  const request = briefing.request;
  if (request) {
    const who = request.byThisSme ? "You asked for it" : "They asked for it";
    const message = request.message ? `: “${typed(request.message, 600)}”` : "";
    lines.push(`• ${who} (${request.priorityLabel.toLowerCase()})${message}`);
  }
  if (lines.length === 0) lines.push("_Staff arranged it; the matchmaking found no reasons to show._");
  return `*Why this meeting*\n${lines.join("\n")}`;
}

function yourAnswers(briefing: Briefing): string {
  const market = briefing.market === "CN" ? "China" : "US";
  const bi = briefing.bi;
  if (!bi)
    return `*Your BI answers*\n_${escapeMrkdwn(briefing.sme.name)} has no ${market} template yet: \`/bi start ${briefing.market.toLowerCase()}\`._`;
  if (bi.sections.length === 0) {
    return `*Your BI answers*\n_No answers on pricing, certification or channels in your ${escapeMrkdwn(bi.templateTitle)} template yet._`;
  }
  const lines = bi.sections.map(
    (s) =>
      `*${escapeMrkdwn(s.title)}*: ${s.answers.map((a) => `${escapeMrkdwn(a.label)}: ${typed(a.answer, 250)}`).join(" · ")}`,
  );
  const status = bi.finished ? "" : ", in progress";
  return `*Your BI answers* (${escapeMrkdwn(bi.templateTitle)}${status})\n${lines.join("\n")}`.slice(0, maxSection);
}

/** The reminder DM: a short text for notifications, and the briefing card. */
export function reminderMessage(briefing: Briefing): { text: string; blocks: KnownBlock[] } {
  const { zone } = briefing;
  const start = localParts(briefing.startsAt, zone);
  const name = typed(briefing.counterpart.name, 200);
  const when = `${timeRange(briefing.startsAt, briefing.endsAt, zone)} ${zoneCity(zone)} time, ${formatDay(start.day)}`;
  const minutes = `${briefing.minutesBefore} minute${briefing.minutesBefore === 1 ? "" : "s"}`;
  const text = `:alarm_clock: In ${minutes}: your meeting with ${name} at table ${briefing.table} (${start.time} ${zoneCity(zone)} time).`;
  const blocks: KnownBlock[] = [
    section(
      briefing.late
        ? `:alarm_clock: *Your meeting with ${name}*, table ${briefing.table}, ${when}.\n_This reminder is late: the app was not running when it was due._`
        : `:alarm_clock: *In ${minutes}: your meeting with ${name}*`,
    ),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*When*\n${when}` },
        { type: "mrkdwn", text: `*Table*\n${briefing.table}` },
        { type: "mrkdwn", text: `*With*\n${name}` },
        { type: "mrkdwn", text: `*For*\n${typed(briefing.sme.name, 200)} · ${typed(briefing.missionName, 200)}` },
      ],
    },
    section(whoTheyAre(briefing.counterpart)),
    section(whatTheyNeed(briefing.counterpart)),
    section(whyThisMeeting(briefing).slice(0, maxSection)),
    section(yourAnswers(briefing)),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "`/mission agenda` shows your day · `/mission reminders off` or `snooze <days>` stops these reminders and surveys",
        },
      ],
    },
  ];
  return { text, blocks };
}
