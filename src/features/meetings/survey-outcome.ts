/**
 * The outcome survey's rules, pure: the four answers, what a button carries, who may answer for an
 * SME, and how long an answer can be changed (48 hours after it was first given).
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { hasControlCharacters } from "../../domain/text.js";

export const meetingOutcomes = [
  { key: "not_held", label: "Did not take place" },
  { key: "not_enough_interest", label: "Not enough interest" },
  { key: "informative", label: "Informative, no cooperation planned" },
  { key: "cooperation_possible", label: "Cooperation possible" },
] as const;
export type MeetingOutcomeKey = (typeof meetingOutcomes)[number]["key"];

export function outcomeLabel(key: string): string {
  return meetingOutcomes.find((outcome) => outcome.key === key)?.label ?? key;
}

export const editableHours = 48;
export const noteMaxLength = 1000;

/** What an answer button carries: the meeting, the SME answered for, the answer. */
export const surveyAnswerValue = z.object({
  m: z.number().int().positive(),
  s: z.number().int().positive(),
  o: z.enum(meetingOutcomes.map((outcome) => outcome.key) as [MeetingOutcomeKey, ...MeetingOutcomeKey[]]),
});
/** What the note button and the note form carry. */
export const surveyNoteValue = z.object({ m: z.number().int().positive(), s: z.number().int().positive() });

/** The last instant an answer first given at `answeredAt` can be changed. */
export function editableUntil(answeredAt: Date): Date {
  return DateTime.fromJSDate(answeredAt).plus({ hours: editableHours }).toJSDate();
}

export type AnswerFacts = {
  now: Date;
  meeting: { status: string; endsAt: Date; smeIds: readonly number[] };
  smeId: number;
  /** Who reads this SME's messages on the mission (its travellers). */
  recipients: readonly string[];
  actor: { slackUserId: string; staff: boolean };
  /** The answer already given for this SME, if any. */
  existing: { answeredAt: Date } | null;
};

/** Why this person may not answer (or change) this SME's outcome now; undefined when they may. */
export function answerRefusal(facts: AnswerFacts): string | undefined {
  if (!facts.meeting.smeIds.includes(facts.smeId)) return "This survey is not about that company's meeting.";
  if (!facts.actor.staff && !facts.recipients.includes(facts.actor.slackUserId)) {
    return "Only the people travelling for this company (or staff) can answer its survey.";
  }
  if (facts.meeting.status === "cancelled") return "This meeting was cancelled: there is nothing to answer.";
  if (facts.now < facts.meeting.endsAt) return "This meeting is not over yet: answer once it has ended.";
  if (facts.existing && facts.now > editableUntil(facts.existing.answeredAt)) {
    return `This answer can no longer be changed: an outcome can be changed for ${editableHours} hours after it was first given, and that time has passed.`;
  }
  return undefined;
}

/** A note as typed: trimmed, at most 1000 characters, no control characters; empty clears it. */
export function readNote(
  text: string | null | undefined,
): { ok: true; note: string | null } | { ok: false; message: string } {
  const note = (text ?? "").trim();
  if (note.length > noteMaxLength) return { ok: false, message: `Keep the note under ${noteMaxLength} characters.` };
  if (hasControlCharacters(note, { multiline: true })) {
    return { ok: false, message: "Remove the control characters (such as NUL or escape) from the note." };
  }
  return { ok: true, note: note || null };
}
