/**
 * Block Kit for missions themselves: the mission form (new and edit), the list, a mission's details,
 * and the archive confirmation with its Undo. Pure functions of data; every time is shown in the
 * mission's zone.
 */

import type { KnownBlock, PlainTextOption, View } from "@slack/types";
import { z } from "zod";
import { labelOf, markets } from "../../domain/taxonomy.js";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { inputBlock, plainText as plain, readSubmittedForm } from "../../platform/slack/form-blocks.js";
import type { MissionPostTimes, MissionRecord, MissionStatus, SessionPlan } from "./mission.js";
import {
  defaultPostTimes,
  describeCapacity,
  type MissionFormErrors,
  type MissionFormField,
  missionLimits,
  type RawMissionForm,
} from "./mission-form.js";
import {
  daysBetween,
  formatDay,
  formatDayRange,
  formatInstant,
  formatZone,
  localParts,
  marketZones,
  zoneCity,
} from "./mission-time.js";

export const missionModalCallbackId = "missions.mission_modal";

export const missionActionIds = {
  edit: "missions.edit",
  archive: "missions.archive",
  confirmArchive: "missions.archive_confirm",
  cancelArchive: "missions.archive_cancel",
  unarchive: "missions.unarchive",
} as const;

export const missionModalMeta = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("new") }),
  z.object({ mode: z.literal("edit"), missionId: z.number().int().positive() }),
]);
export type MissionModalMeta = z.infer<typeof missionModalMeta>;

export const missionFieldLabels: Record<MissionFormField, string> = {
  name: "Mission name",
  market: "Market",
  city: "City",
  timeZone: "Time zone",
  startDate: "First day",
  endDate: "Last day",
  capacity: "Delegation capacity (SMEs)",
  deadlineDate: "Meeting requests close on",
  deadlineTime: "… at (the mission's local time)",
  requestLimit: "Meeting requests per SME",
  channel: "Mission channel",
  createChannel: "Or create a channel",
  channelName: "New channel's name",
  sessionDays: "B2B session days",
  sessionStart: "Sessions start",
  sessionEnd: "Sessions end",
  slotMinutes: "Meeting slot length",
  breaks: "Breaks",
  tables: "Tables",
  agendaPostTime: "Daily agenda and personal schedules at",
  previewPostTime: "Preview of the next day at",
  reminderMinutes: "Meeting reminders (minutes before)",
  surveyMinutes: "Outcome surveys (minutes after)",
  chaseDaysBefore: "Chase missing profiles and requests (days before)",
};

const statusLabels: Record<MissionStatus, string> = {
  draft: "Draft",
  open: "Open",
  scheduled: "Scheduled",
  running: "Running",
  closed: "Closed",
};

export function missionStatusLabel(mission: Pick<MissionRecord, "status" | "archivedAt">): string {
  return mission.archivedAt ? "Archived" : statusLabels[mission.status];
}

const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text });

function option(value: string, text: string): PlainTextOption {
  return { text: plain(text.slice(0, 75)), value };
}

const marketOptions = markets.map((market) => option(market.key, market.label));
const zoneOptions = [...marketZones.US, ...marketZones.CN].map((zone) =>
  option(zone.zone, `${zone.zone} — ${zone.label}`),
);
const slotOptions = missionLimits.slotMinutes.map((minutes) => option(String(minutes), `${minutes} minutes`));
const createChannelOption = {
  text: mrkdwn("*Create a channel for this mission*"),
  description: plain("Named after the mission unless you type a name below."),
  value: "yes",
};

function input(
  blockId: MissionFormField,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return inputBlock(blockId, missionFieldLabels[blockId], element, extra);
}

const textInput = (value: string | undefined, extra: Record<string, unknown> = {}) => ({
  type: "plain_text_input",
  ...(value ? { initial_value: value } : {}),
  ...extra,
});

const numberInput = (value: number) => ({
  type: "number_input",
  is_decimal_allowed: false,
  initial_value: String(value),
});

/** A whole number within the form's limits; empty when the value is. */
const minutesInput = (value: string | undefined, limits: { min: number; max: number }) => ({
  type: "number_input",
  is_decimal_allowed: false,
  min_value: String(limits.min),
  max_value: String(limits.max),
  ...(value ? { initial_value: value } : {}),
});

