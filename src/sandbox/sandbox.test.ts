import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { OpenAiStandIn } from "../../test/support/openai-stand-in.js";
import { runSandbox, type SandboxRun, sandboxArguments } from "./cli.js";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "ec2i-sandbox-test-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Runs a script on a fresh database (a copy of the migrated template); files the app sends land in `folder`. */
async function runScript(lines: string[], extra: Partial<SandboxRun> = {}) {
  const script = path.join(folder, "script.txt");
  writeFileSync(script, `${lines.join("\n")}\n`);
  const transcript: string[] = [];
  const code = await runSandbox({
    scriptPath: script,
    fresh: true,
    migratedDatabase: inject("templateDatabase"),
    filesFolder: path.join(folder, "files"),
    env: {},
    out: (line) => transcript.push(line),
    ...extra,
  });
  return { code, text: transcript.join("\n") };
}

/** `npm run demo` as package.json ships it, with the sandbox's own database moved into the test's folder. */
async function npmRunDemo() {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const words = (scripts.demo ?? "").split(/\s+/);
  const transcript: string[] = [];
  const code = await runSandbox({
    ...sandboxArguments(words.slice(words.indexOf("src/sandbox/cli.ts") + 1)),
    migratedDatabase: inject("templateDatabase"),
    filesFolder: path.join(folder, "files"),
    env: { SANDBOX_DATABASE_URL: `file:${path.join(folder, "sandbox.db")}` },
    out: (line) => transcript.push(line),
  });
  return { code, text: transcript.join("\n") };
}

