import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { refusalMessage } from "../../platform/auth.js";
import { csvColumns, csvTemplate, smesToCsv } from "./csv.js";
import { profile, seedSme } from "./fixtures.test-support.js";
import { syntheticSmes } from "./synthetic.js";
import { actionIds } from "./views.js";

const STAFF = "U0STAFF001";
const SME_USER = "U0SMEUSER1";
const header = csvColumns.map((column) => column.header).join(",");
const row = (name: string, country: string, trl = "7") =>
  `${name},${country},none,,Clean tech for the cities of tomorrow,We make equipment that cuts emissions of cities and factories.,smart city,equipment,distributors,US,micro,2019,${trl},,none,info@example.com,,yes`;

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  await t.db.person.create({ data: { slackUserId: SME_USER, role: "sme" } });
});
afterEach(async () => t.stop());

/** A person drops a CSV into the app's DM: Slack sends a message event with subtype file_share. */
async function shareCsv(userId: string, name: string, content: string | Buffer, ts = `${Date.now() / 1000}`) {
  const file = t.standIn.addFile({ name, content, userId });
  const event = {
    type: "message",
    subtype: "file_share",
    channel: `D${userId.slice(1)}`,
    channel_type: "im",
    user: userId,
    text: "",
    ts,
    files: [file],
    upload: false,
    display_as_bot: false,
  };
  return { file, event, reply: await t.event(event) };
}

function botMessages(channel: string) {
  return t.standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === channel);
}

