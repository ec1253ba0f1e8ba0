/** Block Kit for the consortium builder: the build form, proposals, swaps, the list, the kick-off post. Pure. */
import type { KnownBlock, PlainTextOption, View } from "@slack/types";
import { z } from "zod";
import { clusters } from "../../domain/clusters.js";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { button, inputBlock, plainText } from "../../platform/slack/form-blocks.js";
import { type BuildField, buildDefaults, descriptionLimit, type RawBuildForm } from "./build-form.js";
import {
  type ConsortiumRecord,
  type ConsortiumStatus,
  consortiumStatuses,
  countryName,
  poolName,
  type SwapChoice,
  statusLabels,
  summaryOf,
} from "./consortium.js";

export const buildCallbackId = "consortium.build";

export const consortiumActionIds = {
  create: "consortium.create",
  swap: "consortium.swap",
  swapRole: "consortium.swap_role",
  swapTo: "consortium.swap_to",
  back: "consortium.back",
  discard: "consortium.discard",
  setStatus: "consortium.set_status",
} as const;

/** The multi-selects of SMEs answer their options from the directory (app.options on this action id). */
export const smePickerActionId = "consortium.sme_search";

/** What the form carries between its two steps. */
export const buildMeta = z.object({ missionId: z.number().int().positive().nullable() });
export type BuildMeta = z.infer<typeof buildMeta>;

/** What a button carries: the consortium, and for a swap the role and the SME that takes it. */
export const buttonValue = z.object({
  id: z.number().int().positive(),
  role: z.string().optional(),
  sme: z.number().int().positive().optional(),
  status: z.enum(consortiumStatuses).optional(),
});
export type ButtonValue = z.infer<typeof buttonValue>;

type Message = { text: string; blocks: KnownBlock[] };

const upTo = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Slack refuses a section whose text is over 3000 characters: the builders keep each part well within. */
const sectionTextLimit = 3000;
const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: upTo(text, sectionTextLimit) },
});
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

export function smeOption(sme: { id: number; name: string; country: string; cluster: string | null }): PlainTextOption {
  return {
    text: plainText(upTo(sme.name, 75)),
    value: String(sme.id),
    description: plainText(upTo([countryName(sme.country), clusterName(sme.cluster)].filter(Boolean).join(" · "), 75)),
  };
}

function clusterName(key: string | null): string {
  if (key === null || key === "none") return "no cluster";
  return clusters.find((cluster) => cluster.key === key)?.name ?? key;
}

export type BuildModalContext = {
  meta: BuildMeta;
  missionName: string | null;
  organisations: readonly { id: number; name: string; city: string }[];
  /** The SMEs already picked in the multi-selects, to show them again. */
  picked: ReadonlyMap<number, { id: number; name: string; country: string; cluster: string | null }>;
  values: RawBuildForm;
  /** Shown above the roles after they were suggested: where they came from. */
  note?: string;
};

