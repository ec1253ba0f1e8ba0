/**
 * The two optimisation engines (the meeting scheduler and the consortium builder) are pure and run
 * on solver threads: at run time they may load libraries, the domain, the shared solver and their
 * own files, never Slack, the database or a feature's entry (which would bring both onto the thread).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const engines = ["src/features/meetings/engine", "src/features/consortia/engine"];

/** Run-time import specifiers of a source file (type-only imports vanish when it runs). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?\sfrom\s+"([^"]+)"/gms)].map(
    (match) => match[1] ?? "",
  );
}

/** Whether an engine file may load this at run time. */
function allowed(specifier: string): boolean {
  if (/^(@slack\/|@prisma\/|pg$|better-sqlite3$)/.test(specifier)) return false;
  if (!specifier.startsWith(".")) return true;
  if (specifier.startsWith("./")) return true;
  return /^(\.\.\/)+(domain|platform\/solver)\//.test(specifier);
}

describe("the optimisation engines", () => {
  for (const engine of engines) {
    it(`${engine} loads no Slack, database or feature code at run time`, () => {
      const folder = path.join(projectRoot, engine);
      const sources = readdirSync(folder).filter(
        (name) => /\.(ts|mjs)$/.test(name) && !/\.test(-support)?\.ts$/.test(name),
      );
      const imports = sources.flatMap((name) =>
        runtimeImports(path.join(folder, name)).map((specifier) => `${name}: ${specifier}`),
      );
      expect(imports.length).toBeGreaterThan(0);
      expect(imports.filter((line) => !allowed(line.slice(line.indexOf(": ") + 2)))).toEqual([]);
    });
  }
});
