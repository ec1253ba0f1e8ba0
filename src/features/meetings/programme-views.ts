/**
 * Block Kit for a mission's programme: the list by day (staff's Add, Edit and Remove buttons), the
 * add/edit modal and the reader of what was submitted. Pure.
 */
import type { Button, KnownBlock, PlainTextOption, View } from "@slack/types";
import { DateTime } from "luxon";
import { z } from "zod";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { button, inputBlock, plainText as plain, readSubmittedForm } from "../../platform/slack/form-blocks.js";
import { formatZone, localParts, type MissionRecord } from "../missions/index.js";
import { localDayOf, timeRange } from "./agenda.js";
import {
  type ProgrammeField,
  type ProgrammeItem,
  type ProgrammeKind,
  programmeFieldLabels,
  programmeKinds,
  programmeLimits,
  type RawProgrammeItem,
} from "./programme.js";

export const programmeActionIds = {
  add: "meetings.programme.add",
  edit: "meetings.programme.edit",
  remove: "meetings.programme.remove",
} as const;

export const programmeModalCallbackId = "meetings.programme_modal";

/** What the Add button carries: the mission. */
export const programmeMissionValue = z.object({ m: z.number().int().positive() });
/** What Edit and Remove carry: the mission and the item. */
export const programmeItemValue = programmeMissionValue.extend({ i: z.number().int().positive() });

export const programmeModalMeta = z.object({
  missionId: z.number().int().positive(),
  /** The item being edited; absent when adding. */
  itemId: z.number().int().positive().optional(),
});
export type ProgrammeModalMeta = z.infer<typeof programmeModalMeta>;

/** Slack refuses a message of more than 50 blocks. */
const maxBlocks = 50;

const kindEmoji: Record<ProgrammeKind, string> = {
  visit: ":factory:",
  session: ":microphone:",
  reception: ":clinking_glasses:",
  travel: ":airplane:",
  event: ":pushpin:",
};

const kindLabel = (kind: ProgrammeKind) => programmeKinds.find((k) => k.key === kind)?.label ?? "Other";

/** "Tuesday 13 Apr 2027": a day heading. */
export function dayHeading(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("cccc d LLL yyyy");
}

/** One programme item as a line of mrkdwn: time, kind, title, place, notes. */
export function programmeLine(item: ProgrammeItem, zone: string): string {
  const what = item.kind === "event" ? "" : `${kindLabel(item.kind)}: `;
  const place = item.location ? ` · ${escapeMrkdwn(item.location)}` : "";
  const notes = item.notes ? `\n${escapeMrkdwn(item.notes)}` : "";
  return `\`${timeRange(item.startsAt, item.endsAt, zone)}\` ${kindEmoji[item.kind]} ${what}*${escapeMrkdwn(item.title)}*${place}${notes}`;
}

function removeButton(mission: MissionRecord, item: ProgrammeItem): Button {
  const remove = button(programmeActionIds.remove, "Remove", { m: mission.id, i: item.id }, "danger");
  remove.confirm = {
    title: plain("Remove from the programme?"),
    text: plain(`${item.title.slice(0, 100)} is taken off the programme of ${mission.name.slice(0, 80)}.`),
    confirm: plain("Remove"),
    deny: plain("Keep"),
    style: "danger",
  };
  return remove;
}

