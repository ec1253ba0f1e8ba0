/**
 * The lint rule that keeps features apart (biome.json's overrides for src/features): a feature
 * imports another only through its index.ts. Biome runs with the project's own rules on probe
 * files in a temporary copy of the layout, so a broken or loosened rule fails here, not in review.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const biome = path.join(projectRoot, "node_modules", ".bin", "biome");

/** Probe file (relative to the copy's root) -> its import lines. */
const probes: Record<string, string[]> = {
  "src/features/bi/reaches-in.ts": ['import { getSme } from "../directory/directory-store.js";'],
  // Fixtures are for tests: a test may use another feature's, production code may not.
  "src/features/bi/uses-fixtures.ts": ['import { seedSme } from "../directory/fixtures.test-support.js";'],
  "src/features/bi/uses-fixtures.test.ts": ['import { seedSme } from "../directory/fixtures.test-support.js";'],
  "src/features/bi/through-index.ts": [
    'import { getSme } from "../directory/index.js";',
    'import { authorize } from "../../platform/auth.js";',
    'import { isStaff } from "../../domain/roles.js";',
    'import { progress } from "./conversation.js";',
  ],
  // A feature that does not exist yet is covered too.
  "src/features/missions/reaches-in.ts": ['import type { StoredResponse } from "../bi/bi-store.js";'],
  // Files in a feature's subfolder: other features are two levels up, its own files one.
  "src/features/missions/solver/reaches-in.ts": ['import { isStaff } from "../../directory/access.js";'],
  "src/features/missions/solver/own-files.ts": [
    'import { missionStore } from "../mission-store.js";',
    'import { getSme } from "../../directory/index.js";',
    'import { authorize } from "../../../platform/auth.js";',
  ],
};

let copy: string;
let flagged: { file: string; line: number; message: string }[];

beforeAll(async () => {
  copy = mkdtempSync(path.join(tmpdir(), "ec2i-boundaries-"));
  // The project's lint rules as they are; only the settings about its git checkout are left out.
  const {
    $schema: _schema,
    vcs: _vcs,
    ...config
  } = JSON.parse(readFileSync(path.join(projectRoot, "biome.json"), "utf8"));
  writeFileSync(path.join(copy, "biome.json"), JSON.stringify(config));
  for (const [file, imports] of Object.entries(probes)) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    writeFileSync(path.join(copy, file), `${imports.join("\n")}\n`);
  }
  const output = await new Promise<string>((resolve) => {
    // Biome exits 1 when it reports an error: the report is what the test reads.
    execFile(
      biome,
      ["lint", "--only=style/noRestrictedImports", "--reporter=github", "."],
      { cwd: copy },
      (_error, stdout) => resolve(stdout),
    );
  });
  // GitHub's annotation format: ::error title=<rule>,file=<path>,line=<n>,...::<message>
  flagged = [
    ...output.matchAll(/^::error title=lint\/style\/noRestrictedImports,file=([^,]+),line=(\d+),.*?::(.*)$/gm),
  ].map((match) => ({ file: path.relative(copy, match[1] ?? ""), line: Number(match[2]), message: match[3] ?? "" }));
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("feature boundaries", () => {
  it("refuses an import of another feature's files, naming the rule to follow", () => {
    expect(flagged).toContainEqual({
      file: "src/features/bi/reaches-in.ts",
      line: 1,
      message: "A feature imports another feature only through its index.ts (export what others need there).",
    });
  });

  it("holds for features added later and for files in a feature's subfolders", () => {
    expect(flagged.map((f) => `${f.file}:${f.line}`)).toEqual(
      expect.arrayContaining(["src/features/missions/reaches-in.ts:1", "src/features/missions/solver/reaches-in.ts:1"]),
    );
  });

  it("allows another feature's index.ts, its test fixtures in tests, platform, domain and the feature's own files", () => {
    expect(flagged.map((f) => f.file).sort()).toEqual([
      "src/features/bi/reaches-in.ts",
      "src/features/bi/uses-fixtures.ts",
      "src/features/missions/reaches-in.ts",
      "src/features/missions/solver/reaches-in.ts",
    ]);
  });
});

describe("import circles", () => {
  it("are a lint error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ec2i-cycles-"));
    try {
      const {
        $schema: _schema,
        vcs: _vcs,
        ...config
      } = JSON.parse(readFileSync(path.join(projectRoot, "biome.json"), "utf8"));
      writeFileSync(path.join(dir, "biome.json"), JSON.stringify(config));
      mkdirSync(path.join(dir, "src"));
      writeFileSync(path.join(dir, "src", "a.ts"), 'import { b } from "./b.js";\nexport const a = () => b;\n');
      writeFileSync(path.join(dir, "src", "b.ts"), 'import { a } from "./a.js";\nexport const b = () => a;\n');
      const output = await new Promise<string>((resolve) => {
        execFile(
          biome,
          ["lint", "--only=suspicious/noImportCycles", "--reporter=github", "."],
          { cwd: dir },
          (_e, out) => resolve(out),
        );
      });
      expect(output).toMatch(/::error title=lint\/suspicious\/noImportCycles,file=[^,]*src\/a\.ts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
