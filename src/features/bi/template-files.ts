/** Reads the BI templates from prompts/bi/*.yaml once, at start-up; a bad file stops the app. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../platform/db/location.js";
import { type BiTemplate, parseTemplate, TemplateError } from "./template.js";

export const templateFolder = path.join(projectRoot, "prompts", "bi");

export type TemplateCatalog = {
  all: readonly BiTemplate[];
  /** The template with this key and version (old versions stay readable for responses in progress). */
  get(key: string, version?: number): BiTemplate | undefined;
  /** The newest template for a market. */
  forMarket(market: "US" | "CN"): BiTemplate | undefined;
};

export function loadTemplates(folder = templateFolder): TemplateCatalog {
  const files = readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const all = files.map((name) => {
    const file = path.join(folder, name);
    let data: unknown;
    try {
      data = parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new TemplateError(
        `Invalid BI template\n  - ${path.relative(projectRoot, file)}: not valid YAML: ${(error as Error).message}`,
      );
    }
    return parseTemplate(path.relative(projectRoot, file), data);
  });
  const newest = (list: BiTemplate[]) => list.sort((a, b) => b.version - a.version)[0];
  return {
    all,
    get: (key, version) =>
      version === undefined
        ? newest(all.filter((t) => t.key === key))
        : all.find((t) => t.key === key && t.version === version),
    forMarket: (market) => newest(all.filter((t) => t.market === market)),
  };
}