describe("/sme import", () => {
  it("explains the columns and puts a template in the staff member's DM", async () => {
    const reply = await t.command(STAFF, "/sme", "import");
    const guide = await t.responseTo(reply.responseUrl);
    expect(guide.text).toContain("`contact_email` — email");
    await t.standIn.waitForCall("files.completeUploadExternal");
    const [template] = [...t.standIn.uploads.values()];
    expect(template?.filename).toBe("ec2i-sme-import-template.csv");
    expect(template?.content.toString()).toContain("Nordic Heat A/S");
  });

  it("imports a valid file at once and says so", async () => {
    const { reply } = await shareCsv(
      STAFF,
      "smes.csv",
      [header, row("Alpha Air", "AT"), row("Beta Bio", "BE")].join("\n"),
    );
    expect(reply.status).toBe(200);
    const done = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the import result");
    expect(String(done.args.text)).toContain("Imported 2 SMEs from *smes.csv*");
    expect(await t.db.sme.count({ where: { status: "approved" } })).toBe(2);
    expect(await t.db.auditLog.count({ where: { action: "sme.import" } })).toBe(2);
  });

  it("writes nothing from a file with bad rows, reports them, and imports the valid rows on request", async () => {
    await seedSme(t.db, { name: "Gamma Grid", country: "FR" });
    const content = [
      header,
      row("Alpha Air", "AT"),
      row("Delta Drive", "DK", "12"),
      row("Gamma Grid", "FR"),
      row("Eta Energy", "SE"),
    ].join("\n");
    const { file } = await shareCsv(STAFF, "mixed.csv", content);
    const report = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the report");
    expect(String(report.args.text)).toContain(
      "*mixed.csv*: 2 rows can be imported, 2 have errors. Nothing was written.",
    );
    const details = JSON.stringify(report.args.blocks);
    expect(details).toContain("Line 3, `trl`: The TRL is at most 9.");
    expect(details).toContain("Line 4, `name`: Gamma Grid is already in the directory");
    expect(await t.db.sme.count()).toBe(1);

    await t.action({ userId: STAFF, actionId: actionIds.importValidRows, value: JSON.stringify({ file: file.id }) });
    const result = await t.standIn.waitForResponse(1);
    expect(result.body).toMatchObject({ replace_original: true });
    expect(String(result.body.text)).toContain("Imported 2 SMEs from *mixed.csv*; skipped 2 rows with errors.");
    expect((await t.db.sme.findMany({ orderBy: { name: "asc" } })).map((sme) => sme.name)).toEqual([
      "Alpha Air",
      "Eta Energy",
      "Gamma Grid",
    ]);

    await t.action({ userId: STAFF, actionId: actionIds.importValidRows, value: JSON.stringify({ file: file.id }) });
    expect(String((await t.standIn.waitForResponse(2)).body.text)).toContain("imported already");
    expect(await t.db.sme.count()).toBe(3);
  });

  it("counts rows with errors, not errors, and every count in the right number", async () => {
    const badCells = row("Delta Drive", "DK", "12")
      .replace("micro,2019", "huge,1492")
      .replace("info@example.com", "info");
    const { file } = await shareCsv(STAFF, "counts.csv", [header, row("Alpha Air", "AT"), badCells].join("\n"));
    const report = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the report");
    expect(String(report.args.text)).toBe("*counts.csv*: 1 row can be imported, 1 has errors. Nothing was written.");
    const details = JSON.stringify(report.args.blocks);
    for (const column of ["trl", "size", "founded", "contact_email"])
      expect(details).toContain(`Line 3, \`${column}\``);
    expect(details).toContain('"Import the 1 valid row"');

    await t.action({ userId: STAFF, actionId: actionIds.importValidRows, value: JSON.stringify({ file: file.id }) });
    expect((await t.standIn.waitForResponse(1)).body.text).toBe(
      ":white_check_mark: Imported 1 SME from *counts.csv*; skipped 1 row with errors.",
    );
  });

  it("handles a retried delivery of the same file once", async () => {
    const content = [header, row("Alpha Air", "AT")].join("\n");
    const { event } = await shareCsv(STAFF, "smes.csv", content, "1800000000.000100");
    await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the import result");
    await t.event(event, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await t.db.sme.count()).toBe(1);
    expect(botMessages("D0STAFF001")).toHaveLength(1);
  });

  it("refuses a file from someone who is not staff, once per delivery, and a wrong header", async () => {
    const { event } = await shareCsv(SME_USER, "smes.csv", [header, row("Alpha Air", "AT")].join("\n"));
    const refusal = await t.standIn.waitFor(() => botMessages("D0SMEUSER1")[0], "refusal");
    expect(refusal.args.text).toBe(refusalMessage("sme", "directory.manage"));
    await t.event(event, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    await t.standIn.settle();
    expect(botMessages("D0SMEUSER1")).toHaveLength(1);
    await shareCsv(STAFF, "wrong.csv", "company,land\nA,B");
    const problem = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "file problem");
    expect(String(problem.args.text)).toContain("Unknown columns: company, land.");
    expect(await t.db.sme.count()).toBe(0);
  });
});

describe("/sme import of files that are not quite CSV", () => {
  it('accepts quotes inside a value, as in the template with the company renamed Nordic "Heat" A/S', async () => {
    const content = csvTemplate().replace("Nordic Heat A/S", 'Nordic "Heat" A/S');
    await shareCsv(STAFF, "template.csv", content);
    const done = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the import result");
    expect(done.args.text).toBe(":white_check_mark: Imported 1 SME from *template.csv*. It is listed now.");
    expect((await t.db.sme.findFirst())?.name).toBe('Nordic "Heat" A/S');
  });

  it("names the line of a quote that is never closed, says what to fix, and writes nothing", async () => {
    const content = [header, row("Alpha Air", "AT"), row('"Beta Bio', "BE"), row("Gamma Grid", "FR")].join("\n");
    await shareCsv(STAFF, "unclosed.csv", content);
    const problem = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the file problem");
    expect(problem.args.text).toBe(
      ':warning: *unclosed.csv*: Line 3 opens a quoted value with " that is never closed. Remove that quote, or put one at the end of the value.\nNothing was written.',
    );
    expect(await t.db.sme.count()).toBe(0);
  });

  it("says a binary file (an Excel workbook) is not CSV and how to save one", async () => {
    const workbook = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      Buffer.from('[Content_Types].xml "\u0000\u0001,"x'),
      Buffer.from([0x00, 0x9c, 0x22, 0xff, 0x0a, 0x22, 0x2c, 0x01]),
    ]);
    await shareCsv(STAFF, "smes.xlsx.csv", workbook);
    const problem = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the file problem");
    expect(problem.args.text).toBe(
      ":warning: *smes.xlsx.csv*: This is not a CSV file but a binary one (an Excel workbook, perhaps). In Excel, choose *File › Save As › CSV UTF-8* and post that file.\nNothing was written.",
    );
    expect(await t.db.sme.count()).toBe(0);
  });
});