function chosen(options: PlainTextOption[], value: string | undefined) {
  const found = options.find((o) => o.value === value);
  return found ? { initial_option: found } : {};
}

/** The breaks as the form shows them: "12:00-13:30, 15:30-15:45". */
export function breaksText(breaks: SessionPlan["breaks"]): string {
  return breaks.map((pause) => `${pause.start}-${pause.end}`).join(", ");
}

/** The form's starting values: the house defaults for a new mission, the mission's own for an edit. */
export function formValuesOf(mission: MissionRecord | undefined): RawMissionForm {
  if (!mission) {
    return {
      capacity: String(missionLimits.capacity.default),
      requestLimit: String(missionLimits.requestLimit.default),
      deadlineTime: "18:00",
      sessionStart: "09:00",
      sessionEnd: "17:00",
      slotMinutes: "30",
      tables: String(missionLimits.tables.default),
      ...postTimeValues(defaultPostTimes),
    };
  }
  const deadline = mission.requestDeadline ? localParts(mission.requestDeadline, mission.timeZone) : undefined;
  const everyDay = daysBetween(mission.startDate, mission.endDate).join() === mission.sessionPlan.days.join();
  return {
    name: mission.name,
    market: mission.market,
    city: mission.city,
    timeZone: mission.timeZone,
    startDate: mission.startDate,
    endDate: mission.endDate,
    capacity: String(mission.capacity),
    deadlineDate: deadline?.day,
    deadlineTime: deadline?.time ?? "18:00",
    requestLimit: String(mission.requestLimit),
    channel: mission.channelId ?? undefined,
    // Every day of the mission is the default: left empty, the plan follows the dates when they change.
    sessionDays: everyDay ? "" : mission.sessionPlan.days.join(", "),
    sessionStart: mission.sessionPlan.start,
    sessionEnd: mission.sessionPlan.end,
    slotMinutes: String(mission.sessionPlan.slotMinutes),
    breaks: breaksText(mission.sessionPlan.breaks),
    tables: String(mission.sessionPlan.tables),
    ...postTimeValues(mission),
  };
}

/** The scheduled posts' settings as the form shows them. */
function postTimeValues(times: MissionPostTimes): RawMissionForm {
  return {
    agendaPostTime: times.agendaPostTime,
    previewPostTime: times.previewPostTime,
    reminderMinutes: String(times.reminderMinutes),
    surveyMinutes: String(times.surveyMinutes),
    chaseDaysBefore: String(times.chaseDaysBefore),
  };
}

