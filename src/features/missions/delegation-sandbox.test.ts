import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../../test/support/harness.js";
import { Sandbox } from "../../sandbox/session.js";
import { loadDemoDelegations } from "./delegation-demo.js";
import { seedMission } from "./fixtures.test-support.js";

let sandbox: Sandbox;
let transcript: string[];
let cleanup: () => void;
let folder: string;
beforeEach(async () => {
  const database = freshDatabaseUrl();
  cleanup = database.cleanup;
  folder = mkdtempSync(path.join(tmpdir(), "ec2i-delegation-sandbox-"));
  transcript = [];
  sandbox = await Sandbox.start({
    databaseUrl: database.url,
    env: { EC2I_ADMINS: "U0ADA00001" },
    filesFolder: folder,
    out: (line) => transcript.push(line),
    start: new Date("2027-03-01T09:00:00Z"),
  });
  await sandbox.run("demo");
  await seedMission(sandbox.db, { name: "Shanghai cleantech mission 2027", capacity: 20, channelId: "C0SHANGHAI" });
  await loadDemoDelegations(sandbox.db, new Date("2027-03-01T09:00:00Z"));
});
afterEach(async () => {
  await sandbox.stop();
  cleanup();
  rmSync(folder, { recursive: true, force: true });
});

/** Runs sandbox lines and returns what they printed. */
async function play(...lines: string[]): Promise<string> {
  const from = transcript.length;
  for (const line of lines) await sandbox.run(line);
  return transcript.slice(from).join("\n");
}

describe("the delegation in the sandbox", () => {
  it("lets Erik name travellers with a people picker, invited to the mission's channel", async () => {
    const shown = await play("as erik", "/mission travellers shanghai");
    expect(shown).toContain("[1] The people who travel <people, @name @name>: @erik");
    const saved = await play("select 1 @erik @bob", "submit");
    expect(saved).toContain("Saved: @erik, @bob travel for *Ventoworks 1 NV*");
    expect(saved).toContain("➕ @bob invited to <#C0SHANGHAI>");
  });

  it("lets Alice add SMEs by typing part of their names, answered by the app as Slack would ask", async () => {
    const form = await play("as alice", "/mission add shanghai");
    expect(form).toContain("<type part of a name, several with commas>");
    const picked = await play("select 1 heliopower, klimaflow", "submit");
    expect(picked).toContain("✎ [1] SMEs listed in the directory = Heliopower 11 GmbH, Klimaflow 47 S.r.l.");
    expect(picked).toContain("• *Heliopower 11 GmbH*: waiting list, place 3");
  });
});