describe("/sme import of files as Excel saves them", () => {
  const accented = (delimiter: string) =>
    [
      csvColumns.map((column) => column.header).join(delimiter),
      row("Wärme Nord", "DK").replaceAll(",", delimiter),
    ].join("\r\n");

  it("reads a Windows-1252 file with its accents", async () => {
    await shareCsv(STAFF, "wärme.csv", iconv.encode(accented(","), "windows-1252"));
    const done = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the import result");
    expect(String(done.args.text)).toContain("Imported 1 SME from");
    expect((await t.db.sme.findFirst())?.name).toBe("Wärme Nord");
  });

  it("reads a UTF-16 file (Excel's Unicode text, tab-separated) and a semicolon-separated UTF-8 file", async () => {
    await shareCsv(STAFF, "unicode.csv", iconv.encode(accented("\t"), "utf-16le", { addBOM: true }));
    const first = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the first result");
    expect(String(first.args.text)).toContain("Imported 1 SME from");
    await shareCsv(
      STAFF,
      "semicolons.csv",
      accented(";").replace("Wärme Nord,DK", "Wärme Süd;AT").replace("Wärme Nord;DK", "Wärme Süd;AT"),
    );
    const second = await t.standIn.waitFor(() => botMessages("D0STAFF001")[1], "the second result");
    expect(String(second.args.text)).toContain("Imported 1 SME from");
    expect((await t.db.sme.findMany({ orderBy: { id: "asc" } })).map((sme) => sme.name)).toEqual([
      "Wärme Nord",
      "Wärme Süd",
    ]);
  });
});

