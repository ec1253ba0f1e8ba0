/** CSV import (a file posted in the app's DM) and export (a file sent to the requester's DM). */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { z } from "zod";
import { escapeMrkdwn } from "../../domain/text.js";
import { authorize } from "../../platform/auth.js";
import { firstDelivery } from "../../platform/db/deliveries.js";
import { parseJson } from "../../platform/json.js";
import type { AppDeps, CommandContext } from "../../platform/slack/feature.js";
import {
  downloadSharedFile,
  FileDownloadError,
  sharedFile,
  uploadToDirectMessage,
} from "../../platform/slack/files.js";
import { type CsvCheck, checkSmeCsv, csvGuide, csvTemplate, smesToCsv } from "./csv.js";
import { companyKey, existingCompanies, importSmes, searchAll } from "./directory-store.js";
import { describeFilters, parseDirectoryQuery } from "./query.js";
import { actionIds } from "./views.js";

const maxFileBytes = 5_000_000;
const maxErrorLines = 25;

export async function runImport({ actor, client, respond }: CommandContext): Promise<void> {
  await respond({
    response_type: "ephemeral",
    text: [
      "*Import SMEs from a CSV file*",
      "Post the file in your direct message with me (the app's *Messages* tab). I check every row first and write nothing until the whole file is valid, or until you choose to import only the valid rows.",
      "I've put a template in our DM. Columns (lists separated by semicolons):",
      csvGuide(),
    ].join("\n"),
  });
  await uploadToDirectMessage(client, actor.slackUserId, {
    filename: "ec2i-sme-import-template.csv",
    content: csvTemplate(),
    title: "SME import template",
    comment: "Fill this in (one company per row) and post it back here.",
  });
}

/** Validates the file and marks rows whose company is already in the directory. */
async function checkFile(deps: AppDeps, client: WebClient, fileId: string): Promise<{ name: string; check: CsvCheck }> {
  const { file, content } = await downloadSharedFile(client, deps.config.slack.botToken ?? "", fileId, maxFileBytes);
  const year = DateTime.fromJSDate(deps.clock.now(), { zone: "utc" }).year;
  const check = checkSmeCsv(content.toString("utf8"), year);
  const existing = await existingCompanies(
    deps.db,
    check.valid.map((row) => row.profile),
  );
  const valid = check.valid.filter((row) => !existing.has(companyKey(row.profile)));
  const duplicates = check.valid
    .filter((row) => existing.has(companyKey(row.profile)))
    .map((row) => ({ line: row.line, column: "name", message: `${row.profile.name} is already in the directory` }));
  const errors = [...check.errors, ...duplicates].sort((a, b) => a.line - b.line);
  return {
    name: file.name,
    check: { valid, errors, ...(check.fileProblem ? { fileProblem: check.fileProblem } : {}) },
  };
}

function report(fileName: string, fileId: string, check: CsvCheck): { text: string; blocks: KnownBlock[] } {
  const lines = check.errors
    .slice(0, maxErrorLines)
    .map(
      (error) => `• Line ${error.line}${error.column ? `, \`${error.column}\`` : ""}: ${escapeMrkdwn(error.message)}`,
    );
  if (check.errors.length > maxErrorLines) lines.push(`…and ${check.errors.length - maxErrorLines} more.`);
  const text = `*${escapeMrkdwn(fileName)}*: ${check.valid.length} row${check.valid.length === 1 ? "" : "s"} can be imported, ${check.errors.length} ha${check.errors.length === 1 ? "s" : "ve"} errors. Nothing was written.`;
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:warning: ${text}` } },
    { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
  ];
  if (check.valid.length > 0) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          style: "primary",
          action_id: actionIds.importValidRows,
          text: { type: "plain_text", text: `Import the ${check.valid.length} valid rows` },
          value: JSON.stringify({ file: fileId }),
        },
        {
          type: "button",
          action_id: actionIds.cancelImport,
          text: { type: "plain_text", text: "Cancel" },
          value: JSON.stringify({ file: fileId }),
        },
      ],
    });
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: "Fix the file and post it again, or run `/sme import` to see the columns." }],
  });
  return { text, blocks };
}

const fileShare = z.object({
  type: z.literal("message"),
  subtype: z.literal("file_share"),
  channel_type: z.literal("im"),
  channel: z.string(),
  user: z.string(),
  ts: z.string(),
  files: z.array(sharedFile).min(1),
});

const importValue = z.object({ file: z.string().regex(/^F[A-Z0-9]+$/) });

