/**
 * The sandbox: the real Bolt app in HTTP mode on loopback, the Slack stand-in, and a command
 * interpreter that acts as a person in Slack. Everything reaches the app in Slack's wire format
 * (signed slash commands, block_actions, view_submission, Events API), so there is no separate
 * code path for features: what works here works in Slack. The app is built by `composeApp`, as
 * main.ts builds it; only Slack (the stand-in), the database, the admins and the clock are the sandbox's.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { DateTime, Duration } from "luxon";
import { z } from "zod";
import { type ComposedApp, composeApp } from "../compose.js";
import { roleLabels } from "../domain/roles.js";
import type { TemplateCatalog } from "../features/bi/template-files.js";
import { allCommands } from "../features/index.js";
import { loadDemoDailyPosts } from "../features/meetings/index.js";
import { loadActor } from "../platform/auth.js";
import { ManualClock } from "../platform/clock.js";
import type { Database } from "../platform/db/client.js";
import { seedClusters } from "../platform/db/seed.js";
import { parseJson } from "../platform/json.js";
import { rememberChannels, restoreChannels } from "./channel-memory.js";
import { loadDemoData, loadDemoMissionData } from "./demo-data.js";
import { type SandboxPerson, sandboxPeople } from "./people.js";
import {
  type Block,
  type Clickable,
  externalSelects,
  type FieldValue,
  initialValue,
  type ModalField,
  modalFields,
  plain,
  type RenderContext,
  renderBlocks,
  renderModal,
  showValue,
} from "./render.js";
import {
  blockActionsPayload,
  blockSuggestionPayload,
  eventEnvelope,
  interactionBody,
  postSigned,
  slashCommandBody,
  viewSubmissionPayload,
} from "./slack-requests.js";
import { SlackStandIn } from "./slack-stand-in.js";

type Container = { kind: "message"; channel: string; ts: string } | { kind: "view"; viewId: string; viewType: string };
/** A button someone was shown: where it sits, and the heading of the output it came in. */
type Button = Clickable & { container: Container; shownIn: string };
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
  /** The environment the app is composed from, as main.ts does (OPENAI_API_KEY and the rest). */
  env: NodeJS.ProcessEnv;
  /** Where files the app sends are saved (data/sandbox-files/). */
  filesFolder: string;
  /** Where the transcript goes, line by line. */
  out: (line: string) => void;
  start?: Date;
  templates?: TemplateCatalog;
  /** Where the workspace's channels are remembered between runs (a persistent sandbox; none for a fresh one). */
  channelsFile?: string;
};

/** A log line as pino writes it; the sandbox shows errors in the transcript. */
const logLine = z.object({
  level: z.number(),
  msg: z.string().optional(),
  errorId: z.string().optional(),
  err: z.object({ message: z.string().optional() }).optional(),
});
const pinoErrorLevel = 50;
/** How many lines of a file the app sent the transcript shows; the whole file is saved. */
const previewLines = 4;

/** The demo China mission's channel in the sandbox's workspace, where its daily posts go. */
const demoMissionChannel = { id: "C0CHINA001", name: "china-mission-2027" };

export const sandboxHelp = [
  "Sandbox commands:",
  "  who · as <name>              who you can be, and become someone",
  "  /ec2i … /sme … /bi …          slash commands exactly as in Slack (@name mentions work)",
  "  dm <text>                    write to the app in your DM (also: dm> <text>)",
  "  upload <path>                post a file in your DM with the app (a CSV for /sme import)",
  "  click <n> · buttons           click one of your buttons (numbered in what you were shown last), list them",
  "  set <n> <text> · select <n> <option numbers or names> · submit · cancel · form   fill a modal",
  "  unselect <n> [<option numbers or names>]   take options out of a multi-select (all, without any)",
  "                               (in set, \\n starts a new line: set 3 Heat pumps\\nFinancing)",
  "  home                         open your App Home",
  "  clock · clock +1d · clock 2027-03-15 07:29   show or move the sandbox clock (UTC); +1d (or +2h,",
  "                               +30m, +1w) sends each scheduled post on the way at its time; a date",
  "                               jumps there as if the app had been off (recent posts come late)",
  "  demo                         load demo data (80 SMEs, people of each role, BI answers)",
  "  Files the app sends are saved under data/sandbox-files/. To start afresh: npm run sandbox -- --reset",
  "  help · quit",
].join("\n");

