/** Block Kit and texts of the delegation: the forms, the list, the join request and every DM. Pure. */
import type { KnownBlock, PlainTextOption, View } from "@slack/types";
import { clusters } from "../../domain/clusters.js";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { marketName, maxTravellers, missionWhereAndWhen, type Placement } from "./delegation.js";
import type { Delegation, Participant } from "./delegation-store.js";
import type { MissionRecord } from "./mission.js";

export const delegationActionIds = {
  approve: "missions.delegation.approve",
  decline: "missions.delegation.decline",
  remove: "missions.delegation.remove",
  withdraw: "missions.delegation.withdraw",
  openAdd: "missions.delegation.open_add",
  openTravellers: "missions.delegation.open_travellers",
  page: "missions.delegation.page",
  /** The SME picker of the add form: Slack asks for its options as people type (block_suggestion). */
  smeSearch: "missions.delegation.sme_search",
  travellers: "missions.delegation.travellers_pick",
} as const;

export const addSmesCallbackId = "missions.delegation.add";
export const travellersCallbackId = "missions.delegation.travellers";
export const smePickerBlockId = "smes";
export const travellersBlockId = "travellers";

/** The button values and form metadata the delegation's listeners read back. */
export type MissionRef = { missionId: number };
export type SmeRef = { missionId: number; smeId: number };

type Mission = Pick<MissionRecord, "id" | "name" | "city" | "startDate" | "endDate" | "capacity" | "market">;
type Sme = { id: number; name: string; cluster: string | null };

const missionTitle = (mission: Pick<MissionRecord, "name">) => `*${escapeMrkdwn(mission.name)}*`;
const company = (name: string) => `*${escapeMrkdwn(name)}*`;
const clusterOf = (key: string | null) => clusters.find((c) => c.key === key)?.name;

/** Slack cuts nothing itself: option texts over 75 characters are refused. */
function upTo(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function section(text: string, accessory?: object): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text }, ...(accessory ? { accessory } : {}) } as KnownBlock;
}

function context(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text }] };
}

// ——— the forms ———

/**
 * Staff's form to add SMEs. The picker is an external multi-select: Slack asks the app for options
 * as staff type (block_suggestion), so it works with 500+ SMEs, where a static select holds 100.
 */
export function addSmesModal(mission: Mission, confirmed: number, waiting: number): View {
  const free = Math.max(0, mission.capacity - confirmed);
  return {
    type: "modal",
    callback_id: addSmesCallbackId,
    private_metadata: JSON.stringify({ missionId: mission.id } satisfies MissionRef),
    title: { type: "plain_text", text: "Add SMEs" },
    submit: { type: "plain_text", text: "Add" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      section(
        `${missionTitle(mission)} · ${escapeMrkdwn(missionWhereAndWhen(mission))}\n${confirmed} of ${mission.capacity} places taken${waiting > 0 ? `, ${waiting} on the waiting list` : ""}. ${free > 0 ? `The first ${countOf(free, "SME")} you add get a place; the others go on the waiting list, in the order you pick them.` : "The mission is full: SMEs you add go on the waiting list, in the order you pick them."}`,
      ),
      {
        type: "input",
        block_id: smePickerBlockId,
        label: { type: "plain_text", text: "SMEs listed in the directory" },
        hint: { type: "plain_text", text: "Type part of a company's name. Their people get an invitation by DM." },
        element: {
          type: "multi_external_select",
          action_id: delegationActionIds.smeSearch,
          placeholder: { type: "plain_text", text: "Type a company name" },
          min_query_length: 1,
          max_selected_items: 50,
        },
      },
    ],
  };
}

/** What the SME picker shows for one SME: its name, then its country and cluster (and a market warning). */
export function smeOption(
  sme: { id: number; name: string; country: string; cluster: string | null; markets: readonly string[] },
  market: MissionRecord["market"],
): PlainTextOption {
  const where = [sme.country, clusterOf(sme.cluster)].filter(Boolean).join(" · ");
  const warning = sme.markets.includes(market) ? "" : ` · does not target ${marketName(market)}`;
  return {
    text: { type: "plain_text", text: upTo(sme.name, 75) },
    value: String(sme.id),
    description: { type: "plain_text", text: upTo(`${where}${warning}`, 75) },
  };
}

