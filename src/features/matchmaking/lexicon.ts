/**
 * The cleantech concept lexicon (lexicon.yaml), read and validated once at start-up: a bad entry
 * stops the app with the entry named. Pure apart from reading its own file.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { sectors } from "../../domain/taxonomy.js";
import { foldText } from "../../domain/text.js";
import { organisationTypes } from "../missions/index.js";
import { hasClauseBreak, tokensOf } from "./text-relevance.js";

const sectorKey = z.enum(sectors.map((sector) => sector.key) as [string, ...string[]]);
const organisationType = z.enum(organisationTypes.map((type) => type.key) as [string, ...string[]]);
const term = z.string().trim().min(1).max(80);

const lexiconSchema = z.object({
  concepts: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/, "an id is lower-case words joined by dashes"),
        label: z.string().min(3).max(60),
        sectors: z.array(sectorKey).min(1),
        terms: z.array(term).min(1),
      }),
    )
    .min(1),
  counterparts: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      options: z.array(term).min(1),
      types: z.array(organisationType),
      terms: z.array(term),
    }),
  ),
});

export type Concept = z.output<typeof lexiconSchema>["concepts"][number] & {
  /** Each term as the stemmed tokens it is matched by, in order. */
  phrases: string[][];
};
export type CounterpartKind = z.output<typeof lexiconSchema>["counterparts"][number] & {
  phrases: string[][];
};
export type Lexicon = { concepts: Concept[]; counterparts: CounterpartKind[] };

export const lexiconFile = fileURLToPath(new URL("./lexicon.yaml", import.meta.url));

/** Validates a parsed lexicon; throws with every problem named by its place in the file. */
export function parseLexicon(data: unknown, source = "lexicon"): Lexicon {
  const parsed = lexiconSchema.safeParse(data);
  if (!parsed.success) throw new Error(`Invalid ${source}:\n${z.prettifyError(parsed.error)}`);
  const ids = parsed.data.concepts.map((concept) => concept.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new Error(`Invalid ${source}: the concept id "${repeated}" is used twice.`);
  // A term of several words that is one word without its articles and possessives ("its meters")
  // would match that word anywhere: refused, so each term means what it says.
  const collapsing = [...parsed.data.concepts, ...parsed.data.counterparts]
    .flatMap((entry) => entry.terms)
    .filter((term) => foldText(term).split(" ").length > 1 && tokensOf(term).length === 1);
  if (collapsing.length > 0) {
    throw new Error(
      `Invalid ${source}: these terms are one word without "a", "the", "its", "their"…: ${collapsing.join(", ")}.`,
    );
  }
  // A phrase is matched within one clause of a text: a term that spans two could never be found.
  const spanning = [...parsed.data.concepts, ...parsed.data.counterparts]
    .flatMap((entry) => entry.terms)
    .filter(hasClauseBreak);
  if (spanning.length > 0) {
    throw new Error(`Invalid ${source}: a term is one phrase, without commas or full stops: ${spanning.join(" | ")}.`);
  }
  const phrasesOf = (terms: string[]) => terms.map(tokensOf);
  return {
    concepts: parsed.data.concepts.map((concept) => ({ ...concept, phrases: phrasesOf(concept.terms) })),
    counterparts: parsed.data.counterparts.map((kind) => ({ ...kind, phrases: phrasesOf(kind.terms) })),
  };
}

export function loadLexicon(file = lexiconFile): Lexicon {
  return parseLexicon(parse(readFileSync(file, "utf8")), file);
}

/** The app's lexicon, read when the module is first imported. */
export const lexicon: Lexicon = loadLexicon();