/** The mission form, for `/mission new` (empty, with defaults) and `/mission edit` (filled in). */
export function missionModal(meta: MissionModalMeta, values: RawMissionForm): View {
  const date = (value: string | undefined) => ({ type: "datepicker", ...(value ? { initial_date: value } : {}) });
  const time = (value: string | undefined) => ({ type: "timepicker", ...(value ? { initial_time: value } : {}) });
  const blocks: KnownBlock[] = [
    input("name", textInput(values.name, { max_length: missionLimits.name, placeholder: plain("China mission 2027") })),
    input("market", {
      type: "static_select",
      placeholder: plain("Choose"),
      options: marketOptions,
      ...chosen(marketOptions, values.market),
    }),
    input("city", textInput(values.city, { max_length: missionLimits.city, placeholder: plain("Shanghai") })),
    input(
      "timeZone",
      {
        type: "static_select",
        placeholder: plain("The city's zone"),
        options: zoneOptions,
        ...chosen(zoneOptions, values.timeZone),
      },
      {
        optional: true,
        hint: "Leave empty to use the city's zone (Boston → America/New_York, Shanghai → Asia/Shanghai).",
      },
    ),
    input("startDate", date(values.startDate)),
    input("endDate", date(values.endDate)),
    input(
      "capacity",
      { ...numberInput(Number(values.capacity)), min_value: "1", max_value: "200" },
      {
        hint: "SMEs beyond it go on the waiting list.",
      },
    ),
    input("deadlineDate", date(values.deadlineDate), { hint: "Before the mission starts." }),
    input("deadlineTime", time(values.deadlineTime), { hint: "In the mission's time zone, whatever yours is." }),
    input("requestLimit", { ...numberInput(Number(values.requestLimit)), min_value: "1", max_value: "100" }),
    { type: "header", text: plain("Mission channel") },
    input(
      "channel",
      {
        type: "conversations_select",
        placeholder: plain("Pick a channel"),
        filter: { include: ["public", "private"] },
        ...(values.channel ? { initial_conversation: values.channel } : {}),
      },
      { optional: true },
    ),
    input("createChannel", { type: "checkboxes", options: [createChannelOption] }, { optional: true }),
    input("channelName", textInput(values.channelName, { max_length: missionLimits.channelName }), {
      optional: true,
      hint: "Lower case, no spaces, e.g. china-mission-2027. Empty: the mission's name.",
    }),
    { type: "header", text: plain("B2B session plan") },
    input("sessionDays", textInput(values.sessionDays, { placeholder: plain("2027-04-13, 2027-04-14") }), {
      optional: true,
      hint: "Days as YYYY-MM-DD, separated by commas. Empty: every day of the mission.",
    }),
    input("sessionStart", time(values.sessionStart)),
    input("sessionEnd", time(values.sessionEnd)),
    input(
      "slotMinutes",
      { type: "static_select", options: slotOptions, ...chosen(slotOptions, values.slotMinutes) },
      {
        hint: "Minutes before a break or the end that cannot hold a whole slot stay free.",
      },
    ),
    input("breaks", textInput(values.breaks, { placeholder: plain("12:00-13:30, 15:30-15:45") }), { optional: true }),
    input("tables", { ...numberInput(Number(values.tables)), min_value: "1", max_value: "200" }),
    { type: "header", text: plain("Scheduled posts") },
    input("agendaPostTime", time(values.agendaPostTime), {
      optional: true,
      hint: `Each mission day, in the mission's time zone, to the channel and each traveller. Empty: ${defaultPostTimes.agendaPostTime}.`,
    }),
    input("previewPostTime", time(values.previewPostTime), {
      optional: true,
      hint: `The evening before each mission day, to the channel. Empty: ${defaultPostTimes.previewPostTime}.`,
    }),
    input("reminderMinutes", minutesInput(values.reminderMinutes, missionLimits.reminderMinutes), { optional: true }),
    input("surveyMinutes", minutesInput(values.surveyMinutes, missionLimits.surveyMinutes), { optional: true }),
    input("chaseDaysBefore", minutesInput(values.chaseDaysBefore, missionLimits.chaseDaysBefore), {
      optional: true,
    }),
  ];
  return {
    type: "modal",
    callback_id: missionModalCallbackId,
    private_metadata: JSON.stringify(meta),
    title: plain(meta.mode === "edit" ? "Edit mission" : "New mission"),
    submit: plain(meta.mode === "edit" ? "Save changes" : "Create mission"),
    close: plain("Cancel"),
    blocks,
  };
}

/** Slack's view.state.values → what the person entered. An empty field is "", never a default. */
export function readMissionModal(values: unknown): RawMissionForm {
  const form = readSubmittedForm(values);
  const raw: RawMissionForm = {};
  for (const field of Object.keys(missionFieldLabels) as MissionFormField[]) {
    if (field !== "createChannel") raw[field] = form.one(field) ?? "";
  }
  raw.createChannel = form.many("createChannel").includes("yes");
  return raw;
}

/** Errors for Slack's `response_action: "errors"`: only fields the form has. */
export function formErrors(errors: MissionFormErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message !== undefined)) as Record<
    string,
    string
  >;
}

/** "Shanghai · 12–16 Apr 2027 · Open · delegation 3/25". */
function missionLine(mission: MissionRecord, delegation: number): string {
  return [
    escapeMrkdwn(mission.city),
    formatDayRange(mission.startDate, mission.endDate),
    missionStatusLabel(mission),
    `delegation ${delegation}/${mission.capacity}`,
  ].join(" · ");
}

/** The most missions one list message shows (Slack allows 50 blocks). */
const listedAtMost = 45;

