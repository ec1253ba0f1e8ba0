/**
 * The report's CSV: every meeting of the mission, cancelled ones included, one row each, with local
 * times in the mission's zone and the survey answers. Pure; written with the app's one CSV writer.
 */
import { DateTime } from "luxon";
import { toCsv } from "../../domain/csv-files.js";
import { attendingSmes, meetingOutcome, type ReportMeeting, reportOutcomeLabels } from "./report-figures.js";

export const reportCsvColumns = [
  "date",
  "start",
  "end",
  "table",
  "sme",
  "cluster",
  "counterpart",
  "counterpart type",
  "priority",
  "status",
  "outcome",
  "counterpart's answer",
  "note",
] as const;

const statusLabels: Record<ReportMeeting["status"], string> = {
  scheduled: "scheduled",
  done: "held",
  cancelled: "cancelled",
  no_show: "missed",
};

/** The notes given; in an SME–SME meeting, each after the name of the SME that wrote it. */
function notesOf(meeting: ReportMeeting): string {
  const names = new Map(attendingSmes(meeting).map((sme) => [sme.id, sme.name]));
  const notes = meeting.answers.flatMap((answer) =>
    answer.note?.trim() ? [{ ...answer, note: answer.note.trim() }] : [],
  );
  if (meeting.counterpart.kind === "org") return notes.map((answer) => answer.note).join(" | ");
  return notes.map((answer) => `${names.get(answer.smeId) ?? "?"}: ${answer.note}`).join(" | ");
}

/** In an SME–SME meeting, what the other SME answered (the outcome column is the best of both). */
function counterpartAnswer(meeting: ReportMeeting): string {
  const counterpart = meeting.counterpart;
  if (counterpart.kind === "org") return "";
  const own = meeting.answers.find((answer) => answer.smeId === counterpart.sme.id);
  return own ? reportOutcomeLabels[own.outcome] : "";
}

export function reportCsv(meetings: readonly ReportMeeting[], input: { zone: string; now: Date }): string {
  const rows = [...meetings]
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.table - b.table)
    .map((meeting) => {
      const start = DateTime.fromJSDate(meeting.startsAt, { zone: input.zone });
      const end = DateTime.fromJSDate(meeting.endsAt, { zone: input.zone });
      const counterpart = meeting.counterpart;
      return [
        start.toISODate() ?? "",
        start.toFormat("HH:mm"),
        end.toFormat("HH:mm"),
        String(meeting.table),
        meeting.sme.name,
        meeting.sme.cluster ?? "",
        counterpart.kind === "org" ? counterpart.name : counterpart.sme.name,
        counterpart.kind === "org" ? counterpart.type : "SME",
        meeting.priority ?? "",
        statusLabels[meeting.status],
        meeting.status === "cancelled" ? "" : reportOutcomeLabels[meetingOutcome(meeting, input.now)],
        counterpartAnswer(meeting),
        notesOf(meeting),
      ];
    });
  return toCsv([[...reportCsvColumns], ...rows]);
}