/** `/mission programme <mission>`: the items by day in the mission's zone; staff add, edit and remove. */
export function programmeList(input: {
  mission: MissionRecord;
  items: readonly ProgrammeItem[];
  staff: boolean;
  /** What a button or the form just did, shown above the list. */
  notice?: string | undefined;
}): { text: string; blocks: KnownBlock[] } {
  const { mission, items, staff, notice } = input;
  const zone = mission.timeZone;
  const name = escapeMrkdwn(mission.name);
  const summary =
    items.length === 0
      ? `*${name}* has nothing on its programme yet.`
      : `:spiral_calendar_pad: Programme of *${name}*: ${countOf(items.length, "item")}`;
  const blocks: KnownBlock[] = [
    ...(notice ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: notice } }] : []),
    { type: "section", text: { type: "mrkdwn", text: summary } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text:
            items.length === 0
              ? staff
                ? "Add site visits, conference sessions, receptions and travel: everyone sees them in `/mission agenda`."
                : "Staff add site visits, sessions and receptions before the mission; look again later."
              : `Times in ${formatZone(zone, mission.startDate, mission.endDate)}. Meetings are in \`/mission agenda\`.`,
        },
      ],
    },
  ];
  if (staff) {
    blocks.push({
      type: "actions",
      elements: [button(programmeActionIds.add, "Add item", { m: mission.id }, "primary")],
    });
  }
  // Room for the day headings and the note that the list was cut.
  const perItem = staff ? 2 : 1;
  let shown = 0;
  let lastDay = "";
  for (const item of items) {
    const day = localDayOf(item.startsAt, zone);
    const needed = perItem + (day === lastDay ? 0 : 1);
    if (blocks.length + needed > maxBlocks - 1) break;
    if (day !== lastDay) {
      blocks.push({ type: "header", text: plain(dayHeading(day)) });
      lastDay = day;
    }
    blocks.push({ type: "section", text: { type: "mrkdwn", text: programmeLine(item, zone) } });
    if (staff) {
      blocks.push({
        type: "actions",
        elements: [button(programmeActionIds.edit, "Edit", { m: mission.id, i: item.id }), removeButton(mission, item)],
      });
    }
    shown += 1;
  }
  if (shown < items.length) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `${countOf(items.length - shown, "more item")} not shown: see the day in \`/mission agenda <date>\`.`,
        },
      ],
    });
  }
  return { text: notice ?? summary, blocks };
}

const kindOption = (kind: (typeof programmeKinds)[number]): PlainTextOption => ({
  text: plain(kind.label),
  value: kind.key,
});

function input(
  field: ProgrammeField,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
) {
  return inputBlock(field, programmeFieldLabels[field], element, extra);
}

/** The add/edit form: the item's values, or the mission's first day for a new one. */
export function programmeModal(meta: ProgrammeModalMeta, mission: MissionRecord, item?: ProgrammeItem): View {
  const zone = mission.timeZone;
  const start = item ? localParts(item.startsAt, zone) : undefined;
  const end = item ? localParts(item.endsAt, zone) : undefined;
  const text = (value: string | null | undefined) => (value ? { initial_value: value } : {});
  const chosenKind = programmeKinds.find((kind) => kind.key === item?.kind);
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `For *${escapeMrkdwn(mission.name)}*. Day and times in the mission's zone, ${escapeMrkdwn(formatZone(zone, mission.startDate, mission.endDate))}.`,
        },
      ],
    },
    input("title", { type: "plain_text_input", max_length: programmeLimits.title, ...text(item?.title) }),
    input("kind", {
      type: "static_select",
      placeholder: plain("Choose"),
      options: programmeKinds.map(kindOption),
      ...(chosenKind ? { initial_option: kindOption(chosenKind) } : {}),
    }),
    input("day", { type: "datepicker", initial_date: start?.day ?? mission.startDate }),
    input("start", { type: "timepicker", ...(start ? { initial_time: start.time } : {}) }),
    input("end", { type: "timepicker", ...(end ? { initial_time: end.time } : {}) }),
    input(
      "location",
      { type: "plain_text_input", max_length: programmeLimits.location, ...text(item?.location) },
      { optional: true, hint: "The address or the venue, e.g. Lingang heat plant, 88 Huanhu Rd." },
    ),
    input(
      "notes",
      { type: "plain_text_input", multiline: true, max_length: programmeLimits.notes, ...text(item?.notes) },
      { optional: true, hint: "What to bring, who goes, how people get there." },
    ),
  ];
  return {
    type: "modal",
    callback_id: programmeModalCallbackId,
    private_metadata: JSON.stringify(meta),
    title: plain(meta.itemId ? "Edit programme item" : "Add to the programme"),
    submit: plain("Save"),
    close: plain("Cancel"),
    blocks,
  };
}

/** Slack's view.state.values → what the person entered. */
export function readProgrammeModal(values: unknown): RawProgrammeItem {
  const form = readSubmittedForm(values);
  return {
    title: form.one("title") ?? "",
    kind: form.one("kind") ?? "",
    day: form.one("day") ?? "",
    start: form.one("start") ?? "",
    end: form.one("end") ?? "",
    location: form.one("location") ?? "",
    notes: form.one("notes") ?? "",
  };
}
