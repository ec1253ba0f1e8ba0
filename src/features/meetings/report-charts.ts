/**
 * The report's charts as vega-lite specs: pure functions of the report's figures, so they are tested
 * as data; report-render.ts draws them. Every chart uses the same colour for the same outcome and
 * stacks and lists outcomes in one order, best first.
 */
import { DateTime } from "luxon";
import type { TopLevelSpec } from "vega-lite";
import { type ReportFigures, type ReportOutcome, reportOutcomeLabels, reportOutcomes } from "./report-figures.js";

/** The font report-render.ts gives the renderer: the specs name it so measured and drawn text agree. */
export const chartFont = "DejaVu Sans";

/** Green for leads, blue for informative, amber, red, then greys for what is not known yet. */
const outcomeColours: Record<ReportOutcome, string> = {
  cooperation_possible: "#2e7d32",
  informative: "#1f77b4",
  not_enough_interest: "#f2a93b",
  not_held: "#d62728",
  no_answer: "#9e9e9e",
  upcoming: "#d9d9d9",
};

/** One bar segment: a category (a day, a cluster), an outcome and how many meetings. */
export type ChartRow = { category: string; outcome: string; rank: number; meetings: number };

function rowsOf(category: string, counts: Record<ReportOutcome, number>): ChartRow[] {
  return reportOutcomes
    .map((outcome, rank) => ({ category, outcome: reportOutcomeLabels[outcome], rank, meetings: counts[outcome] }))
    .filter((row) => row.meetings > 0);
}

/** The outcomes that occur, in the one order: the legend lists only what the chart shows. */
function legendOf(rows: readonly ChartRow[]) {
  const shown = reportOutcomes.filter((outcome) => rows.some((row) => row.outcome === reportOutcomeLabels[outcome]));
  return {
    domain: shown.map((outcome) => reportOutcomeLabels[outcome]),
    range: shown.map((outcome) => outcomeColours[outcome]),
  };
}

const config = {
  font: chartFont,
  title: { fontSize: 16, anchor: "start", offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 12, titlePadding: 10 },
  legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
  view: { stroke: null },
} as const;

/** "Tue 13 Apr": a mission day as the axis shows it. */
function dayLabel(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("ccc d LLL");
}

function stackedBars(input: {
  title: string;
  subtitle: string;
  rows: ChartRow[];
  categoryTitle: string;
  horizontal: boolean;
  size: { width: number; height: number };
}): TopLevelSpec {
  const { rows, horizontal } = input;
  const category = {
    field: "category",
    type: "nominal",
    title: input.categoryTitle || null,
    sort: null, // the rows' order: days in time order, clusters by name
    // Measured with estimated widths, narrower than DejaVu: room for "Sustainable Business Hub".
    axis: { labelAngle: 0, labelLimit: 360 },
  } as const;
  const meetings = {
    field: "meetings",
    type: "quantitative",
    title: "Meetings",
    stack: "zero",
    axis: { tickMinStep: 1, format: "d" },
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: input.title, subtitle: input.subtitle },
    width: input.size.width,
    height: input.size.height,
    padding: 16,
    data: { values: rows },
    mark: { type: "bar", tooltip: false },
    encoding: {
      ...(horizontal ? { y: category, x: meetings } : { x: category, y: meetings }),
      color: { field: "outcome", type: "nominal", title: "Outcome", scale: legendOf(rows), sort: null },
      order: { field: "rank", type: "quantitative", sort: "ascending" },
    },
    config,
  } as TopLevelSpec;
}

/** Stacked bars: each mission day's planned meetings by outcome. */
export function meetingsPerDayChart(figures: ReportFigures, missionName: string): TopLevelSpec {
  return stackedBars({
    title: "Meetings per day by outcome",
    subtitle: `${missionName}: ${figures.planned} planned meetings, each counted once`,
    rows: figures.perDay.flatMap((day) => rowsOf(dayLabel(day.day), day.outcomes)),
    categoryTitle: "Day (mission time)",
    horizontal: false,
    size: { width: Math.max(240, 90 * figures.perDay.length), height: 280 },
  });
}

/** Horizontal stacked bars: each cluster's SMEs' meetings by the SME's own answer. */
export function outcomesPerClusterChart(figures: ReportFigures, missionName: string): TopLevelSpec {
  return stackedBars({
    title: "Outcomes per cluster",
    subtitle: `${missionName}: each SME's own answer (an SME–SME meeting counts for both)`,
    rows: figures.perCluster.flatMap((line) => rowsOf(line.cluster, line.outcomes)),
    categoryTitle: "", // cluster names say what they are
    horizontal: true,
    size: { width: 420, height: Math.max(120, 40 * figures.perCluster.length) },
  });
}
