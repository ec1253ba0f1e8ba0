/**
 * The zod field schemas every form and CSV import shares: what a person typed (strings, lists of
 * strings) in, a clean value or a message that names the field out. Pure.
 */
import { z } from "zod";
import { type KeyOf, matchTerm, type Term } from "./taxonomy.js";

export const termList = <T extends readonly Term[]>(terms: T, what: string, min: number) =>
  z
    .array(z.string())
    .default([])
    .transform((values, ctx) => {
      const keys: KeyOf<T>[] = [];
      for (const value of values.map((v) => v.trim()).filter(Boolean)) {
        const key = matchTerm(terms, value);
        if (key === undefined) {
          ctx.addIssue({
            code: "custom",
            message: `"${value}" is not a ${what}. Choose from: ${terms.map((t) => t.label).join(", ")}.`,
          });
          return z.NEVER;
        }
        if (!keys.includes(key)) keys.push(key);
      }
      return keys;
    })
    .refine((keys) => keys.length >= min, { message: `Pick at least one ${what}.` });

export const oneTerm = <T extends readonly Term[]>(terms: T, what: string) =>
  z.string({ error: `Pick a ${what}.` }).transform((value, ctx) => {
    const key = matchTerm(terms, value);
    if (key === undefined) {
      ctx.addIssue({
        code: "custom",
        message: value.trim()
          ? `"${value}" is not a ${what}. Choose from: ${terms.map((t) => t.label).join(", ")}.`
          : `Pick a ${what}.`,
      });
      return z.NEVER;
    }
    return key;
  });

/** `whenEmpty`: the message when nothing was given (a dropdown left empty says "choose", not "enter"). */
export const wholeNumber = (what: string, min: number, max: number, whenEmpty = `Enter the ${what}.`) =>
  z
    .string({ error: whenEmpty })
    .trim()
    .min(1, whenEmpty)
    .regex(/^\d+$/, `Enter the ${what} as a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `The ${what} is at least ${min}.`).max(max, `The ${what} is at most ${max}.`));

/** `tooShort`: the message for a text under `min`, where "The <what> needs …" reads badly ("The needs needs …"). */
export const requiredText = (
  what: string,
  min: number,
  max: number,
  tooShort = `The ${what} needs at least ${min} characters.`,
) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .min(min, tooShort)
    .max(max, `The ${what} can have at most ${max} characters.`);

/** An http(s) address with a domain name; built once, as building a zod schema costs many times using it. */
const httpUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain });

/** An optional web address: "nordicheat.dk" becomes https://nordicheat.dk; empty is null. */
export const websiteUrl = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const trimmed = value?.trim() ?? "";
    if (trimmed === "") return null;
    const withScheme = /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    const parsed = httpUrl.safeParse(withScheme);
    // Slack reads | and <> inside <…> as a link's label and end: "https://evil.example|nordicheat.dk".
    if (!parsed.success || /[|<>\s]/.test(withScheme)) {
      ctx.addIssue({ code: "custom", message: "Enter a web address such as https://example.com." });
      return z.NEVER;
    }
    return withScheme;
  });

/** A required email address. */
export const emailAddress = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .pipe(z.email("Enter an email address such as anna@example.com."));