/** The build form; `values` fill it again after a step, so nothing typed is lost. */
export function buildModal(input: BuildModalContext): View {
  const { values } = input;
  const organisationOptions = input.organisations.slice(0, 100).map((organisation) => ({
    text: plainText(upTo(organisation.name, 75)),
    value: String(organisation.id),
    description: plainText(upTo(organisation.city, 75)),
  }));
  const selectedOrganisation = organisationOptions.find((option) => option.value === values.organisation);
  const pickedOptions = (ids: readonly string[] | undefined) =>
    (ids ?? []).flatMap((id) => {
      const sme = input.picked.get(Number(id));
      return sme ? [smeOption(sme)] : [];
    });
  const smePicker = (field: "mustInclude" | "mustExclude", label: string, hint: string) => {
    const initial = pickedOptions(values[field]);
    return inputBlock(
      field,
      label,
      {
        type: "multi_external_select",
        action_id: smePickerActionId,
        placeholder: plainText("Type a company name"),
        min_query_length: 1,
        max_selected_items: 12,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
      { optional: true, hint },
    );
  };
  const number = (field: "minCountries" | "minClusters" | "maxSize", label: string, min: number, max: number) =>
    inputBlock(field, label, {
      type: "number_input",
      is_decimal_allowed: false,
      min_value: String(min),
      max_value: String(max),
      initial_value: values[field]?.trim() || String(buildDefaults[field]),
    });
  const blocks: KnownBlock[] = [
    section(
      input.missionName
        ? `A consortium for a project of *${escapeMrkdwn(input.missionName)}*: pick the local organisation whose project it is, or describe the project.`
        : "Describe the project the consortium would deliver.",
    ),
  ];
  if (organisationOptions.length > 0) {
    blocks.push(
      inputBlock(
        "organisation",
        "Local organisation",
        {
          type: "static_select",
          placeholder: plainText("Whose project is it?"),
          options: organisationOptions,
          ...(selectedOrganisation ? { initial_option: selectedOrganisation } : {}),
        },
        { optional: true, hint: "Its needs are the project; add details below if you like." },
      ),
    );
  }
  blocks.push(
    inputBlock(
      "description",
      "The project",
      {
        type: "plain_text_input",
        multiline: true,
        max_length: descriptionLimit,
        placeholder: plainText("e.g. retrofit of a district-heating plant with heat pumps, heat storage and a BMS"),
        ...(values.description ? { initial_value: values.description } : {}),
      },
      { optional: true },
    ),
  );
  if (input.note) blocks.push(context(input.note));
  blocks.push(
    inputBlock(
      "roles",
      "Value-chain roles it needs",
      {
        type: "plain_text_input",
        multiline: true,
        placeholder: plainText("One role per line, e.g. Heat pumps"),
        ...(values.roles ? { initial_value: values.roles } : {}),
      },
      {
        optional: true,
        hint: "One role per line. Leave empty and press Next: the roles are suggested from the project.",
      },
    ),
    number("minCountries", "At least this many countries", 1, 10),
    number("minClusters", "At least this many clusters", 1, clusters.length),
    number("maxSize", "At most this many members", 2, 12),
    smePicker("mustInclude", "SMEs that must be in", "Each gets a role it can fill."),
    smePicker("mustExclude", "SMEs that must not be in", "They are never proposed."),
  );
  if (input.meta.missionId !== null) {
    const scopeOptions = [
      { text: plainText("The mission's delegation"), value: "delegation" },
      { text: plainText("The whole directory"), value: "directory" },
    ];
    blocks.push(
      inputBlock("scope", "Choose members from", {
        type: "radio_buttons",
        options: scopeOptions,
        initial_option: scopeOptions.find((option) => option.value === values.scope) ?? scopeOptions[0],
      }),
    );
  }
  const ready = (values.roles ?? "").trim() !== "";
  return {
    type: "modal",
    callback_id: buildCallbackId,
    private_metadata: JSON.stringify(input.meta),
    title: plainText("Build a consortium"),
    submit: plainText(ready ? "Build" : "Next"),
    close: plainText("Cancel"),
    blocks,
  };
}

/** The form's errors by block id; a field the modal does not show (no organisations) goes to the project. */
export function formErrors(
  errors: Partial<Record<BuildField, string>>,
  shown: { organisation: boolean; scope: boolean },
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const hidden = (field === "organisation" && !shown.organisation) || (field === "scope" && !shown.scope);
    const block = hidden ? "description" : field;
    result[block] = result[block] ? `${result[block]} ${message}` : message;
  }
  return result;
}

export const percent = (fit: number) => `${Math.round(fit * 100)}%`;

/** Why an SME fits a role, cut short past `reasonsShown` characters: a role's line stays readable. */
const reasonsShown = 400;

function reasonsText(reasons: readonly string[]): string {
  const text = upTo(reasons.join("; "), reasonsShown);
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : "Fits what the role asks for";
}

/** "2 clusters: Clean DK, Tenerrdis (1 SME without a cluster)": "no cluster" is never shown as a cluster. */
function clustersText(summary: { clusters: readonly string[]; withoutCluster: number }): string {
  const without = summary.withoutCluster > 0 ? ` (${countOf(summary.withoutCluster, "SME")} without a cluster)` : "";
  if (summary.clusters.length === 0) return `No cluster${without}`;
  return `${countOf(summary.clusters.length, "cluster")}: ${summary.clusters.map((key) => escapeMrkdwn(clusterName(key))).join(", ")}${without}`;
}

