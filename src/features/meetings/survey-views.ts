/**
 * The outcome survey DM (one-tap answers, a note button) and the note form. Pure. Once answered,
 * every traveller's copy shows the answer, who gave it and until when it can be changed.
 */
import type { KnownBlock, View } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text.js";
import { button, inputBlock } from "../../platform/slack/form-blocks.js";
import { formatDay, formatInstant, localParts, zoneCity } from "../missions/index.js";
import { timeRange } from "./agenda.js";
import { oneLine } from "./agenda-views.js";
import {
  editableUntil,
  type MeetingOutcomeKey,
  meetingOutcomes,
  noteMaxLength,
  outcomeLabel,
} from "./survey-outcome.js";

export const surveyActionIds = {
  answer: "meetings.survey.answer",
  note: "meetings.survey.note",
} as const;
export const surveyNoteCallbackId = "meetings.survey.note_form";
export const surveyNoteBlockId = "note";

export type SurveyAnswer = {
  outcome: string;
  note: string | null;
  answeredBySlackId: string;
  answeredAt: Date;
};

export type SurveyCard = {
  meetingId: number;
  smeId: number;
  missionName: string;
  zone: string;
  startsAt: Date;
  endsAt: Date;
  table: number;
  smeName: string;
  counterpartName: string;
  answer: SurveyAnswer | null;
  late?: boolean;
};

const typed = (text: string, max: number) => escapeMrkdwn(oneLine(text, max));

/** The survey DM, before and after it is answered. */
export function surveyMessage(card: SurveyCard): { text: string; blocks: KnownBlock[] } {
  const { zone } = card;
  const day = formatDay(localParts(card.startsAt, zone).day);
  const with_ = typed(card.counterpartName, 200);
  const when = `${day}, ${timeRange(card.startsAt, card.endsAt, zone)} ${zoneCity(zone)} time, table ${card.table}`;
  const text = card.answer
    ? `Outcome of the meeting with ${with_}: ${outcomeLabel(card.answer.outcome)}.`
    : `:clipboard: How did the meeting with ${with_} go? One tap answers for ${typed(card.smeName, 200)}.`;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:clipboard: *How did the meeting with ${with_} go?*\n${when} · for ${typed(card.smeName, 200)} (${typed(card.missionName, 200)})${card.late ? "\n_This survey is late: the app was not running when it was due._" : ""}`,
      },
    },
  ];
  const answered = card.answer?.outcome as MeetingOutcomeKey | undefined;
  blocks.push({
    type: "actions",
    block_id: `survey_${card.meetingId}_${card.smeId}`,
    elements: [
      // One action id per answer: Slack wants them unique within a block.
      ...meetingOutcomes.map((outcome) =>
        button(
          `${surveyActionIds.answer}.${outcome.key}`,
          outcome.label,
          { m: card.meetingId, s: card.smeId, o: outcome.key },
          outcome.key === answered ? "primary" : undefined,
        ),
      ),
      button(surveyActionIds.note, card.answer?.note ? "Edit the note" : "Add a note", {
        m: card.meetingId,
        s: card.smeId,
      }),
    ],
  });
  if (card.answer) {
    const note = card.answer.note ? `\nNote: _${typed(card.answer.note, noteMaxLength)}_` : "";
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:white_check_mark: *${outcomeLabel(card.answer.outcome)}*, answered by <@${card.answer.answeredBySlackId}>${note}`,
      },
    });
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Any traveller of your company can change it until ${formatInstant(editableUntil(card.answer.answeredAt), zone)}.`,
        },
      ],
    });
  } else {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "One answer per company: any of its travellers can give it, and change it for 48 hours.",
        },
      ],
    });
  }
  return { text, blocks };
}

/** The note form, with the note given so far. */
export function surveyNoteModal(input: {
  meetingId: number;
  smeId: number;
  counterpartName: string;
  note: string | null;
}): View {
  return {
    type: "modal",
    callback_id: surveyNoteCallbackId,
    private_metadata: JSON.stringify({ m: input.meetingId, s: input.smeId }),
    title: { type: "plain_text", text: "Meeting note" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      inputBlock(
        surveyNoteBlockId,
        `What came out of the meeting with ${oneLine(input.counterpartName, 150)}?`,
        {
          type: "plain_text_input",
          multiline: true,
          max_length: noteMaxLength,
          ...(input.note ? { initial_value: input.note } : {}),
        },
        { optional: true, hint: "Staff see it with the outcome. Leave it empty to remove the note." },
      ),
    ],
  };
}
