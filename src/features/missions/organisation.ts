/**
 * A local organisation of a mission's market (a project owner, buyer, distributor, partner,
 * investor, agency or research institute), and the one validation that the staff form and the
 * CSV import share. Pure: no Slack, no database.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { emailAddress, requiredText, termList, websiteUrl } from "../../domain/form-fields.js";
import { type MarketKey, sectors, type Term } from "../../domain/taxonomy.js";
import { hasControlCharacters } from "../../domain/text.js";

export const organisationTypes = [
  { key: "project-owner", label: "Project owner" },
  { key: "buyer", label: "Buyer" },
  { key: "distributor", label: "Distributor" },
  { key: "partner", label: "Potential partner" },
  { key: "investor", label: "Investor" },
  { key: "agency", label: "Public agency" },
  { key: "research", label: "Research institute" },
] as const satisfies readonly Term[];

export type OrganisationTypeKey = (typeof organisationTypes)[number]["key"];

/** The database's enum names the types with underscores ("project_owner"); people and files with dashes. */
export function typeToDb(type: OrganisationTypeKey) {
  return type.replace("-", "_") as "project_owner" | Exclude<OrganisationTypeKey, "project-owner">;
}
export function typeFromDb(type: string): OrganisationTypeKey {
  const key = type.replace("_", "-");
  const known = organisationTypes.find((t) => t.key === key);
  if (!known) throw new Error(`unknown organisation type in the database: ${type}`);
  return known.key;
}

/** The markets missions go to, by the country codes whose organisations belong to them. */
const marketOfCountry: Record<string, MarketKey> = { US: "US", CN: "CN" };

export const organisationLimits = { name: 160, needsMin: 20, needsMax: 2000, city: 80 } as const;

/** What a person typed or a CSV row held, before validation. */
export type RawOrganisation = {
  name?: string | undefined;
  type?: string | undefined;
  country?: string | undefined;
  city?: string | undefined;
  needs?: string | undefined;
  sectors?: readonly string[] | undefined;
  website?: string | undefined;
  contactName?: string | undefined;
  contactEmail?: string | undefined;
  languages?: readonly string[] | undefined;
  available?: readonly string[] | undefined;
};

export type OrganisationField = keyof RawOrganisation;

export const organisationFieldLabels: Record<OrganisationField, string> = {
  name: "Name",
  type: "Type",
  country: "Country",
  city: "City",
  needs: "Needs",
  sectors: "Sectors",
  website: "Website",
  contactName: "Contact name",
  contactEmail: "Contact email",
  languages: "Languages",
  available: "Available on",
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const organisationSchema = z.object({
  name: requiredText("organisation's name", 2, organisationLimits.name),
  type: z.string({ error: "Pick a type." }).transform((value, ctx) => {
    const wanted = value
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, "-");
    const type = organisationTypes.find(
      (t) => t.key === wanted || t.label.toLowerCase() === value.trim().toLowerCase(),
    );
    if (!type) {
      ctx.addIssue({
        code: "custom",
        message: `"${value}" is not a type. Use one of: ${organisationTypes.map((t) => t.key).join(", ")}.`,
      });
      return z.NEVER;
    }
    return type.key;
  }),
  country: z.string({ error: "Enter the country code." }).transform((value, ctx) => {
    const code = value.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) {
      ctx.addIssue({ code: "custom", message: "Enter the country as an ISO code: US or CN." });
      return z.NEVER;
    }
    if (!marketOfCountry[code]) {
      ctx.addIssue({
        code: "custom",
        message: `Missions go to the US and China: the country is US or CN, not ${code}.`,
      });
      return z.NEVER;
    }
    return code;
  }),
  city: requiredText("city", 2, organisationLimits.city),
  needs: requiredText(
    "needs",
    organisationLimits.needsMin,
    organisationLimits.needsMax,
    `Describe the needs in at least ${organisationLimits.needsMin} characters.`,
  ),
  sectors: termList(sectors, "sector", 0),
  website: websiteUrl,
  contactName: z
    .string()
    .optional()
    .transform((value) => value?.trim() || null)
    .pipe(z.string().max(120, "The contact name can have at most 120 characters.").nullable()),
  contactEmail: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined)
    .pipe(emailAddress("contact email").optional())
    .transform((value) => value ?? null),
  languages: z
    .array(z.string())
    .default([])
    .transform((values) => [...new Set(values.map((v) => v.trim()).filter(Boolean))])
    .pipe(
      z.array(z.string().max(40, "A language name has at most 40 characters.")).max(10, "List at most 10 languages."),
    ),
  available: z
    .array(z.string())
    .default([])
    .transform((values, ctx) => {
      const days = [...new Set(values.map((v) => v.trim()).filter(Boolean))];
      const bad = days.find((day) => !isoDate.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `"${bad}" is not a date: write days as YYYY-MM-DD, e.g. 2027-04-13.` });
        return z.NEVER;
      }
      return days.sort();
    }),
});