export function travellersModal(mission: Mission, sme: Sme, current: readonly string[]): View {
  return {
    type: "modal",
    callback_id: travellersCallbackId,
    private_metadata: JSON.stringify({ missionId: mission.id, smeId: sme.id } satisfies SmeRef),
    title: { type: "plain_text", text: "Who travels" },
    submit: { type: "plain_text", text: "Save" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      section(`${company(sme.name)} on ${missionTitle(mission)} · ${escapeMrkdwn(missionWhereAndWhen(mission))}`),
      {
        type: "input",
        block_id: travellersBlockId,
        label: { type: "plain_text", text: "The people who travel" },
        hint: {
          type: "plain_text",
          text: `Up to ${maxTravellers} people. Once the SME has a place, they are invited to the mission's channel.`,
        },
        element: {
          type: "multi_users_select",
          action_id: delegationActionIds.travellers,
          placeholder: { type: "plain_text", text: "Pick people" },
          max_selected_items: maxTravellers,
          ...(current.length > 0 ? { initial_users: [...current] } : {}),
        },
      },
    ],
  };
}

// ——— the delegation list ———

/** SMEs per page of `/mission delegation`: one section each, under Slack's 50 blocks a message. */
export const delegationPageSize = 40;

export type DelegationViewer = { staff: boolean; smeId: number | null };

function travellersText(participant: Participant): string {
  return participant.travellers.length > 0
    ? participant.travellers.map((id) => `<@${id}>`).join(", ")
    : "_travellers not named yet_";
}

function button(text: string, actionId: string, value: SmeRef, style?: "primary" | "danger") {
  return {
    type: "button",
    text: { type: "plain_text", text },
    action_id: actionId,
    value: JSON.stringify(value),
    ...(style ? { style } : {}),
  };
}

function removeButton(mission: Mission, sme: Sme, waiting: boolean) {
  return {
    ...button("Remove", delegationActionIds.remove, { missionId: mission.id, smeId: sme.id }, "danger"),
    confirm: {
      title: { type: "plain_text", text: "Remove this SME?" },
      text: {
        type: "mrkdwn",
        text: upTo(
          `${company(sme.name)} leaves ${waiting ? "the waiting list of " : ""}${missionTitle(mission)}, and its people are told.${waiting ? "" : " The first SME on the waiting list takes its place."}`,
          300,
        ),
      },
      confirm: { type: "plain_text", text: "Remove" },
      deny: { type: "plain_text", text: "Keep" },
      style: "danger",
    },
  };
}

function withdrawButton(mission: Mission, sme: Sme) {
  return {
    ...button("Withdraw", delegationActionIds.withdraw, { missionId: mission.id, smeId: sme.id }, "danger"),
    confirm: {
      title: { type: "plain_text", text: "Withdraw?" },
      text: { type: "mrkdwn", text: upTo(`${company(sme.name)} leaves ${missionTitle(mission)}.`, 300) },
      confirm: { type: "plain_text", text: "Withdraw" },
      deny: { type: "plain_text", text: "Stay" },
      style: "danger",
    },
  };
}

type Row = { sme: Sme; participant: Participant; line: string };

/**
 * `/mission delegation`: the confirmed SMEs with their travellers, the waiting list in order and
 * (for staff) the requests waiting for a decision. Staff get Remove on every SME; an SME member gets
 * "Who travels" and "Withdraw" for their own company.
 */