/**
 * One consortium as a proposal shows it, a block each (12 roles with long names and reasons would
 * break Slack's 3000 characters in one): its title, per role the SME with why, coverage, score.
 */
function consortiumBlocks(title: string, consortium: ConsortiumRecord): KnownBlock[] {
  return [section(title), ...consortiumBody(consortium).map(section)];
}

/** Per role the SME with why it fits, then coverage and score: a line each. */
function consortiumBody(consortium: ConsortiumRecord): string[] {
  const summary = summaryOf(consortium.members, consortium.roles);
  const holder = new Map(
    consortium.members.flatMap((member) => member.roles.map((fit) => [fit.role, { member, fit }] as const)),
  );
  const lines = consortium.roles.map((role) => {
    const held = holder.get(role.key);
    if (!held) return `• *${escapeMrkdwn(role.label)}*: _nobody — uncovered_`;
    return `• *${escapeMrkdwn(role.label)}*: ${escapeMrkdwn(held.member.name)} (${escapeMrkdwn(countryName(held.member.country))}, fit ${percent(held.fit.fit)}) — ${escapeMrkdwn(reasonsText(held.fit.reasons))}`;
  });
  const uncovered = consortium.roles.filter((role) => summary.uncoveredRoles.includes(role.key));
  return [
    ...lines,
    `Countries: ${summary.countries.map((code) => escapeMrkdwn(countryName(code))).join(", ")} · ${clustersText(summary)} · ${countOf(consortium.members.length, "member")} · Score ${summary.score} of ${consortium.roles.length}`,
    ...(uncovered.length > 0
      ? [`:warning: Uncovered: ${uncovered.map((role) => escapeMrkdwn(role.label)).join(", ")}`]
      : []),
  ];
}

/** A proposal with its Create, Swap a member and Discard buttons. */
export function proposalMessage(consortium: ConsortiumRecord, extra: KnownBlock[] = []): Message {
  const value = { id: consortium.id } satisfies ButtonValue;
  return {
    text: `Proposal: ${consortium.name}`,
    blocks: [
      ...consortiumBlocks(`*${escapeMrkdwn(consortium.name)}*`, consortium),
      ...extra,
      ...(extra.length > 0
        ? []
        : [
            {
              type: "actions",
              block_id: `consortium.${consortium.id}`,
              elements: [
                button(consortiumActionIds.create, "Create", value, "primary"),
                button(consortiumActionIds.swap, "Swap a member", value),
                button(consortiumActionIds.discard, "Discard", value, "danger"),
              ],
            } as KnownBlock,
          ]),
    ],
  };
}

/** The proposal with a button per role: which member to swap. */
export function swapRoleChoice(consortium: ConsortiumRecord): Message {
  return proposalMessage(consortium, [
    section("Which role should someone else take?"),
    {
      type: "actions",
      elements: [
        ...consortium.roles
          .slice(0, 12)
          .map((role) =>
            button(consortiumActionIds.swapRole, upTo(role.label, 70), { id: consortium.id, role: role.key }),
          ),
        button(consortiumActionIds.back, "Back", { id: consortium.id }),
      ],
    } as KnownBlock,
  ]);
}

/** Why nobody can take a role in a swap: nobody else fits it, or those who do would break a rule. */
function nobodyForSwap(consortium: ConsortiumRecord, label: string, choice: SwapChoice): string {
  const role = `*${escapeMrkdwn(label)}*`;
  if (choice.othersWhoFit === 0)
    return `Nobody else in ${poolName(consortium.constraints.scope)} fits ${role}: no other profile fits that role.`;
  if (choice.keptApartBySiblings > 0) {
    const others = choice.othersWhoFit > choice.keptApartBySiblings ? "; the others would break its constraints" : "";
    return `Nobody else can take ${role}: ${countOf(choice.keptApartBySiblings, "SME")} who fit it would make this proposal share more than half its members with another proposal of the same build (no two may)${others}.`;
  }
  return `Nobody else can take ${role} under this consortium's constraints (size, countries, clusters, the SMEs that must be in, those that must not).`;
}

