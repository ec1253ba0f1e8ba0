/** The texts of `/mission report`: the summary message in the DM, the reply in place, the empty states. */
import type { KnownBlock } from "@slack/types";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { formatDayRange, formatInstant, type MissionRecord } from "../missions/index.js";
import {
  type OutcomeCounts,
  type ReportFigures,
  type ReportOutcome,
  reportOutcomeLabels,
  reportOutcomes,
} from "./report-figures.js";

export const reportUsage = "`/mission report <mission>`";

/** Slack refuses a section text over 3000 characters: long lists are cut into sections below it. */
const sectionChars = 2900;

/** "2 cooperation possible · 1 informative": the outcomes that occur, in the one order. */
function outcomeList(counts: OutcomeCounts, omit: readonly ReportOutcome[] = []): string {
  return reportOutcomes
    .filter((outcome) => counts[outcome] > 0 && !omit.includes(outcome))
    .map((outcome) => `${counts[outcome]} ${reportOutcomeLabels[outcome].toLowerCase()}`)
    .join(" · ");
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${Math.round((100 * part) / whole)}%`;
}

/** Lines under a heading, in as many sections as Slack's size limit needs. */
function sectionsOf(heading: string, lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  let current = heading;
  for (const line of lines) {
    if (current.length + line.length + 1 > sectionChars) {
      texts.push(current);
      current = line;
    } else current = `${current}\n${line}`;
  }
  texts.push(current);
  return texts.map((text) => ({ type: "section", text: { type: "mrkdwn", text } }));
}

function meetingsLine(figures: ReportFigures): string {
  const parts = [
    `*${figures.planned}* planned`,
    `*${figures.held}* held`,
    `*${figures.notHeld}* did not take place`,
    `*${figures.cancelled}* cancelled`,
    `*${figures.noAnswer}* without an answer yet`,
    ...(figures.upcoming > 0 ? [`*${figures.upcoming}* still to come`] : []),
  ];
  return `*Meetings:* ${parts.join(" · ")}`;
}

function outcomesLine(figures: ReportFigures): string {
  const answered = reportOutcomes
    .filter((outcome) => outcome !== "no_answer" && outcome !== "upcoming")
    .reduce((sum, outcome) => sum + figures.outcomes[outcome], 0);
  if (answered === 0) return "*Outcomes:* no survey answer and no missed meeting yet.";
  const shares = reportOutcomes
    .filter((outcome) => outcome !== "no_answer" && outcome !== "upcoming")
    .map(
      (outcome) =>
        `${reportOutcomeLabels[outcome]} ${figures.outcomes[outcome]} (${percent(figures.outcomes[outcome], answered)})`,
    );
  return `*Outcomes* of the ${countOf(answered, "meeting")} with an answer: ${shares.join(" · ")}`;
}

function biLine(mission: MissionRecord, figures: ReportFigures): string {
  const { bi } = figures;
  const market = mission.market === "CN" ? "China" : "US";
  if (bi.delegation === 0) return "*Business Intelligence:* the delegation has no confirmed SME.";
  const missing =
    bi.notFinished.length === 0
      ? " Everyone is done."
      : ` Not finished: ${bi.notFinished.slice(0, 15).map(escapeMrkdwn).join(", ")}${bi.notFinished.length > 15 ? ` and ${bi.notFinished.length - 15} more` : ""}.`;
  return `*Business Intelligence:* ${bi.finished} of ${countOf(bi.delegation, "SME")} of the delegation (${percent(bi.finished, bi.delegation)}) finished the ${market} market-entry template.${missing}`;
}

/**
 * The consortia section: counts by status, then each consortium with its project's organisation
 * and its status history (who moved it, when, in the mission's zone). Empty without consortia.
 */
export function consortiaBlocks(consortia: ReportFigures["consortia"], zone: string): KnownBlock[] {
  if (consortia.length === 0) return [];
  const withOrganisation = consortia.filter((c) => c.organisations > 0).length;
  const byStatus = new Map<string, number>();
  for (const c of consortia) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, count]) => `${count} ${status}`).join(", ");
  const lines = consortia.map((c) => {
    const project = c.project ? ` for ${escapeMrkdwn(c.project)}` : "";
    const history = c.history
      .map((change) => `${change.to} by <@${change.bySlackId}> on ${formatInstant(change.at, zone)}`)
      .join("; ");
    return `• *${escapeMrkdwn(c.name)}*${project} (${c.status}, ${countOf(c.smes, "SME")}, ${countOf(c.organisations, "organisation")})${history ? `: ${history}` : ""}`;
  });
  return sectionsOf(
    `*Consortia:* ${statuses}, ${withOrganisation} with a local organisation, ${consortia.length - withOrganisation} of SMEs only.`,
    lines,
  );
}

/** The summary posted in the DM above the charts and the CSV. */
export function reportSummaryMessage(input: { mission: MissionRecord; figures: ReportFigures; now: Date }): {
  text: string;
  blocks: KnownBlock[];
} {
  const { mission, figures } = input;
  const name = escapeMrkdwn(mission.name);
  const clusterLines = figures.perCluster.map(
    (line) =>
      `• *${escapeMrkdwn(line.cluster)}*: ${countOf(line.planned, "meeting")}${line.planned > 0 ? ` · ${outcomeList(line.outcomes)}` : ""}`,
  );
  const withMeetings = figures.perSme.filter((line) => line.planned > 0);
  const withoutMeetings = figures.perSme.filter((line) => line.planned === 0);
  const smeLines = [
    ...withMeetings.map(
      (line) =>
        `• *${escapeMrkdwn(line.sme.name)}*${line.sme.cluster ? ` (${escapeMrkdwn(line.sme.cluster)})` : ""}: ${countOf(line.planned, "meeting")} · ${outcomeList(line.outcomes)}`,
    ),
    ...(withoutMeetings.length > 0
      ? [`• _No meeting:_ ${withoutMeetings.map((line) => escapeMrkdwn(line.sme.name)).join(", ")}`]
      : []),
  ];
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `Mission report: ${mission.name}`.slice(0, 150) } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `${escapeMrkdwn(mission.city)}, ${formatDayRange(mission.startDate, mission.endDate)} · as of ${formatInstant(input.now, mission.timeZone)}`,
        },
      ],
    },
    { type: "section", text: { type: "mrkdwn", text: `${meetingsLine(figures)}\n${outcomesLine(figures)}` } },
    ...sectionsOf("*Per cluster* (each SME's own answer; an SME–SME meeting counts for both):", clusterLines),
    ...sectionsOf("*Per SME:*", smeLines),
    { type: "section", text: { type: "mrkdwn", text: biLine(mission, figures) } },
    ...consortiaBlocks(figures.consortia, mission.timeZone),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "The charts and the CSV of every meeting (local times, outcomes, notes) follow below.",
        },
      ],
    },
  ];
  return { text: `Mission report: ${name}: ${figures.planned} meetings planned, ${figures.held} held.`, blocks };
}

export function reportFilesComment(mission: MissionRecord): string {
  return `Charts and the meetings CSV of *${escapeMrkdwn(mission.name)}*.`;
}

export function reportSentText(mission: MissionRecord, figures: ReportFigures): string {
  return `:bar_chart: The report of *${escapeMrkdwn(mission.name)}* (${countOf(figures.planned, "meeting")} planned, ${figures.held} held) is in our direct message: a summary, two charts and a CSV of every meeting.`;
}

/** The empty states: nothing published, or everything cancelled; no charts are drawn for them. */
export function nothingToReportText(mission: MissionRecord, meetings: number): string {
  const name = escapeMrkdwn(mission.name);
  if (meetings === 0) {
    return `*${name}* has no published meetings yet, so there is nothing to report. \`/mission schedule ${name}\` plans them; the report fills in once they are published and the surveys come back.`;
  }
  const cancelled = meetings === 1 ? "its only meeting was" : `all its ${meetings} meetings were`;
  return `*${name}*: ${cancelled} cancelled, so there is nothing to chart. \`/mission schedule ${name}\` plans meetings again.`;
}
