/** Block Kit for the directory: cards, search results, the profile view, review requests. Pure functions of data. */
import type { KnownBlock, View } from "@slack/types";
import { clusters } from "../../domain/clusters.js";
import { rowErrorLines, rowsWithErrors } from "../../domain/csv-files.js";
import {
  certifications,
  countries,
  exportExperience,
  labelOf,
  markets,
  sectors,
  seeks,
  sizeBands,
  stages,
} from "../../domain/taxonomy.js";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import type { CsvCheck } from "./csv.js";
import type { SmeRecord, SmeStatus } from "./profile.js";
import { type ProposedChange, profileFieldLabels, reviewedFields } from "./profile.js";

export const actionIds = {
  view: "directory.view",
  page: "directory.page",
  approve: "directory.approve",
  requestChanges: "directory.request_changes",
  reject: "directory.reject",
  openRegister: "directory.open_register",
  openEdit: "directory.open_edit",
  approveChange: "directory.approve_change",
  rejectChange: "directory.reject_change",
  importValidRows: "directory.import_valid_rows",
  cancelImport: "directory.cancel_import",
} as const;

export const reviewReasonCallbackId = "directory.review_reason";

const flags: Record<string, string> = {
  AT: "🇦🇹",
  BE: "🇧🇪",
  DK: "🇩🇰",
  FR: "🇫🇷",
  SE: "🇸🇪",
  DE: "🇩🇪",
  NL: "🇳🇱",
  FI: "🇫🇮",
  NO: "🇳🇴",
  ES: "🇪🇸",
  IT: "🇮🇹",
  GB: "🇬🇧",
  CH: "🇨🇭",
};

export const statusLabels: Record<SmeStatus, string> = {
  draft: "Draft (changes requested)",
  pending: "Waiting for review",
  approved: "Listed",
  archived: "Archived",
};

export function clusterName(key: string | null): string | undefined {
  const cluster = clusters.find((c) => c.key === key);
  return cluster ? cluster.name : undefined;
}

function listLabels(terms: Parameters<typeof labelOf>[0], keys: readonly string[]): string {
  return keys.map((key) => labelOf(terms, key)).join(", ");
}

/** The button that opens the profile form for an SME (its own members and staff only: checked on click). */
/** "Register your company", for an SME member whose company is not in the directory yet. */
export function registerButton(): KnownBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        style: "primary",
        action_id: actionIds.openRegister,
        text: { type: "plain_text", text: "Register your company" },
        value: JSON.stringify({ name: "" }),
      },
    ],
  };
}

export function editProfileButton(smeId: number, primary = false): KnownBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        ...(primary ? { style: "primary" as const } : {}),
        action_id: actionIds.openEdit,
        text: { type: "plain_text", text: "Edit profile" },
        value: String(smeId),
      },
    ],
  };
}

/** `/sme edit <name>` when several SMEs match: a button for each (its action id carries the SME's id). */
export function editPicker(typed: string, smes: readonly SmeRecord[]): { text: string; blocks: KnownBlock[] } {
  const text = `Several SMEs match “${escapeMrkdwn(typed)}”: which one?`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "actions",
        elements: smes.map((sme) => ({
          type: "button" as const,
          action_id: `${actionIds.openEdit}.${sme.id}`,
          text: { type: "plain_text" as const, text: `${sme.name} (${sme.country})`.slice(0, 75) },
          value: String(sme.id),
        })),
      },
    ],
  };
}

