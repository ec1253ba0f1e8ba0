/**
 * The figures of `/mission report`: what a mission's meetings came to, per day, per SME and per
 * cluster, with the delegation's BI completion and its consortia. Pure: the store reads the facts,
 * the summary, the charts and the CSV are built from these figures.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { type MeetingOutcomeKey, meetingOutcomes } from "./survey-outcome.js";

/** The answers of the outcome survey, as MeetingOutcome.outcome stores them (the survey's own list). */
export type SurveyOutcome = MeetingOutcomeKey;
export const surveyOutcome = z.enum(
  meetingOutcomes.map((outcome) => outcome.key) as [SurveyOutcome, ...SurveyOutcome[]],
);

/**
 * What one meeting came to in the report: a survey answer, or why there is none yet. Ordered from
 * the best result to the least known, the order of every legend, stack and table.
 */
export const reportOutcomes = [
  "cooperation_possible",
  "informative",
  "not_enough_interest",
  "not_held",
  "no_answer",
  "upcoming",
] as const;
export type ReportOutcome = (typeof reportOutcomes)[number];

export const reportOutcomeLabels: Record<ReportOutcome, string> = {
  cooperation_possible: "Cooperation possible",
  informative: "Informative",
  not_enough_interest: "Not enough interest",
  not_held: "Did not take place",
  no_answer: "No answer yet",
  upcoming: "Upcoming",
};

/** Outcomes of a meeting that took place. */
const heldOutcomes: ReadonlySet<ReportOutcome> = new Set([
  "cooperation_possible",
  "informative",
  "not_enough_interest",
]);

export type ReportSme = { id: number; name: string; cluster: string | null };

export type ReportMeeting = {
  id: number;
  startsAt: Date;
  endsAt: Date;
  table: number;
  status: "scheduled" | "done" | "cancelled" | "no_show";
  /** The SME that asked for the meeting. */
  sme: ReportSme;
  counterpart: { kind: "org"; name: string; type: string } | { kind: "sme"; sme: ReportSme };
  priority: "must" | "want" | "nice" | null;
  /** Each attending SME's survey answer (both SMEs answer an SME–SME meeting). */
  answers: readonly { smeId: number; outcome: SurveyOutcome; note: string | null }[];
};

export type ReportConsortium = {
  name: string;
  status: string;
  smes: number;
  /** Local organisations in it: the one whose project it is, and any member organisation. */
  organisations: number;
  /** The local organisation whose project it is, when one was picked. */
  project: string | null;
  /** Each status change, oldest first: who moved it and when. */
  history: readonly { from: string | null; to: string; bySlackId: string; at: Date }[];
};

export type ReportInput = {
  zone: string;
  now: Date;
  meetings: readonly ReportMeeting[];
  /** The confirmed delegation: SMEs without a meeting still get a line. */
  delegation: readonly ReportSme[];
  /** Ids of the delegation's SMEs that finished the BI template of the mission's market. */
  biFinished: ReadonlySet<number>;
  /** The mission's consortia (proposals left out), read by the consortia feature (`ConsortiumReads`). */
  consortia: readonly ReportConsortium[];
};

export type OutcomeCounts = Record<ReportOutcome, number>;

export type ReportFigures = {
  /** Meetings not cancelled. */
  planned: number;
  held: number;
  notHeld: number;
  cancelled: number;
  /** Ended, and nobody answered the survey yet. */
  noAnswer: number;
  upcoming: number;
  /** Each planned meeting once, by its outcome. */
  outcomes: OutcomeCounts;
  /** Mission-zone days with at least one planned meeting, in order, with the day's outcomes. */
  perDay: { day: string; outcomes: OutcomeCounts }[];
  /** Every SME of the delegation or with a meeting, by name: its own meetings and answers. */
  perSme: { sme: ReportSme; planned: number; outcomes: OutcomeCounts }[];
  /** Each cluster's SMEs' meetings by their own answers (an SME–SME meeting counts for both). */
  perCluster: { cluster: string; planned: number; outcomes: OutcomeCounts }[];
  bi: { finished: number; delegation: number; notFinished: string[] };
  consortia: ReportInput["consortia"];
};

export const noCluster = "No cluster";

function emptyCounts(): OutcomeCounts {
  return { cooperation_possible: 0, informative: 0, not_enough_interest: 0, not_held: 0, no_answer: 0, upcoming: 0 };
}

