/**
 * The `/consortium build` form: what people typed, validated into a request for the builder, every
 * problem on the field to change. Pure.
 */
import { z } from "zod";
import { clusters } from "../../domain/clusters.js";
import { hasControlCharacters } from "../../domain/text.js";
import { maximumRoles, readRoleLines } from "./value-chain-roles.js";

/** The form's fields (block ids), in the order the modal shows them. */
export const buildFields = [
  "organisation",
  "description",
  "roles",
  "minCountries",
  "minClusters",
  "maxSize",
  "mustInclude",
  "mustExclude",
  "scope",
] as const;
export type BuildField = (typeof buildFields)[number];

export const scopes = ["delegation", "directory"] as const;
export type Scope = (typeof scopes)[number];

/** What a person typed or picked, before validation. */
export type RawBuildForm = {
  organisation?: string | undefined;
  description?: string | undefined;
  roles?: string | undefined;
  minCountries?: string | undefined;
  minClusters?: string | undefined;
  maxSize?: string | undefined;
  mustInclude?: readonly string[] | undefined;
  mustExclude?: readonly string[] | undefined;
  scope?: string | undefined;
};

export const buildDefaults = { minCountries: 2, minClusters: 2, maxSize: 6 } as const;
export const descriptionLimit = 2000;

export type BuildConstraints = {
  minCountries: number;
  minClusters: number;
  maxSize: number;
  mustInclude: number[];
  mustExclude: number[];
  scope: Scope;
};

export type BuildRequest = {
  organisationId: number | null;
  /** What the project is: the organisation's needs and what the person described. */
  opportunity: string;
  /** What the person typed about the project (names the proposals when no organisation was picked). */
  description: string;
  /** The roles typed or kept, one per line; null when the person left them for the app to suggest. */
  roleLabels: string[] | null;
  constraints: BuildConstraints;
};

export type BuildValidation =
  | { ok: true; request: BuildRequest }
  | { ok: false; errors: Partial<Record<BuildField, string>> };

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} is a whole number from ${min} to ${max}.` })
    .int({ error: `${label} is a whole number from ${min} to ${max}.` })
    .min(min, { error: `${label} is a whole number from ${min} to ${max}.` })
    .max(max, { error: `${label} is a whole number from ${min} to ${max}.` });

const smeIds = z.array(z.coerce.number().int().positive());

/**
 * Validates the form. `organisationNeeds` is the picked organisation's needs (looked up by the
 * caller); `missionGiven` says whether the delegation scope exists at all.
 */
export function validateBuildForm(
  raw: RawBuildForm,
  context: { organisationNeeds?: string | undefined; missionGiven: boolean },
): BuildValidation {
  const errors: Partial<Record<BuildField, string>> = {};
  const description = (raw.description ?? "").trim();
  const organisationId = raw.organisation ? Number(raw.organisation) : null;
  if (organisationId !== null && (!Number.isInteger(organisationId) || context.organisationNeeds === undefined)) {
    errors.organisation = "This organisation is no longer in the mission: pick another, or describe the project.";
  }
  if (description.length > descriptionLimit) {
    errors.description = `At most ${descriptionLimit} characters (this has ${description.length}).`;
  } else if (hasControlCharacters(description, { multiline: true })) {
    errors.description = "This text holds control characters: type it again without them.";
  } else if (organisationId === null && description === "") {
    errors.description = "Pick the organisation whose project it is, or describe the project here.";
  }

  let roleLabels: string[] | null = null;
  const rolesText = (raw.roles ?? "").trim();
  if (rolesText !== "") {
    const read = readRoleLines(rolesText);
    if (read.ok) roleLabels = read.labels;
    else errors.roles = read.problem;
  }

  const number = (field: "minCountries" | "minClusters" | "maxSize", schema: z.ZodType<number>) => {
    const typed = raw[field]?.trim();
    if (!typed) return buildDefaults[field];
    const parsed = schema.safeParse(typed);
    if (!parsed.success) errors[field] = parsed.error.issues[0]?.message ?? "A whole number, please.";
    return parsed.success ? parsed.data : buildDefaults[field];
  };
  const minCountries = number("minCountries", whole("The number of countries", 1, 10));
  const minClusters = number("minClusters", whole("The number of clusters", 1, clusters.length));
  const maxSize = number("maxSize", whole("The maximum size", 2, maximumRoles));
  // Each member brings one country and one cluster and fills a role of its own: a minimum above
  // the maximum size, or above the number of roles typed, can never be met.
  const roleCount = roleLabels?.length;
  const rolesLimit = roleCount !== undefined && roleCount < maxSize;
  const mostMembers = rolesLimit ? (roleCount as number) : maxSize;
  const reachable = (field: "minCountries" | "minClusters", count: number, what: string) => {
    if (errors[field] || errors.maxSize || count <= mostMembers) return;
    errors[field] = rolesLimit
      ? `At least ${count} ${what} needs ${count} members (each brings one), but ${roleCount} roles allow at most ${roleCount} (one member per role): lower this or add roles.`
      : `At least ${count} ${what} needs ${count} members (each brings one), but a consortium has at most ${maxSize}: lower this or raise the maximum size.`;
  };
  reachable("minCountries", minCountries, "countries");
  reachable("minClusters", minClusters, "clusters");

  const mustInclude = smeIds.safeParse(raw.mustInclude ?? []);
  const mustExclude = smeIds.safeParse(raw.mustExclude ?? []);
  const included = mustInclude.success ? mustInclude.data : [];
  const excluded = mustExclude.success ? mustExclude.data : [];
  if (!mustInclude.success) errors.mustInclude = "Pick the SMEs again from the list.";
  if (!mustExclude.success) errors.mustExclude = "Pick the SMEs again from the list.";
  if (included.length > maxSize && !errors.maxSize) {
    errors.mustInclude = `${included.length} SMEs must be in, but a consortium has at most ${maxSize} members: pick fewer or raise the maximum size.`;
  } else if (rolesLimit && included.length > mostMembers) {
    errors.mustInclude = `${included.length} SMEs must be in, but each fills a role of its own and there are ${roleCount} roles: pick fewer or add roles.`;
  }
  if (included.some((id) => excluded.includes(id))) {
    errors.mustExclude = "An SME cannot be both in “must be in” and in “must not be in”: remove it from one.";
  }

  const scope: Scope = raw.scope === "directory" || !context.missionGiven ? "directory" : "delegation";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const opportunity = [context.organisationNeeds?.trim(), description].filter(Boolean).join("\n");
  return {
    ok: true,
    request: {
      organisationId,
      opportunity,
      description,
      roleLabels,
      constraints: { minCountries, minClusters, maxSize, mustInclude: included, mustExclude: excluded, scope },
    },
  };
}
