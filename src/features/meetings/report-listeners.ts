/**
 * `/mission report <mission>` (staff): what the mission's meetings came to. The summary, two charts
 * (PNG) and a CSV of every meeting go to the person's DM with the app, not to the channel the
 * command came from: outcomes and notes are the SMEs' own words, for staff, and a DM keeps the
 * files where the person finds them again. The channel gets a short reply only they see.
 */
import { escapeMrkdwn } from "../../domain/text.js";
import { type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import { uploadFilesToDirectMessage } from "../../platform/slack/files.js";
import { activeMissions, lookUpMission } from "../missions/index.js";
import { slug } from "./agenda-listeners.js";
import { meetingsPerDayChart, outcomesPerClusterChart } from "./report-charts.js";
import { reportCsv } from "./report-csv.js";
import { reportFigures } from "./report-figures.js";
import { chartFontsOrWarn, renderChartPng } from "./report-render.js";
import { type ConsortiumReads, meetingCount, reportContext, reportMeetings } from "./report-store.js";
import {
  consortiaBlocks,
  nothingToReportText,
  reportFilesComment,
  reportSentText,
  reportSummaryMessage,
  reportUsage,
} from "./report-views.js";

/** "Missions: *China mission 2027*, *US mission 2027*.": what can be named, for a name that finds none. */
async function missionNames(deps: CommandContext["deps"]): Promise<string> {
  const missions = await activeMissions(deps.db);
  if (missions.length === 0) return "There is no mission yet: `/mission new` creates one.";
  return `Missions: ${missions.map((mission) => `*${escapeMrkdwn(mission.name)}*`).join(", ")}.`;
}

async function runReport(
  { actor, args, client, respond, deps }: CommandContext,
  consortiaOf: ConsortiumReads | undefined,
): Promise<void> {
  if (args === "") {
    await respond(ephemeral(`Name the mission: ${reportUsage}. ${await missionNames(deps)}`));
    return;
  }
  const found = await lookUpMission(deps.db, args, { includeArchived: true });
  if (!found.mission) {
    await respond(ephemeral(`${found.problem} ${await missionNames(deps)} Usage: ${reportUsage}.`));
    return;
  }
  const mission = found.mission;
  const [meetings, context] = await Promise.all([
    reportMeetings(deps.db, deps.logger, mission.id),
    reportContext(deps.db, mission, consortiaOf),
  ]);
  const now = deps.clock.now();
  const figures = reportFigures({ zone: mission.timeZone, now, meetings, ...context });
  if (figures.planned === 0) {
    const nothing = nothingToReportText(mission, await meetingCount(deps.db, mission.id));
    // Consortia are not meetings: their section shows before any schedule is published too.
    const consortia = consortiaBlocks(figures.consortia, mission.timeZone);
    await respond(
      consortia.length === 0
        ? ephemeral(nothing)
        : {
            response_type: "ephemeral",
            text: nothing,
            blocks: [{ type: "section", text: { type: "mrkdwn", text: nothing } }, ...consortia],
          },
    );
    return;
  }

  const fonts = chartFontsOrWarn(deps.logger);
  const perDay = await renderChartPng(meetingsPerDayChart(figures, mission.name), fonts);
  const perCluster = await renderChartPng(outcomesPerClusterChart(figures, mission.name), fonts);
  const csv = reportCsv(meetings, { zone: mission.timeZone, now });

  await client.chat.postMessage({ channel: actor.slackUserId, ...reportSummaryMessage({ mission, figures, now }) });
  const name = `ec2i-${slug(mission.name)}`;
  await uploadFilesToDirectMessage(client, actor.slackUserId, {
    comment: reportFilesComment(mission),
    files: [
      { filename: `${name}-meetings-per-day.png`, content: perDay, title: "Meetings per day by outcome" },
      { filename: `${name}-outcomes-per-cluster.png`, content: perCluster, title: "Outcomes per cluster" },
      { filename: `${name}-meetings.csv`, content: csv, title: `${mission.name}: all meetings` },
    ],
  });
  await respond(ephemeral(reportSentText(mission, figures)));
}

export const reportSubcommands = (consortiaOf?: ConsortiumReads): readonly Subcommand[] => [
  {
    name: "report",
    usage: "<mission>",
    description:
      "what the mission's meetings came to: a summary, charts per day and per cluster, and a CSV of every meeting, in your DM",
    permission: "meetings.manage",
    run: (context) => runReport(context, consortiaOf),
  },
];
