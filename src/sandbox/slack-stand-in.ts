/**
 * A local stand-in for Slack's Web API: an HTTP server on 127.0.0.1 that answers the methods the app
 * calls with Slack's real response shapes, records every call, and can be told to rate-limit or fail.
 * It also serves response_url endpoints and the file upload URLs of files.getUploadURLExternal.
 * The sandbox (a later issue) reuses it, so it depends on nothing from the test runner.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { channelNameError, messageLimitProblems, optionsLimitProblems, viewLimitProblems } from "./slack-limits.js";

export type RecordedCall = {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** Set when the stand-in answered with an error or a rate limit instead of the method. */
  failedWith?: string;
  /** What the stand-in answered. */
  result?: Record<string, unknown>;
};

export type RecordedResponse = { path: string; body: Record<string, unknown> };

/** A call or response_url post refused because it broke one of Slack's limits (slack-limits.ts). */
export type LimitViolation = { where: string; error: string; messages: string[] };

export type StandInUser = {
  id: string;
  name: string;
  realName: string;
  tz?: string;
  email?: string;
  isBot?: boolean;
  deleted?: boolean;
};

export type PostedMessage = {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  ephemeralFor?: string;
  /** Slack message metadata ({event_type, event_payload}) the poster attached, as conversations.history returns it. */
  metadata?: Record<string, unknown>;
};

/**
 * Slack's pacing of chat.postMessage, enforced in rate-limit mode: about one message a second per
 * channel with short bursts, and a workspace-wide cap (docs.slack.dev/apis/web-api/rate-limits:
 * "chat.postMessage generally allows posting one message per second per channel, while also
 * maintaining a workspace-wide limit"; Slack does not publish that limit's number).
 */
export type StandInRateLimits = {
  /** Messages a channel may take at once before the one-a-second pace applies. */
  channelBurst: number;
  /** Messages a second a channel takes once its burst is spent. */
  channelPerSecond: number;
  /** chat.postMessage calls the workspace takes in any 60 seconds. */
  workspacePerMinute: number;
  /** The stand-in's clock in milliseconds (a test may move it by hand). */
  now: () => number;
};

/** A chat.postMessage the stand-in refused with 429 in rate-limit mode. */
export type RateLimitRefusal = { channel: string; limit: "channel" | "workspace"; retryAfterSeconds: number };

/** A public or private channel of the workspace, with its members' ids. */
export type StandInChannel = {
  id: string;
  name: string;
  isPrivate: boolean;
  creator: string;
  created: number;
  members: Set<string>;
  isArchived: boolean;
};

type Fault =
  | { kind: "ratelimited"; retryAfterSeconds: number }
  | { kind: "error"; error: string; status: number }
  | { kind: "answer-lost"; error: string; status: number };

export const TEAM_ID = "T0EC2I000";
export const BOT_USER_ID = "U0BOT00001";
export const BOT_ID = "B0BOT00001";
export const APP_ID = "A0EC2I0001";