/** One search hit: name, country, cluster, pitch, a few facts, and a View button. */
export function smeCard(sme: SmeRecord): KnownBlock[] {
  const where = [`${flags[sme.country] ?? ""} ${labelOf(countries, sme.country)}`.trim(), clusterName(sme.cluster)]
    .filter(Boolean)
    .join(" · ");
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*${escapeMrkdwn(sme.name)}*  ${where}\n${escapeMrkdwn(sme.pitch)}` },
      accessory: {
        type: "button",
        action_id: actionIds.view,
        text: { type: "plain_text", text: "View" },
        value: String(sme.id),
      },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: [
            listLabels(sectors, sme.sectors),
            `TRL ${sme.trl}`,
            `Markets: ${sme.markets.join(", ")}`,
            `Seeks: ${listLabels(seeks, sme.seeks)}`,
          ].join(" · "),
        },
      ],
    },
  ];
}

/** Several SMEs under a heading (already escaped): `/sme show` when a name matches more than one. */
export function matchingSmes(heading: string, smes: readonly SmeRecord[]): { text: string; blocks: KnownBlock[] } {
  return {
    text: heading,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: heading } }, ...smes.flatMap(smeCard)],
  };
}

export type ResultsPage = {
  queryText: string;
  total: number;
  /** The total was counted up to a cap: show it as "1000+". */
  totalIsAtLeast?: boolean;
  /** Words rank by relevance; filters alone list the newest profiles first. */
  order: "relevance" | "newest";
  offset: number;
  pageSize: number;
  smes: SmeRecord[];
};

/** The reply to /sme find: a summary line, the cards and Previous/Next buttons that carry the query. */
export function searchResults(page: ResultsPage): { text: string; blocks: KnownBlock[] } {
  const from = page.offset + 1;
  const to = page.offset + page.smes.length;
  const what = page.queryText ? `“${escapeMrkdwn(page.queryText)}”` : "all listed SMEs";
  const count = `${page.total}${page.totalIsAtLeast ? "+" : ""}`;
  const one = page.total === 1 && !page.totalIsAtLeast;
  const summary = `${count} SME${one ? " matches" : "s match"} ${what} — showing ${from}–${to}${page.order === "newest" ? ", newest first" : ""}`;
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `:mag: ${summary}` } }];
  for (const sme of page.smes) blocks.push(...smeCard(sme));
  const buttons = [];
  if (page.offset > 0) {
    buttons.push({
      type: "button" as const,
      action_id: `${actionIds.page}.previous`,
      text: { type: "plain_text" as const, text: "◀ Previous" },
      value: JSON.stringify({ q: page.queryText, o: Math.max(0, page.offset - page.pageSize) }),
    });
  }
  if (to < page.total || page.totalIsAtLeast) {
    buttons.push({
      type: "button" as const,
      action_id: `${actionIds.page}.next`,
      text: { type: "plain_text" as const, text: "Next ▶" },
      value: JSON.stringify({ q: page.queryText, o: page.offset + page.pageSize }),
    });
  }
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: "directory.pages", elements: buttons });
  return { text: summary, blocks };
}

/** No match: say so, and which filter to relax (with how many results that would give). */
export function noResults(queryText: string, relax: { filter: string; count: number } | undefined): string {
  const base = `:mag: No listed SME matches “${escapeMrkdwn(queryText)}”.`;
  if (relax && relax.count > 0) {
    return `${base} Without \`${relax.filter}\` there ${relax.count === 1 ? "is 1 match" : `are ${relax.count} matches`}: try relaxing that filter.`;
  }
  return `${base} Try fewer or shorter words (words match from their start: \`geotherm\` finds geothermal).`;
}

function field(title: string, value: string): { type: "mrkdwn"; text: string } {
  return { type: "mrkdwn", text: `*${title}*\n${value || "—"}` };
}