export type OrganisationProfile = z.output<typeof organisationSchema> & { market: MarketKey };

/** A stored organisation. */
export type OrganisationRecord = OrganisationProfile & { id: number; autoAccept: boolean };

export type OrganisationValidation =
  | { ok: true; organisation: OrganisationProfile }
  | { ok: false; errors: Partial<Record<OrganisationField, string>> };

/** Line breaks are fine in the needs only. */
function fieldsWithControlCharacters(raw: RawOrganisation): Partial<Record<OrganisationField, string>> {
  const errors: Partial<Record<OrganisationField, string>> = {};
  for (const [field, value] of Object.entries(raw) as [OrganisationField, unknown][]) {
    const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    if (texts.some((text) => hasControlCharacters(text.trim(), { multiline: field === "needs" }))) {
      errors[field] = "Remove the control characters (such as NUL, escape or line breaks) from this field.";
    }
  }
  return errors;
}

/** Validates a whole organisation; errors are per field (the first per field), for inline display. */
export function validateOrganisation(raw: RawOrganisation): OrganisationValidation {
  const controls = fieldsWithControlCharacters(raw);
  const parsed = organisationSchema.safeParse(raw);
  if (parsed.success && Object.keys(controls).length === 0) {
    const market = marketOfCountry[parsed.data.country] as MarketKey;
    return { ok: true, organisation: { ...parsed.data, market } };
  }
  const errors: Partial<Record<OrganisationField, string>> = { ...controls };
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as OrganisationField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, errors };
}

/** Dates an organisation gave that are outside the mission. */
export function daysOutside(available: readonly string[], mission: { startDate: string; endDate: string }): string[] {
  return available.filter((day) => day < mission.startDate || day > mission.endDate);
}

/** The mission's days, "YYYY-MM-DD", first to last: the days an organisation may be available. */
export function missionDays(mission: { startDate: string; endDate: string }): string[] {
  const days: string[] = [];
  const last = DateTime.fromISO(mission.endDate, { zone: "utc" });
  for (let day = DateTime.fromISO(mission.startDate, { zone: "utc" }); day <= last && days.length < 60; ) {
    days.push(day.toISODate() ?? "");
    day = day.plus({ days: 1 });
  }
  return days;
}

/**
 * What makes a valid organisation wrong for one mission: a country outside the mission's market,
 * or days it is available that are not days of the mission. Per field, as validateOrganisation.
 */
export function checkForMission(
  organisation: OrganisationProfile,
  mission: { market: MarketKey; startDate: string; endDate: string },
): Partial<Record<OrganisationField, string>> {
  const errors: Partial<Record<OrganisationField, string>> = {};
  if (organisation.market !== mission.market) {
    errors.country = `This mission goes to ${mission.market === "US" ? "the US" : "China"}: the organisation's country is ${mission.market}, not ${organisation.country}.`;
  }
  const outside = daysOutside(organisation.available, mission);
  if (outside.length > 0) {
    errors.available = `${outside.join(", ")} ${outside.length === 1 ? "is not a day" : "are not days"} of the mission (${mission.startDate} to ${mission.endDate}).`;
  }
  return errors;
}