export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly uploads = new Map<string, { filename: string; length: number; content: Buffer }>();
  readonly messages: PostedMessage[] = [];
  readonly views = new Map<string, Record<string, unknown>>();
  readonly homeViews = new Map<string, Record<string, unknown>>();
  readonly users = new Map<string, StandInUser>();
  /** Channels by id; #general (C0GENERAL1, where slash commands come from) exists from the start. */
  readonly channels = new Map<string, StandInChannel>();
  /** Files people shared, served at url_private_download to the bot token only. */
  readonly files = new Map<string, { file: Record<string, unknown>; content: Buffer }>();
  /** Everything refused for breaking Slack's limits; the test harness fails a test that has any. */
  readonly limitViolations: LimitViolation[] = [];
  /** What rate-limit mode refused (enforceRateLimits). */
  readonly rateLimitRefusals: RateLimitRefusal[] = [];
  /** The bot token the stand-in accepts; anything else gets invalid_auth, as Slack does. */
  botToken = "xoxb-test-token";
  #limits: StandInRateLimits | undefined;
  /** Per channel: tokens left and when they were last counted. */
  #channelBuckets = new Map<string, { tokens: number; at: number }>();
  /** When the workspace's recent chat.postMessage calls were taken, oldest first. */
  #workspacePosts: number[] = [];
  #faults = new Map<string, Fault[]>();
  #server: Server;
  #baseUrl = "";
  #counter = 0;
  #waiters: Array<() => void> = [];

  private constructor() {
    this.addChannel({ id: "C0GENERAL1", name: "general" });
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: false, error: "internal_error", detail: String(error) }));
      });
    });
  }

  static async start(): Promise<SlackStandIn> {
    const standIn = new SlackStandIn();
    await new Promise<void>((resolve) => standIn.#server.listen(0, "127.0.0.1", resolve));
    const { port } = standIn.#server.address() as AddressInfo;
    standIn.#baseUrl = `http://127.0.0.1:${port}`;
    return standIn;
  }

  /** What SLACK_API_URL should be. */
  get apiUrl(): string {
    return `${this.#baseUrl}/api/`;
  }

  /** A fresh response_url, as Slack puts in slash commands and interactions. */
  newResponseUrl(): string {
    return `${this.#baseUrl}/response/${this.#next("R")}`;
  }

  addUser(user: StandInUser): void {
    this.users.set(user.id, user);
  }

  /** A channel that exists in the workspace (the bot is a member unless `members` says otherwise). */
  addChannel(input: { id?: string; name: string; isPrivate?: boolean; members?: string[] }): StandInChannel {
    const channel: StandInChannel = {
      id: input.id ?? this.#next("C"),
      name: input.name,
      isPrivate: input.isPrivate ?? false,
      creator: BOT_USER_ID,
      created: Math.floor(Date.now() / 1000),
      members: new Set(input.members ?? [BOT_USER_ID]),
      isArchived: false,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** A file a person shared (e.g. a CSV posted in the app's DM); returns Slack's file object. */
  addFile(input: {
    name: string;
    content: string | Buffer;
    userId: string;
    filetype?: string;
  }): Record<string, unknown> {
    const id = this.#next("F");
    const content = Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content);
    const file = {
      id,
      created: Math.floor(Date.now() / 1000),
      timestamp: Math.floor(Date.now() / 1000),
      name: input.name,
      title: input.name,
      mimetype: input.filetype === "csv" || input.name.endsWith(".csv") ? "text/csv" : "application/octet-stream",
      filetype: input.filetype ?? (input.name.endsWith(".csv") ? "csv" : "binary"),
      pretty_type: "CSV",
      user: input.userId,
      user_team: TEAM_ID,
      mode: "hosted",
      is_external: false,
      size: content.length,
      url_private: `${this.#baseUrl}/files/${id}/${encodeURIComponent(input.name)}`,
      url_private_download: `${this.#baseUrl}/files/${id}/download/${encodeURIComponent(input.name)}`,
      permalink: `https://ec2i-test.slack.com/files/${input.userId}/${id}/${encodeURIComponent(input.name)}`,
    };
    this.files.set(id, { file, content });
    return file;
  }

  /** The next `times` calls of `method` answer 429 with Retry-After, as Slack's rate limiter does. */
  rateLimitNext(method: string, retryAfterSeconds = 1, times = 1): void {
    this.#addFault(method, { kind: "ratelimited", retryAfterSeconds }, times);
  }

  /** The next `times` calls of `method` answer `{ok: false, error}` (or an HTTP error status). */
  failNext(method: string, error = "internal_error", times = 1, status = 200): void {
    this.#addFault(method, { kind: "error", error, status }, times);
  }

  /**
   * The next `times` calls of `method` take effect (a message is posted) but the app is answered
   * with an error, as when Slack's answer is lost or Slack fails after doing the work.
   */
  loseNextAnswer(method: string, error = "internal_error", times = 1, status = 500): void {
    this.#addFault(method, { kind: "answer-lost", error, status }, times);
  }

  /**
   * Rate-limit mode: from now on chat.postMessage is paced as Slack paces it (StandInRateLimits),
   * and a call over a limit is answered 429 with Retry-After and counted in `rateLimitRefusals`.
   */
  enforceRateLimits(limits: Partial<StandInRateLimits> = {}): void {
    this.#limits = {
      channelBurst: 3,
      channelPerSecond: 1,
      workspacePerMinute: 600,
      now: () => performance.now(),
      ...limits,
    };
    this.#channelBuckets.clear();
    this.#workspacePosts = [];
  }

  /**
   * Checks what the app answered in an acknowledgement (a slash command's reply, a view_submission's
   * response_action), which Slack validates like a call; records what Slack would refuse.
   */
  checkAcknowledgement(where: string, body: unknown): void {
    if (typeof body !== "object" || body === null) return;
    const ack = body as Record<string, unknown>;
    const problems = ack.response_action
      ? viewLimitProblems(ack.view)
      : "options" in ack
        ? optionsLimitProblems(ack)
        : messageLimitProblems(ack);
    this.#refuseOverLimits(where, problems);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && !call.failedWith);
  }

  /** Resolves when `check` holds, re-checking after every request the stand-in receives. */
  async waitFor<T>(check: () => T | undefined | false, what = "a Slack call", timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}. Calls so far: ${this.#summary()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the n-th successful call to `method` (1-based) and returns it. */
  async waitForCall(method: string, count = 1, timeoutMs = 5000): Promise<RecordedCall> {
    return this.waitFor(() => this.callsTo(method)[count - 1], `call ${count} to ${method}`, timeoutMs);
  }

  async waitForResponse(count = 1, timeoutMs = 5000): Promise<RecordedResponse> {
    return this.waitFor(() => this.responses[count - 1], `response_url post ${count}`, timeoutMs);
  }

  /** Resolves once no request has arrived for `quietMs`: the app's work in flight has finished. */
  async settle(quietMs = 100, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const seen = this.calls.length + this.responses.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (this.calls.length + this.responses.length === seen) return;
    }
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #summary(): string {
    return JSON.stringify(
      this.calls.map((call) => call.method).concat(this.responses.map((r) => `response ${r.path}`)),
    );
  }

  #addFault(method: string, fault: Fault, times: number): void {
    const list = this.#faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.#faults.set(method, list);
  }

  #next(prefix: string): string {
    this.#counter += 1;
    return `${prefix}${this.#counter.toString().padStart(8, "0")}${randomBytes(2).toString("hex").toUpperCase()}`;
  }

  #ts(): string {
    this.#counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${this.#counter.toString().padStart(6, "0")}`;
  }

  #notify(): void {
    const waiters = this.#waiters.splice(0);
    for (const wake of waiters) wake();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", this.#baseUrl);
    try {
      if (url.pathname.startsWith("/response/")) {
        const refused = this.#refuseOverLimits(
          url.pathname,
          messageLimitProblems(parseArgs(body, request.headers["content-type"])),
        );
        if (refused) return send(response, 400, refused);
        this.responses.push({ path: url.pathname, body: parseArgs(body, request.headers["content-type"]) });
        return send(response, 200, "ok", "text/plain");
      }
      if (url.pathname.startsWith("/files/") && request.method === "GET") {
        const stored = this.files.get(url.pathname.split("/")[2] ?? "");
        if (!stored) return send(response, 404, "not found", "text/plain");
        // Slack answers an HTML login page, not the file, when the token is missing or wrong.
        if (bearer(request.headers.authorization) !== this.botToken)
          return send(response, 200, "<html>sign in</html>", "text/html");
        response.writeHead(200, { "content-type": String(stored.file.mimetype) });
        response.end(stored.content);
        return;
      }
      if (url.pathname.startsWith("/upload/")) {
        const fileId = url.pathname.slice("/upload/".length);
        const pending = this.uploads.get(fileId);
        if (!pending) return send(response, 404, "unknown upload", "text/plain");
        pending.content = await uploadedBytes(body, request.headers["content-type"]);
        return send(response, 200, `OK - ${pending.content.length}`, "text/plain");
      }
      if (!url.pathname.startsWith("/api/")) return send(response, 404, "not found", "text/plain");
      const method = url.pathname.slice("/api/".length);
      const args = parseArgs(body, request.headers["content-type"]);
      const token = bearer(request.headers.authorization) ?? (typeof args.token === "string" ? args.token : undefined);
      const call: RecordedCall = { method, args, token };
      this.calls.push(call);

      const fault = this.#faults.get(method)?.shift();
      if (fault?.kind === "ratelimited") {
        call.failedWith = "ratelimited";
        response.writeHead(429, { "content-type": "application/json", "retry-after": String(fault.retryAfterSeconds) });
        response.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      if (fault?.kind === "error") {
        call.failedWith = fault.error;
        return send(response, fault.status, { ok: false, error: fault.error });
      }
      if (!token) {
        call.failedWith = "not_authed";
        return send(response, 200, { ok: false, error: "not_authed" });
      }
      if (token !== this.botToken) {
        call.failedWith = "invalid_auth";
        return send(response, 200, { ok: false, error: "invalid_auth" });
      }
      const refusal = method === "chat.postMessage" ? this.#overRateLimit(this.#channelOf(args.channel)) : undefined;
      if (refusal) {
        this.rateLimitRefusals.push(refusal);
        call.failedWith = "ratelimited";
        response.writeHead(429, {
          "content-type": "application/json",
          "retry-after": String(refusal.retryAfterSeconds),
        });
        response.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      const answer = this.#refuseOverLimits(method, limitProblems(method, args)) ?? this.#answer(method, args);
      call.result = answer;
      if (fault?.kind === "answer-lost") {
        call.failedWith = fault.error;
        return send(response, fault.status, { ok: false, error: fault.error });
      }
      if (answer.ok === false) call.failedWith = String(answer.error);
      return send(response, 200, answer);
    } finally {
      this.#notify();
    }
  }

  /** In rate-limit mode, the refusal a post to `channel` gets now; a post that passes is counted. */
  #overRateLimit(channel: string): RateLimitRefusal | undefined {
    const limits = this.#limits;
    if (!limits) return undefined;
    const now = limits.now();
    this.#workspacePosts = this.#workspacePosts.filter((at) => now - at < 60_000);
    const oldest = this.#workspacePosts[0];
    if (oldest !== undefined && this.#workspacePosts.length >= limits.workspacePerMinute) {
      return { channel, limit: "workspace", retryAfterSeconds: Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000)) };
    }
    const bucket = this.#channelBuckets.get(channel) ?? { tokens: limits.channelBurst, at: now };
    bucket.tokens = Math.min(limits.channelBurst, bucket.tokens + ((now - bucket.at) / 1000) * limits.channelPerSecond);
    bucket.at = now;
    this.#channelBuckets.set(channel, bucket);
    if (bucket.tokens < 1) {
      const wait = (1 - bucket.tokens) / limits.channelPerSecond;
      return { channel, limit: "channel", retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    bucket.tokens -= 1;
    this.#workspacePosts.push(now);
    return undefined;
  }

  /**
   * The messages conversations.history (top level, newest first) or conversations.replies (a
   * thread, oldest first) returns: Slack's shape, metadata only when asked, a page at a time.
   */
  #conversation(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = this.#channelOf(args.channel);
    if (!channel) return { ok: false, error: "channel_not_found" };
    const known = this.channels.get(channel);
    if (!known && !channel.startsWith("D")) return { ok: false, error: "channel_not_found" };
    if (known && !known.members.has(BOT_USER_ID)) return { ok: false, error: "not_in_channel" };
    const inChannel = this.messages.filter((m) => m.channel === channel && !m.ephemeralFor);
    const thread = asString(args.ts);
    let listed: PostedMessage[];
    if (method === "conversations.replies") {
      if (!thread || !inChannel.some((m) => m.ts === thread)) return { ok: false, error: "thread_not_found" };
      listed = inChannel.filter((m) => m.ts === thread || m.threadTs === thread).sort(byTs);
    } else {
      listed = inChannel
        .filter((m) => !m.threadTs || m.threadTs === m.ts)
        .sort(byTs)
        .reverse();
    }
    const inclusive = args.inclusive === true || args.inclusive === "true" || args.inclusive === "1";
    const oldest = asString(args.oldest);
    const latest = asString(args.latest);
    listed = listed.filter(
      (m) =>
        (!oldest || (inclusive ? Number(m.ts) >= Number(oldest) : Number(m.ts) > Number(oldest))) &&
        (!latest || (inclusive ? Number(m.ts) <= Number(latest) : Number(m.ts) < Number(latest))),
    );
    const cursor = asString(args.cursor);
    const start = cursor ? Number(Buffer.from(cursor, "base64").toString("utf8").replace("next:", "")) || 0 : 0;
    const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
    const page = listed.slice(start, start + limit);
    const hasMore = start + limit < listed.length;
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
    const replyCounts = new Map<string, number>();
    for (const m of inChannel)
      if (m.threadTs && m.threadTs !== m.ts) replyCounts.set(m.threadTs, (replyCounts.get(m.threadTs) ?? 0) + 1);
    return {
      ok: true,
      messages: page.map((m) => ({
        type: "message",
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        app_id: APP_ID,
        text: m.text ?? "",
        ...(m.blocks ? { blocks: m.blocks } : {}),
        team: TEAM_ID,
        ts: m.ts,
        ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: BOT_USER_ID } : {}),
        ...(replyCounts.has(m.ts) ? { thread_ts: m.ts, reply_count: replyCounts.get(m.ts) } : {}),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      })),
      has_more: hasMore,
      ...(method === "conversations.history" ? { pin_count: 0 } : {}),
      response_metadata: {
        next_cursor: hasMore ? Buffer.from(`next:${start + limit}`).toString("base64") : "",
      },
    };
  }

  #refuseOverLimits(
    where: string,
    problems: { error: string; messages: string[] } | undefined,
  ): Record<string, unknown> | undefined {
    if (!problems) return undefined;
    this.limitViolations.push({ where, ...problems });
    return { ok: false, error: problems.error, response_metadata: { messages: problems.messages } };
  }

  #dmChannelFor(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  #channelOf(channel: unknown): string {
    const id = String(channel ?? "");
    return /^[UW]/.test(id) ? this.#dmChannelFor(id) : id;
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://ec2i-test.slack.com/",
          team: "EC2i Test",
          user: "ec2i_missions",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        if (!args.text && !args.blocks && !args.attachments) return { ok: false, error: "no_text" };
        const channel = this.#channelOf(args.channel);
        const ts = this.#ts();
        const message = this.#message(args, ts);
        const metadata = asObject(args.metadata);
        this.messages.push({
          channel,
          ts,
          text: asString(args.text),
          blocks: asArray(args.blocks),
          threadTs: asString(args.thread_ts),
          ...(metadata ? { metadata } : {}),
        });
        return { ok: true, channel, ts, message };
      }
      case "chat.postEphemeral": {
        if (!args.channel || !args.user) return { ok: false, error: "channel_not_found" };
        const ts = this.#ts();
        this.messages.push({
          channel: this.#channelOf(args.channel),
          ts,
          text: asString(args.text),
          blocks: asArray(args.blocks),
          threadTs: asString(args.thread_ts),
          ephemeralFor: String(args.user),
        });
        return { ok: true, message_ts: ts };
      }
      case "chat.update": {
        const channel = this.#channelOf(args.channel);
        const existing = this.messages.find((m) => m.channel === channel && m.ts === args.ts);
        if (!existing) return { ok: false, error: "message_not_found" };
        existing.text = asString(args.text) ?? existing.text;
        existing.blocks = asArray(args.blocks) ?? existing.blocks;
        return { ok: true, channel, ts: existing.ts, text: existing.text, message: this.#message(args, existing.ts) };
      }
      case "chat.delete": {
        const channel = this.#channelOf(args.channel);
        const index = this.messages.findIndex((m) => m.channel === channel && m.ts === args.ts);
        if (index < 0) return { ok: false, error: "message_not_found" };
        this.messages.splice(index, 1);
        return { ok: true, channel, ts: args.ts };
      }
      case "views.open":
      case "views.push": {
        if (!args.trigger_id) return { ok: false, error: "invalid_trigger_id" };
        return { ok: true, view: this.#storeView(args.view, undefined) };
      }
      case "views.update": {
        const id = asString(args.view_id);
        if (id && !this.views.has(id)) return { ok: false, error: "not_found" };
        return { ok: true, view: this.#storeView(args.view, id) };
      }
      case "views.publish": {
        const user = asString(args.user_id);
        if (!user) return { ok: false, error: "invalid_arguments" };
        const view = this.#storeView(args.view, undefined);
        this.homeViews.set(user, view);
        return { ok: true, view };
      }
      case "conversations.history":
      case "conversations.replies":
        return this.#conversation(method, args);
      case "conversations.open": {
        const users = asString(args.users)?.split(",") ?? [];
        const first = users[0];
        if (!first) return { ok: false, error: "users_list_not_supplied" };
        return { ok: true, no_op: true, already_open: true, channel: { id: this.#dmChannelFor(first) } };
      }
      case "conversations.create": {
        // Slack's rules: a name is required, lower case, at most 80 characters, unique in the workspace.
        const name = asString(args.name) ?? "";
        const nameError = channelNameError(name);
        if (nameError) return { ok: false, error: nameError };
        if ([...this.channels.values()].some((channel) => channel.name === name)) {
          return { ok: false, error: "name_taken" };
        }
        const channel = this.addChannel({ name, isPrivate: args.is_private === true || args.is_private === "true" });
        return { ok: true, channel: conversation(channel) };
      }
      case "conversations.info": {
        const channel = this.channels.get(String(args.channel));
        if (!channel) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: conversation(channel) };
      }
      case "conversations.invite": {
        const channel = this.channels.get(String(args.channel));
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (channel.isArchived) return { ok: false, error: "is_archived" };
        if (!channel.members.has(BOT_USER_ID)) return { ok: false, error: "not_in_channel" };
        const users = (asString(args.users) ?? "").split(",").filter(Boolean);
        if (users.length === 0) return { ok: false, error: "no_user" };
        if (users.length > 1000) return { ok: false, error: "too_many_users" };
        // All or nothing, as Slack does without `force`: one bad user refuses the whole call.
        const problems = users.flatMap((user) => {
          const error =
            user === BOT_USER_ID
              ? "cant_invite_self"
              : !this.users.has(user)
                ? "user_not_found"
                : channel.members.has(user)
                  ? "already_in_channel"
                  : undefined;
          return error ? [{ user, ok: false, error }] : [];
        });
        const first = problems[0];
        if (first) return { ok: false, error: first.error, errors: problems };
        for (const user of users) channel.members.add(user);
        return { ok: true, channel: conversation(channel) };
      }
      case "users.info": {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return { ok: true, user: slackUser(user) };
      }
      case "files.info": {
        const stored = this.files.get(String(args.file));
        if (!stored) return { ok: false, error: "file_not_found" };
        return { ok: true, file: stored.file, comments: [], response_metadata: { next_cursor: "" } };
      }
      case "files.getUploadURLExternal": {
        const filename = asString(args.filename);
        const length = Number(args.length);
        if (!filename || !Number.isFinite(length)) return { ok: false, error: "invalid_arguments" };
        const fileId = this.#next("F");
        this.uploads.set(fileId, { filename, length, content: Buffer.alloc(0) });
        return { ok: true, upload_url: `${this.#baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        const files = asArray(args.files) as Array<{ id: string; title?: string }> | undefined;
        if (!files?.length) return { ok: false, error: "invalid_arguments" };
        const channel = asString(args.channel_id);
        const completed = files.map((file) => {
          const upload = this.uploads.get(file.id);
          return {
            id: file.id,
            name: upload?.filename,
            title: file.title ?? upload?.filename,
            size: upload?.content.length ?? 0,
            channels: channel ? [this.#channelOf(channel)] : [],
          };
        });
        if (completed.some((file) => file.name === undefined)) return { ok: false, error: "file_not_found" };
        if (channel) {
          this.messages.push({
            channel: this.#channelOf(channel),
            ts: this.#ts(),
            text: asString(args.initial_comment),
            blocks: undefined,
            threadTs: asString(args.thread_ts),
          });
        }
        return { ok: true, files: completed };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  #message(args: Record<string, unknown>, ts: string): Record<string, unknown> {
    return {
      type: "message",
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      text: args.text ?? "",
      blocks: args.blocks ?? [],
      team: TEAM_ID,
      ts,
      ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
      ...(asObject(args.metadata) ? { metadata: args.metadata } : {}),
    };
  }

  #storeView(view: unknown, existingId: string | undefined): Record<string, unknown> {
    const spec = (typeof view === "object" && view !== null ? view : {}) as Record<string, unknown>;
    const id = existingId ?? this.#next("V");
    const stored = {
      id,
      team_id: TEAM_ID,
      type: spec.type ?? "modal",
      blocks: spec.blocks ?? [],
      private_metadata: spec.private_metadata ?? "",
      callback_id: spec.callback_id ?? "",
      state: { values: {} },
      hash: `${Date.now()}.${randomBytes(4).toString("hex")}`,
      title: spec.title ?? null,
      close: spec.close ?? null,
      submit: spec.submit ?? null,
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: id,
      previous_view_id: null,
      app_id: APP_ID,
      external_id: spec.external_id ?? "",
      app_installed_team_id: TEAM_ID,
      bot_id: BOT_ID,
    };
    this.views.set(id, stored);
    return stored;
  }
}

/** The limits a Web API method checks, as Slack does before doing anything. */
function limitProblems(method: string, args: Record<string, unknown>) {
  if (method === "chat.postMessage" || method === "chat.postEphemeral" || method === "chat.update") {
    return messageLimitProblems(args);
  }
  if (method.startsWith("views.")) return viewLimitProblems(args.view);
  return undefined;
}

/** A channel as conversations.* methods return it. */
function conversation(channel: StandInChannel): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.isPrivate,
    created: channel.created,
    creator: channel.creator,
    is_archived: channel.isArchived,
    is_general: channel.name === "general",
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    pending_shared: [],
    is_pending_ext_shared: false,
    is_member: channel.members.has(BOT_USER_ID),
    last_read: "0000000000.000000",
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
    previous_names: [],
    num_members: channel.members.size,
  };
}

function slackUser(user: StandInUser): Record<string, unknown> {
  return {
    id: user.id,
    team_id: TEAM_ID,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: user.realName,
    tz: user.tz ?? "Europe/Brussels",
    tz_label: "Central European Time",
    tz_offset: 3600,
    profile: {
      real_name: user.realName,
      display_name: user.name,
      ...(user.email ? { email: user.email } : {}),
    },
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    updated: 1_700_000_000,
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The upload URL takes the bytes raw or as a multipart form with one file, as Slack's does. */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return body;
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

/** Web API arguments come form-encoded (nested values as JSON strings) or as JSON. */
function parseArgs(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = body.toString("utf8");
  if (contentType?.includes("application/json")) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = /^\s*[[{]/.test(value) ? tryJson(value) : value;
  }
  return args;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function byTs(a: { ts: string }, b: { ts: string }): number {
  return Number(a.ts) - Number(b.ts);
}

function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function send(response: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  response.writeHead(status, { "content-type": contentType });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}