export class Sandbox {
  readonly clock: ManualClock;
  #me: SandboxPerson;
  /** Each person's buttons, numbered as in the output that showed them; kept until new ones replace them. */
  #buttons = new Map<string, Button[]>();
  /** People whose buttons were replaced by the current command's output (later outputs number on). */
  #shownThisTurn = new Set<string>();
  #modal: OpenModal | undefined;
  #cursor = { calls: 0, responses: 0 };
  #responseOwners = new Map<string, string>();
  #appErrors: string[] = [];
  #savedNames = new Map<string, number>();
  #ts = 0;

  private constructor(
    private readonly options: SandboxOptions,
    private readonly standIn: SlackStandIn,
    private readonly composed: ComposedApp,
    private readonly url: string,
    private readonly secret: string,
    clock: ManualClock,
    appErrors: string[],
  ) {
    this.clock = clock;
    this.#appErrors = appErrors;
    this.#me = sandboxPeople.find((p) => p.handle === "ada") ?? (sandboxPeople[0] as SandboxPerson);
  }

  static async start(options: SandboxOptions): Promise<Sandbox> {
    const standIn = await SlackStandIn.start();
    if (options.channelsFile) restoreChannels(standIn, options.channelsFile);
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
    const clock = new ManualClock(options.start ?? DateTime.utc().startOf("minute").toJSDate());
    const appErrors: string[] = [];
    let composed: ComposedApp;
    try {
      // The app is composed exactly as main.ts composes it; only Slack, the database and the admins are the sandbox's.
      composed = await composeApp(
        {
          ...options.env,
          SLACK_BOT_TOKEN: standIn.botToken,
          SLACK_SIGNING_SECRET: secret,
          SLACK_APP_TOKEN: "",
          SLACK_API_URL: standIn.apiUrl,
          DATABASE_URL: options.databaseUrl,
          EC2I_ADMINS: sandboxPeople
            .filter((p) => p.role === "admin")
            .map((p) => p.id)
            .join(","),
          LOG_LEVEL: "error",
        },
        {
          clock,
          jobTicks: "by-caller",
          logDestination: errorsInto(appErrors),
          ...(options.templates ? { templates: options.templates } : {}),
        },
      );
    } catch (error) {
      await standIn.stop();
      throw error;
    }
    await seedClusters(composed.deps.db);
    const url = (await composed.start({ port: 0, host: "127.0.0.1" })) ?? "";
    return new Sandbox(options, standIn, composed, url, secret, clock, appErrors);
  }

  get me(): SandboxPerson {
    return this.#me;
  }

  get db(): Database {
    return this.composed.deps.db;
  }

  /** Whether the app talks to an LLM (OPENAI_API_KEY is set), for the banner. */
  get llmModel(): string | undefined {
    return this.composed.deps.llm?.model;
  }

  async needsDemoData(): Promise<boolean> {
    return (await this.db.sme.count()) === 0;
  }

  async stop(): Promise<void> {
    await this.composed.shutdown();
    await this.standIn.stop();
  }