/** The proposal with the next best candidates for one role, each a button that hands them the role. */
export function swapCandidateChoice(consortium: ConsortiumRecord, role: string, choice: SwapChoice): Message {
  const label = consortium.roles.find((entry) => entry.key === role)?.label ?? role;
  const back = button(consortiumActionIds.back, "Back", { id: consortium.id });
  const { options } = choice;
  if (options.length === 0) {
    return proposalMessage(consortium, [
      section(nobodyForSwap(consortium, label, choice)),
      { type: "actions", elements: [back] } as KnownBlock,
    ]);
  }
  return proposalMessage(consortium, [
    section(`Who should take *${escapeMrkdwn(label)}*?`),
    ...options.map((option) =>
      section(
        `• *${escapeMrkdwn(option.name)}* (${escapeMrkdwn(countryName(option.country))}, fit ${percent(option.fit.fit)}) — ${escapeMrkdwn(reasonsText(option.fit.reasons))}`,
      ),
    ),
    {
      type: "actions",
      elements: [
        ...options.map((option) =>
          button(consortiumActionIds.swapTo, upTo(option.name, 70), { id: consortium.id, role, sme: option.smeId }),
        ),
        back,
      ],
    } as KnownBlock,
  ]);
}

/** A proposal whose build gave another consortium: it stays as it was, for the record, but cannot be created. */
export function retiredProposalMessage(
  consortium: ConsortiumRecord,
  created: Pick<ConsortiumRecord, "name" | "channelId">,
): Message {
  const where = created.channelId ? `<#${created.channelId}>` : `*${escapeMrkdwn(created.name)}*`;
  return {
    text: `Another proposal for this project was created: ${created.name}`,
    blocks: [
      ...consortiumBlocks(`~${escapeMrkdwn(consortium.name)}~`, consortium),
      context(
        `Another proposal for this project was created: ${where} (*${escapeMrkdwn(created.name)}*). This one can no longer be created.`,
      ),
    ],
  };
}

export function discardedMessage(name: string): Message {
  return { text: `Discarded: ${name}`, blocks: [context(`~${escapeMrkdwn(name)}~ discarded.`)] };
}

export function formedMessage(consortium: ConsortiumRecord, channelId: string, notInvited: readonly string[]): Message {
  const missing =
    notInvited.length > 0
      ? `\n:warning: Slack did not let me invite ${notInvited.map((user) => `<@${user}>`).join(", ")}: invite them by hand.`
      : "";
  return {
    text: `Formed: ${consortium.name}`,
    blocks: [
      ...consortiumBlocks(`*${escapeMrkdwn(consortium.name)}* — formed: <#${channelId}>`, consortium),
      ...(missing ? [section(missing.trim())] : []),
    ],
  };
}

/** The first post in the consortium's private channel: the opportunity, the roles and who covers each. */
export function kickOffMessage(
  consortium: ConsortiumRecord,
  contacts: ReadonlyMap<number, readonly string[]>,
  organiser: string,
): Message {
  const people = (smeId: number) => {
    const ids = contacts.get(smeId) ?? [];
    return ids.length > 0 ? ` — ${ids.map((id) => `<@${id}>`).join(", ")}` : " — _no contact in Slack yet_";
  };
  const holder = new Map(
    consortium.members.flatMap((member) => member.roles.map((fit) => [fit.role, member] as const)),
  );
  const roleLines = consortium.roles.map((role) => {
    const member = holder.get(role.key);
    return member
      ? `• *${escapeMrkdwn(role.label)}*: ${escapeMrkdwn(member.name)} (${escapeMrkdwn(countryName(member.country))})${people(member.smeId)}`
      : `• *${escapeMrkdwn(role.label)}*: _uncovered — who could take it?_`;
  });
  return {
    text: `Welcome to the ${consortium.name} consortium`,
    blocks: [
      section(`:handshake: *Welcome to ${escapeMrkdwn(consortium.name)}*, set up by <@${organiser}>.`),
      section(`*The opportunity*\n${escapeMrkdwn(upTo(consortium.opportunity, 2500))}`),
      section("*The roles and who covers each*"),
      ...roleLines.map(section),
      context(
        "Next: agree who leads the bid, then move the consortium to “bidding” with `/consortium status` (its members and staff can; `/consortium list` has the buttons too).",
      ),
    ],
  };
}

