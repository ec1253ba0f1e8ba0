/**
 * Block Kit for a mission's local organisations: the paged list with its staff buttons, the add/edit
 * modal and the reader of its submitted state, and the import report. Pure.
 */
import type { Button, KnownBlock, PlainTextOption, View } from "@slack/types";
import { z } from "zod";
import { type CsvRowError, rowErrorLines, rowsWithErrors, splitListCell } from "../../domain/csv-files.js";
import { labelOf, sectors, type Term } from "../../domain/taxonomy.js";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { button, inputBlock, plainText as plain, readSubmittedForm } from "../../platform/slack/form-blocks.js";
import type { MissionRecord } from "./mission.js";
import {
  type OrganisationField,
  type OrganisationRecord,
  type OrganisationTypeKey,
  organisationFieldLabels,
  organisationLimits,
  organisationTypes,
  type RawOrganisation,
} from "./organisation.js";

export const organisationActionIds = {
  page: "missions.orgs.page",
  filter: "missions.orgs.filter",
  add: "missions.orgs.add",
  importFile: "missions.orgs.import",
  exportFile: "missions.orgs.export",
  edit: "missions.orgs.edit",
  autoAccept: "missions.orgs.auto_accept",
  remove: "missions.orgs.remove",
  importValidRows: "missions.orgs.import_valid",
  cancelImport: "missions.orgs.cancel_import",
} as const;

export const organisationModalCallbackId = "missions.organisation_modal";

/** What the list's buttons carry: the mission, the type filter and the page's first row. */
export const listValue = z.object({
  m: z.number().int().positive(),
  t: z.enum(organisationTypes.map((t) => t.key) as [OrganisationTypeKey, ...OrganisationTypeKey[]]).optional(),
  o: z.number().int().min(0),
});
export type ListValue = z.infer<typeof listValue>;

/** What the per-organisation buttons carry. */
/** What the per-organisation buttons carry: the organisation, and the list they sit in (to redraw it). */
export const organisationValue = listValue.extend({ org: z.number().int().positive() });

const typeLabel = (type: OrganisationTypeKey) => labelOf(organisationTypes, type);

/** The needs on one line, cut at a word near 150 characters. */
function needsLine(needs: string): string {
  const flat = needs.replace(/\s+/g, " ").trim();
  if (flat.length <= 150) return flat;
  const cut = flat.slice(0, 150);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 100 ? cut.lastIndexOf(" ") : 150)}…`;
}

function organisationCard(
  mission: MissionRecord,
  organisation: OrganisationRecord,
  staff: boolean,
  list: Omit<ListValue, "m">,
  standTable: number | undefined,
): KnownBlock[] {
  const facts = [
    typeLabel(organisation.type),
    escapeMrkdwn(organisation.city),
    organisation.sectors.map((key) => labelOf(sectors, key)).join(", "),
    standTable ? `meets at its stand, table ${standTable}` : "",
    staff && organisation.autoAccept ? "auto-accepts requests" : "",
  ].filter(Boolean);
  const contact =
    staff && (organisation.contactName || organisation.contactEmail)
      ? `\nContact: ${escapeMrkdwn([organisation.contactName, organisation.contactEmail].filter(Boolean).join(", "))}`
      : "";
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwn(organisation.name)}* · ${facts.join(" · ")}\n${escapeMrkdwn(needsLine(organisation.needs))}${contact}`,
      },
    },
  ];
  if (staff) {
    const value = { m: mission.id, ...(list.t ? { t: list.t } : {}), o: list.o, org: organisation.id };
    const remove = button(organisationActionIds.remove, "Remove from mission", value, "danger");
    remove.confirm = {
      title: plain("Remove from the mission?"),
      text: plain(
        `${organisation.name.slice(0, 80)} leaves ${mission.name.slice(0, 80)}. It stays known for other missions; add or import it again to bring it back.`,
      ),
      confirm: plain("Remove"),
      deny: plain("Keep"),
      style: "danger",
    };
    blocks.push({
      type: "actions",
      elements: [
        button(organisationActionIds.edit, "Edit", value),
        // Named for what a click does; the line above says what holds now ("auto-accepts requests").
        button(
          organisationActionIds.autoAccept,
          organisation.autoAccept ? "Stop auto-accepting" : "Auto-accept requests",
          {
            ...value,
            on: !organisation.autoAccept,
          },
        ),
        remove,
      ],
    });
  }
  return blocks;
}

const allTypes = { text: plain("All types"), value: "all" };
const typeOption = (type: (typeof organisationTypes)[number]): PlainTextOption => ({
  text: plain(type.label),
  value: type.key,
});