describe("the sandbox in scripted mode", () => {
  it("runs `npm run demo` twice in a row, each time from a fresh database, showing what Slack would show", async () => {
    const first = await npmRunDemo();
    const second = await npmRunDemo();
    expect(first.code, first.text).toBe(0);
    expect(second.code, second.text).toBe(0);
    expect(second.text).toBe(first.text);
    const text = first.text;
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
    expect(text).toContain("@bob → app (DM): Large heat pumps for district heating networks\n── DM · app → @bob ──\n");
    // The script pins the clock, so the dates are the README's on every run
    expect(text).toContain("🕒 Tuesday 16 March 2027, 07:29 UTC");
    expect(text).toContain("── App Home · @bob ──\n== Hello, Bob! Welcome to EC2i Missions ==");
    expect(text).toContain("*Nordic Heat A/S* — Listed");
    expect(text).toContain("----------------------------------------");
    // The export is saved, and the transcript says where
    const saved = path.join(folder, "files", "ec2i-smes-2027-03-16.csv");
    expect(text).toContain(`, saved as ${saved}`);
    expect(readFileSync(saved, "utf8")).toContain("Nordic Heat A/S,DK,clean-dk");
    // Staff schedule the China mission and publish it: an SME is told its meetings
    expect(text).toContain("── message updated ──\n:calendar: *Proposed schedule for China mission 2027*");
    expect(text).toContain(
      "@alice clicks “Publish”\n── DM · app → @erik ──\n:calendar: *Your meetings on China mission 2027*",
    );
  }, 120_000);

  it("imports a CSV posted with upload, pages through results, nudges and exports, printing each saved file", async () => {
    const template = path.join(folder, "files", "ec2i-sme-import-template.csv");
    const { code, text } = await runScript([
      "clock 2027-03-15 07:29",
      "demo",
      "as alice",
      "/sme import",
      `upload ${template}`,
      "/sme find country:dk",
      // Someone else's command leaves Alice's buttons alone
      "as erik",
      "home",
      "as alice",
      "buttons",
      "click 9",
      "/bi status",
      // Erik's company is in the Shanghai delegation: the first Nudge under the mission
      "click 2",
      "/sme export country:dk",
    ]);
    expect(code, text).toBe(0);
    // /sme import sends a template, which is saved; posting it back imports it
    expect(text).toContain(`📎 ec2i-sme-import-template.csv (`);
    expect(text).toContain(`, saved as ${template}`);
    expect(text).toContain("alice> upload");
    expect(text).toContain("@alice → app (DM): 📎 ec2i-sme-import-template.csv");
    expect(text).toContain("Imported 1 SME from *ec2i-sme-import-template.csv*. It is listed now.");
    // Paging answers through the response_url of the click
    expect(text).toContain("  [9] Next ▶");
    // Erik's App Home did not take Alice's buttons away, and `buttons` lists them again
    expect(text).toContain("alice> buttons\n  [1] View   (in “reply to @alice”)\n");
    expect(text).toContain("  [9] Next ▶   (in “reply to @alice”)\nalice> click 9");
    expect(text).toContain(
      "@alice clicks “Next ▶”\n── reply to @alice (replaces the previous one) ──\n:mag: 15 SMEs match “country:dk” — showing 9–15",
    );
    // The nudge is confirmed to Alice and reaches Erik
    expect(text).toContain("@alice clicks “Nudge”\n── reply to @alice ──\nNudged @erik about *Ventoworks 1 NV*.");
    expect(text).toContain("── DM · app → @erik ──\n:wave: @alice reminds you");
    // The export is saved where the transcript says
    const exported = path.join(folder, "files", "ec2i-smes-2027-03-15.csv");
    expect(text).toContain(`, saved as ${exported}`);
    expect(existsSync(exported)).toBe(true);
  });

  it("shows today's role and company from the database, and read-only forms without set/select hints", async () => {
    const { code, text } = await runScript([
      "demo",
      "/ec2i role @bob sme clean-dk",
      "who",
      "as alice",
      "/sme find ventoworks",
      "click 1",
    ]);
    expect(code, text).toBe(0);
    expect(text).toContain("  @bob    Bob Jensen — SME member of CLEAN");
    expect(text).toMatch(/ {2}@erik {3}Erik Nilsson — SME member · Ventoworks 1 NV/);
    expect(text).toMatch(/@alice clicks “View”\n┌─ [^\n]+\n(│[^\n]*\n)+└─ cancel \(close\)/);
    expect(text).not.toMatch(/@alice clicks “View”\n┌─ [^\n]+\n(│[^\n]*\n)+└─ set/);
  });

  it("builds a consortium as an SME member: its company by name in the form, roles typed one per line with \\n", async () => {
    const { code, text } = await runScript([
      "demo",
      "as erik",
      "/consortium build",
      "set 1 Wind farm repowering in Jiangsu with new turbines and a grid connection",
      "set 2 Wind turbines\\nGrid connection\\nFinancing",
      "submit",
      "as alice",
      "/consortium list",
    ]);
    expect(code, text).toBe(0);
    // The company the member's consortia always include, by its name (not its id).
    expect(text).toMatch(/\[6\] SMEs that must be in \(optional\) <[^>]+>: Ventoworks 1 NV\n/);
    expect(text).toContain("✎ [2] Value-chain roles it needs = Wind turbines ⏎ Grid connection ⏎ Financing");
    expect(text).toContain("Roles: Wind turbines, Grid connection, Financing");
    // Across missions, each consortium names its mission.
    expect(text).toMatch(/\* · _(formed|bidding|won|lost)_ · China mission 2027\n/);
  });

  it("sends a radio button's choice, and takes SMEs back out of a multi-select with unselect", async () => {
    const { code, text } = await runScript([
      "demo",
      "as alice",
      "/consortium build china",
      "select 1 Jiangsu Heat Networks Co.",
      "select 7 ventopure 48, ventogrid 5",
      "unselect 7 ventopure",
      "select 8 ventocycle 29",
      "unselect 8",
      "select 9 The whole directory",
      "submit",
    ]);
    expect(code, text).toBe(0);
    expect(text).toContain("  ✎ [7] SMEs that must be in = Ventogrid 5 GmbH\n");
    expect(text).toContain("  ✎ [8] SMEs that must not be in = —\n");
    // The app's next step of the form shows what it received: the whole directory, one SME that must be in.
    const answered = text.slice(text.indexOf("alice> submit"));
    expect(answered).toMatch(/\[7\] SMEs that must be in \(optional\) <[^>]+>: Ventogrid 5 GmbH\n/);
    expect(answered).toMatch(/\[8\] SMEs that must not be in \(optional\) <[^>]+>: —\n/);
    expect(answered).toContain("[9] Choose members from <radio buttons>: The whole directory");
  });

  it("answers an unknown or upper-case slash command at once with the commands the app declares", async () => {
    const upper = await runScript(["/SME find heat"]);
    expect(upper.code).toBe(1);
    expect(upper.text).toContain(
      "✗ Slash commands are lower case: type /sme (the app declares /ec2i, /sme, /bi, /mission, /meet, /consortium).",
    );
    const unknown = await runScript(["/missions list"]);
    expect(unknown.code).toBe(1);
    expect(unknown.text).toContain(
      "✗ The app has no /missions command. It declares /ec2i, /sme, /bi, /mission, /meet, /consortium.",
    );
  });

  it("shows an app error in the transcript with the id the person is given", async () => {
    // A database that refuses to change anyone's role, as a full disk would.
    const broken = path.join(folder, "broken.db");
    copyFileSync(inject("templateDatabase"), broken);
    const sqlite = new Database(broken);
    sqlite.exec(
      `CREATE TRIGGER no_new_people BEFORE INSERT ON "Person" BEGIN SELECT RAISE(ABORT, 'disk is full'); END;`,
    );
    sqlite.close();
    const { code, text } = await runScript(["/ec2i role @bob sme clean-dk"], { migratedDatabase: broken });
    expect(code, text).toBe(0);
    const logged = /⚠ The app logged an error \((E-[0-9A-F]{6})\): listener failed — \S/.exec(text);
    expect(logged, text).not.toBeNull();
    expect(text).toContain(`tell your cluster staff the error id \`${logged?.[1]}\``);
  });

  it("talks to an OpenAI-compatible endpoint when OPENAI_API_KEY and OPENAI_BASE_URL are set", async () => {
    const openai = await OpenAiStandIn.start();
    // The model's first answer never comes: the app waits for its timeout and asks again, with no Slack call
    // for a while. The reply must still appear under the message it answers, not under the next command.
    openai.script.push({ hang: true });
    try {
      const message = "We have no CE marking yet but plan it for 2027";
      const { code, text } = await runScript(["demo", "as erik", `dm ${message}`, "who"], {
        env: { OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: openai.baseUrl, OPENAI_TIMEOUT_MS: "300" },
      });
      expect(code, text).toBe(0);
      expect(text).toContain("Business Intelligence answers are read by gpt-4o-mini (OPENAI_API_KEY is set).");
      expect(openai.requests.length).toBeGreaterThan(1);
      expect(JSON.stringify(openai.requests[0]?.messages)).toContain(message);
      expect(text).toMatch(
        new RegExp(`erik> dm ${message}\\n@erik → app \\(DM\\): ${message}\\n── DM · app → @erik ──\\n`),
      );
      expect(text.indexOf("── DM · app → @erik ──")).toBeLessThan(text.indexOf("erik> who"));
    } finally {
      await openai.stop();
    }
  });

  it("starts afresh with --reset: an empty sandbox database and no saved files", async () => {
    const database = path.join(folder, "sandbox.db");
    copyFileSync(inject("templateDatabase"), database);
    const sqlite = new Database(database);
    sqlite.exec(`INSERT INTO "Person" ("slackUserId", "role", "updatedAt") VALUES ('U0ALICE001', 'staff', 0);`);
    sqlite.close();
    mkdirSync(path.join(folder, "files"));
    writeFileSync(path.join(folder, "files", "old-export.csv"), "name\n");
    const { code, text } = await runScript(["who"], {
      fresh: false,
      reset: true,
      databaseUrl: `file:${database}`,
    });
    expect(code, text).toBe(0);
    expect(text).toContain("Reset: removed the sandbox database");
    expect(text).toContain("  @alice  Alice Sørensen — has no role yet");
    expect(existsSync(path.join(folder, "files", "old-export.csv"))).toBe(false);
  }, 60_000);

  it("remembers the workspace's channels between runs on the same database", async () => {
    const persistent = { fresh: false, databaseUrl: `file:${path.join(folder, "sandbox.db")}` };
    const first = await runScript(["clock 2027-03-15 07:29", "demo"], persistent);
    expect(first.code, first.text).toBe(0);
    // A new run: the stand-in starts empty, as after closing the sandbox; the demo is not loaded again.
    const second = await runScript(["clock 2027-04-12 09:59", "clock +1m"], persistent);
    expect(second.code, second.text).toBe(0);
    expect(second.text).toContain("#china-mission-2027");
    expect(second.text).not.toContain("#C0CHINA001");
  }, 60_000);

  it("stops a script at a line that fails, with exit code 1", async () => {
    const { code, text } = await runScript(["as nobody", "who"]);
    expect(code).toBe(1);
    expect(text).toContain("✗ There is nobody called “nobody”. Type who to see everyone.");
    expect(text).not.toContain("@alice");
  });

  it("reads its options from the command line and refuses unknown ones", () => {
    expect(sandboxArguments(["--fresh", "--script", "demo.txt"])).toEqual({
      scriptPath: "demo.txt",
      fresh: true,
      reset: false,
    });
    expect(() => sandboxArguments(["--frsh"])).toThrow("Unknown option --frsh");
  });
});
