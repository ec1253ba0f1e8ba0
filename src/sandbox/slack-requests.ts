/**
 * Requests as Slack sends them to an app: signed with the signing secret (v0 HMAC-SHA256 over
 * "v0:timestamp:body"), slash commands and interactivity form-encoded (`payload=` JSON for
 * interactions), Events API envelopes as JSON.
 */
import { createHmac, randomBytes } from "node:crypto";
import { APP_ID, TEAM_ID } from "./slack-stand-in.js";

export type SlackReply = { status: number; text: string; json: unknown };

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export type SendOptions = {
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Replace the computed signature (to test forged requests). */
  signature?: string;
  /** Extra headers, e.g. Slack's retry headers. */
  headers?: Record<string, string>;
};

export async function postSigned(
  url: string,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  options: SendOptions,
): Promise<SlackReply> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? signature(options.secret, timestamp, body),
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

export type CommandInput = {
  command: string;
  text?: string;
  userId: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  responseUrl: string;
};

/** The form fields of a slash command invocation, as Slack posts them. */
export function slashCommandBody(input: CommandInput): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: TEAM_ID,
    team_domain: "ec2i-test",
    channel_id: input.channelId ?? "C0GENERAL1",
    channel_name: input.channelName ?? "general",
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command,
    text: input.text ?? "",
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: input.responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

export function triggerId(): string {
  return `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString("hex")}`;
}

/** The fields every interaction payload carries: who, which team and app, and a fresh trigger. */
function interactionEnvelope(userId: string): Record<string, unknown> {
  return {
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM_ID },
    team: { id: TEAM_ID, domain: "ec2i-test" },
    api_app_id: APP_ID,
    token: "verification-token-unused",
    trigger_id: triggerId(),
  };
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export type ActionInput = {
  userId: string;
  actionId: string;
  blockId?: string;
  value?: string;
  channelId?: string;
  messageTs?: string;
  responseUrl?: string;
  /** Set when the button sits in a modal or on App Home. */
  view?: Record<string, unknown>;
};

export function blockActionsPayload(input: ActionInput): Record<string, unknown> {
  const action = {
    type: "button",
    action_id: input.actionId,
    block_id: input.blockId ?? "actions",
    text: { type: "plain_text", text: "Button", emoji: true },
    ...(input.value !== undefined ? { value: input.value } : {}),
    action_ts: `${Date.now() / 1000}`,
  };
  return {
    type: "block_actions",
    ...interactionEnvelope(input.userId),
    is_enterprise_install: false,
    enterprise: null,
    ...(input.view
      ? { container: { type: "view", view_id: input.view.id }, view: input.view }
      : {
          container: {
            type: "message",
            message_ts: input.messageTs ?? "1700000000.000100",
            channel_id: input.channelId ?? "C0GENERAL1",
            is_ephemeral: false,
          },
          channel: { id: input.channelId ?? "C0GENERAL1", name: "general" },
          message: { type: "message", ts: input.messageTs ?? "1700000000.000100", text: "", blocks: [] },
          response_url: input.responseUrl,
        }),
    actions: [action],
  };
}

export type SuggestionInput = {
  userId: string;
  actionId: string;
  blockId: string;
  /** What the person typed in the select. */
  value: string;
  /** The open modal the select is in (its id, callback_id, private_metadata…). */
  view: Record<string, unknown>;
};

/** What Slack posts when someone types in an external select: the app answers `{ options }` in the ack. */
export function blockSuggestionPayload(input: SuggestionInput): Record<string, unknown> {
  return {
    type: "block_suggestion",
    // No trigger_id: a suggestion request cannot open a modal.
    user: {
      id: input.userId,
      username: input.userId.toLowerCase(),
      name: input.userId.toLowerCase(),
      team_id: TEAM_ID,
    },
    team: { id: TEAM_ID, domain: "ec2i-test" },
    api_app_id: APP_ID,
    token: "verification-token-unused",
    container: { type: "view", view_id: input.view.id },
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    view: input.view,
    is_enterprise_install: false,
    enterprise: null,
  };
}

export type ViewSubmissionInput = {
  userId: string;
  callbackId: string;
  /** block_id -> action_id -> value object, as in view.state.values. */
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  viewId?: string;
};

export function viewSubmissionPayload(input: ViewSubmissionInput): Record<string, unknown> {
  const viewId = input.viewId ?? `V${randomBytes(5).toString("hex").toUpperCase()}`;
  return {
    type: "view_submission",
    ...interactionEnvelope(input.userId),
    view: {
      id: viewId,
      team_id: TEAM_ID,
      type: "modal",
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? "",
      state: { values: input.values },
      hash: `${Date.now()}.abc`,
      title: { type: "plain_text", text: "Modal" },
      // Slack sends the view as shown, its input blocks included (one per block of state.values):
      // the app shows a refusal or an error on one of them.
      blocks: Object.keys(input.values).map((blockId) => ({
        type: "input",
        block_id: blockId,
        label: { type: "plain_text", text: blockId },
        element: { type: "plain_text_input", action_id: "value" },
      })),
      root_view_id: viewId,
      app_id: APP_ID,
      bot_id: "B0BOT00001",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API envelope around one event. */
export function eventEnvelope(event: Record<string, unknown>, eventId?: string): Record<string, unknown> {
  return {
    token: "verification-token-unused",
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: "event_callback",
    event_id: eventId ?? `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: "U0BOT00001", is_bot: true }],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(6).toString("hex")}`,
  };
}
