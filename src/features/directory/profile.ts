/**
 * An SME profile as the directory keeps it, and the one validation that the modal, the CSV import
 * and edits share. Pure: no Slack, no database.
 */
import { z } from "zod";
import { clusterKeys, findCluster } from "../../domain/clusters.js";
import { emailAddress, oneTerm, requiredText, termList, websiteUrl, wholeNumber } from "../../domain/form-fields.js";
import {
  certifications,
  countries,
  exportExperience,
  markets,
  sectors,
  seeks,
  sizeBands,
  stages,
} from "../../domain/taxonomy.js";
import { hasControlCharacters, normalizeCompanyName } from "../../domain/text.js";

/** What a person typed or picked, before validation: every value a string or a list of strings. */
export type RawProfile = {
  name?: string | undefined;
  country?: string | undefined;
  cluster?: string | undefined;
  website?: string | undefined;
  pitch?: string | undefined;
  offer?: string | undefined;
  sectors?: readonly string[] | undefined;
  stages?: readonly string[] | undefined;
  seeks?: readonly string[] | undefined;
  markets?: readonly string[] | undefined;
  sizeBand?: string | undefined;
  foundedYear?: string | undefined;
  trl?: string | undefined;
  certifications?: readonly string[] | undefined;
  exportExperience?: string | undefined;
  contactSlackUserId?: string | undefined;
  contactEmail?: string | undefined;
  consent?: boolean | undefined;
};

export type ProfileField = keyof RawProfile;

/** Each field as the form labels it: messages name fields the way people saw them, never by key. */
export const profileFieldLabels: Record<ProfileField, string> = {
  name: "Company name",
  country: "Country",
  cluster: "Cluster",
  website: "Website",
  pitch: "One-line pitch",
  offer: "Offer",
  sectors: "Sectors",
  stages: "Value-chain stages",
  seeks: "Looking for",
  markets: "Target markets",
  sizeBand: "Company size",
  foundedYear: "Founded in",
  trl: "Technology readiness (TRL)",
  certifications: "Certifications",
  exportExperience: "Export experience",
  contactSlackUserId: "Contact person in Slack",
  contactEmail: "Contact email",
  consent: "Consent",
};

/** "Company size, Website": fields named by their labels, for a sentence. */
export function fieldLabelList(fields: readonly ProfileField[]): string {
  return fields.map((field) => profileFieldLabels[field]).join(", ");
}

/** Where a profile is in the review workflow: only approved profiles are listed. */
export type SmeStatus = "draft" | "pending" | "approved" | "archived";

export const profileLimits = { name: 120, pitch: 200, offer: 1000 } as const;

function profileSchema(currentYear: number) {
  return z.object({
    name: requiredText("company name", 2, profileLimits.name),
    country: oneTerm(countries, "country of the EU, EEA, UK or Switzerland"),
    cluster: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const wanted = value?.trim().toLowerCase() ?? "";
        if (wanted === "" || wanted === "none") return null;
        const key = findCluster(wanted)?.key;
        if (!key) {
          ctx.addIssue({
            code: "custom",
            message: `"${value}" is not a cluster. Use ${clusterKeys.join(", ")} or none.`,
          });
          return z.NEVER;
        }
        return key;
      }),
    website: websiteUrl,
    pitch: requiredText("one-line pitch", 10, profileLimits.pitch),
    offer: requiredText("offer", 20, profileLimits.offer),
    sectors: termList(sectors, "sector", 1),
    stages: termList(stages, "value-chain stage", 1),
    seeks: termList(seeks, "partner type", 1),
    markets: termList(markets, "target market", 1),
    sizeBand: oneTerm(sizeBands, "size band"),
    foundedYear: wholeNumber("founding year", 1800, currentYear),
    trl: wholeNumber("TRL", 1, 9, "Choose a TRL from 1 to 9."),
    certifications: termList(certifications, "certification", 0),
    exportExperience: oneTerm(exportExperience, "level of export experience"),
    contactSlackUserId: z
      .string()
      .optional()
      .transform((value) => (value?.trim() ? value.trim() : null))
      .pipe(
        z
          .string()
          .regex(/^[UW][A-Z0-9]{2,}$/, "Pick the contact person in Slack.")
          .nullable(),
      ),
    contactEmail: emailAddress("contact email"),
    consent: z.literal(true, { error: "The company must agree to be listed in the directory." }),
  });
}

export type SmeProfile = z.output<ReturnType<typeof profileSchema>>;

export type ProfileValidation =
  | { ok: true; profile: SmeProfile }
  | { ok: false; errors: Partial<Record<ProfileField, string>> };

/** Line breaks are fine in the offer only (see hasControlCharacters). */
const multilineFields: readonly ProfileField[] = ["offer"];

/** Whether `test` holds for a text value, or for one of a list's texts. */
function someText(value: unknown, test: (text: string) => boolean): boolean {
  if (typeof value === "string") return test(value);
  return Array.isArray(value) && value.some((item) => typeof item === "string" && test(item));
}

