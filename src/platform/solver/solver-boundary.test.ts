import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The engines stay pure on top of this module: it may use Node, HiGHS and its own files, nothing of
// Slack, the database or a feature.
describe("the shared solver module", () => {
  it("imports only Node, HiGHS, tsx's loader and its own files", () => {
    const folder = new URL("./", import.meta.url);
    const sources = readdirSync(folder).filter(
      (name) => /\.(ts|mjs)$/.test(name) && !/\.test(-support)?\.ts$/.test(name),
    );
    const imported = sources.flatMap((name) =>
      [...readFileSync(new URL(name, folder), "utf8").matchAll(/from "([^"]+)"/g)].map((match) => match[1] as string),
    );
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((specifier) => !/^(node:|highs$|tsx\/esm\/api$|\.\/[\w-]+\.js$)/.test(specifier))).toEqual(
      [],
    );
  });
});