/** The full profile in a modal. Contact details only when `showContact` (staff, or the SME itself). */
export function profileView(sme: SmeRecord, options: { showContact: boolean; canEdit: boolean }): View {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*${escapeMrkdwn(sme.name)}*\n${escapeMrkdwn(sme.pitch)}` },
    },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: [
            `${flags[sme.country] ?? ""} ${labelOf(countries, sme.country)}`.trim(),
            clusterName(sme.cluster) ?? "No cluster",
            statusLabels[sme.status],
          ].join(" · "),
        },
      ],
    },
    { type: "section", text: { type: "mrkdwn", text: `*Offer*\n${escapeMrkdwn(sme.offer)}` } },
    {
      type: "section",
      fields: [
        field("Sectors", listLabels(sectors, sme.sectors)),
        field("Value chain", listLabels(stages, sme.stages)),
        field("Looking for", listLabels(seeks, sme.seeks)),
        field("Target markets", listLabels(markets, sme.markets)),
        field("Size", labelOf(sizeBands, sme.sizeBand)),
        field("Founded", String(sme.foundedYear)),
        field("TRL", String(sme.trl)),
        field("Export experience", labelOf(exportExperience, sme.exportExperience)),
        field("Certifications", listLabels(certifications, sme.certifications)),
        field("Website", sme.website ? `<${sme.website}>` : ""),
      ],
    },
  ];
  if (options.showContact) {
    blocks.push({
      type: "section",
      fields: [
        field("Contact", sme.contactSlackUserId ? `<@${sme.contactSlackUserId}>` : ""),
        field("Email", escapeMrkdwn(sme.contactEmail)),
      ],
    });
  }
  if (options.canEdit) blocks.push(editProfileButton(sme.id));
  return {
    type: "modal",
    title: { type: "plain_text", text: "SME profile" },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}

/** What a reviewer gets when an SME asks to be listed: the card and three decisions. */
export function reviewRequest(
  sme: SmeRecord,
  submittedBy: string,
  clusterWithoutStaff = false,
): { text: string; blocks: KnownBlock[] } {
  const text = `<@${submittedBy}> asks to list *${escapeMrkdwn(sme.name)}* in the SME directory.`;
  const who = `${clusterName(sme.cluster) ?? "Its cluster"} has no staff yet, so any staff member or admin may review it.`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      ...smeCard(sme),
      ...(clusterWithoutStaff ? [{ type: "context", elements: [{ type: "mrkdwn", text: who }] } as KnownBlock] : []),
      reviewButtons(sme.id),
    ],
  };
}

/** A profile waiting for review: its card, then the decisions when `reviewable`, else who reviews it. */
export function pendingCard(sme: SmeRecord, reviewable: boolean): KnownBlock[] {
  const who = `Reviewed by the staff of ${clusterName(sme.cluster) ?? "its cluster"} or an admin.`;
  return [
    ...smeCard(sme),
    reviewable ? reviewButtons(sme.id) : { type: "context", elements: [{ type: "mrkdwn", text: who }] },
  ];
}

/** `/sme pending`: every profile waiting for review, the reviewer's cluster first. */
export function pendingList(
  items: readonly { sme: SmeRecord; reviewable: boolean }[],
  total: number,
  changes: readonly { sme: SmeRecord; change: ProposedChange; reviewable: boolean }[] = [],
): { text: string; blocks: KnownBlock[] } {
  if (items.length === 0 && changes.length === 0) {
    const text = ":white_check_mark: No profile and no change is waiting for review.";
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
  }
  const profiles = `${total} profile${total === 1 ? " is" : "s are"} waiting for review${total > items.length ? ` (the first ${items.length} below)` : ""}`;
  const text = `:inbox_tray: ${profiles}${changes.length > 0 ? `, and ${countOf(changes.length, "change")} to listed profiles` : ""}.`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      ...items.flatMap((item) => pendingCard(item.sme, item.reviewable)),
      ...changes.flatMap((item) => [
        { type: "divider" } as KnownBlock,
        ...changeReviewRequest(item.sme, item.change, item.reviewable).blocks,
      ]),
    ],
  };
}

/** What an SME changed in its listed profile, listed value then proposed value, for reviewers. */
export function proposedChangeBlocks(sme: SmeRecord, change: ProposedChange): KnownBlock[] {
  const fields = reviewedFields.filter((field) => (sme[field] ?? "") !== (change[field] ?? ""));
  const shown = (value: string | null) => (value ? escapeMrkdwn(value).slice(0, 1200) : "—");
  return [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `<@${change.bySlackId}> asks to change the listed profile of *${escapeMrkdwn(sme.name)}* (it stays as listed until approved):`,
      },
    },
    ...fields.map(
      (field): KnownBlock => ({
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${profileFieldLabels[field]}*\nNow: ${shown(sme[field])}\nProposed: ${shown(change[field])}`,
        },
      }),
    ),
  ];
}

