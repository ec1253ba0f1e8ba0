import type { WebClient } from "@slack/web-api";
import { z } from "zod";

export const sharedFile = z
  .object({
    id: z.string(),
    name: z.string().default("file"),
    filetype: z.string().optional(),
    mimetype: z.string().optional(),
    size: z.number().optional(),
    /** Who posted the file. */
    user: z.string().optional(),
    url_private_download: z.string().optional(),
  })
  .passthrough();
export type SharedFile = z.infer<typeof sharedFile>;

export class FileDownloadError extends Error {}

/** Slack serves files from here; a client pointed at another API (the stand-in) also trusts that host. */
function trustedFileOrigins(client: WebClient): string[] {
  return ["https://files.slack.com", new URL(client.slackApiUrl).origin];
}

/**
 * Downloads a file `postedBy` shared with the app. The URL comes from files.info (never from a
 * button value) and must be on Slack's file host, so the bot token is only ever sent to Slack; a
 * file someone else posted is refused, so nobody acts on another person's file by its id.
 */
export async function downloadSharedFile(
  client: WebClient,
  botToken: string,
  fileId: string,
  options: { maxBytes: number; postedBy: string },
): Promise<{ file: SharedFile; content: Buffer }> {
  const { maxBytes, postedBy } = options;
  const info = z.object({ file: sharedFile }).safeParse(await client.files.info({ file: fileId }));
  if (!info.success || !info.data.file.url_private_download)
    throw new FileDownloadError("Slack did not say where the file is.");
  const file = info.data.file;
  if (file.user !== postedBy) throw new FileDownloadError("I only read files you posted yourself.");
  const url = URL.parse(file.url_private_download ?? "");
  if (!url || !trustedFileOrigins(client).includes(url.origin))
    throw new FileDownloadError("Slack named a download address outside Slack, so I did not fetch the file.");
  if ((file.size ?? 0) > maxBytes)
    throw new FileDownloadError(`The file is larger than ${Math.round(maxBytes / 1e6)} MB.`);
  const response = await fetch(url, { headers: { authorization: `Bearer ${botToken}` } });
  if (!response.ok || response.headers.get("content-type")?.includes("text/html")) {
    throw new FileDownloadError("Slack did not let me download the file (is the files:read scope granted?).");
  }
  const content = Buffer.from(await response.arrayBuffer());
  if (content.length > maxBytes)
    throw new FileDownloadError(`The file is larger than ${Math.round(maxBytes / 1e6)} MB.`);
  return { file, content };
}

/** Uploads a file into a person's DM with the app (the upload URL pair behind filesUploadV2). */
export async function uploadToDirectMessage(
  client: WebClient,
  userId: string,
  file: { filename: string; content: string; title: string; comment: string },
): Promise<void> {
  await uploadFilesToDirectMessage(client, userId, { files: [file], comment: file.comment });
}

/**
 * Uploads several files into a person's DM as one message under one comment (filesUploadV2 gets an
 * upload URL for each, then completes them together). Content is text (CSV, .ics) or bytes (PNG).
 */
export async function uploadFilesToDirectMessage(
  client: WebClient,
  userId: string,
  message: { files: readonly { filename: string; content: string | Buffer; title: string }[]; comment: string },
): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error(`Slack did not open a DM with ${userId}`);
  await client.filesUploadV2({
    channel_id: channel,
    initial_comment: message.comment,
    // Always bytes: filesUploadV2 would read a string `file` as a path on disk.
    file_uploads: message.files.map((file) => ({
      filename: file.filename,
      file: Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, "utf8"),
      title: file.title,
    })),
  });
}
