/**
 * The sandbox: the real Bolt app in HTTP mode on loopback, the Slack stand-in, and a command
 * interpreter that acts as a person in Slack. Everything reaches the app in Slack's wire format
 * (signed slash commands, block_actions, view_submission, Events API), so there is no separate
 * code path for features: what works here works in Slack.
 */
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import { DateTime, Duration } from "luxon";
import type { TemplateCatalog } from "../features/bi/template-files.js";
import { allFeatures } from "../features/index.js";
import { ManualClock } from "../platform/clock.js";
import { parseConfig } from "../platform/config.js";
import { createDatabase, type Database } from "../platform/db/client.js";
import { seedClusters } from "../platform/db/seed.js";
import { createLogger } from "../platform/logger.js";
import { createSlackApp } from "../platform/slack/app.js";
import { loadDemoData } from "./demo-data.js";
import { type SandboxPerson, sandboxPeople } from "./people.js";
import {
  type Block,
  type Clickable,
  type FieldValue,
  initialValue,
  modalFields,
  plain,
  type RenderContext,
  renderBlocks,
  renderModal,
  showValue,
} from "./render.js";
import {
  blockActionsPayload,
  eventEnvelope,
  interactionBody,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
} from "./slack-requests.js";
import { SlackStandIn } from "./slack-stand-in.js";

type Container =
  | { kind: "message"; channel: string; ts: string; responseUrl?: string | undefined }
  | { kind: "view"; viewId: string; viewType: string };
type Button = Clickable & { container: Container };
type OpenModal = {
  viewId: string;
  view: {
    title?: { text?: string };
    blocks?: Block[];
    submit?: { text?: string } | null;
    callback_id?: string;
    private_metadata?: string;
  };
  values: Record<string, FieldValue>;
  errors: Record<string, string>;
};

export type SandboxOptions = {
  databaseUrl: string;
  templates: TemplateCatalog;
  /** Where the transcript goes, line by line. */
  out: (line: string) => void;
  start?: Date;
};

export const sandboxHelp = [
  "Sandbox commands:",
  "  who · as <name>              who you can be, and become someone",
  "  /ec2i … /sme … /bi …          slash commands exactly as in Slack (@name mentions work)",
  "  dm <text>                    write to the app in your DM (also: dm> <text>)",
  "  click <n>                    click button n of what was shown last",
  "  set <n> <text> · select <n> <option numbers or names> · submit · cancel · form   fill a modal",
  "  home                         open your App Home",
  "  clock · clock +1d · clock 2027-03-15 07:29   show or move the sandbox clock (UTC)",
  "  demo                         load demo data (80 SMEs, people of each role, BI answers)",
  "  help · quit",
].join("\n");

export class Sandbox {
  readonly clock: ManualClock;
  #me: SandboxPerson;
  #buttons: Button[] = [];
  #modal: OpenModal | undefined;
  #cursor = { calls: 0, responses: 0 };
  #responseOwners = new Map<string, string>();
  #ts = 0;

  private constructor(
    private readonly options: SandboxOptions,
    private readonly standIn: SlackStandIn,
    private readonly app: App,
    private readonly url: string,
    private readonly secret: string,
    readonly db: Database,
    clock: ManualClock,
  ) {
    this.clock = clock;
    this.#me = sandboxPeople.find((p) => p.handle === "ada") ?? (sandboxPeople[0] as SandboxPerson);
  }

  static async start(options: SandboxOptions): Promise<Sandbox> {
    const standIn = await SlackStandIn.start();
    for (const person of sandboxPeople) {
      standIn.addUser({
        id: person.id,
        name: person.handle,
        realName: person.realName,
        tz: "Europe/Copenhagen",
        email: `${person.handle}@example.org`,
      });
    }
    const secret = randomBytes(16).toString("hex");
    const config = parseConfig({
      SLACK_BOT_TOKEN: standIn.botToken,
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: standIn.apiUrl,
      DATABASE_URL: options.databaseUrl,
      EC2I_ADMINS: sandboxPeople
        .filter((p) => p.role === "admin")
        .map((p) => p.id)
        .join(","),
      LOG_LEVEL: "silent",
    });
    const db = createDatabase(config.databaseUrl);
    await seedClusters(db);
    const clock = new ManualClock(options.start ?? DateTime.utc().startOf("minute").toJSDate());
    const deps = { config, db, logger: createLogger("silent"), clock };
    const app = await createSlackApp(deps, allFeatures({ templates: options.templates }), {
      kind: "http",
      signingSecret: secret,
    });
    const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    return new Sandbox(options, standIn, app, url, secret, db, clock);
  }