export function buildingMessage(opportunity: string, roles: readonly string[]): Message {
  return {
    text: "Building consortia…",
    blocks: [
      section(
        `:hourglass_flowing_sand: Building consortia for: _${escapeMrkdwn(upTo(opportunity.replace(/\s+/g, " "), 200))}_\nRoles: ${roles.map(escapeMrkdwn).join(", ")}`,
      ),
    ],
  };
}

export function proposalsHeader(opportunity: string, count: number, notes: readonly string[]): Message {
  return {
    text: `${countOf(count, "proposal")} for your consortium`,
    blocks: [
      section(
        `:busts_in_silhouette: *${countOf(count, "proposal")}* for: _${escapeMrkdwn(upTo(opportunity.replace(/\s+/g, " "), 200))}_ — best first, no two sharing more than half their members.`,
      ),
      ...notes.slice(0, 40).map((note) => context(upTo(note, 2000))),
    ],
  };
}

/** Why fewer proposals than asked arrived: no other team is different enough under the constraints. */
export function fewerProposalsNote(count: number): string {
  const these = count === 1 ? "this one" : "these";
  return `Only ${countOf(count, "proposal")}: no other team that meets the constraints differs enough from ${these} (no two proposals may share more than half their members). Loosen a constraint or widen the pool for more.`;
}

export function impossibleMessage(reasons: readonly string[]): Message {
  return {
    text: "No consortium meets this request",
    blocks: [
      section(":no_entry_sign: *No consortium meets this request.*"),
      ...reasons.slice(0, 40).map((reason) => section(`• ${reason}`)),
    ],
  };
}

/** `/consortium list`: each consortium with its members and status, and buttons to move it on. */
export function consortiumList(
  consortia: readonly ConsortiumRecord[],
  options: {
    title: string;
    /** How many there are in all: the list shows the newest only. */
    total: number;
    /** The list spans missions: each consortium names its mission. */
    acrossMissions: boolean;
    canChange: (consortium: ConsortiumRecord) => boolean;
  },
): Message {
  if (consortia.length === 0) {
    return {
      text: "No consortia yet",
      blocks: [section(`${options.title}: no consortia yet. Build one with \`/consortium build\`.`)],
    };
  }
  const blocks: KnownBlock[] = [section(`*${options.title}*`)];
  for (const consortium of consortia) {
    const members = consortium.members
      .map((member) => `${escapeMrkdwn(member.name)} (${escapeMrkdwn(countryName(member.country))})`)
      .join(", ");
    blocks.push(
      section(
        `*${escapeMrkdwn(consortium.name)}* · _${statusLabels[consortium.status]}_${consortium.channelId ? ` · <#${consortium.channelId}>` : ""}${options.acrossMissions ? ` · ${consortium.missionName ? escapeMrkdwn(consortium.missionName) : "no mission (whole directory)"}` : ""}\n${members || "_no members_"}`,
      ),
    );
    if (options.canChange(consortium)) {
      const next = nextStatuses(consortium.status);
      if (next.length > 0) {
        blocks.push({
          type: "actions",
          block_id: `consortium.status.${consortium.id}`,
          elements: next.map((status) =>
            button(consortiumActionIds.setStatus, `Mark ${statusLabels[status]}`, { id: consortium.id, status }),
          ),
        } as KnownBlock);
      }
    }
  }
  if (options.total > consortia.length) {
    const narrow = options.acrossMissions ? ": name a mission to narrow it, e.g. `/consortium list china 2027`" : "";
    blocks.push(context(`Showing the newest ${consortia.length} of ${options.total}${narrow}.`));
  }
  return { text: options.title, blocks };
}

/** Where a consortium can go from its status (a proposal is formed by its Create button). */
export function nextStatuses(status: ConsortiumStatus): ConsortiumStatus[] {
  switch (status) {
    case "proposed":
      return [];
    case "formed":
      return ["bidding", "lost"];
    case "bidding":
      return ["won", "lost"];
    case "won":
    case "lost":
      return ["bidding"];
  }
}