describe("/sme import of large files", () => {
  it("shows its progress in a message updated as batches are written, then the result in it", async () => {
    const rows = 1200;
    const now = new Date();
    const content = smesToCsv(
      syntheticSmes(rows, 5).map((raw, index) => ({
        ...profile(raw),
        id: index + 1,
        status: "approved" as const,
        reviewNote: null,
        createdBySlackId: null,
        consentAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await shareCsv(STAFF, "many.csv", content);
    const done = await t.standIn.waitFor(
      () => t.standIn.messages.find((m) => m.channel === "D0STAFF001" && m.text?.includes("Imported")),
      "the import result",
      60_000,
    );
    expect(done.text).toBe(":white_check_mark: Imported 1200 SMEs from *many.csv*. They are listed now.");
    const progress = t.standIn.callsTo("chat.update").map((call) => String(call.args.text));
    // Batches are sized by time, so which round numbers an import passes depends on the machine:
    // 500 always (the largest first three batches write 875 rows), 1,000 only when they are smaller.
    expect(progress.at(-1)).toBe(done.text);
    const shown = progress.slice(0, -1).map((text) => {
      const match = /^:hourglass_flowing_sand: Importing \*many\.csv\*: ([\d,]+) of 1,200 SMEs written…$/.exec(text);
      expect(match, text).not.toBeNull();
      return Number(match?.[1]?.replace(",", ""));
    });
    expect(shown[0]).toBe(500);
    expect(shown.slice(1)).toEqual(shown.length > 1 ? [1000] : []);
    expect(botMessages("D0STAFF001")).toHaveLength(1);
    expect(await t.db.sme.count({ where: { status: "approved" } })).toBe(rows);
  }, 60_000);
});

describe("/sme import reads only the importer's own files, only from Slack", () => {
  it("refuses a download address outside Slack and never sends it the token", async () => {
    const seen: string[] = [];
    const elsewhere = createServer((request, response) => {
      seen.push(String(request.headers.authorization));
      response.end([header, row("Alpha Air", "AT")].join("\n"));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    try {
      const file = t.standIn.addFile({ name: "smes.csv", content: "", userId: STAFF });
      const stored = t.standIn.files.get(String(file.id));
      if (stored) {
        stored.file.url_private_download = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/smes.csv`;
      }
      await t.event({
        type: "message",
        subtype: "file_share",
        channel: "D0STAFF001",
        channel_type: "im",
        user: STAFF,
        text: "",
        ts: `${Date.now() / 1000}`,
        files: [file],
      });
      const refusal = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the refusal");
      expect(String(refusal.args.text)).toContain("outside Slack");
      expect(seen).toEqual([]);
      expect(await t.db.sme.count()).toBe(0);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it("refuses to import the valid rows of a file someone else posted", async () => {
    const { file } = await shareCsv(SME_USER, "mine.csv", [header, row("Alpha Air", "AT")].join("\n"));
    await t.standIn.waitFor(() => botMessages("D0SMEUSER1")[0], "the refusal of the SME");
    await t.action({ userId: STAFF, actionId: actionIds.importValidRows, value: JSON.stringify({ file: file.id }) });
    const refusal = await t.standIn.waitForResponse(1);
    expect(String(refusal.body.text)).toContain("I only read files you posted yourself. Nothing was written.");
    expect(await t.db.sme.count()).toBe(0);
  });
});

describe("/sme export", () => {
  it("sends the matching SMEs as CSV to the requester's DM, in the import format", async () => {
    await seedSme(t.db, { name: "Nordic Heat A/S", country: "DK" });
    await seedSme(t.db, { name: "Aqua Pure AB", country: "SE" });
    await seedSme(t.db, { name: "Pending Power", country: "DK" }, "pending");
    const reply = await t.command(STAFF, "/sme", "export country:dk");
    expect((await t.responseTo(reply.responseUrl)).text).toContain("Sent 1 SME as CSV");
    const [file] = [...t.standIn.uploads.values()];
    expect(file?.filename).toMatch(/^ec2i-smes-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(file?.content.toString() ?? "", { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: "Nordic Heat A/S",
      country: "DK",
      cluster: "clean-dk",
      sectors: "district-heating-cooling; energy-efficiency",
      contact_email: "hello@nordicheat.dk",
      consent: "yes",
    });
    const complete = t.standIn.callsTo("files.completeUploadExternal")[0];
    expect(complete?.args.channel_id).toBe("D0STAFF001");
  });

  it("neutralises cells a spreadsheet would run as formulas, and a re-import strips exactly that quote", async () => {
    await seedSme(t.db, {
      name: "+45 Heat ApS",
      country: "DK",
      pitch: '=HYPERLINK("https://evil.example","Re-verify your account")',
    });
    const reply = await t.command(STAFF, "/sme", "export");
    await t.responseTo(reply.responseUrl);
    const [file] = [...t.standIn.uploads.values()];
    const exported = file?.content.toString() ?? "";
    const [cells] = parse(exported, { columns: true }) as Record<string, string>[];
    expect(cells?.name).toBe("'+45 Heat ApS");
    expect(cells?.pitch).toBe(`'=HYPERLINK("https://evil.example","Re-verify your account")`);

    // The same file, re-imported after the company left the directory, gives back the values.
    await t.db.sme.deleteMany();
    await shareCsv(STAFF, "export.csv", exported);
    const done = await t.standIn.waitFor(() => botMessages("D0STAFF001")[0], "the import result");
    expect(String(done.args.text)).toContain("Imported 1 SME from");
    expect(await t.db.sme.findFirst({ select: { name: true, pitch: true } })).toEqual({
      name: "+45 Heat ApS",
      pitch: '=HYPERLINK("https://evil.example","Re-verify your account")',
    });
  });

  it("is for staff only", async () => {
    const reply = await t.command(SME_USER, "/sme", "export");
    expect((await t.responseTo(reply.responseUrl)).text).toContain("Only admins and cluster staff");
    expect(t.standIn.uploads.size).toBe(0);
  });
});
