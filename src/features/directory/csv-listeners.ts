/** CSV import (a file posted in the app's DM) and export (a file sent to the requester's DM). */
import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { z } from "zod";
import { decodeCsvBytes, rowsWithErrors } from "../../domain/csv-files.js";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { authorize } from "../../platform/auth.js";
import { firstDelivery } from "../../platform/db/deliveries.js";
import { parseJson } from "../../platform/json.js";
import { yieldToPendingAcks } from "../../platform/slack/commands.js";
import type { AppDeps, CommandContext } from "../../platform/slack/feature.js";
import { defaultUploadPurpose, handleCsvUploads } from "../../platform/slack/file-uploads.js";
import { downloadSharedFile, FileDownloadError, uploadToDirectMessage } from "../../platform/slack/files.js";
import { type ButtonClick, guardAction } from "../../platform/slack/guard.js";
import { type CsvCheck, checkSmeCsv, csvGuide, csvTemplate, smesToCsv } from "./csv.js";
import { companyKey, type SmeProfile } from "./profile.js";
import { describeFilters, parseDirectoryQuery } from "./query.js";
import { searchAll } from "./search-store.js";
import { existingCompanies, importSmes } from "./sme-store.js";
import { actionIds, importReport } from "./views.js";

const maxFileBytes = 5_000_000;
/**
 * A longer import shows its progress, updated each time another this many rows are written (well
 * within Slack's rate limit on chat.update). Batches are sized by time (import-batches.ts), so the
 * message names the round number passed: "500 of 1,200", when 537 are written.
 */
const progressEvery = 500;

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

/** A turn of the event loop that takes longer than this ran other work: requests were waiting. */
const busyTurnMs = 0.5;

/**
 * The pause between two slices of an import's work (checking rows, writing a batch): turns of the
 * event loop until one comes back with nothing else done (at most maxTurns), so every request that
 * arrived during the slice is read, routed and acknowledged before the next slice holds the thread.
 * A single turn was not enough: a request's body, its route and its ack can take a turn each, and
 * each turn waited for a slice, which doubled the ack p99 during an import.
 */
async function letWaitingRequestsThrough(maxTurns = 20): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    const started = performance.now();
    await yieldToPendingAcks();
    if (performance.now() - started < busyTurnMs) return;
  }
}

/** Validates a file `postedBy` shared and marks rows whose company is already in the directory. */
async function checkFile(
  deps: AppDeps,
  client: WebClient,
  fileId: string,
  postedBy: string,
): Promise<{ name: string; check: CsvCheck }> {
  const { file, content } = await downloadSharedFile(client, deps.config.slack.botToken ?? "", fileId, {
    maxBytes: maxFileBytes,
    postedBy,
  });
  const year = DateTime.fromJSDate(deps.clock.now(), { zone: "utc" }).year;
  const check = await checkSmeCsv(decodeCsvBytes(content), year, letWaitingRequestsThrough);
  const existing = await existingCompanies(
    deps.db,
    check.valid.map((row) => row.profile),
    letWaitingRequestsThrough,
  );
  const valid: CsvCheck["valid"] = [];
  const duplicates: CsvCheck["errors"] = [];
  for (const row of check.valid) {
    if (!existing.has(companyKey(row.profile))) valid.push(row);
    else
      duplicates.push({ line: row.line, column: "name", message: `${row.profile.name} is already in the directory` });
  }
  const errors = [...check.errors, ...duplicates].sort((a, b) => a.line - b.line);
  return {
    name: file.name,
    check: { valid, errors, ...(check.fileProblem ? { fileProblem: check.fileProblem } : {}) },
  };
}

/** Where a long import shows how far it got: a message in the DM, updated as batches are written. */
type ProgressMessage = { channel: string; ts: string };

/**
 * Imports the rows; an import of more than progressEvery rows shows its progress in the message
 * `progress` gives (updated in order, without holding up the writes).
 */
async function importRows(
  deps: AppDeps,
  client: WebClient,
  input: {
    profiles: SmeProfile[];
    bySlackId: string;
    fileName: string;
    progress: () => Promise<ProgressMessage | null>;
  },
): Promise<{ count: number; progressMessage: ProgressMessage | null }> {
  const total = input.profiles.length;
  const progressMessage = total > progressEvery ? await input.progress() : null;
  let updates: Promise<unknown> = Promise.resolve();
  let shown = 0;
  const count = await importSmes(deps.db, input.profiles, input.bySlackId, deps.clock.now(), {
    pause: letWaitingRequestsThrough,
    onProgress: (written) => {
      const passed = written - (written % progressEvery);
      if (!progressMessage || passed === shown || written === total) return;
      shown = passed;
      const text = `:hourglass_flowing_sand: Importing *${escapeMrkdwn(input.fileName)}*: ${passed.toLocaleString("en")} of ${total.toLocaleString("en")} SMEs written…`;
      updates = updates
        .then(() => client.chat.update({ ...progressMessage, text, blocks: [] }))
        .catch((error: unknown) => deps.logger.warn({ err: error }, "could not update the import progress"));
    },
  });
  await updates;
  return { count, progressMessage };
}

