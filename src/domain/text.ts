/**
 * The one way the app compares what people type with what it knows: lower-case, without accents,
 * punctuation turned into single spaces. `keep` names punctuation that carries meaning ("30%").
 */
export function foldText(text: string, keep = ""): string {
  const escaped = keep.replace(/[\\\]^-]/g, "\\$&");
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(new RegExp(`[^\\p{L}\\p{N}${escaped}]+`, "gu"), " ")
    .trim();
}
