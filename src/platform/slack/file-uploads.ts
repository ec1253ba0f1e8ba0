/**
 * Where a CSV file posted in the app's DM goes. By default to the directory's SME import; a command
 * that asks for a file (`/mission orgs import <mission>`) first calls `expectUpload`, and the next
 * CSV that person posts within 30 minutes goes to that command's handler instead. One listener
 * decides for every feature, so a file is never taken by two imports.
 */
import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Database } from "../db/client.js";
import { firstDelivery } from "../db/deliveries.js";
import type { AppDeps } from "./feature.js";
import { type SharedFile, sharedFile } from "./files.js";

/** How long a person has to post the file they announced. */
export const expectedUploadMinutes = 30;

/** The purpose of files nobody announced: the directory's import. */
export const defaultUploadPurpose = "default";

/** A message in the app's DM that shares files. */
const fileShareEvent = z.object({
  type: z.literal("message"),
  subtype: z.literal("file_share"),
  channel_type: z.literal("im"),
  channel: z.string(),
  user: z.string(),
  ts: z.string(),
  files: z.array(sharedFile).min(1),
});

/** The CSV files of one message, for the handler the routing chose. */
export type CsvShare = {
  channel: string;
  user: string;
  ts: string;
  csvFiles: SharedFile[];
  /** What `expectUpload` was given; null for the default handler. */
  target: unknown;
};

export type UploadHandler = (input: { share: CsvShare; client: WebClient }) => Promise<void>;

const isCsv = (file: SharedFile) => file.filetype === "csv" || file.name.toLowerCase().endsWith(".csv");

/** Each app's handlers by purpose; the first registration adds the one message listener. */
const handlersOfApp = new WeakMap<App, Map<string, UploadHandler>>();

/**
 * Registers the handler of CSV files for `purpose` (`defaultUploadPurpose` for files nobody
 * announced). A retried delivery of a message reaches no handler a second time.
 */
export function handleCsvUploads(app: App, deps: AppDeps, purpose: string, handler: UploadHandler): void {
  const known = handlersOfApp.get(app);
  if (known) {
    known.set(purpose, handler);
    return;
  }
  const handlers = new Map([[purpose, handler]]);
  handlersOfApp.set(app, handlers);
  app.event("message", async ({ event, client }) => {
    const share = fileShareEvent.safeParse(event);
    if (!share.success) return;
    const { channel, user, ts, files } = share.data;
    const csvFiles = files.filter(isCsv);
    if (csvFiles.length === 0) return;
    // Before the routing: the announcement is used up by the first delivery, and a retry must not
    // then fall through to another handler.
    if (!(await firstDelivery(deps.db, `file-share:${channel}:${ts}`))) return;
    const expected = await takeExpectedUpload(deps.db, user, deps.clock.now());
    const chosen = (expected && handlers.get(expected.purpose)) || handlers.get(defaultUploadPurpose);
    if (!chosen) return;
    await chosen({ share: { channel, user, ts, csvFiles, target: expected?.target ?? null }, client });
  });
}

/** Says that `slackUserId`'s next CSV goes to `purpose`; replaces any earlier announcement. Returns when it expires. */
export async function expectUpload(
  db: Database,
  input: { slackUserId: string; purpose: string; target: Prisma.InputJsonValue; now: Date },
): Promise<Date> {
  const expiresAt = new Date(input.now.getTime() + expectedUploadMinutes * 60_000);
  const data = { purpose: input.purpose, target: input.target, expiresAt, createdAt: input.now };
  await db.expectedUpload.upsert({
    where: { slackUserId: input.slackUserId },
    create: { slackUserId: input.slackUserId, ...data },
    update: data,
  });
  return expiresAt;
}

/** The person's announced upload, if it has not expired; used up (one file message per announcement). */
async function takeExpectedUpload(
  db: Database,
  slackUserId: string,
  now: Date,
): Promise<{ purpose: string; target: unknown } | undefined> {
  const row = await db.expectedUpload.findUnique({ where: { slackUserId } });
  if (!row) return undefined;
  // Only the delivery that deletes the row uses it, should two messages arrive at once.
  const { count } = await db.expectedUpload.deleteMany({ where: { slackUserId, createdAt: row.createdAt } });
  if (count === 0 || row.expiresAt <= now) return undefined;
  return { purpose: row.purpose, target: row.target };
}