export function delegationMessage(
  mission: Mission,
  delegation: Delegation,
  smes: ReadonlyMap<number, Sme>,
  viewer: DelegationViewer,
  page = 0,
): { text: string; blocks: KnownBlock[] } {
  const named = (p: Participant): Sme => smes.get(p.smeId) ?? { id: p.smeId, name: `SME ${p.smeId}`, cluster: null };
  const rows: { heading: string; row: Row }[] = [
    ...delegation.confirmed.map((p) => ({
      heading: `In the delegation: ${delegation.confirmed.length} of ${mission.capacity}`,
      row: { sme: named(p), participant: p, line: `${company(named(p).name)} — ${travellersText(p)}` },
    })),
    ...delegation.waiting.map((p, i) => ({
      heading: `Waiting list: ${delegation.waiting.length}`,
      row: { sme: named(p), participant: p, line: `${i + 1}. ${company(named(p).name)} — ${travellersText(p)}` },
    })),
    ...delegation.requested
      .filter((p) => viewer.staff || p.smeId === viewer.smeId)
      .map((p) => ({
        heading: "Asking to join, waiting for their cluster's staff",
        row: {
          sme: named(p),
          participant: p,
          line: `${company(named(p).name)}${p.requestedBySlackId ? ` — asked by <@${p.requestedBySlackId}>` : ""}`,
        },
      })),
  ];
  const pages = Math.max(1, Math.ceil(rows.length / delegationPageSize));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = rows.slice(current * delegationPageSize, (current + 1) * delegationPageSize);
  const text = `Delegation of ${mission.name}: ${delegation.confirmed.length} of ${mission.capacity} places taken, ${delegation.waiting.length} waiting.`;
  const blocks: KnownBlock[] = [
    section(`${missionTitle(mission)} · ${escapeMrkdwn(missionWhereAndWhen(mission))} · ${marketName(mission.market)}`),
  ];
  if (viewer.staff) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Add SMEs" },
          action_id: delegationActionIds.openAdd,
          value: JSON.stringify({ missionId: mission.id } satisfies MissionRef),
          style: "primary",
        },
      ],
    });
  }
  if (rows.length === 0)
    blocks.push(context("Nobody yet: staff add SMEs with `/mission add`, SMEs ask with `/mission join`."));
  let heading: string | undefined;
  for (const { heading: rowHeading, row } of shown) {
    if (rowHeading !== heading) {
      heading = rowHeading;
      blocks.push(context(`*${rowHeading}*`));
    }
    const own = viewer.smeId === row.sme.id;
    const accessory = viewer.staff
      ? row.participant.status === "requested"
        ? undefined
        : removeButton(mission, row.sme, row.participant.status === "waiting")
      : own
        ? withdrawButton(mission, row.sme)
        : undefined;
    blocks.push(section(row.line, accessory));
    if (own && row.participant.status !== "requested" && !viewer.staff) {
      blocks.push({
        type: "actions",
        elements: [
          button("Who travels", delegationActionIds.openTravellers, { missionId: mission.id, smeId: row.sme.id }),
        ],
      } as KnownBlock);
    }
  }
  if (pages > 1) {
    blocks.push(context(`Page ${current + 1} of ${pages}`));
    const pageButtons = [
      ...(current > 0 ? [{ label: "Previous", page: current - 1 }] : []),
      ...(current < pages - 1 ? [{ label: "Next", page: current + 1 }] : []),
    ].map(({ label, page: to }) => ({
      type: "button",
      text: { type: "plain_text", text: label },
      action_id: `${delegationActionIds.page}.${to}`,
      value: JSON.stringify({ missionId: mission.id, page: to }),
    }));
    blocks.push({ type: "actions", elements: pageButtons } as KnownBlock);
  }
  if (viewer.staff) {
    blocks.push(context("Name an SME's travellers with `/mission travellers <mission> for <company>`."));
  }
  return { text, blocks };
}

// ——— join requests ———

/** The DM cluster staff get when an SME asks to join, with Approve and Decline. */
export function joinRequestMessage(
  mission: Mission,
  sme: Sme,
  askedBy: string,
  full: boolean,
): { text: string; blocks: KnownBlock[] } {
  const text = `<@${askedBy}> asks for ${company(sme.name)} to join the delegation of ${missionTitle(mission)} (${escapeMrkdwn(missionWhereAndWhen(mission))}).`;
  const value: SmeRef = { missionId: mission.id, smeId: sme.id };
  return {
    text,
    blocks: [
      section(text),
      context(
        `${clusterOf(sme.cluster) ?? "No cluster"}${full ? " · The mission is full: approving puts it on the waiting list." : ""}`,
      ),
      {
        type: "actions",
        block_id: `missions.delegation.request.${mission.id}.${sme.id}`,
        elements: [
          button("Approve", delegationActionIds.approve, value, "primary"),
          button("Decline", delegationActionIds.decline, value, "danger"),
        ],
      } as KnownBlock,
    ],
  };
}

function placementText(placement: Placement): string {
  return placement.status === "confirmed"
    ? "has a place in the delegation"
    : `is on the waiting list, place ${placement.place}`;
}

