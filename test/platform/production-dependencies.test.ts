/**
 * A production install (`npm ci --omit=dev`, as docs/DEPLOYMENT.md's container recipe does) has
 * only package.json's dependencies: a package that the app's own code imports but that is listed
 * under devDependencies stops the app at start-up there, while every test here still passes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};

/** What runs in production: src/ and scripts/ (setup runs at install), without tests and their helpers. */
function productionFiles(folder: string): string[] {
  return readdirSync(path.join(projectRoot, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !/\.test\.ts$|\.test-support\.ts$/.test(file))
    .map((file) => path.join(folder, file))
    .filter((file) => !file.startsWith(path.join("src", "generated")));
}

/** The package a bare import specifier names: `pure-rand/distribution/x` → `pure-rand`, `@slack/bolt/x` → `@slack/bolt`. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return null;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
  return builtinModules.includes(name) ? null : name;
}

function importedPackages(file: string): string[] {
  const source = readFileSync(path.join(projectRoot, file), "utf8");
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gms),
    ...source.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ]
    // Type-only imports vanish at run time.
    .filter((match) => !/^\s*(?:import|export)\s+type\s/.test(match[0]))
    .map((match) => match[1] ?? "");
  return specifiers.map(packageOf).filter((name): name is string => name !== null);
}

describe("a production install", () => {
  it("has every package the app's own code imports", () => {
    const missing = new Map<string, string>();
    for (const file of [...productionFiles("src"), ...productionFiles("scripts")]) {
      for (const name of importedPackages(file)) {
        if (!(name in manifest.dependencies) && !missing.has(name)) missing.set(name, file);
      }
    }
    expect(Object.fromEntries(missing)).toEqual({});
  });

  it("reads imports the way the check above relies on", () => {
    expect(packageOf("pure-rand/distribution/uniformInt")).toBe("pure-rand");
    expect(packageOf("@slack/bolt")).toBe("@slack/bolt");
    expect(packageOf("node:fs")).toBeNull();
    expect(packageOf("fs")).toBeNull();
    expect(packageOf("./local.js")).toBeNull();
  });
});