export type OrganisationListPage = {
  mission: MissionRecord;
  type: OrganisationTypeKey | undefined;
  offset: number;
  pageSize: number;
  total: number;
  organisations: readonly OrganisationRecord[];
  /** Stand tables by organisation id, for those that meet at their own stand. */
  standTables?: ReadonlyMap<number, number>;
  staff: boolean;
  /** What a button just did, shown above the list it redrew. */
  notice?: string | undefined;
};

/** `/mission orgs <mission>`: a page of the mission's organisations, with staff's buttons. */
export function organisationList(page: OrganisationListPage): { text: string; blocks: KnownBlock[] } {
  const { mission, type, offset, pageSize, total, organisations, staff, notice } = page;
  const name = escapeMrkdwn(mission.name);
  const kind = type ? `${typeLabel(type).toLowerCase()} organisations` : "local organisations";
  const summary =
    total === 0
      ? `*${name}* has no ${kind} yet.`
      : `*${name}*: ${countOf(total, type ? `${typeLabel(type).toLowerCase()} organisation` : "local organisation")} — showing ${offset + 1}–${offset + organisations.length}`;
  const blocks: KnownBlock[] = [
    ...(notice ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: notice } }] : []),
    { type: "section", text: { type: "mrkdwn", text: `:office: ${summary}` } },
  ];
  const tools: NonNullable<Extract<KnownBlock, { type: "actions" }>["elements"]> = [
    {
      type: "static_select",
      action_id: organisationActionIds.filter,
      placeholder: plain("Filter by type"),
      options: [allTypes, ...organisationTypes.map(typeOption)],
      initial_option: type
        ? typeOption(organisationTypes.find((t) => t.key === type) ?? organisationTypes[0])
        : allTypes,
    },
  ];
  if (staff) {
    tools.push(
      button(organisationActionIds.add, "Add", { m: mission.id }, "primary"),
      button(organisationActionIds.importFile, "Import CSV", { m: mission.id }),
      button(organisationActionIds.exportFile, "Export CSV", { m: mission.id }),
    );
  }
  // The select's value cannot carry the mission: its block id does.
  blocks.push({ type: "actions", block_id: `missions.orgs.tools.${mission.id}`, elements: tools });
  if (total === 0) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: staff
            ? `Add them one by one, or import a CSV file: \`/mission orgs import ${name}\`.`
            : "Staff add them before the mission; look again later.",
        },
      ],
    });
  }
  for (const organisation of organisations)
    blocks.push(
      ...organisationCard(mission, organisation, staff, { t: type, o: offset }, page.standTables?.get(organisation.id)),
    );
  const pages: Button[] = [];
  if (offset > 0) {
    pages.push(
      button(`${organisationActionIds.page}.previous`, "◀ Previous", {
        m: mission.id,
        ...(type ? { t: type } : {}),
        o: Math.max(0, offset - pageSize),
      }),
    );
  }
  if (offset + organisations.length < total) {
    pages.push(
      button(`${organisationActionIds.page}.next`, "Next ▶", {
        m: mission.id,
        ...(type ? { t: type } : {}),
        o: offset + pageSize,
      }),
    );
  }
  if (pages.length > 0) blocks.push({ type: "actions", block_id: "missions.orgs.pages", elements: pages });
  return { text: notice ?? summary, blocks };
}

export const organisationModalMeta = z.object({
  missionId: z.number().int().positive(),
  /** The organisation being edited; absent when adding. */
  organisationId: z.number().int().positive().optional(),
});
export type OrganisationModalMeta = z.infer<typeof organisationModalMeta>;

const termOption = (term: Term): PlainTextOption => ({ text: plain(term.label.slice(0, 75)), value: term.key });
const countryOptions: Term[] = [
  { key: "US", label: "United States (US)" },
  { key: "CN", label: "China (CN)" },
];

function input(
  field: OrganisationField,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return inputBlock(field, organisationFieldLabels[field], element, extra);
}

function selectElement(terms: readonly Term[], chosenKeys: readonly (string | undefined)[], multiple = false) {
  const chosen = terms.filter((term) => chosenKeys.includes(term.key)).map(termOption);
  return {
    type: multiple ? "multi_static_select" : "static_select",
    placeholder: plain(multiple ? "Choose one or more" : "Choose"),
    options: terms.map(termOption),
    ...(chosen.length > 0 ? (multiple ? { initial_options: chosen } : { initial_option: chosen[0] }) : {}),
  };
}

