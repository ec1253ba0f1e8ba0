import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { allCommands } from "../../src/features/index.js";

/** Slack's schema, vendored unchanged (see its README): nothing outside the project is read. */
const vendored = "test/vendor/slack-manifest-schema";
const schemaBase = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas";
const readJson = (file: string) => JSON.parse(readFileSync(`${vendored}/${file}`, "utf8")) as Record<string, unknown>;
const manifest = parse(readFileSync("manifest.yml", "utf8")) as {
  features: { slash_commands: Array<{ command: string; description: string; usage_hint?: string }> };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
};

function slackValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addSchema(readJson("manifest.schema.1.0.0.json"), `${schemaBase}/manifest.schema.1.0.0.json`);
  ajv.addSchema(readJson("manifest.schema.2.0.0.json"), `${schemaBase}/manifest.schema.2.0.0.json`);
  return ajv.compile(readJson("manifest.schema.json"));
}

describe("manifest.yml", () => {
  it("validates against Slack's manifest schema", () => {
    const validate = slackValidator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("would fail the schema with a malformed command (the check can fail)", () => {
    const validate = slackValidator();
    const broken = structuredClone(manifest);
    broken.features.slash_commands.push({ command: "sme-without-slash", description: "" });
    expect(validate(broken)).toBe(false);
  });

  it("declares exactly the slash commands the code registers, with their usage hints", () => {
    const declared = manifest.features.slash_commands.map((entry) => entry.command).sort();
    const registered = allCommands()
      .map((spec) => spec.command)
      .sort();
    expect(declared).toEqual(registered);
    for (const spec of allCommands()) {
      const entry = manifest.features.slash_commands.find((candidate) => candidate.command === spec.command);
      expect(entry?.usage_hint).toBe(spec.usageHint);
    }
  });

  it("turns on Socket Mode and interactivity", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });
});