/** What replaces the join request once decided. */
export function joinDecidedText(mission: Mission, sme: Sme, outcome: Placement | { status: "declined" }, by: string) {
  return outcome.status === "declined"
    ? `<@${by}> declined ${company(sme.name)}'s request to join ${missionTitle(mission)}.`
    : `<@${by}> approved ${company(sme.name)}'s request to join ${missionTitle(mission)}: it ${placementText(outcome)}.`;
}

const statusWords: Record<string, string> = {
  confirmed: "approved it: the SME has a place",
  waiting: "approved it: the SME is on the waiting list",
  declined: "declined it",
  withdrawn: "decided it, and the SME has left the mission since",
};

/** The answer to a click on a request someone already decided. */
export function alreadyDecidedText(sme: Sme, status: string | undefined, decidedBy: string | null): string {
  if (!status) return `${company(sme.name)} has no request for this mission any more.`;
  const who = decidedBy ? `<@${decidedBy}>` : "Someone";
  return `${who} already ${statusWords[status] ?? "decided it"} (${company(sme.name)}).`;
}

// ——— what the SME's people are told ———

function travellersHint(mission: Mission): string {
  return `Name who travels with \`/mission travellers ${mission.name}\`.`;
}

/** Staff added the SME: an invitation, with where and when, and how to name travellers. */
export function invitationText(mission: Mission, sme: Sme, placement: Placement, by: string): string {
  const where = escapeMrkdwn(missionWhereAndWhen(mission));
  return placement.status === "confirmed"
    ? `:airplane: <@${by}> invited ${company(sme.name)} to the delegation of ${missionTitle(mission)} (${where}). ${travellersHint(mission)}`
    : `:hourglass_flowing_sand: <@${by}> put ${company(sme.name)} on the waiting list of ${missionTitle(mission)} (${where}), place ${placement.place}: you are told as soon as a place frees up. ${travellersHint(mission)}`;
}

export function joinAskedText(mission: Mission, sme: Sme, staffAsked: number): string {
  return `Asked: the staff of your cluster (${countOf(staffAsked, "person", "people")}) decide whether ${company(sme.name)} joins ${missionTitle(mission)}. You are told here.`;
}

export function joinOutcomeText(mission: Mission, sme: Sme, outcome: Placement | { status: "declined" }): string {
  if (outcome.status === "declined") {
    return `Cluster staff declined ${company(sme.name)}'s request to join ${missionTitle(mission)}. Ask them why, or for another mission.`;
  }
  return outcome.status === "confirmed"
    ? `:tada: ${company(sme.name)} joins the delegation of ${missionTitle(mission)} (${escapeMrkdwn(missionWhereAndWhen(mission))}). ${travellersHint(mission)}`
    : `${company(sme.name)} is approved for ${missionTitle(mission)}, but the mission is full: it is on the waiting list, place ${outcome.place}. You are told as soon as a place frees up.`;
}

export function promotedText(mission: Mission, sme: Sme): string {
  return `:tada: A place freed up: ${company(sme.name)} moves up from the waiting list into the delegation of ${missionTitle(mission)} (${escapeMrkdwn(missionWhereAndWhen(mission))}). ${travellersHint(mission)}`;
}

export function removedText(mission: Mission, sme: Sme, by: string): string {
  return `<@${by}> removed ${company(sme.name)} from ${missionTitle(mission)}. Ask them if you think this is a mistake.`;
}

export function withdrawnText(mission: Mission, sme: Sme, by: string, promoted: Sme | undefined): string {
  return `${company(sme.name)} left ${missionTitle(mission)} (<@${by}>).${promoted ? ` ${company(promoted.name)} moved up from the waiting list.` : ""}`;
}

/** Staff's summary after adding SMEs. */
export function addedSummary(
  mission: Mission,
  outcomes: readonly { sme: Sme; outcome: Placement | { status: "already"; was: "confirmed" | "waiting" } }[],
  warning: string | null,
): string {
  const lines = outcomes.map(({ sme, outcome }) => {
    if (outcome.status === "already")
      return `• ${company(sme.name)}: already ${outcome.was === "confirmed" ? "in the delegation" : "on the waiting list"}`;
    return `• ${company(sme.name)}: ${outcome.status === "confirmed" ? "in the delegation" : `waiting list, place ${outcome.place}`}`;
  });
  return [`Added to ${missionTitle(mission)}:`, ...lines, ...(warning ? [warning] : [])].join("\n");
}