function fieldsWithControlCharacters(raw: RawProfile): Partial<Record<ProfileField, string>> {
  const errors: Partial<Record<ProfileField, string>> = {};
  // Nearly every profile has no control character at all, not even a line break: one quick look
  // (a CSV import checks thousands of profiles) before the field-by-field check.
  if (!Object.values(raw).some((value) => someText(value, (text) => hasControlCharacters(text)))) return errors;
  for (const [field, value] of Object.entries(raw) as [ProfileField, unknown][]) {
    const values = Array.isArray(value) ? value : [value];
    const texts = values.filter((v): v is string => typeof v === "string").map((v) => v.trim());
    const multiline = multilineFields.includes(field);
    if (texts.some((text) => hasControlCharacters(text, { multiline }))) {
      const onlyLineBreaks = texts.every((text) => !hasControlCharacters(text, { multiline: true }));
      errors[field] = onlyLineBreaks
        ? "Keep this to one line."
        : "Remove the control characters (such as NUL or escape) from this field.";
    }
  }
  return errors;
}

/** Building the schema costs far more than using it (a CSV import validates thousands of rows): one per year. */
const schemaOfYear = new Map<number, ReturnType<typeof profileSchema>>();

/** Validates a whole profile; errors are per field (the first per field), for inline display. */
export function validateProfile(raw: RawProfile, currentYear: number): ProfileValidation {
  const controls = fieldsWithControlCharacters(raw);
  const schema = schemaOfYear.get(currentYear) ?? profileSchema(currentYear);
  schemaOfYear.set(currentYear, schema);
  const parsed = schema.safeParse(raw);
  if (parsed.success && Object.keys(controls).length === 0) return { ok: true, profile: parsed.data };
  const errors: Partial<Record<ProfileField, string>> = { ...controls };
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as ProfileField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/**
 * One company's identity for duplicate checks: its normalised name and country. A CSV row, a new
 * registration and a stored row (which already holds the normalised name) all compare by this key.
 */
export function companyKey(
  company: { name: string; country: string } | { normalizedName: string; country: string },
): string {
  const normalized = "normalizedName" in company ? company.normalizedName : normalizeCompanyName(company.name);
  return `${normalized}|${company.country}`;
}

/** Which required fields a stored profile still lacks, for the SME's App Home. */
export function missingProfileParts(profile: {
  website: string | null;
  certifications: readonly string[];
  contactSlackUserId: string | null;
}): string[] {
  const missing: string[] = [];
  if (!profile.website) missing.push("website");
  if (profile.certifications.length === 0) missing.push("certifications");
  if (!profile.contactSlackUserId) missing.push("contact person in Slack");
  return missing;
}

/** What people find a listed company by and read first: an SME's change to these is reviewed before it shows. */
export const reviewedFields = ["name", "pitch", "offer", "website"] as const;
export type ReviewedField = (typeof reviewedFields)[number];

/** An SME's change to the reviewed fields of its listed profile, waiting for staff. */
export const proposedChangeSchema = z.object({
  name: z.string(),
  pitch: z.string(),
  offer: z.string(),
  website: z.string().nullable(),
  bySlackId: z.string(),
});
export type ProposedChange = z.infer<typeof proposedChangeSchema>;

/**
 * Splits an SME's edit of its listed profile: the reviewed fields keep their listed values (`live`)
 * and their new values wait in `proposed`; every other field goes live at once.
 */
export function splitEditForReview(
  listed: SmeProfile,
  edited: SmeProfile,
  bySlackId: string,
): { live: SmeProfile; proposed: ProposedChange | null; fields: ReviewedField[] } {
  const fields = reviewedFields.filter((field) => listed[field] !== edited[field]);
  const live = { ...edited, name: listed.name, pitch: listed.pitch, offer: listed.offer, website: listed.website };
  if (fields.length === 0) return { live, proposed: null, fields };
  const proposed = { name: edited.name, pitch: edited.pitch, offer: edited.offer, website: edited.website, bySlackId };
  return { live, proposed, fields };
}

/** A profile as stored, with its place in the workflow. */
export type SmeRecord = SmeProfile & {
  id: number;
  status: SmeStatus;
  reviewNote: string | null;
  /** The SME's change to its listed name, pitch, offer or website, waiting for review. */
  proposedChange?: ProposedChange | null | undefined;
  createdBySlackId: string | null;
  consentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Field names whose values differ, for the audit log ("which fields"); lists are compared as sets. */
export function changedFields(before: SmeProfile, after: SmeProfile): (keyof SmeProfile)[] {
  const comparable = (value: unknown) => JSON.stringify(Array.isArray(value) ? [...value].sort() : value);
  return (Object.keys(after) as (keyof SmeProfile)[]).filter(
    (field) => comparable(before[field]) !== comparable(after[field]),
  );
}