export function registerCsvListeners(app: App, deps: AppDeps): void {
  app.event("message", async ({ event, client }) => {
    const share = fileShare.safeParse(event);
    if (!share.success) return;
    const { channel, user, ts, files } = share.data;
    const csvFiles = files.filter((file) => file.filetype === "csv" || file.name.toLowerCase().endsWith(".csv"));
    if (csvFiles.length === 0) return;
    const check = await authorize(deps, user, "directory.manage");
    if (!check.allowed) {
      await client.chat.postMessage({ channel, text: `Only cluster staff can import SMEs. ${check.message}` });
      return;
    }
    for (const shared of csvFiles) {
      if (!(await firstDelivery(deps.db, `import:${channel}:${ts}:${shared.id}`))) continue;
      try {
        const { name, check: result } = await checkFile(deps, client, shared.id);
        if (result.fileProblem) {
          await client.chat.postMessage({
            channel,
            text: `:warning: *${escapeMrkdwn(name)}*: ${result.fileProblem}\nNothing was written.`,
          });
        } else if (result.valid.length === 0 && result.errors.length === 0) {
          await client.chat.postMessage({
            channel,
            text: `*${escapeMrkdwn(name)}* has no rows under its header: nothing to import.`,
          });
        } else if (result.errors.length === 0) {
          const count = await importSmes(
            deps.db,
            result.valid.map((row) => row.profile),
            user,
            deps.clock.now(),
          );
          await client.chat.postMessage({
            channel,
            text: `:white_check_mark: Imported ${count} SMEs from *${escapeMrkdwn(name)}*. They are listed now.`,
          });
        } else {
          await client.chat.postMessage({ channel, ...report(name, shared.id, result) });
        }
      } catch (error) {
        if (!(error instanceof FileDownloadError)) throw error;
        await client.chat.postMessage({ channel, text: `:warning: ${error.message} Nothing was written.` });
      }
    }
  });

  app.action<BlockAction<ButtonAction>>(actionIds.importValidRows, async ({ ack, body, client, respond }) => {
    await ack();
    const check = await authorize(deps, body.user.id, "directory.manage");
    const value = importValue.safeParse(parseJson(body.actions[0]?.value));
    if (!check.allowed || !value.success) {
      await respond({ replace_original: false, text: check.allowed ? "This button is out of date." : check.message });
      return;
    }
    if (!(await firstDelivery(deps.db, `import-valid:${value.data.file}`))) {
      await respond({ replace_original: false, text: "These rows were imported already." });
      return;
    }
    const { name, check: result } = await checkFile(deps, client, value.data.file);
    const count = await importSmes(
      deps.db,
      result.valid.map((row) => row.profile),
      body.user.id,
      deps.clock.now(),
    );
    await respond({
      replace_original: true,
      text: `:white_check_mark: Imported ${count} SMEs from *${escapeMrkdwn(name)}*; skipped ${result.errors.length} row${result.errors.length === 1 ? "" : "s"} with errors.`,
    });
  });

  app.action<BlockAction<ButtonAction>>(actionIds.cancelImport, async ({ ack, body, respond }) => {
    await ack();
    const check = await authorize(deps, body.user.id, "directory.manage");
    if (!check.allowed) return;
    await respond({ replace_original: true, text: "Import cancelled: nothing was written." });
  });
}

export async function runExport({ actor, args, client, respond, deps }: CommandContext): Promise<void> {
  const parsed = parseDirectoryQuery(args);
  if (!parsed.ok) {
    await respond({ response_type: "ephemeral", text: parsed.message.replaceAll("/sme find", "/sme export") });
    return;
  }
  const smes = await searchAll(deps.db, parsed.query);
  const what = [parsed.query.text && `“${escapeMrkdwn(parsed.query.text)}”`, ...describeFilters(parsed.query.filters)]
    .filter(Boolean)
    .join(" ");
  if (smes.length === 0) {
    await respond({
      response_type: "ephemeral",
      text: `No listed SME matches ${what || "the directory"}: nothing to export.`,
    });
    return;
  }
  const day = DateTime.fromJSDate(deps.clock.now(), { zone: "utc" }).toISODate();
  await uploadToDirectMessage(client, actor.slackUserId, {
    filename: `ec2i-smes-${day}.csv`,
    content: smesToCsv(smes),
    title: `EC2i SMEs ${day}`,
    comment: `${smes.length} SMEs${what ? ` matching ${what}` : ""}. Same columns as /sme import.`,
  });
  await respond({
    response_type: "ephemeral",
    text: `:outbox_tray: Sent ${smes.length} SMEs as CSV to our direct message.`,
  });
}
