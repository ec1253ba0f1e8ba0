import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { OpenAiStandIn } from "../support/openai-stand-in.js";

function runEval(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/eval-bi.ts"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", OPENAI_API_KEY: "", ...env },
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.on("exit", (code) => resolve({ code, stdout }));
  });
}

describe("npm run eval:bi", () => {
  it("says it needs an endpoint and exits 0 without OPENAI_API_KEY", async () => {
    const run = await runEval({});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("needs a real endpoint: set OPENAI_API_KEY");
    expect(run.stdout).toContain("10 personas are ready");
  });

  it("scores what the endpoint extracts, field by field", async () => {
    const openai = await OpenAiStandIn.start();
    try {
      // A model that only ever knows whether the product needs adapting (and says it does not).
      openai.responder = (request) => {
        const schema = request.response_format?.json_schema?.schema as {
          properties: { fields: { properties: object } };
        };
        const keys = Object.keys(schema.properties.fields.properties);
        return {
          fields: Object.fromEntries(keys.map((key) => [key, key === "adaptation_needed" ? false : null])),
          needs_follow_up: [],
        };
      };
      const run = await runEval({ OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: openai.baseUrl });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Terse Danish heat-pump maker: 1/7 fields");
      expect(run.stdout).toMatch(
        /bi eval \(gpt-4o-mini\): 7\.4% of fields right \(4\/54\), 1\.00 calls per answer message/,
      );
    } finally {
      await openai.stop();
    }
  });
});
