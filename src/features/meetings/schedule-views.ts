/**
 * Block Kit and texts of `/mission schedule`: usage and empty states, the progress message while the
 * engine runs, the preview with Publish and Discard, and the same message once published or
 * discarded. Pure functions of data; times in the mission's zone.
 */
import type { KnownBlock } from "@slack/types";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { formatInstant, type MissionRecord } from "../missions/index.js";
import type { PlanProgress } from "./engine/schedule-engine.js";
import type { SchedulePreview } from "./schedule-preview.js";
import { unplacedReasonText } from "./schedule-preview.js";

export const scheduleActionIds = {
  publish: "meetings.schedule_publish",
  discard: "meetings.schedule_discard",
} as const;

export type ScheduleMessage = { text: string; blocks: KnownBlock[] };

/** How many unplaced meetings and SMEs the preview lists before saying how many more there are. */
const listedLines = 10;
/** Room for a list in one section (Slack allows 3,000 characters), with its heading and last line. */
const sectionBudget = 2800;

/** A heading and as many lines as fit (at most listedLines), then what `rest` says of the others. */
function listSection(heading: string, lines: readonly string[], rest: (more: number) => string): KnownBlock {
  const shown: string[] = [];
  let length = heading.length;
  for (const line of lines.slice(0, listedLines)) {
    if (length + line.length + 1 > sectionBudget) break;
    shown.push(line);
    length += line.length + 1;
  }
  const more = lines.length - shown.length;
  const text = [heading, ...shown, ...(more > 0 ? [rest(more)] : [])].join("\n");
  return { type: "section", text: { type: "mrkdwn", text } };
}

const name = (mission: Pick<MissionRecord, "name">) => `*${escapeMrkdwn(mission.name)}*`;

export const scheduleUsage =
  "Usage: `/mission schedule <mission>`, e.g. `/mission schedule china 2027`: places the mission's accepted meeting requests into its session slots and tables, and shows the result before anything is published.";

export function noSessionDaysText(mission: Pick<MissionRecord, "name">): string {
  return `:calendar: ${name(mission)} has no B2B session slots yet, so there is nothing to schedule into. Add the session days and times with \`/mission edit ${escapeMrkdwn(mission.name)}\`, then run \`/mission schedule ${escapeMrkdwn(mission.name)}\` again.`;
}

export function noAcceptedRequestsText(mission: Pick<MissionRecord, "name">, leftOut: number): string {
  const set =
    leftOut > 0 ? ` (${countOf(leftOut, "accepted request")} left out: a side is no longer in the mission)` : "";
  return `:inbox_tray: ${name(mission)} has no accepted meeting requests to schedule yet${set}. \`/meet overview ${escapeMrkdwn(mission.name)}\` shows the requests and who needs attention; \`/meet requests ${escapeMrkdwn(mission.name)}\` answers the ones to organisations.`;
}

/** The mission's stored data does not make a valid problem: what is wrong, first things first. */
export function unschedulableText(mission: Pick<MissionRecord, "name">, errors: readonly string[]): string {
  return `:warning: ${name(mission)} cannot be scheduled as its data stands:\n${errors.map((error) => `• ${escapeMrkdwn(error)}`).join("\n")}\nFix it with \`/mission edit ${escapeMrkdwn(mission.name)}\` or \`/mission orgs ${escapeMrkdwn(mission.name)}\`, then run the schedule again.`;
}

export function alreadyRunningText(
  mission: Pick<MissionRecord, "name" | "timeZone">,
  run: { createdBySlackId: string; createdAt: Date },
): string {
  return `:hourglass_flowing_sand: A schedule for ${name(mission)} is already being made (started by <@${run.createdBySlackId}> on ${formatInstant(run.createdAt, mission.timeZone)}). Its preview will appear in the same message; run the command again once it is there if you need a new one.`;
}