function importedText(count: number, fileName: string): string {
  return `:white_check_mark: Imported ${countOf(count, "SME")} from *${escapeMrkdwn(fileName)}*. ${count === 1 ? "It is" : "They are"} listed now.`;
}

const importValue = z.object({ file: z.string().regex(/^F[A-Z0-9]+$/) });

export function registerCsvListeners(app: App, deps: AppDeps): void {
  // Files announced for another import (`/mission orgs import`) are routed there, the rest come here.
  // The routing has already dropped Slack's retries of the delivery, so each file is answered once.
  handleCsvUploads(app, deps, defaultUploadPurpose, async ({ share, client }) => {
    const { channel, user, csvFiles: newFiles } = share;
    const check = await authorize(deps, user, "directory.manage");
    if (!check.allowed) {
      await client.chat.postMessage({ channel, text: check.message });
      return;
    }
    for (const shared of newFiles) {
      try {
        const { name, check: result } = await checkFile(deps, client, shared.id, user);
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
          const { count, progressMessage } = await importRows(deps, client, {
            profiles: result.valid.map((row) => row.profile),
            bySlackId: user,
            fileName: name,
            progress: async () => {
              const posted = await client.chat.postMessage({
                channel,
                text: `:hourglass_flowing_sand: Importing *${escapeMrkdwn(name)}*: ${result.valid.length.toLocaleString("en")} SMEs, every row valid…`,
              });
              return posted.ts ? { channel: posted.channel ?? channel, ts: posted.ts } : null;
            },
          });
          const text = importedText(count, name);
          if (progressMessage) await client.chat.update({ ...progressMessage, text });
          else await client.chat.postMessage({ channel, text });
        } else {
          await client.chat.postMessage({ channel, ...importReport(name, shared.id, result) });
        }
      } catch (error) {
        if (!(error instanceof FileDownloadError)) throw error;
        await client.chat.postMessage({ channel, text: `:warning: ${error.message} Nothing was written.` });
      }
    }
  });

  const onImportValidRowsClicked = async ({ body, client, respond }: ButtonClick): Promise<void> => {
    const value = importValue.safeParse(parseJson(body.actions[0]?.value));
    if (!value.success) {
      await respond({ replace_original: false, text: "This button is out of date." });
      return;
    }
    await importValidRows(deps, client, respond, {
      fileId: value.data.file,
      bySlackId: body.user.id,
      reportMessage: body.channel?.id && body.message?.ts ? { channel: body.channel.id, ts: body.message.ts } : null,
    });
  };

  const onCancelImportClicked = async ({ respond }: ButtonClick): Promise<void> => {
    await respond({ replace_original: true, text: "Import cancelled: nothing was written." });
  };

  const importer = guardAction(deps, "directory.manage");
  app.action<BlockAction<ButtonAction>>(actionIds.importValidRows, importer, onImportValidRowsClicked);
  app.action<BlockAction<ButtonAction>>(actionIds.cancelImport, importer, onCancelImportClicked);
}

/**
 * "Import the N valid rows": the file is checked again (the directory may have changed), and only
 * a file the clicking staff member posted is read. Progress replaces the report as batches land.
 */
async function importValidRows(
  deps: AppDeps,
  client: WebClient,
  respond: RespondFn,
  input: { fileId: string; bySlackId: string; reportMessage: ProgressMessage | null },
): Promise<void> {
  let checked: { name: string; check: CsvCheck };
  try {
    checked = await checkFile(deps, client, input.fileId, input.bySlackId);
  } catch (error) {
    if (!(error instanceof FileDownloadError)) throw error;
    await respond({ replace_original: false, text: `:warning: ${error.message} Nothing was written.` });
    return;
  }
  if (!(await firstDelivery(deps.db, `import-valid:${input.fileId}`))) {
    await respond({ replace_original: false, text: "These rows were imported already." });
    return;
  }
  const { name, check: result } = checked;
  const { count } = await importRows(deps, client, {
    profiles: result.valid.map((row) => row.profile),
    bySlackId: input.bySlackId,
    fileName: name,
    progress: async () => input.reportMessage,
  });
  await respond({
    replace_original: true,
    text: `:white_check_mark: Imported ${countOf(count, "SME")} from *${escapeMrkdwn(name)}*; skipped ${countOf(rowsWithErrors(result), "row")} with errors.`,
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
    comment: `${countOf(smes.length, "SME")}${what ? ` matching ${what}` : ""}. Same columns as /sme import.`,
  });
  await respond({
    response_type: "ephemeral",
    text: `:outbox_tray: Sent ${countOf(smes.length, "SME")} as CSV to our direct message.`,
  });
}
