/**
 * The SME profile modal, used to register, to answer an invitation and to edit: the view as a pure
 * function of the profile, and the reader that turns Slack's submitted state back into a RawProfile.
 */

import type { KnownBlock, PlainTextOption, View } from "@slack/types";
import { z } from "zod";
import { clusters } from "../../domain/clusters.js";
import {
  certifications,
  countries,
  exportExperience,
  markets,
  sectors,
  seeks,
  sizeBands,
  stages,
  type Term,
} from "../../domain/taxonomy.js";
import { inputBlock, plainText as label, readSubmittedForm } from "../../platform/slack/form-blocks.js";
import { profileFieldLabels, profileLimits, type RawProfile, type SmeProfile } from "./profile.js";

export const profileModalCallbackId = "directory.profile_modal";

export const profileModalMeta = z.object({
  mode: z.enum(["register", "edit"]),
  /** The SME being edited. */
  smeId: z.number().int().positive().optional(),
  /** True when an SME user registers or edits its own company (it then goes to review). */
  self: z.boolean(),
});
export type ProfileModalMeta = z.infer<typeof profileModalMeta>;

const trlLevels: Term[] = [
  "basic principles observed",
  "technology concept formulated",
  "experimental proof of concept",
  "validated in the lab",
  "validated in a relevant environment",
  "demonstrated in a relevant environment",
  "prototype demonstrated in operation",
  "system complete and qualified",
  "proven in operation",
].map((label, index) => ({ key: String(index + 1), label: `TRL ${index + 1} — ${label}` }));

const clusterOptions: Term[] = [
  ...clusters.map((cluster) => ({ key: cluster.key, label: `${cluster.name} (${cluster.country})` })),
  { key: "none", label: "None of the five clusters" },
];

function option(term: Term): PlainTextOption {
  return { text: { type: "plain_text", text: term.label.slice(0, 75) }, value: term.key };
}

function chosen(terms: readonly Term[], keys: readonly string[] | undefined): PlainTextOption[] {
  return terms.filter((term) => keys?.includes(term.key)).map(option);
}

const consentOption = {
  text: { type: "mrkdwn" as const, text: "*The company agrees to be listed* in the EC2i SME directory." },
  description: {
    type: "plain_text" as const,
    text: "Profiles can be exported or erased at any time with /sme privacy.",
  },
  value: "yes",
};

type Initial = Partial<SmeProfile> & { name?: string };

/** An input block labelled as the field is everywhere (profileFieldLabels). */
function input(
  blockId: keyof RawProfile,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return inputBlock(blockId, profileFieldLabels[blockId], element, extra);
}

function select(
  blockId: keyof RawProfile,
  terms: readonly Term[],
  initial: string | undefined | null,
  extra: { optional?: boolean; hint?: string } = {},
) {
  const start = terms.find((term) => term.key === initial);
  return input(
    blockId,
    {
      type: "static_select",
      placeholder: label("Choose"),
      options: terms.map(option),
      ...(start ? { initial_option: option(start) } : {}),
    },
    extra,
  );
}

function multi(
  blockId: keyof RawProfile,
  terms: readonly Term[],
  initial: readonly string[] | undefined,
  extra: { optional?: boolean; hint?: string } = {},
) {
  const start = chosen(terms, initial);
  return input(
    blockId,
    {
      type: "multi_static_select",
      placeholder: label("Choose one or more"),
      options: terms.map(option),
      ...(start.length > 0 ? { initial_options: start } : {}),
    },
    extra,
  );
}

/** The profile form, empty or pre-filled. */
export function profileModal(meta: ProfileModalMeta, initial: Initial = {}): View {
  const text = (value: string | null | undefined) => (value ? { initial_value: value } : {});
  const blocks: KnownBlock[] = [
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: meta.self
            ? "Your profile is reviewed by your cluster's staff before it is listed. Contact details are shown to cluster staff only."
            : "Profiles you save as staff are listed at once. Contact details are shown to cluster staff and the SME only.",
        },
      ],
    },
    input("name", { type: "plain_text_input", max_length: profileLimits.name, ...text(initial.name) }),
    select("country", countries, initial.country),
    select("cluster", clusterOptions, initial.cluster === undefined ? undefined : (initial.cluster ?? "none"), {
      optional: true,
      hint: "The EC2i cluster the company belongs to, if any.",
    }),
    input(
      "website",
      { type: "plain_text_input", placeholder: label("https://example.com"), ...text(initial.website) },
      { optional: true },
    ),
    input(
      "pitch",
      { type: "plain_text_input", max_length: profileLimits.pitch, ...text(initial.pitch) },
      { hint: "What you do, in one sentence." },
    ),
    input(
      "offer",
      { type: "plain_text_input", multiline: true, max_length: profileLimits.offer, ...text(initial.offer) },
      { hint: "What you sell: products, services, references." },
    ),
    multi("sectors", sectors, initial.sectors),
    multi("stages", stages, initial.stages),
    multi("seeks", seeks, initial.seeks),
    input("markets", {
      type: "checkboxes",
      options: markets.map(option),
      ...(chosen(markets, initial.markets).length > 0 ? { initial_options: chosen(markets, initial.markets) } : {}),
    }),
    select("sizeBand", sizeBands, initial.sizeBand),
    input("foundedYear", {
      type: "number_input",
      is_decimal_allowed: false,
      min_value: "1800",
      ...(initial.foundedYear ? { initial_value: String(initial.foundedYear) } : {}),
    }),
    select("trl", trlLevels, initial.trl ? String(initial.trl) : undefined),
    multi("certifications", certifications, initial.certifications, { optional: true }),
    select("exportExperience", exportExperience, initial.exportExperience),
    input(
      "contactSlackUserId",
      {
        type: "users_select",
        placeholder: label("Choose someone"),
        ...(initial.contactSlackUserId ? { initial_user: initial.contactSlackUserId } : {}),
      },
      { optional: true },
    ),
    input("contactEmail", { type: "email_text_input", ...text(initial.contactEmail) }),
    input("consent", {
      type: "checkboxes",
      options: [consentOption],
      ...(initial.consent ? { initial_options: [consentOption] } : {}),
    }),
  ];
  const title = meta.mode === "edit" ? "Edit SME profile" : "Register an SME";
  return {
    type: "modal",
    callback_id: profileModalCallbackId,
    private_metadata: JSON.stringify(meta),
    title: label(title),
    submit: label(meta.mode === "edit" ? "Save changes" : meta.self ? "Send for review" : "Save"),
    close: label("Cancel"),
    blocks,
  };
}

/** Slack's view.state.values → what the person entered, whatever the element type. */
export function readProfileModal(values: unknown): RawProfile {
  const { one, many } = readSubmittedForm(values);
  return {
    name: one("name") ?? "",
    country: one("country") ?? "",
    cluster: one("cluster") ?? "none",
    website: one("website") ?? "",
    pitch: one("pitch") ?? "",
    offer: one("offer") ?? "",
    sectors: many("sectors"),
    stages: many("stages"),
    seeks: many("seeks"),
    markets: many("markets"),
    sizeBand: one("sizeBand") ?? "",
    foundedYear: one("foundedYear") ?? "",
    trl: one("trl") ?? "",
    certifications: many("certifications"),
    exportExperience: one("exportExperience") ?? "",
    contactSlackUserId: one("contactSlackUserId") ?? "",
    contactEmail: one("contactEmail") ?? "",
    consent: many("consent").includes("yes"),
  };
}