/** What the engine is doing, in words. */
const phaseText: Record<PlanProgress["phase"], string> = {
  heuristic: "Placing meetings quickly",
  relaxation: "Working out how good the best schedule can be",
  solver: "Searching for a better schedule",
  compaction: "Closing idle gaps",
};

export function progressMessage(
  mission: Pick<MissionRecord, "name">,
  size: { meetings: number; slots: number; tables: number },
  progress?: PlanProgress,
): ScheduleMessage {
  const lines = [
    `:hourglass_flowing_sand: Making a schedule for ${name(mission)}: ${countOf(size.meetings, "accepted request")}, ${countOf(size.slots, "slot")}, ${countOf(size.tables, "table")} per slot.`,
  ];
  if (progress) {
    const bound = progress.bound !== undefined ? `; no schedule can be worth more than ${progress.bound}` : "";
    lines.push(
      `${phaseText[progress.phase]}. Best so far is worth ${progress.objective} (a must-have counts 10, a want 3, a nice-to-have 1)${bound}.`,
    );
  }
  const text = lines.join("\n");
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

export function failedMessage(mission: Pick<MissionRecord, "name">, errorId: string): ScheduleMessage {
  const text = `:warning: The schedule for ${name(mission)} could not be made (error id \`${errorId}\`). Nothing was published; run \`/mission schedule ${escapeMrkdwn(mission.name)}\` again, and tell the app's admins the error id if it happens again.`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

export type DraftState =
  | { kind: "ready" }
  | { kind: "published"; bySlackId: string; at: Date; smesTold: number; untold: readonly string[] }
  | { kind: "discarded"; bySlackId: string; at: Date };

/** The preview of a draft, with its buttons while it is ready, or who published or discarded it. */
export function previewMessage(
  mission: Pick<MissionRecord, "name" | "timeZone">,
  draftId: number,
  preview: SchedulePreview,
  state: DraftState,
): ScheduleMessage {
  const title = `:calendar: *Proposed schedule for ${escapeMrkdwn(mission.name)}*`;
  const percent = `${preview.percentOfBound.toFixed(1)}%`;
  const figures = [
    `*${preview.placed} of ${preview.requested}* meetings placed · *${percent} of the best possible* (bound)${preview.proven ? ", proven best" : ""}`,
    `Must-haves placed: *${preview.mustPlaced} of ${preview.mustRequested}* · Idle gaps between meetings: *${preview.idleGaps}*`,
  ];
  if (preview.moved !== undefined || preview.cancelled > 0) {
    const moved = preview.moved ?? 0;
    const cancelled =
      preview.cancelled > 0
        ? `, *${preview.cancelled} ${preview.cancelled === 1 ? "is" : "are"} cancelled* (request no longer accepted)`
        : "";
    figures.push(
      `Changes to the published schedule: *${countOf(moved, "published meeting")} ${moved === 1 ? "moves" : "move"}*${cancelled}`,
    );
  }
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `${title}\n${figures.join("\n")}` } }];
  if (preview.unplaced.length > 0) {
    const lines = preview.unplaced.map(
      (meeting) =>
        `• ${meeting.sides.map((side) => `*${escapeMrkdwn(side)}*`).join(" with ")} (${meeting.priority}): ${unplacedReasonText[meeting.reason]}`,
    );
    blocks.push(
      listSection(
        `*Not placed (${preview.unplaced.length})*`,
        lines,
        (more) => `…and ${countOf(more, "more meeting")}`,
      ),
    );
  }
  if (preview.perSme.length > 0) {
    const lines = preview.perSme.map((sme) => `• ${escapeMrkdwn(sme.name)}: ${countOf(sme.meetings, "meeting")}`);
    const minimum =
      preview.minMeetingsPerSme > 0 ? ` (aim: at least ${countOf(preview.minMeetingsPerSme, "meeting")} each)` : "";
    const most = preview.perSme.at(-1)?.meetings ?? 0;
    blocks.push(
      listSection(`*Meetings per SME, fewest first*${minimum}`, lines, (more) => {
        const least = preview.perSme[preview.perSme.length - more]?.meetings ?? 0;
        return `…and ${countOf(more, "more SME")} with ${least === most ? most : `${least}–${most}`} meetings`;
      }),
    );
  }
  const notes: string[] = [];
  if (preview.withoutRequests > 0) {
    notes.push(
      `${countOf(preview.withoutRequests, "SME")} of the delegation ${preview.withoutRequests === 1 ? "has" : "have"} no accepted request, so no meeting to place (\`/meet suggest\` finds them counterparts).`,
    );
  }
  if (preview.leftOut.length > 0) {
    const reasons = [...new Set(preview.leftOut.map((request) => request.reason))];
    notes.push(`${countOf(preview.leftOut.length, "accepted request")} could not be scheduled: ${reasons.join("; ")}.`);
  }
  if (notes.length > 0) blocks.push({ type: "context", elements: notes.map((text) => ({ type: "mrkdwn", text })) });
  blocks.push(stateBlock(mission, draftId, state));
  return {
    text: `Proposed schedule for ${mission.name}: ${preview.placed} of ${preview.requested} meetings placed`,
    blocks,
  };
}