/** The request reviewers get for a proposed change, and its line in `/sme pending`. */
export function changeReviewRequest(
  sme: SmeRecord,
  change: ProposedChange,
  reviewable = true,
): { text: string; blocks: KnownBlock[] } {
  const text = `<@${change.bySlackId}> asks to change the listed profile of *${escapeMrkdwn(sme.name)}*.`;
  const decisions: KnownBlock = reviewable
    ? {
        type: "actions",
        block_id: `directory.change.${sme.id}`,
        elements: [
          {
            type: "button",
            style: "primary",
            action_id: actionIds.approveChange,
            text: { type: "plain_text", text: "Approve the change" },
            value: String(sme.id),
          },
          {
            type: "button",
            style: "danger",
            action_id: actionIds.rejectChange,
            text: { type: "plain_text", text: "Keep the listed version" },
            value: String(sme.id),
          },
        ],
      }
    : {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `Reviewed by the staff of ${clusterName(sme.cluster) ?? "its cluster"} or an admin.`,
          },
        ],
      };
  return { text, blocks: [...proposedChangeBlocks(sme, change), decisions] };
}

export function reviewButtons(smeId: number): KnownBlock {
  const value = String(smeId);
  return {
    type: "actions",
    block_id: `directory.review.${smeId}`,
    elements: [
      {
        type: "button",
        style: "primary",
        action_id: actionIds.approve,
        text: { type: "plain_text", text: "Approve" },
        value,
      },
      {
        type: "button",
        action_id: actionIds.requestChanges,
        text: { type: "plain_text", text: "Request changes" },
        value,
      },
      {
        type: "button",
        style: "danger",
        action_id: actionIds.reject,
        text: { type: "plain_text", text: "Reject" },
        value,
      },
    ],
  };
}

/** What replaces a change's review request once decided (`change` null: someone decided it already). */
export function changeDecided(smeName: string, change: ProposedChange | null, approve: boolean, by: string): string {
  const name = escapeMrkdwn(smeName);
  if (!change) return `The change to *${name}* was already reviewed.`;
  return approve
    ? `:white_check_mark: <@${by}> approved the change: *${escapeMrkdwn(change.name)}* is listed as changed.`
    : `:white_check_mark: <@${by}> kept the listed version of *${name}*.`;
}

/** The DM to the SME's people once staff decided on its change. */
export function changeOutcome(smeName: string, approve: boolean): { text: string } {
  const name = escapeMrkdwn(smeName);
  return {
    text: approve
      ? `:tada: Your change to *${name}* is approved and listed.`
      : `Cluster staff kept the listed version of *${name}*: your change to it was not approved. \`/sme edit\` to propose another.`,
  };
}

export type ReviewDecision = "approve" | "request_changes" | "reject";

export function reviewDone(smeName: string, decision: ReviewDecision, by: string, note: string | null): string {
  const verb = { approve: "approved", request_changes: "asked for changes to", reject: "rejected" }[decision];
  return `:white_check_mark: <@${by}> ${verb} *${escapeMrkdwn(smeName)}*${note ? `: “${escapeMrkdwn(note)}”` : "."}`;
}

/** The DM the SME gets after review. */
export function reviewOutcome(
  smeName: string,
  decision: ReviewDecision,
  note: string | null,
  smeId: number,
): { text: string; blocks: KnownBlock[] } {
  const text = {
    approve: `:tada: *${escapeMrkdwn(smeName)}* is now listed in the EC2i SME directory.`,
    request_changes: `:pencil2: Cluster staff asked for changes to *${escapeMrkdwn(smeName)}* before listing it${note ? `: “${escapeMrkdwn(note)}”` : "."}`,
    reject: `*${escapeMrkdwn(smeName)}* was not listed in the EC2i SME directory${note ? `: “${escapeMrkdwn(note)}”` : "."}`,
  }[decision];
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text } }];
  if (decision === "request_changes") blocks.push(editProfileButton(smeId, true));
  return { text, blocks };
}

export function reviewReasonModal(
  decision: "request_changes" | "reject",
  smeId: number,
  smeName: string,
  origin: { channel?: string | undefined; ts?: string | undefined; fromHome?: boolean | undefined },
): View {
  return {
    type: "modal",
    callback_id: reviewReasonCallbackId,
    private_metadata: JSON.stringify({ smeId, decision, ...origin }),
    title: { type: "plain_text", text: decision === "reject" ? "Reject profile" : "Request changes" },
    submit: { type: "plain_text", text: decision === "reject" ? "Reject" : "Send" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: "reason",
        label: { type: "plain_text", text: `Reason, for ${smeName.slice(0, 100)}` },
        hint: { type: "plain_text", text: "The SME reads this in a direct message." },
        element: { type: "plain_text_input", action_id: "value", multiline: true, min_length: 5, max_length: 500 },
      },
    ],
  };
}