export function missionList(
  entries: readonly { mission: MissionRecord; delegation: number }[],
  options: { includeArchived: boolean; archivedHidden: number },
): { text: string; blocks: KnownBlock[] } {
  const hiddenNote =
    options.archivedHidden > 0
      ? ` ${countOf(options.archivedHidden, "archived mission")} not shown: \`/mission list all\` shows ${options.archivedHidden === 1 ? "it" : "them"}.`
      : "";
  if (entries.length === 0) {
    const text =
      options.archivedHidden > 0
        ? `No active missions.${hiddenNote}`
        : "No missions yet. Staff create one with `/mission new`.";
    return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
  }
  const text = `${countOf(entries.length, "mission")}${options.includeArchived ? ", archived ones included" : ""}.${hiddenNote}`;
  const shown = entries.slice(0, listedAtMost);
  const more = entries.length - shown.length;
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(`*${text}* \`/mission show <name>\` opens one.`) },
      ...shown.map(
        ({ mission, delegation }): KnownBlock => ({
          type: "section",
          text: mrkdwn(`*${escapeMrkdwn(mission.name)}*\n${missionLine(mission, delegation)}`),
        }),
      ),
      ...(more > 0
        ? [{ type: "context", elements: [mrkdwn(`… and ${countOf(more, "more mission")}.`)] } as KnownBlock]
        : []),
    ],
  };
}

/** The session plan in words, in the mission's zone. */
export function sessionPlanText(mission: MissionRecord): string {
  const plan = mission.sessionPlan;
  if (plan.days.length === 0) return "No B2B sessions planned yet.";
  const everyDay = daysBetween(mission.startDate, mission.endDate).join() === plan.days.join();
  const days = everyDay ? "Every day of the mission" : plan.days.map(formatDay).join(", ");
  const breaks = plan.breaks.length > 0 ? `, breaks ${breaksText(plan.breaks)}` : "";
  return `${days}\n${plan.start}–${plan.end} ${zoneCity(mission.timeZone)} time, ${plan.slotMinutes}-minute slots${breaks}, ${countOf(plan.tables, "table")}.\n${describeCapacity(plan)}`;
}

/** A mission's details; staff get Edit and Archive (or Unarchive) buttons. */
export function missionDetails(
  mission: MissionRecord,
  delegation: number,
  options: { staff: boolean },
): { text: string; blocks: KnownBlock[] } {
  const deadline = mission.requestDeadline ? formatInstant(mission.requestDeadline, mission.timeZone) : "not set";
  const fields = [
    `*Market*\n${labelOf(markets, mission.market)}, ${escapeMrkdwn(mission.city)}`,
    `*Dates*\n${formatDayRange(mission.startDate, mission.endDate)}`,
    `*Time zone*\n${formatZone(mission.timeZone, mission.startDate, mission.endDate)}`,
    `*Status*\n${missionStatusLabel(mission)}`,
    `*Delegation*\n${delegation} of ${countOf(mission.capacity, "SME")}`,
    `*Channel*\n${mission.channelId ? `<#${mission.channelId}>` : "none yet"}`,
    `*Meeting requests close*\n${deadline}`,
    `*Requests per SME*\n${mission.requestLimit}`,
  ];
  const posts = [
    `Agenda and personal schedules at ${mission.agendaPostTime} each mission day, the preview of the next day at ${mission.previewPostTime} (${zoneCity(mission.timeZone)} time).`,
    `Reminders ${countOf(mission.reminderMinutes, "minute")} before each meeting, outcome surveys ${countOf(mission.surveyMinutes, "minute")} after it; missing profiles and requests chased ${countOf(mission.chaseDaysBefore, "day")} before the start.`,
  ].join("\n");
  const text = `${escapeMrkdwn(mission.name)}: ${formatDayRange(mission.startDate, mission.endDate)} in ${escapeMrkdwn(mission.city)}`;
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(mission.name.slice(0, 150)) },
    { type: "section", fields: fields.map(mrkdwn) },
    { type: "section", text: mrkdwn(`*B2B sessions*\n${sessionPlanText(mission)}`) },
    { type: "section", text: mrkdwn(`*Scheduled posts*\n${posts}`) },
  ];
  if (mission.archivedAt) {
    blocks.push({ type: "context", elements: [mrkdwn("Archived: read-only until staff unarchive it.")] });
  }
  if (options.staff) {
    const value = String(mission.id);
    blocks.push({
      type: "actions",
      block_id: `mission.${mission.id}`,
      elements: mission.archivedAt
        ? [{ type: "button", action_id: missionActionIds.unarchive, text: plain("Unarchive"), value }]
        : [
            { type: "button", action_id: missionActionIds.edit, text: plain("Edit"), value },
            { type: "button", action_id: missionActionIds.archive, text: plain("Archive"), style: "danger", value },
          ],
    });
  }
  return { text, blocks };
}