  get me(): SandboxPerson {
    return this.#me;
  }

  async needsDemoData(): Promise<boolean> {
    return (await this.db.sme.count()) === 0;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.standIn.settle(50);
    await this.db.$disconnect();
    await this.standIn.stop();
  }

  #say(...lines: string[]): void {
    for (const line of lines) for (const part of line.split("\n")) this.options.out(part);
  }

  #name = (userId: string): string => sandboxPeople.find((p) => p.id === userId)?.handle ?? userId;

  /** Mentions as Slack escapes them in commands: @bob → <@U0BOB00001|bob>. */
  #escape(text: string): string {
    return text.replace(/@([a-z]+)\b/gi, (whole, handle: string) => {
      const person = sandboxPeople.find((p) => p.handle === handle.toLowerCase());
      return person ? `<@${person.id}|${person.handle}>` : whole;
    });
  }

  /** Runs one line; returns false on quit. */
  async run(line: string): Promise<boolean> {
    const input = line.trim();
    if (input === "" || input.startsWith("#")) return true;
    const [word = "", ...rest] = input.split(/\s+/);
    const args = rest.join(" ");
    try {
      if (input.startsWith("/")) await this.#command(word, args);
      else if (word === "dm" || word === "dm>") await this.#dm(args);
      else if (word.startsWith("dm>")) await this.#dm(input.slice(3));
      else if (word === "as") this.#as(args);
      else if (word === "who") this.#who();
      else if (word === "click") await this.#click(args);
      else if (word === "set") this.#set(args, false);
      else if (word === "select") this.#set(args, true);
      else if (word === "submit") await this.#submit();
      else if (word === "cancel") this.#cancel();
      else if (word === "form") this.#showModal();
      else if (word === "home") await this.#home();
      else if (word === "clock") this.#clock(args);
      else if (word === "demo") await this.#demo();
      else if (word === "help") this.#say(sandboxHelp);
      else if (word === "quit" || word === "exit") return false;
      else this.#say(`I don't know “${word}”. Type help for the sandbox commands.`);
    } catch (error) {
      this.#say(`✗ ${(error as Error).message}`);
      throw error;
    }
    return true;
  }

  #as(handle: string): void {
    const person = sandboxPeople.find((p) => p.handle === handle.trim().toLowerCase());
    if (!person) throw new Error(`There is nobody called “${handle}”. Type who to see everyone.`);
    this.#me = person;
    this.#modal = undefined;
    this.#say(`You are now @${person.handle} (${person.realName}, ${person.about}).`);
  }

  #who(): void {
    for (const p of sandboxPeople)
      this.#say(`${p.id === this.#me.id ? "→" : " "} @${p.handle.padEnd(6)} ${p.realName} — ${p.about}`);
  }

  async #demo(): Promise<void> {
    const loaded = await loadDemoData(this.db, this.options.templates, this.clock.now());
    this.#say(
      loaded.smes > 0
        ? `Loaded demo data: ${loaded.smes} SMEs, staff @alice and @theo, @erik with a China template in progress (${loaded.responses} BI responses).`
        : "Demo data is already there.",
    );
  }

  #clock(args: string): void {
    const text = args.trim();
    if (text.startsWith("+") || text.startsWith("-")) {
      const match = /^([+-])(\d+)\s*(d|h|m|w)$/.exec(text.replace(/\s+/g, ""));
      if (!match) throw new Error("Move the clock with +1d, +2h, +30m or +1w (or -…).");
      const unit = { d: "days", h: "hours", m: "minutes", w: "weeks" }[match[3] as "d"];
      const amount = Number(match[2]) * (match[1] === "-" ? -1 : 1);
      this.clock.set(
        DateTime.fromJSDate(this.clock.now())
          .plus(Duration.fromObject({ [unit]: amount }))
          .toJSDate(),
      );
    } else if (text) {
      const at = DateTime.fromFormat(text, "yyyy-MM-dd HH:mm", { zone: "utc" });
      const day = DateTime.fromFormat(text, "yyyy-MM-dd", { zone: "utc" });
      const when = at.isValid ? at : day;
      if (!when.isValid) throw new Error("Set the clock as 2027-03-15 07:29 (UTC) or 2027-03-15.");
      this.clock.set(when.toJSDate());
    }
    this.#say(`🕒 ${DateTime.fromJSDate(this.clock.now(), { zone: "utc" }).toFormat("cccc d LLLL yyyy, HH:mm 'UTC'")}`);
  }

  async #command(command: string, text: string): Promise<void> {
    const responseUrl = this.standIn.newResponseUrl();
    this.#responseOwners.set(new URL(responseUrl).pathname, this.#me.id);
    const body = slashCommandBody({
      command,
      text: this.#escape(text),
      userId: this.#me.id,
      userName: this.#me.handle,
      responseUrl,
    });
    const reply = await postSigned(this.url, body, "application/x-www-form-urlencoded", { secret: this.secret });
    if (reply.status !== 200) throw new Error(`The app answered HTTP ${reply.status}`);
    this.#buttons = [];
    const ack = reply.json as { text?: string; blocks?: Block[] } | undefined;
    if (ack && (ack.text || ack.blocks))
      this.#renderMessage(`only @${this.#me.handle} sees`, ack.text, ack.blocks, {
        kind: "message",
        channel: "C0GENERAL1",
        ts: this.#nextTs(),
        responseUrl,
      });
    await this.#drain();
  }

  #nextTs(): string {
    this.#ts += 1;
    return `${Math.floor(this.clock.now().getTime() / 1000)}.${String(this.#ts).padStart(6, "0")}`;
  }

  async #dm(text: string): Promise<void> {
    if (!text.trim()) throw new Error("Write something after dm.");
    const channel = `D${this.#me.id.slice(1)}`;
    this.#say(`@${this.#me.handle} → app (DM): ${text}`);
    await this.#event({ type: "message", channel, channel_type: "im", user: this.#me.id, text, ts: this.#nextTs() });
    this.#buttons = [];
    await this.#drain();
  }

  async #home(): Promise<void> {
    this.#buttons = [];
    await this.#event({ type: "app_home_opened", user: this.#me.id, channel: `D${this.#me.id.slice(1)}`, tab: "home" });
    await this.#drain();
  }

  async #event(event: Record<string, unknown>): Promise<void> {
    const reply = await postSigned(this.url, JSON.stringify(eventEnvelope(event)), "application/json", {
      secret: this.secret,
    });
    if (reply.status !== 200) throw new Error(`The app answered HTTP ${reply.status}`);
  }

  async #click(args: string): Promise<void> {
    const button = this.#buttons[Number(args.trim()) - 1];
    if (!button) throw new Error(`There is no button ${args.trim()}: the last output had ${this.#buttons.length}.`);
    this.#say(`@${this.#me.handle} clicks “${button.label}”`);
    const payload =
      button.container.kind === "view"
        ? blockActionsPayload({
            userId: this.#me.id,
            actionId: button.actionId,
            blockId: button.blockId,
            value: button.value,
            view: { id: button.container.viewId, type: button.container.viewType },
          })
        : blockActionsPayload({
            userId: this.#me.id,
            actionId: button.actionId,
            blockId: button.blockId,
            value: button.value,
            channelId: button.container.channel,
            messageTs: button.container.ts,
            responseUrl: button.container.responseUrl ?? this.standIn.newResponseUrl(),
          });
    const responseUrl = payload.response_url;
    if (typeof responseUrl === "string") this.#responseOwners.set(new URL(responseUrl).pathname, this.#me.id);
    const reply = await postSigned(this.url, interactionBody(payload), "application/x-www-form-urlencoded", {
      secret: this.secret,
    });
    if (reply.status !== 200) throw new Error(`The app answered HTTP ${reply.status}`);
    this.#buttons = [];
    await this.#drain();
  }

  #field(ref: string) {
    if (!this.#modal) throw new Error("No form is open.");
    const fields = modalFields(this.#modal.view.blocks ?? []);
    const field = /^\d+$/.test(ref)
      ? fields[Number(ref) - 1]
      : fields.find((f) => f.blockId === ref || f.label.toLowerCase().startsWith(ref.toLowerCase()));
    if (!field) throw new Error(`The form has no field “${ref}” (fields 1–${fields.length}).`);
    return field;
  }

  #set(args: string, choosing: boolean): void {
    const [ref = "", ...rest] = args.split(/\s+/);
    const value = rest.join(" ");
    const field = this.#field(ref);
    const modal = this.#modal as OpenModal;
    if (field.type === "users_select") {
      const person = sandboxPeople.find((p) => p.handle === value.replace(/^@/, "").toLowerCase());
      if (!person)
        throw new Error(`Pick a person with @name (${sandboxPeople.map((p) => `@${p.handle}`).join(", ")}).`);
      modal.values[field.blockId] = { user: person.id };
    } else if (field.options.length > 0) {
      const wanted = value.split(/\s*,\s*|\s+(?=\d)/).filter(Boolean);
      const chosen = wanted.map((w) =>
        /^\d+$/.test(w)
          ? field.options[Number(w) - 1]
          : field.options.find((o) => o.label.toLowerCase().startsWith(w.toLowerCase()) || o.value === w),
      );
      if (chosen.some((c) => !c) || chosen.length === 0)
        throw new Error(`Choose from: ${field.options.map((o, i) => `${i + 1}) ${o.label}`).join("  ")}`);
      modal.values[field.blockId] = { values: chosen.map((c) => c?.value ?? "") };
    } else {
      if (choosing) throw new Error(`Field ${field.number} has no options: use set ${field.number} <text>.`);
      modal.values[field.blockId] = { text: value };
    }
    delete modal.errors[field.blockId];
    this.#say(`  ✎ [${field.number}] ${field.label} = ${showValue(field, modal.values[field.blockId], this.#name)}`);
  }

  #cancel(): void {
    if (!this.#modal) throw new Error("No form is open.");
    this.#modal = undefined;
    this.#say("Form closed without saving.");
  }

  #showModal(): void {
    if (!this.#modal) throw new Error("No form is open.");
    const ctx: RenderContext = { names: this.#name, buttons: [] };
    this.#say(...renderModal(this.#modal.view, this.#modal.values, this.#modal.errors, ctx));
    this.#buttons = ctx.buttons.map((b) => ({
      ...b,
      container: { kind: "view", viewId: this.#modal?.viewId ?? "", viewType: "modal" },
    }));
  }

  async #submit(): Promise<void> {
    const modal = this.#modal;
    if (!modal) throw new Error("No form is open.");
    const values: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const field of modalFields(modal.view.blocks ?? [])) {
      const v = modal.values[field.blockId];
      const option = (value: string) => ({
        text: { type: "plain_text", text: field.options.find((o) => o.value === value)?.label ?? value },
        value,
      });
      let state: Record<string, unknown>;
      if (field.type === "users_select") state = { type: field.type, selected_user: v?.user ?? null };
      else if (field.type === "static_select")
        state = { type: field.type, selected_option: v?.values?.[0] ? option(v.values[0]) : null };
      else if (field.type === "multi_static_select" || field.type === "checkboxes")
        state = { type: field.type, selected_options: (v?.values ?? []).map(option) };
      else state = { type: field.type, value: v?.text ?? null };
      values[field.blockId] = { [field.actionId]: state };
    }
    const payload = viewSubmissionPayload({
      userId: this.#me.id,
      callbackId: modal.view.callback_id ?? "",
      values,
      privateMetadata: modal.view.private_metadata ?? "",
      viewId: modal.viewId,
    });
    this.#say(`@${this.#me.handle} submits “${modal.view.title?.text ?? "form"}”`);
    const reply = await postSigned(this.url, interactionBody(payload), "application/x-www-form-urlencoded", {
      secret: this.secret,
    });
    const ack = reply.json as { response_action?: string; errors?: Record<string, string> } | undefined;
    if (ack?.response_action === "errors") {
      modal.errors = ack.errors ?? {};
      this.#say("Slack shows these errors in the form (what you typed is kept):");
      this.#showModal();
      return;
    }
    this.#modal = undefined;
    this.#say("✓ Form submitted and closed.");
    await this.#drain();
  }

  #renderMessage(title: string, text: string | undefined, blocks: Block[] | undefined, container: Container): void {
    // Buttons are numbered on from the ones already shown, so `click n` reaches any of them.
    const ctx: RenderContext = { names: this.#name, buttons: [...this.#buttons] };
    const lines = blocks && blocks.length > 0 ? renderBlocks(blocks, ctx) : [plain(text, this.#name)];
    this.#buttons.push(...ctx.buttons.slice(this.#buttons.length).map((b) => ({ ...b, container })));
    this.#say(`── ${title} ──`, ...lines);
  }

  /** Renders what the app did since the last command: posts, replies, forms, App Home, files. */
  async #drain(): Promise<void> {
    await this.standIn.settle(40);
    const calls = this.standIn.calls.slice(this.#cursor.calls);
    const responses = this.standIn.responses.slice(this.#cursor.responses);
    this.#cursor = { calls: this.standIn.calls.length, responses: this.standIn.responses.length };
    for (const response of responses) {
      const owner = this.#responseOwners.get(response.path) ?? this.#me.id;
      const body = response.body as { text?: string; blocks?: Block[]; replace_original?: boolean };
      const title = `reply to @${this.#name(owner)}${body.replace_original ? " (replaces the previous one)" : ""}`;
      this.#renderMessage(title, body.text, body.blocks, {
        kind: "message",
        channel: "C0GENERAL1",
        ts: this.#nextTs(),
        responseUrl: `http://stand-in${response.path}`,
      });
    }
    for (const call of calls) {
      if (call.failedWith) continue;
      const a = call.args as Record<string, unknown>;
      const result = call.result ?? {};
      switch (call.method) {
        case "chat.postMessage": {
          const channel = String(result.channel ?? a.channel);
          const where = channel.startsWith("D") ? `DM · app → @${this.#name(`U${channel.slice(1)}`)}` : `#${channel}`;
          this.#renderMessage(where, a.text as string, a.blocks as Block[], {
            kind: "message",
            channel,
            ts: String(result.ts),
          });
          break;
        }
        case "chat.postEphemeral":
          this.#renderMessage(`only @${this.#name(String(a.user))} sees`, a.text as string, a.blocks as Block[], {
            kind: "message",
            channel: String(a.channel),
            ts: String(result.message_ts),
          });
          break;
        case "chat.update":
          this.#renderMessage("message updated", a.text as string, a.blocks as Block[], {
            kind: "message",
            channel: String(a.channel),
            ts: String(a.ts),
          });
          break;
        case "views.open":
        case "views.push":
        case "views.update": {
          const view = (result.view ?? {}) as OpenModal["view"] & { id: string };
          const values: Record<string, FieldValue> = {};
          for (const block of view.blocks ?? []) {
            const start = initialValue(block);
            if (start && block.block_id) values[block.block_id] = start;
          }
          this.#modal = { viewId: view.id, view, values, errors: {} };
          this.#showModal();
          break;
        }
        case "views.publish": {
          const view = (result.view ?? {}) as { id: string; blocks?: Block[] };
          const ctx: RenderContext = { names: this.#name, buttons: [] };
          this.#say(`── App Home · @${this.#name(String(a.user_id))} ──`, ...renderBlocks(view.blocks ?? [], ctx));
          this.#buttons.push(
            ...ctx.buttons.map((b) => ({
              ...b,
              container: { kind: "view" as const, viewId: view.id, viewType: "home" },
            })),
          );
          break;
        }
        case "files.completeUploadExternal": {
          for (const file of (a.files as { id: string }[]) ?? []) {
            const upload = this.standIn.uploads.get(file.id);
            if (!upload) continue;
            const lines = upload.content.toString("utf8").split("\n");
            this.#say(
              `📎 ${upload.filename} (${upload.content.length} bytes)`,
              ...lines.slice(0, 12).map((l) => `   ${l}`),
              ...(lines.length > 12 ? [`   … ${lines.length - 12} more lines`] : []),
            );
          }
          break;
        }
      }
    }
  }
}
