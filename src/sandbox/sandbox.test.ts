import { describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../test/support/harness.js";
import { runSandbox } from "./cli.js";

describe("the sandbox in scripted mode", () => {
  it("runs the shipped demo script to the end and shows what Slack would show", async () => {
    const database = freshDatabaseUrl();
    const transcript: string[] = [];
    try {
      const code = await runSandbox({
        scriptPath: "src/sandbox/demo.txt",
        databaseUrl: database.url,
        out: (line) => transcript.push(line),
        start: new Date("2027-03-15T07:29:00Z"),
      });
      const text = transcript.join("\n");
      expect(code, text).toBe(0);
      // Demo data and people
      expect(text).toContain("Loaded demo data: 80 SMEs");
      expect(text).toContain("@erik");
      // A slash command answered through response_url
      expect(text).toContain(
        "── reply to @ada ──\n:white_check_mark: @bob is now an SME member of CLEAN (DK) (had no role).",
      );
      // A modal as a form, an inline error, then a successful submit
      expect(text).toContain("┌─ Register an SME ─");
      expect(text).toContain("│     ⚠ The one-line pitch needs at least 10 characters.");
      expect(text).toContain("│     ⚠ The company must agree to be listed in the directory.");
      expect(text).toContain("✓ Form submitted and closed.");
      // A DM with buttons (section, context, actions), a click, and the message updated
      expect(text).toContain("── DM · app → @alice ──\n@bob asks to list *Nordic Heat A/S* in the SME directory.");
      expect(text).toContain("  [2] *Approve*  [3] Request changes  [4] !Reject!");
      expect(text).toContain(
        "@alice clicks “Approve”\n── message updated ──\n:white_check_mark: @alice approved *Nordic Heat A/S*.",
      );
      expect(text).toContain("  ~ District heating and cooling, Energy efficiency · TRL 9 · Markets: CN");
      expect(text).toContain(":mag: 1 SME matches “heat pump country:dk” — showing 1–1");
      // A DM conversation turn
      expect(text).toContain(
        "@bob → app (DM): Large heat pumps for district heating networks\n── DM · app → @bob ──\nGot it: *product_offer*",
      );
      expect(text).toContain("*2/26 answered (8%).*");
      // A clock jump, and App Home with a header and a divider
      expect(text).toContain("🕒 Tuesday 16 March 2027, 07:29 UTC");
      expect(text).toContain("── App Home · @bob ──\n== Hello, Bob! Welcome to EC2i Missions ==");
      expect(text).toContain("*Nordic Heat A/S* — Listed");
      expect(text).toContain("----------------------------------------");
    } finally {
      database.cleanup();
    }
  });

  it("stops a script at a line that fails, with exit code 1", async () => {
    const database = freshDatabaseUrl();
    const transcript: string[] = [];
    const { writeFileSync, mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const folder = mkdtempSync(path.join(tmpdir(), "ec2i-script-"));
    const script = path.join(folder, "bad.txt");
    writeFileSync(script, "as nobody\nwho\n");
    try {
      const code = await runSandbox({
        scriptPath: script,
        databaseUrl: database.url,
        out: (line) => transcript.push(line),
      });
      expect(code).toBe(1);
      expect(transcript.join("\n")).toContain("✗ There is nobody called “nobody”. Type who to see everyone.");
      expect(transcript.join("\n")).not.toContain("@alice");
    } finally {
      database.cleanup();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