/** The add/edit form, pre-filled with what is known (or was typed). */
export function organisationModal(
  meta: OrganisationModalMeta,
  mission: MissionRecord,
  days: readonly string[],
  initial: RawOrganisation,
  standTable?: string,
): View {
  const text = (value: string | undefined) => (value ? { initial_value: value } : {});
  const dayTerms = days.map((day) => ({ key: day, label: day }));
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `For *${escapeMrkdwn(mission.name)}*. An organisation already known by the same name and country is updated and linked, not added twice.`,
        },
      ],
    },
    input("name", { type: "plain_text_input", max_length: organisationLimits.name, ...text(initial.name) }),
    input("type", selectElement(organisationTypes, [initial.type])),
    input("country", selectElement(countryOptions, [initial.country])),
    input("city", { type: "plain_text_input", max_length: organisationLimits.city, ...text(initial.city) }),
    input(
      "needs",
      { type: "plain_text_input", multiline: true, max_length: organisationLimits.needsMax, ...text(initial.needs) },
      { hint: "What they need, or the project they run, in their own words (at least 20 characters)." },
    ),
    input("sectors", selectElement(sectors, initial.sectors ?? [], true), { optional: true }),
    input(
      "website",
      { type: "plain_text_input", placeholder: plain("https://example.com"), ...text(initial.website) },
      { optional: true },
    ),
    input(
      "contactName",
      { type: "plain_text_input", max_length: 120, ...text(initial.contactName) },
      { optional: true },
    ),
    input("contactEmail", { type: "email_text_input", ...text(initial.contactEmail) }, { optional: true }),
    input(
      "languages",
      { type: "plain_text_input", placeholder: plain("English; Mandarin"), ...text(initial.languages?.join("; ")) },
      { optional: true, hint: "Separated by semicolons." },
    ),
  ];
  if (dayTerms.length > 0) {
    blocks.push(
      input("available", selectElement(dayTerms, initial.available ?? [], true), {
        optional: true,
        hint: "Leave empty if they can meet on every day of the mission.",
      }),
    );
  }
  blocks.push(
    inputBlock(
      standFieldId,
      "Stand table",
      {
        type: "plain_text_input",
        max_length: 3,
        placeholder: plain("e.g. 12"),
        ...(standTable ? { initial_value: standTable } : {}),
      },
      {
        optional: true,
        hint: `Only if they receive people at their own stand: all their meetings are held at this table number, and a number within the room's ${mission.sessionPlan.tables} tables is kept free for them.`,
      },
    ),
  );
  return {
    type: "modal",
    callback_id: organisationModalCallbackId,
    private_metadata: JSON.stringify(meta),
    title: plain(meta.organisationId ? "Edit organisation" : "Add an organisation"),
    submit: plain("Save"),
    close: plain("Cancel"),
    blocks,
  };
}

/** The form's stand-table field: mission-specific, so not part of the organisation's profile. */
export const standFieldId = "standTable";

/** The stand table typed in the form: null when left empty, an error when it is not a table number. */
export function readStandTable(values: unknown): { table: number | null } | { error: string } {
  const typed = (readSubmittedForm(values).one(standFieldId) ?? "").trim();
  if (typed === "") return { table: null };
  if (!/^\d{1,3}$/.test(typed) || Number(typed) < 1)
    return { error: "Type a table number from 1 to 999, or leave it empty." };
  return { table: Number(typed) };
}

/** Slack's view.state.values → what the person entered. */
export function readOrganisationModal(values: unknown): RawOrganisation {
  const form = readSubmittedForm(values);
  const one = (field: OrganisationField) => form.one(field) ?? "";
  const many = (field: OrganisationField) => form.many(field);
  return {
    name: one("name"),
    type: one("type"),
    country: one("country"),
    city: one("city"),
    needs: one("needs"),
    sectors: many("sectors"),
    website: one("website"),
    contactName: one("contactName"),
    contactEmail: one("contactEmail"),
    languages: splitListCell(one("languages").replaceAll(",", ";")),
    available: many("available"),
  };
}

const maxErrorLines = 20;

/** A file with bad rows: nothing written, every error by line and column, and the choice to import the valid rows. */
export function organisationImportReport(
  fileName: string,
  input: { fileId: string; missionId: number; missionName: string },
  check: { valid: readonly unknown[]; errors: readonly CsvRowError[] },
): { text: string; blocks: KnownBlock[] } {
  const lines = rowErrorLines(check.errors, maxErrorLines);
  const withErrors = rowsWithErrors(check);
  const text = `*${escapeMrkdwn(fileName)}* for *${escapeMrkdwn(input.missionName)}*: ${countOf(check.valid.length, "row")} can be imported, ${withErrors} ${withErrors === 1 ? "has" : "have"} errors. Nothing was written.`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
  if (check.valid.length > 0) {
    const value = { file: input.fileId, m: input.missionId };
    blocks.push({
      type: "actions",
      elements: [
        button(
          organisationActionIds.importValidRows,
          `Import the ${countOf(check.valid.length, "valid row")}`,
          value,
          "primary",
        ),
        button(organisationActionIds.cancelImport, "Cancel", value),
      ],
    });
  }
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `Fix the file and run \`/mission orgs import ${escapeMrkdwn(input.missionName)}\` again before posting it.`,
      },
    ],
  });
  return { text, blocks };
}