/** Why there is no answer: marked missed, not over yet, or over and not answered. */
function unansweredOutcome(meeting: ReportMeeting, now: Date): ReportOutcome {
  if (meeting.status === "no_show") return "not_held";
  return meeting.endsAt.getTime() <= now.getTime() ? "no_answer" : "upcoming";
}

/**
 * A meeting's outcome: the best answer either SME gave (a meeting one side found promising is a
 * lead, and one side saying "informative" means it did take place), else why there is none.
 */
export function meetingOutcome(meeting: ReportMeeting, now: Date): ReportOutcome {
  const given = meeting.answers.map((answer) => answer.outcome as ReportOutcome);
  const best = reportOutcomes.find((outcome) => given.includes(outcome));
  return best ?? unansweredOutcome(meeting, now);
}

/** What one SME of the meeting says it came to: its own answer, else why there is none. */
function outcomeFor(meeting: ReportMeeting, smeId: number, now: Date): ReportOutcome {
  const own = meeting.answers.find((answer) => answer.smeId === smeId);
  return own ? own.outcome : unansweredOutcome(meeting, now);
}

/** The SMEs sitting at a meeting: the asking one, and the other SME of an SME–SME meeting. */
export function attendingSmes(meeting: ReportMeeting): ReportSme[] {
  return meeting.counterpart.kind === "sme" ? [meeting.sme, meeting.counterpart.sme] : [meeting.sme];
}

/** The ISO day of an instant in the mission's zone. */
export function missionDay(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? "";
}

export function reportFigures(input: ReportInput): ReportFigures {
  const planned = input.meetings.filter((meeting) => meeting.status !== "cancelled");
  const outcomes = emptyCounts();
  const perDay = new Map<string, OutcomeCounts>();
  const perSme = new Map<number, { sme: ReportSme; planned: number; outcomes: OutcomeCounts }>();
  const perCluster = new Map<string, { cluster: string; planned: number; outcomes: OutcomeCounts }>();
  for (const sme of input.delegation) perSme.set(sme.id, { sme, planned: 0, outcomes: emptyCounts() });
  let held = 0;

  for (const meeting of [...planned].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const outcome = meetingOutcome(meeting, input.now);
    outcomes[outcome]++;
    if (heldOutcomes.has(outcome) || (meeting.status === "done" && outcome !== "not_held")) held++;
    const day = missionDay(meeting.startsAt, input.zone);
    const dayCounts = perDay.get(day) ?? emptyCounts();
    dayCounts[outcome]++;
    perDay.set(day, dayCounts);
    for (const sme of attendingSmes(meeting)) {
      const own = outcomeFor(meeting, sme.id, input.now);
      const smeLine = perSme.get(sme.id) ?? { sme, planned: 0, outcomes: emptyCounts() };
      smeLine.planned++;
      smeLine.outcomes[own]++;
      perSme.set(sme.id, smeLine);
      const cluster = sme.cluster ?? noCluster;
      const clusterLine = perCluster.get(cluster) ?? { cluster, planned: 0, outcomes: emptyCounts() };
      clusterLine.planned++;
      clusterLine.outcomes[own]++;
      perCluster.set(cluster, clusterLine);
    }
  }

  const byName = (a: string, b: string) => a.localeCompare(b, "en");
  const delegationNames = input.delegation.filter((sme) => !input.biFinished.has(sme.id)).map((sme) => sme.name);
  return {
    planned: planned.length,
    held,
    notHeld: outcomes.not_held,
    cancelled: input.meetings.length - planned.length,
    noAnswer: outcomes.no_answer,
    upcoming: outcomes.upcoming,
    outcomes,
    perDay: [...perDay.entries()].sort(([a], [b]) => byName(a, b)).map(([day, counts]) => ({ day, outcomes: counts })),
    perSme: [...perSme.values()].sort((a, b) => byName(a.sme.name, b.sme.name)),
    // SMEs without a cluster come last, after the clusters by name.
    perCluster: [...perCluster.values()].sort(
      (a, b) => Number(a.cluster === noCluster) - Number(b.cluster === noCluster) || byName(a.cluster, b.cluster),
    ),
    bi: {
      finished: input.delegation.filter((sme) => input.biFinished.has(sme.id)).length,
      delegation: input.delegation.length,
      notFinished: delegationNames.sort(byName),
    },
    consortia: input.consortia,
  };
}