  #say(...lines: string[]): void {
    for (const line of lines) for (const part of line.split("\n")) this.options.out(part);
  }

  /** A person's handle, or a channel's name, for an id the app wrote. */
  #name = (id: string): string =>
    sandboxPeople.find((p) => p.id === id)?.handle ?? this.standIn.channels.get(id)?.name ?? id;

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
    this.#shownThisTurn.clear();
    try {
      if (input.startsWith("/")) await this.#command(word, args);
      else if (word === "dm" || word === "dm>") await this.#dm(args);
      else if (word.startsWith("dm>")) await this.#dm(input.slice(3));
      else if (word === "upload") await this.#upload(args);
      else if (word === "as") await this.#as(args);
      else if (word === "who") await this.#who();
      else if (word === "click") await this.#click(args);
      else if (word === "buttons") this.#showButtons();
      else if (word === "set") await this.#set(args, false);
      else if (word === "select") await this.#set(args, true);
      else if (word === "unselect") this.#unselect(args);
      else if (word === "submit") await this.#submit();
      else if (word === "cancel") this.#cancel();
      else if (word === "form") this.#showModal();
      else if (word === "home") await this.#home();
      else if (word === "clock") await this.#clock(args);
      else if (word === "demo") await this.#demo();
      else if (word === "help") this.#say(sandboxHelp);
      else if (word === "quit" || word === "exit") return false;
      else this.#say(`I don't know “${word}”. Type help for the sandbox commands.`);
    } catch (error) {
      this.#say(`✗ ${(error as Error).message}`);
      throw error;
    } finally {
      // After every line, so a sandbox closed with Ctrl-C still knows its channels next time.
      if (this.options.channelsFile) rememberChannels(this.standIn, this.options.channelsFile);
    }
    return true;
  }

  async #as(handle: string): Promise<void> {
    const person = sandboxPeople.find((p) => p.handle === handle.trim().toLowerCase());
    if (!person) throw new Error(`There is nobody called “${handle}”. Type who to see everyone.`);
    this.#me = person;
    this.#modal = undefined;
    this.#say(`You are now @${person.handle} (${person.realName}, ${await this.#standing(person)}).`);
  }

  async #who(): Promise<void> {
    for (const p of sandboxPeople)
      this.#say(
        `${p.id === this.#me.id ? "→" : " "} @${p.handle.padEnd(6)} ${p.realName} — ${await this.#standing(p)}`,
      );
  }

  /** Today's role, cluster and company of a person, as the app's database has them. */
  async #standing(person: SandboxPerson): Promise<string> {
    const actor = await loadActor(this.db, this.composed.deps.config, person.id);
    const record = await this.db.person.findUnique({
      where: { slackUserId: person.id },
      select: { cluster: { select: { name: true } }, sme: { select: { name: true } } },
    });
    if (actor.role === "guest") return "has no role yet";
    return [
      actor.adminFromEnvironment ? `${roleLabels.admin} from EC2I_ADMINS` : roleLabels[actor.role],
      record?.cluster ? `of ${record.cluster.name}` : undefined,
      record?.sme ? `· ${record.sme.name}` : undefined,
    ]
      .filter(Boolean)
      .join(" ");
  }

  async #demo(): Promise<void> {
    const loaded = await loadDemoData(this.db, this.composed.templates, this.clock.now());
    const missions = await loadDemoMissionData(this.db, this.clock.now());
    // The China mission gets a channel, so moving the clock through its week shows the daily posts there.
    if (!this.standIn.channels.has(demoMissionChannel.id)) this.standIn.addChannel(demoMissionChannel);
    await loadDemoDailyPosts(this.db, demoMissionChannel.id);
    const said = [
      loaded.smes > 0
        ? `${loaded.smes} SMEs, staff @alice and @theo, @erik with a China template in progress (${loaded.responses} BI responses)`
        : undefined,
      missions.missions > 0
        ? `${missions.missions} missions (Shanghai and Boston) with ${missions.participants} SMEs in their delegations, ${missions.organisations} local organisations and ${missions.requests} meeting requests`
        : undefined,
      missions.answers > 0
        ? `survey answers for ${missions.answers} published meetings that are over (for /mission report)`
        : undefined,
      missions.consortia > 0 ? `${missions.consortia} consortia (/consortium list)` : undefined,
    ].filter(Boolean);
    this.#say(said.length > 0 ? `Loaded demo data: ${said.join("; ")}.` : "Demo data is already there.");
  }

  /**
   * `clock +1d` lives through the time: every scheduled post that falls due on the way goes out at
   * its own time, as a running app would send it. `clock 2027-04-12 07:29` jumps there as if the app
   * had been off until then: its first tick catches up what fell due in the last hours (marked late)
   * and skips what is older, as a restarted app does.
   */
  async #clock(args: string): Promise<void> {
    const before = this.clock.now();
    const text = args.trim();
    let livedThrough = false;
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
      livedThrough = amount > 0;
    } else if (text) {
      const at = DateTime.fromFormat(text, "yyyy-MM-dd HH:mm", { zone: "utc" });
      const day = DateTime.fromFormat(text, "yyyy-MM-dd", { zone: "utc" });
      const when = at.isValid ? at : day;
      if (!when.isValid) throw new Error("Set the clock as 2027-03-15 07:29 (UTC) or 2027-03-15.");
      this.clock.set(when.toJSDate());
    }
    const after = this.clock.now();
    this.#say(`🕒 ${DateTime.fromJSDate(after, { zone: "utc" }).toFormat("cccc d LLLL yyyy, HH:mm 'UTC'")}`);
    if (after <= before || !text) return;
    if (!livedThrough) {
      await this.composed.jobs.tick(after);
      await this.#drain();
      return;
    }
    let callsBefore = this.standIn.calls.length;
    await this.composed.jobs.runThrough(before, after, {
      beforeTick: (at) => {
        this.clock.set(at);
        callsBefore = this.standIn.calls.length;
      },
      afterTick: async (at, report) => {
        // A run can be done without a message (a reminder for a meeting since cancelled): no header then.
        if (report.sent + report.failed === 0 || this.standIn.calls.length === callsBefore) return;
        this.#say(
          `🕒 ${DateTime.fromJSDate(at, { zone: "utc" }).toFormat("ccc d LLL, HH:mm 'UTC'")} · scheduled posts`,
        );
        await this.#drain();
      },
    });
    this.clock.set(after);
  }

  /** The slash commands the app declares (its features' CommandSpecs, which the manifest matches). */
  #checkDeclared(command: string): void {
    const declared = allCommands(this.composed.features).map((spec) => spec.command as string);
    if (declared.includes(command)) return;
    const list = declared.join(", ");
    throw new Error(
      declared.includes(command.toLowerCase())
        ? `Slash commands are lower case: type ${command.toLowerCase()} (the app declares ${list}).`
        : `The app has no ${command} command. It declares ${list}.`,
    );
  }

  async #command(command: string, text: string): Promise<void> {
    this.#checkDeclared(command);
    const responseUrl = this.#newResponseUrl();
    const body = slashCommandBody({
      command,
      text: this.#escape(text),
      userId: this.#me.id,
      userName: this.#me.handle,
      responseUrl,
    });
    const reply = await postSigned(this.url, body, "application/x-www-form-urlencoded", { secret: this.secret });
    if (reply.status !== 200) throw new Error(`The app answered HTTP ${reply.status}`);
    const ack = reply.json as { text?: string; blocks?: Block[] } | undefined;
    if (ack && (ack.text || ack.blocks))
      this.#renderMessage(this.#me.id, `only @${this.#me.handle} sees`, ack.text, ack.blocks, {
        kind: "message",
        channel: "C0GENERAL1",
        ts: this.#nextTs(),
      });
    await this.#drain();
  }

  /** A response_url as Slack hands one out with each command and click; replies to it go to the person acting. */
  #newResponseUrl(): string {
    const url = this.standIn.newResponseUrl();
    this.#responseOwners.set(new URL(url).pathname, this.#me.id);
    return url;
  }

  #nextTs(): string {
    this.#ts += 1;
    return `${Math.floor(this.clock.now().getTime() / 1000)}.${String(this.#ts).padStart(6, "0")}`;
  }

  #dmChannel(): string {
    return `D${this.#me.id.slice(1)}`;
  }

  async #dm(text: string): Promise<void> {
    if (!text.trim()) throw new Error("Write something after dm.");
    this.#say(`@${this.#me.handle} → app (DM): ${text}`);
    await this.#event({
      type: "message",
      channel: this.#dmChannel(),
      channel_type: "im",
      user: this.#me.id,
      text,
      ts: this.#nextTs(),
    });
    await this.#drain();
  }

  /** Posts a file in the person's DM with the app, as Slack's message event with subtype file_share. */
  async #upload(args: string): Promise<void> {
    const given = args.trim();
    if (!given) throw new Error("Name the file to post: upload <path>.");
    const file = path.resolve(given);
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      throw new Error(`There is no file at ${given} (paths are taken from ${process.cwd()}).`);
    }
    const shared = this.standIn.addFile({ name: path.basename(file), content, userId: this.#me.id });
    this.#say(`@${this.#me.handle} → app (DM): 📎 ${path.basename(file)} (${content.length} bytes)`);
    await this.#event({
      type: "message",
      subtype: "file_share",
      channel: this.#dmChannel(),
      channel_type: "im",
      user: this.#me.id,
      text: "",
      ts: this.#nextTs(),
      files: [shared],
      upload: false,
      display_as_bot: false,
    });
    await this.#drain();
  }

  async #home(): Promise<void> {
    await this.#event({ type: "app_home_opened", user: this.#me.id, channel: this.#dmChannel(), tab: "home" });
    await this.#drain();
  }

  async #event(event: Record<string, unknown>): Promise<void> {
    const reply = await postSigned(this.url, JSON.stringify(eventEnvelope(event)), "application/json", {
      secret: this.secret,
    });
    if (reply.status !== 200) throw new Error(`The app answered HTTP ${reply.status}`);
  }

  #myButtons(): Button[] {
    return this.#buttons.get(this.#me.id) ?? [];
  }

  #showButtons(): void {
    const buttons = this.#myButtons();
    if (buttons.length === 0) this.#say(`@${this.#me.handle} has no buttons to click.`);
    for (const [i, b] of buttons.entries()) this.#say(`  [${i + 1}] ${b.label}   (in “${b.shownIn}”)`);
  }

  async #click(args: string): Promise<void> {
    const buttons = this.#myButtons();
    const button = buttons[Number(args.trim()) - 1];
    if (!button)
      throw new Error(
        `@${this.#me.handle} has no button ${args.trim()}: there ${buttons.length === 1 ? "is 1" : `are ${buttons.length}`} (type buttons to list them).`,
      );
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
            responseUrl: this.#newResponseUrl(),
          });
    const reply = await postSigned(this.url, interactionBody(payload), "application/x-www-form-urlencoded", {
      secret: this.secret,
    });
    if (reply.status !== 200) throw new Error(`The app answered HTTP ${reply.status}`);
    await this.#drain();
  }

  #field(ref: string) {
    if (!this.#modal) throw new Error("No form is open.");
    const fields = modalFields(this.#modal.view.blocks ?? []);
    if (fields.length === 0) throw new Error("This form has nothing to fill in: cancel closes it.");
    const field = /^\d+$/.test(ref)
      ? fields[Number(ref) - 1]
      : fields.find((f) => f.blockId === ref || f.label.toLowerCase().startsWith(ref.toLowerCase()));
    if (!field) throw new Error(`The form has no field “${ref}” (fields 1–${fields.length}).`);
    return field;
  }

  async #set(args: string, choosing: boolean): Promise<void> {
    const [ref = "", ...rest] = args.split(/\s+/);
    const value = rest.join(" ");
    const field = this.#field(ref);
    const modal = this.#modal as OpenModal;
    if (field.type === "multi_users_select") {
      const handles = value.split(/[\s,]+/).filter(Boolean);
      const people = handles.map((h) => sandboxPeople.find((p) => p.handle === h.replace(/^@/, "").toLowerCase()));
      if (people.length === 0 || people.some((p) => !p))
        throw new Error(`Pick people with @names (${sandboxPeople.map((p) => `@${p.handle}`).join(", ")}).`);
      modal.values[field.blockId] = { users: people.map((p) => p?.id ?? "") };
    } else if (externalSelects.includes(field.type)) {
      const typed = value.split(/\s*,\s*/).filter(Boolean);
      if (typed.length === 0) throw new Error(`Type part of a name after select ${field.number}.`);
      const picked = [];
      for (const text of typed) picked.push(await this.#suggest(field, text));
      const earlier = field.type === "multi_external_select" ? (modal.values[field.blockId]?.picked ?? []) : [];
      const all = [...earlier, ...picked].filter((p, i, list) => list.findIndex((q) => q.value === p.value) === i);
      modal.values[field.blockId] = { picked: all };
    } else if (field.type === "users_select") {
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
      // A terminal line has no line breaks: \n types one (e.g. one role per line).
      modal.values[field.blockId] = { text: value.replace(/\\n/g, "\n") };
    }
    delete modal.errors[field.blockId];
    this.#say(`  ✎ [${field.number}] ${field.label} = ${showValue(field, modal.values[field.blockId], this.#name)}`);
  }

  /** Takes picked options out of a multi-select: those named (by number in its list, or name), or all. */
  #unselect(args: string): void {
    const [ref = "", ...rest] = args.split(/\s+/);
    const field = this.#field(ref);
    const modal = this.#modal as OpenModal;
    const current = modal.values[field.blockId] ?? {};
    const chosen: { value: string; label: string }[] =
      current.picked ??
      (current.values ?? []).map((value) => ({
        value,
        label: field.options.find((o) => o.value === value)?.label ?? value,
      }));
    if (!["multi_external_select", "multi_static_select", "checkboxes"].includes(field.type))
      throw new Error(
        `Field ${field.number} is not a multi-select: select ${field.number} <option> replaces its choice.`,
      );
    const named = rest
      .join(" ")
      .split(/\s*,\s*/)
      .filter(Boolean);
    const removed = (entry: { value: string; label: string }, index: number) =>
      named.length === 0 ||
      named.some((name) =>
        /^\d+$/.test(name)
          ? Number(name) === index + 1
          : entry.label.toLowerCase().startsWith(name.toLowerCase()) || entry.value === name,
      );
    const kept = chosen.filter((entry, index) => !removed(entry, index));
    if (kept.length === chosen.length && chosen.length > 0)
      throw new Error(
        `Field ${field.number} has none of those: ${chosen.map((c, i) => `${i + 1}) ${c.label}`).join("  ")}`,
      );
    modal.values[field.blockId] = current.picked ? { picked: kept } : { values: kept.map((entry) => entry.value) };
    delete modal.errors[field.blockId];
    this.#say(`  ✎ [${field.number}] ${field.label} = ${showValue(field, modal.values[field.blockId], this.#name)}`);
  }

  /**
   * Asks the app for an external select's options as Slack does while someone types (a
   * block_suggestion request), and picks the first; the others are shown, to type more if needed.
   */
  async #suggest(field: ModalField, typed: string): Promise<{ value: string; label: string }> {
    const modal = this.#modal as OpenModal;
    const payload = blockSuggestionPayload({
      userId: this.#me.id,
      actionId: field.actionId,
      blockId: field.blockId,
      value: typed,
      view: { id: modal.viewId, type: "modal", ...modal.view },
    });
    const reply = await postSigned(this.url, interactionBody(payload), "application/x-www-form-urlencoded", {
      secret: this.secret,
    });
    const answer = z
      .object({ options: z.array(z.object({ text: z.object({ text: z.string() }), value: z.string() })) })
      .safeParse(reply.json);
    const options = answer.success ? answer.data.options : [];
    const [first, ...others] = options;
    if (!first) throw new Error(`The app suggests nothing for “${typed}”.`);
    if (others.length > 0)
      this.#say(
        `  “${typed}” also matches: ${others
          .slice(0, 5)
          .map((o) => o.text.text)
          .join(
            ", ",
          )}${others.length > 5 ? ` and ${others.length - 5} more` : ""} (type more of the name to pick another)`,
      );
    return { value: first.value, label: first.text.text };
  }

  #cancel(): void {
    if (!this.#modal) throw new Error("No form is open.");
    this.#modal = undefined;
    this.#say("Form closed without saving.");
  }

  #showModal(): void {
    const modal = this.#modal;
    if (!modal) throw new Error("No form is open.");
    const ctx: RenderContext = { names: this.#name, buttons: [] };
    this.#say(...renderModal(modal.view, modal.values, modal.errors, ctx));
    this.#keepButtons(this.#me.id, ctx.buttons, modal.view.title?.text ?? "form", {
      kind: "view",
      viewId: modal.viewId,
      viewType: "modal",
    });
  }

  /** Shows a modal view with the values its fields start with. */
  #openModal(viewId: string, view: OpenModal["view"]): void {
    const values: Record<string, FieldValue> = {};
    for (const block of view.blocks ?? []) {
      const start = initialValue(block);
      if (start && block.block_id) values[block.block_id] = start;
    }
    this.#modal = { viewId, view, values, errors: {} };
    this.#showModal();
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
      else if (field.type === "multi_users_select") state = { type: field.type, selected_users: v?.users ?? [] };
      else if (field.type === "external_select")
        state = { type: field.type, selected_option: v?.picked?.[0] ? pickedOption(v.picked[0]) : null };
      else if (field.type === "multi_external_select")
        state = { type: field.type, selected_options: (v?.picked ?? []).map(pickedOption) };
      else if (field.type === "static_select" || field.type === "radio_buttons")
        state = { type: field.type, selected_option: v?.values?.[0] ? option(v.values[0]) : null };
      else if (field.type === "multi_static_select" || field.type === "checkboxes")
        state = { type: field.type, selected_options: (v?.values ?? []).map(option) };
      // Pickers send what was picked under their own key, as Slack does.
      else if (field.type === "datepicker") state = { type: field.type, selected_date: v?.text || null };
      else if (field.type === "timepicker") state = { type: field.type, selected_time: v?.text || null };
      else if (field.type === "conversations_select")
        state = { type: field.type, selected_conversation: v?.text || null };
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
    const ack = reply.json as
      | { response_action?: string; errors?: Record<string, string>; view?: OpenModal["view"] }
      | undefined;
    if (ack?.response_action === "errors") {
      modal.errors = ack.errors ?? {};
      this.#say("Slack shows these errors in the form (what you typed is kept):");
      this.#showModal();
      await this.#drain();
      return;
    }
    if (ack?.response_action === "update" && ack.view) {
      // The app answered with the form's next step: Slack shows the new view in the same modal.
      this.#openModal(modal.viewId, ack.view);
      await this.#drain();
      return;
    }
    this.#modal = undefined;
    this.#say("✓ Form submitted and closed.");
    await this.#drain();
  }

  /**
   * Gives `owner` the buttons of an output. The first output of a command that has buttons for
   * someone replaces theirs; later outputs of the same command number on, so `click n` reaches any.
   */
  #keepButtons(owner: string, shown: Clickable[], shownIn: string, container: Container): void {
    const earlier = this.#shownThisTurn.has(owner) ? (this.#buttons.get(owner) ?? []) : [];
    const added = shown.slice(earlier.length);
    if (added.length === 0) return;
    this.#buttons.set(owner, [...earlier, ...added.map((b) => ({ ...b, container, shownIn }))]);
    this.#shownThisTurn.add(owner);
  }

  /** Numbers an output's buttons on from the ones its owner was shown earlier in this command. */
  #renderContext(owner: string): RenderContext {
    const earlier = this.#shownThisTurn.has(owner) ? (this.#buttons.get(owner) ?? []) : [];
    return { names: this.#name, buttons: [...earlier] };
  }

  #renderMessage(
    owner: string,
    title: string,
    text: string | undefined,
    blocks: Block[] | undefined,
    container: Container,
  ): void {
    const ctx = this.#renderContext(owner);
    const lines = blocks && blocks.length > 0 ? renderBlocks(blocks, ctx) : [plain(text, this.#name)];
    this.#say(`── ${title} ──`, ...lines);
    this.#keepButtons(owner, ctx.buttons, title, container);
  }

  /** The person a DM channel (D…) belongs to, or the person acting for any other channel. */
  #ownerOf(channel: string): string {
    return channel.startsWith("D") ? `U${channel.slice(1)}` : this.#me.id;
  }

  /**
   * Renders what the app did since the last command, once the app has finished handling it (its
   * listeners and error handler) and the stand-in has gone quiet: posts, replies, forms, App Home,
   * files, and any error the app logged.
   */
  async #drain(): Promise<void> {
    await this.composed.idle();
    await this.standIn.settle(20);
    await this.composed.idle();
    const calls = this.standIn.calls.slice(this.#cursor.calls);
    const responses = this.standIn.responses.slice(this.#cursor.responses);
    this.#cursor = { calls: this.standIn.calls.length, responses: this.standIn.responses.length };
    for (const response of responses) {
      const owner = this.#responseOwners.get(response.path) ?? this.#me.id;
      const body = response.body as { text?: string; blocks?: Block[]; replace_original?: boolean };
      const title = `reply to @${this.#name(owner)}${body.replace_original ? " (replaces the previous one)" : ""}`;
      this.#renderMessage(owner, title, body.text, body.blocks, {
        kind: "message",
        channel: "C0GENERAL1",
        ts: this.#nextTs(),
      });
    }
    for (const call of calls) {
      if (call.failedWith) continue;
      const a = call.args as Record<string, unknown>;
      const result = call.result ?? {};
      switch (call.method) {
        case "chat.postMessage": {
          const channel = String(result.channel ?? a.channel);
          const thread = a.thread_ts ? " · in the thread" : "";
          const where = channel.startsWith("D")
            ? `DM · app → @${this.#name(this.#ownerOf(channel))}${thread}`
            : `#${this.standIn.channels.get(channel)?.name ?? channel}${thread}`;
          this.#renderMessage(this.#ownerOf(channel), where, a.text as string, a.blocks as Block[], {
            kind: "message",
            channel,
            ts: String(result.ts),
          });
          break;
        }
        case "chat.postEphemeral":
          this.#renderMessage(
            String(a.user),
            `only @${this.#name(String(a.user))} sees`,
            a.text as string,
            a.blocks as Block[],
            { kind: "message", channel: String(a.channel), ts: String(result.message_ts) },
          );
          break;
        case "chat.update": {
          const channel = String(result.channel ?? a.channel);
          this.#renderMessage(this.#ownerOf(channel), "message updated", a.text as string, a.blocks as Block[], {
            kind: "message",
            channel,
            ts: String(a.ts),
          });
          break;
        }
        case "views.open":
        case "views.push":
        case "views.update": {
          const view = (result.view ?? {}) as OpenModal["view"] & { id: string };
          this.#openModal(view.id, view);
          break;
        }
        case "views.publish": {
          const view = (result.view ?? {}) as { id: string; blocks?: Block[] };
          const owner = String(a.user_id);
          const title = `App Home · @${this.#name(owner)}`;
          const ctx = this.#renderContext(owner);
          this.#say(`── ${title} ──`, ...renderBlocks(view.blocks ?? [], ctx));
          this.#keepButtons(owner, ctx.buttons, title, { kind: "view", viewId: view.id, viewType: "home" });
          break;
        }
        case "files.completeUploadExternal":
          this.#showFiles(a);
          break;
        case "conversations.invite":
          this.#say(
            `➕ ${String(a.users)
              .split(",")
              .map((id) => `@${this.#name(id)}`)
              .join(", ")} invited to #${this.standIn.channels.get(String(a.channel))?.name ?? String(a.channel)}`,
          );
          break;
      }
    }
    for (const error of this.#appErrors.splice(0)) this.#say(error);
  }

  /** Saves each file the app sent under the files folder and shows where, with its first lines. */
  #showFiles(args: Record<string, unknown>): void {
    const channel = String(args.channel_id ?? "");
    this.#say(`── DM · app → @${this.#name(this.#ownerOf(channel))} ──`);
    if (typeof args.initial_comment === "string") this.#say(plain(args.initial_comment, this.#name));
    for (const file of (args.files as { id: string }[]) ?? []) {
      const upload = this.standIn.uploads.get(file.id);
      if (!upload) continue;
      const saved = this.#save(upload.filename, upload.content);
      const heading = `📎 ${upload.filename} (${upload.content.length} bytes), saved as ${saved}`;
      // Images and other binary files: where they are is what helps; their bytes are not.
      if (!/\.(csv|ics|txt|md|json)$/i.test(upload.filename)) {
        this.#say(heading);
        continue;
      }
      const lines = upload.content.toString("utf8").trimEnd().split("\n");
      this.#say(
        heading,
        ...lines.slice(0, previewLines).map((l) => `   ${l}`),
        ...(lines.length > previewLines ? [`   … ${lines.length - previewLines} more lines`] : []),
      );
    }
  }

  /** Writes a file the app sent; a second file of the same name in one session gets a -2, -3… suffix. */
  #save(filename: string, content: Buffer): string {
    const safe = path.basename(filename).replace(/[^\w.-]+/g, "_") || "file";
    const count = (this.#savedNames.get(safe) ?? 0) + 1;
    this.#savedNames.set(safe, count);
    const extension = path.extname(safe);
    const name = count === 1 ? safe : `${safe.slice(0, safe.length - extension.length)}-${count}${extension}`;
    mkdirSync(this.options.filesFolder, { recursive: true });
    const file = path.join(this.options.filesFolder, name);
    writeFileSync(file, content);
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  }
}

/** A log destination that keeps the app's errors (with their error id) for the transcript. */
/** An option the app suggested, as Slack puts it in a submitted form's state. */
function pickedOption(picked: { value: string; label: string }) {
  return { text: { type: "plain_text", text: picked.label }, value: picked.value };
}

function errorsInto(list: string[]): NodeJS.WritableStream {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split("\n").filter(Boolean)) {
        const line = logLine.safeParse(parseJson(text));
        if (!line.success || line.data.level < pinoErrorLevel) continue;
        const { errorId, msg, err } = line.data;
        // Prisma's messages open with a code frame; their reason is the last line.
        const reason = err?.message?.trim().split("\n").at(-1);
        list.push(
          `⚠ The app logged an error${errorId ? ` (${errorId})` : ""}: ${msg ?? "no message"}${reason ? ` — ${reason}` : ""}`,
        );
      }
      done();
    },
  });
}