/** The DM of `/sme invite`: who invites, for which company, and the button that opens the form. */
export function invitation(invitedBy: string, companyName: string | undefined): { text: string; blocks: KnownBlock[] } {
  const text = `<@${invitedBy}> invites you to put ${companyName ? `*${escapeMrkdwn(companyName)}*` : "your company"} in the EC2i SME directory, so cluster staff can match you with partners on missions to the US and China.`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            style: "primary",
            action_id: actionIds.openRegister,
            text: { type: "plain_text", text: "Fill in the profile" },
            value: JSON.stringify({ name: companyName ?? "" }),
          },
        ],
      },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "It takes about five minutes. Staff review it before it is listed." }],
      },
    ],
  };
}

export const eraseCallbackId = "directory.privacy_erase";
export const archiveActionId = "directory.archive";

/** Exactly what an erasure removes, as the confirmation lists it (privacy-store.ts `erasePerson`). */
export const erasedData = [
  "your role, name, email and time zone in the app",
  "your name and email as the contact person of a company profile",
  "your Business Intelligence conversations with the app: your messages as you typed them, the answers taken from them and the id of our direct message (your company can fill the template again)",
  "your Slack id wherever the app recorded who did what: those records stay, saying only “erased”",
];

/** The modal `/sme privacy erase` opens: what an erasure removes, confirmed with its submit button. */
export function eraseConfirmation(): View {
  return {
    type: "modal",
    callback_id: eraseCallbackId,
    title: { type: "plain_text", text: "Erase my data" },
    submit: { type: "plain_text", text: "Erase my data" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            "*This removes your personal data from EC2i Missions:*",
            ...erasedData.map((item) => `• ${item}`),
            "",
            "The database is then rewritten so the erased text is not left behind in its file. Company profiles stay in the directory without you as their contact; cluster staff decide whether to keep them. Messages in Slack itself follow your workspace's retention settings. This cannot be undone.",
          ].join("\n"),
        },
      },
    ],
  };
}

/** The DM to a company's reviewers when its contact erased their data, with the button to archive it. */
export function archiveOffer(company: { id: number; name: string }): { text: string; blocks: KnownBlock[] } {
  const name = escapeMrkdwn(company.name);
  return {
    text: `The contact person of *${name}* erased their personal data. The profile stays listed without a contact.`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `The contact person of *${name}* erased their personal data. The profile stays listed without a contact; archive it if the company should not stay in the directory.`,
        },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: archiveActionId,
            text: { type: "plain_text", text: "Archive profile" },
            value: String(company.id),
          },
        ],
      },
    ],
  };
}

/** Lines of errors an import report lists; the rest are counted. */
const maxErrorLines = 25;

/** A checked file with errors: what can be imported, the first errors, and the buttons to import the valid rows or cancel. */
export function importReport(
  fileName: string,
  fileId: string,
  check: CsvCheck,
): { text: string; blocks: KnownBlock[] } {
  const lines = rowErrorLines(check.errors, maxErrorLines);
  const withErrors = rowsWithErrors(check);
  const text = `*${escapeMrkdwn(fileName)}*: ${countOf(check.valid.length, "row")} can be imported, ${withErrors} ${withErrors === 1 ? "has" : "have"} errors. Nothing was written.`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
  if (check.valid.length > 0) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          style: "primary",
          action_id: actionIds.importValidRows,
          text: { type: "plain_text", text: `Import the ${countOf(check.valid.length, "valid row")}` },
          value: JSON.stringify({ file: fileId }),
        },
        {
          type: "button",
          action_id: actionIds.cancelImport,
          text: { type: "plain_text", text: "Cancel" },
          value: JSON.stringify({ file: fileId }),
        },
      ],
    });
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: "Fix the file and post it again, or run `/sme import` to see the columns." }],
  });
  return { text, blocks };
}