function stateBlock(mission: Pick<MissionRecord, "name" | "timeZone">, draftId: number, state: DraftState): KnownBlock {
  if (state.kind === "ready") {
    return {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: scheduleActionIds.publish,
          text: { type: "plain_text", text: "Publish" },
          style: "primary",
          value: String(draftId),
        },
        {
          type: "button",
          action_id: scheduleActionIds.discard,
          text: { type: "plain_text", text: "Discard" },
          style: "danger",
          value: String(draftId),
        },
      ],
    };
  }
  const when = formatInstant(state.at, mission.timeZone);
  let text = `:wastebasket: Discarded by <@${state.bySlackId}> on ${when}. The published schedule is unchanged.`;
  if (state.kind === "published") {
    text = `:white_check_mark: Published by <@${state.bySlackId}> on ${when}. ${countOf(state.smesTold, "SME")} told ${state.smesTold === 1 ? "its" : "their"} schedule by DM.`;
    if (state.untold.length > 0) {
      const shown = state.untold.slice(0, 5).map(escapeMrkdwn).join(", ");
      const more = state.untold.length > 5 ? ` and ${state.untold.length - 5} more` : "";
      text += ` Nobody in Slack could be told for ${countOf(state.untold.length, "SME")} (${shown}${more}): name their travellers with \`/mission travellers ${escapeMrkdwn(mission.name)} for <company>\`.`;
    }
  }
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

/** Why a draft cannot be published, with the next step. */
export function publishRefusalText(
  mission: Pick<MissionRecord, "name">,
  reason: "newer-draft" | "requests-changed" | "unreadable",
): string {
  const again = `run \`/mission schedule ${escapeMrkdwn(mission.name)}\` again`;
  switch (reason) {
    case "newer-draft":
      return `:information_source: A newer schedule was made for ${name(mission)} since this one, so this one cannot be published: publish the newer one, or ${again}.`;
    case "requests-changed":
      return `:information_source: The accepted meeting requests of ${name(mission)} changed since this schedule was made, so it would publish an out-of-date plan. Nothing was published: ${again} for a schedule with the current requests.`;
    case "unreadable":
      return `:warning: This schedule cannot be read any more. Nothing was published: ${again}.`;
  }
}

/** A click on a draft that was already decided (a double click, or someone else was faster). */
export function alreadyDecidedText(status: string): string {
  return status === "published"
    ? "This schedule is already published; nothing was written twice."
    : `This schedule is ${status === "discarded" ? "discarded" : "not ready"}, so it cannot be ${status === "discarded" ? "published or discarded again" : "published yet"}.`;
}
