/**
 * Business Intelligence templates: data in prompts/bi/*.yaml, validated here with zod. Pure: the
 * loader that reads the files is in template-files.ts.
 */
import { z } from "zod";

export const fieldTypes = [
  "text",
  "long_text",
  "enum",
  "multi_enum",
  "number",
  "money",
  "yes_no",
  "list",
  "date",
] as const;
export type FieldType = (typeof fieldTypes)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]*$/, "should be snake_case, e.g. target_customers");

const field = z
  .object({
    key,
    /** What people see when the app names the field ("Target price"); the key stays internal. */
    label: z.string().min(2).optional(),
    question: z.string().min(5),
    help: z.string().optional(),
    type: z.enum(fieldTypes),
    required: z.boolean().default(true),
    values: z.array(z.string().min(1)).optional(),
    /** What a good answer holds, for follow-ups ("which provinces?"). */
    follow_up: z.string().optional(),
    /** For yes_no and enum fields: how much each answer adds to readiness (0–1). Others: 1 when answered. */
    readiness: z.record(z.string(), z.number().min(0).max(1)).optional(),
  })
  .superRefine((f, ctx) => {
    const needsValues = f.type === "enum" || f.type === "multi_enum";
    if (needsValues && (!f.values || f.values.length < 2)) {
      ctx.addIssue({ code: "custom", path: ["values"], message: `a ${f.type} field needs at least two values` });
    }
    if (!needsValues && f.values) {
      ctx.addIssue({ code: "custom", path: ["values"], message: `only enum and multi_enum fields take values` });
    }
  });

const section = z.object({
  key,
  title: z.string().min(3),
  /** How much this section weighs in the readiness score. */
  weight: z.number().positive().default(1),
  fields: z.array(field).min(1),
});

export const templateSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    title: z.string().min(3),
    market: z.enum(["US", "CN", "any"]),
    minutes: z.number().int().positive(),
    intro: z.string().min(10),
    sections: z.array(section).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const [si, s] of t.sections.entries()) {
      for (const [fi, f] of s.fields.entries()) {
        if (seen.has(f.key)) {
          ctx.addIssue({
            code: "custom",
            path: ["sections", si, "fields", fi, "key"],
            message: `"${f.key}" is used twice`,
          });
        }
        seen.add(f.key);
      }
    }
  });

export type BiTemplate = z.output<typeof templateSchema>;
export type BiSection = BiTemplate["sections"][number];
export type BiField = BiSection["fields"][number];

export function allFields(template: BiTemplate): BiField[] {
  return template.sections.flatMap((s) => s.fields);
}

/** A field's name as people read it; responses started before labels existed fall back to the key, in words. */
export function labelOf(field: Pick<BiField, "key" | "label">): string {
  if (field.label) return field.label;
  const words = field.key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function sectionOf(template: BiTemplate, fieldKey: string): BiSection | undefined {
  return template.sections.find((s) => s.fields.some((f) => f.key === fieldKey));
}

export class TemplateError extends Error {}

/** Validates one template file's content; the error names the file, the field and the reason. */
export function parseTemplate(file: string, data: unknown): BiTemplate {
  const parsed = templateSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const raw = data as { sections?: { fields?: { key?: string }[] }[] } | undefined;
  const problems = parsed.error.issues.map((issue) => {
    const [, si, , fi] = issue.path;
    const fieldKey =
      typeof si === "number" && typeof fi === "number" ? raw?.sections?.[si]?.fields?.[fi]?.key : undefined;
    const where = fieldKey ? `field "${fieldKey}"` : issue.path.join(".") || "the template";
    return `${file}: ${where}: ${issue.message}`;
  });
  throw new TemplateError(`Invalid BI template\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}