/** "Archive China mission 2027?" with the consequences and the two buttons. */
export function archiveConfirmation(mission: MissionRecord): { text: string; blocks: KnownBlock[] } {
  const text = `Archive *${escapeMrkdwn(mission.name)}*? It leaves \`/mission list\` and becomes read-only: no edits, no new members or requests. You can unarchive it.`;
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        block_id: `mission.${mission.id}`,
        elements: [
          {
            type: "button",
            action_id: missionActionIds.confirmArchive,
            text: plain("Archive"),
            style: "danger",
            value: String(mission.id),
          },
          {
            type: "button",
            action_id: missionActionIds.cancelArchive,
            text: plain("Cancel"),
            value: String(mission.id),
          },
        ],
      },
    ],
  };
}

/** After archiving: what happened, with Undo. */
export function archivedNotice(mission: MissionRecord): { text: string; blocks: KnownBlock[] } {
  const text = `:file_cabinet: *${escapeMrkdwn(mission.name)}* is archived and read-only.`;
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        block_id: `mission.${mission.id}`,
        elements: [
          { type: "button", action_id: missionActionIds.unarchive, text: plain("Undo"), value: String(mission.id) },
        ],
      },
    ],
  };
}

/** "No mission is called “x”." with the missions the words matched, or where to look. */
export function unknownMission(typed: string, candidates: readonly MissionRecord[]): string {
  // A name is short; whatever else was pasted is not repeated back whole.
  const shown = `“${escapeMrkdwn(typed.length > 80 ? `${typed.slice(0, 80)}…` : typed)}”`;
  if (candidates.length > 0) {
    return `Several missions match ${shown}. Did you mean ${candidates.map((m) => `*${escapeMrkdwn(m.name)}*`).join(" or ")}? Type more of the name.`;
  }
  return `No mission is called ${shown}. \`/mission list all\` shows every mission.`;
}

/** The stored columns an edit can change, as people call them. */
const changedLabels: Record<string, string> = {
  name: "name",
  market: "market",
  city: "city",
  timeZone: "time zone",
  startDate: "first day",
  endDate: "last day",
  capacity: "capacity",
  requestDeadline: "request deadline",
  requestLimit: "requests per SME",
  sessionPlan: "session plan",
  channelId: "channel",
  agendaPostTime: "agenda time",
  previewPostTime: "preview time",
  reminderMinutes: "reminder minutes",
  surveyMinutes: "survey minutes",
  chaseDaysBefore: "chase days",
};

/** What staff are told once the form is saved. */
export function savedNotice(
  mission: MissionRecord,
  options: { created: boolean; changed?: readonly string[]; channelCreated?: string },
): string {
  const what = options.created
    ? `:white_check_mark: Mission *${escapeMrkdwn(mission.name)}* created: ${formatDayRange(mission.startDate, mission.endDate)} in ${escapeMrkdwn(mission.city)} (${mission.timeZone}).`
    : `:white_check_mark: Saved *${escapeMrkdwn(mission.name)}*. ${
        options.changed && options.changed.length > 0
          ? `Changed: ${options.changed.map((column) => changedLabels[column] ?? column).join(", ")}.`
          : "Nothing changed."
      }`;
  const channel = options.channelCreated ? ` I created <#${options.channelCreated}> for it.` : "";
  const deadline = mission.requestDeadline
    ? ` Meeting requests close ${formatInstant(mission.requestDeadline, mission.timeZone)}.`
    : "";
  return `${what}${channel}${deadline} ${describeCapacity(mission.sessionPlan)}`;
}
