/** Finding what people typed among names: a mission's organisations, its delegation. Pure. */
import { foldText } from "../../domain/text.js";

/** `candidates`: the items that matched when several did (empty otherwise). */
export type NameMatch<T> = { found: T | undefined; candidates: T[] };

/**
 * The item a person named: the same name in any case or accents, else the one item whose name has a
 * word starting with each word typed ("heat net" finds "Jiangsu Heat Networks Co."). Several: the
 * candidates, for a "which one?" answer.
 */
export function findByName<T extends { name: string }>(items: readonly T[], typed: string): NameMatch<T> {
  const wanted = foldText(typed);
  if (!wanted) return { found: undefined, candidates: [] };
  const exact = items.find((item) => foldText(item.name) === wanted);
  if (exact) return { found: exact, candidates: [] };
  const words = wanted.split(" ");
  const candidates = items.filter((item) => {
    const itemWords = foldText(item.name).split(" ");
    return words.every((word) => itemWords.some((w) => w.startsWith(word)));
  });
  return candidates.length === 1 ? { found: candidates[0], candidates: [] } : { found: undefined, candidates };
}

/**
 * "Grid Co in china 2027" → name "Grid Co", suffix "china 2027". Splits at the last " <word> " so a
 * name that contains the word keeps it; `accept` decides whether the suffix really names something.
 */
export function splitTrailing(text: string, word: string): { head: string; tail: string | undefined } {
  const pattern = new RegExp(`\\s+${word}\\s+`, "gi");
  let last: RegExpExecArray | undefined;
  for (const match of text.matchAll(pattern)) last = match as RegExpExecArray;
  if (!last) return { head: text.trim(), tail: undefined };
  return { head: text.slice(0, last.index).trim(), tail: text.slice(last.index + last[0].length).trim() };
}
