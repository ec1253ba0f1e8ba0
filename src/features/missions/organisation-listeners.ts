/**
 * A mission's local organisations: `/mission orgs <mission> [type:…]` (everyone with a role), and
 * for staff the add/edit form, auto-accept, removal, and the CSV import (a file posted in the app's
 * DM after `/mission orgs import`) and export.
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from "@slack/bolt";
import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { z } from "zod";
import { type CsvRowError, decodeCsvBytes, rowsWithErrors } from "../../domain/csv-files.js";
import { isStaff } from "../../domain/roles.js";
import { matchTerm } from "../../domain/taxonomy.js";
import { countOf, escapeMrkdwn } from "../../domain/text.js";
import { type Actor, authorize } from "../../platform/auth.js";
import { firstDelivery } from "../../platform/db/deliveries.js";
import { parseJson } from "../../platform/json.js";
import { yieldToPendingAcks } from "../../platform/slack/commands.js";
import { newErrorId } from "../../platform/slack/errors.js";
import { type AppDeps, type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import {
  type CsvShare,
  expectedUploadMinutes,
  expectUpload,
  handleCsvUploads,
} from "../../platform/slack/file-uploads.js";
import { downloadSharedFile, FileDownloadError, uploadToDirectMessage } from "../../platform/slack/files.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { type MissionRecord, readOnlyReason } from "./mission.js";
import { lookUpMission } from "./mission-lookup.js";
import { getOrganisation, organisationsOfMission } from "./mission-reads.js";
import { getMission } from "./mission-store.js";
import {
  checkForMission,
  daysOutside,
  missionDays,
  type OrganisationProfile,
  type OrganisationTypeKey,
  organisationTypes,
  validateOrganisation,
} from "./organisation.js";
import {
  checkOrganisationCsv,
  organisationCsvGuide,
  organisationCsvTemplate,
  organisationsToCsv,
} from "./organisation-csv.js";
import {
  addOrganisation,
  editOrganisation,
  findSameOrganisation,
  importOrganisations,
  isInMission,
  liveRequestsTo,
  organisationPage,
  removeFromMission,
  type SaveOutcome,
  setAutoAccept,
  setStandTable,
  standTables,
} from "./organisation-store.js";
import {
  type ListValue,
  listValue,
  organisationActionIds,
  organisationImportReport,
  organisationList,
  organisationModal,
  organisationModalCallbackId,
  organisationModalMeta,
  organisationValue,
  readOrganisationModal,
  readStandTable,
  standFieldId,
} from "./organisation-views.js";

export const organisationPageSize = 10;
/** The purpose a file announced by `/mission orgs import` is routed to. */
const uploadPurpose = "missions.organisations";
const maxFileBytes = 5_000_000;
/** An import of more rows than this shows its progress, updated after each batch. */
const progressAbove = 200;

const usage =
  "Usage: `/mission orgs <mission> [type:buyer]` lists a mission's local organisations; staff also `/mission orgs add|import|export <mission>`.";

/** The mission a person named, or what to tell them. */
async function namedMission(deps: AppDeps, typed: string): Promise<MissionRecord | string> {
  if (!typed) return `Name the mission. ${usage}`;
  const found = await lookUpMission(deps.db, typed);
  return found.mission ?? found.problem;
}

/** `type:buyer` (or `type:"project owner"`) anywhere in the text, taken out of the mission's name. */
function readTypeFilter(args: string): { rest: string; type?: OrganisationTypeKey; problem?: string } {
  const match = /(?:^|\s)type:(?:"([^"]*)"|(\S+))/i.exec(args);
  if (!match) return { rest: args };
  const rest = `${args.slice(0, match.index)} ${args.slice(match.index + match[0].length)}`.trim();
  const typed = match[1] ?? match[2] ?? "";
  const type = matchTerm(organisationTypes, typed);
  if (!type) {
    return {
      rest,
      problem: `“${escapeMrkdwn(typed)}” is not a type of organisation. Use one of: ${organisationTypes.map((t) => `\`type:${t.key}\``).join(", ")}.`,
    };
  }
  return { rest, type };
}

async function listMessage(
  deps: AppDeps,
  mission: MissionRecord,
  actor: Actor,
  value: Omit<ListValue, "m">,
  notice?: string,
): Promise<{ text: string; blocks: KnownBlock[] }> {
  const page = await organisationPage(deps.db, mission.id, {
    type: value.t,
    offset: value.o,
    limit: organisationPageSize,
  });
  // A page emptied by removals shows the last page that has rows.
  if (page.organisations.length === 0 && value.o > 0 && page.total > 0) {
    const last = Math.floor((page.total - 1) / organisationPageSize) * organisationPageSize;
    return listMessage(deps, mission, actor, { ...value, o: last }, notice);
  }
  return organisationList({
    mission,
    standTables: await standTables(deps.db, mission.id),
    type: value.t,
    offset: value.o,
    pageSize: organisationPageSize,
    ...page,
    staff: isStaff(actor),
    notice,
  });
}

/** Staff only: the check for the add, import and export forms of the command. */
async function refusedUnlessStaff(deps: AppDeps, actor: Actor, respond: RespondFn): Promise<boolean> {
  const check = await authorize(deps, actor.slackUserId, "missions.manage");
  if (check.allowed) return false;
  await respond(ephemeral(check.message));
  return true;
}

/** An archived mission's organisations are listed and exported, not changed. */
function archivedProblem(mission: MissionRecord): string | undefined {
  const reason = readOnlyReason(mission);
  return reason && escapeMrkdwn(reason);
}

async function openOrganisationForm(
  deps: AppDeps,
  client: WebClient,
  triggerId: string,
  mission: MissionRecord,
  organisationId?: number,
): Promise<string | undefined> {
  const archived = archivedProblem(mission);
  if (archived) return archived;
  const existing = organisationId ? await getOrganisation(deps.db, organisationId) : undefined;
  if (organisationId && !existing) return "That organisation is no longer known.";
  const stand = existing ? (await standTables(deps.db, mission.id)).get(existing.id) : undefined;
  await client.views.open({
    trigger_id: triggerId,
    view: organisationModal(
      { missionId: mission.id, ...(existing ? { organisationId: existing.id } : {}) },
      mission,
      missionDays(mission),
      existing
        ? {
            ...existing,
            website: existing.website ?? undefined,
            contactName: existing.contactName ?? undefined,
            contactEmail: existing.contactEmail ?? undefined,
          }
        : { country: mission.market, city: mission.city },
      stand ? String(stand) : undefined,
    ),
  });
  return undefined;
}

/** The organisation of the mission whose stand is that table, other than `except`, by name. */
async function standHeldBy(
  db: AppDeps["db"],
  missionId: number,
  table: number | null,
  except: number | undefined,
): Promise<string | undefined> {
  if (table === null) return undefined;
  const holder = [...(await standTables(db, missionId))].find(([id, stand]) => stand === table && id !== except);
  return holder ? (await getOrganisation(db, holder[0]))?.name : undefined;
}

/** Announces the file and explains the columns; the template goes to the DM. */
async function askForImportFile(deps: AppDeps, client: WebClient, actor: Actor, mission: MissionRecord) {
  await expectUpload(deps.db, {
    slackUserId: actor.slackUserId,
    purpose: uploadPurpose,
    target: { missionId: mission.id },
    now: deps.clock.now(),
  });
  await uploadToDirectMessage(client, actor.slackUserId, {
    filename: "ec2i-organisations-template.csv",
    content: organisationCsvTemplate(),
    title: "Organisations import template",
    comment: `Fill this in (one organisation per row) and post it here within ${expectedUploadMinutes} minutes: it goes to *${escapeMrkdwn(mission.name)}*.`,
  });
  return [
    `*Import organisations into ${escapeMrkdwn(mission.name)}*`,
    `Post the CSV file in your direct message with me within ${expectedUploadMinutes} minutes: that file goes to this mission (files you post later go to the SME directory's import as usual). I check every row first and write nothing until the whole file is valid, or until you choose to import only the valid rows. An organisation already known by the same name and country is updated and linked, not added twice.`,
    "I've put a template in our DM. Columns (lists separated by semicolons):",
    organisationCsvGuide(),
  ].join("\n");
}

async function exportOrganisations(deps: AppDeps, client: WebClient, actor: Actor, mission: MissionRecord) {
  const organisations = await organisationsOfMission(deps.db, mission.id);
  if (organisations.length === 0) return `*${escapeMrkdwn(mission.name)}* has no organisations yet: nothing to export.`;
  const day = DateTime.fromJSDate(deps.clock.now(), { zone: "utc" }).toISODate();
  const slug =
    mission.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "mission";
  await uploadToDirectMessage(client, actor.slackUserId, {
    filename: `ec2i-organisations-${slug}-${day}.csv`,
    content: organisationsToCsv(organisations),
    title: `Organisations of ${mission.name}`,
    comment: `${countOf(organisations.length, "organisation")} of *${escapeMrkdwn(mission.name)}*. Same columns as /mission orgs import.`,
  });
  return `:outbox_tray: Sent ${countOf(organisations.length, "organisation")} of *${escapeMrkdwn(mission.name)}* as CSV to our direct message.`;
}

async function runOrganisations({ actor, args, client, command, respond, deps }: CommandContext): Promise<void> {
  const [first = "", ...others] = args.split(/\s+/);
  const operation = ["add", "import", "export"].find((op) => op === first.toLowerCase());
  if (operation) {
    if (await refusedUnlessStaff(deps, actor, respond)) return;
    const mission = await namedMission(deps, others.join(" ").trim());
    if (typeof mission === "string") {
      await respond(ephemeral(mission));
      return;
    }
    if (operation === "export") {
      await respond(ephemeral(await exportOrganisations(deps, client, actor, mission)));
      return;
    }
    const archived = archivedProblem(mission);
    if (archived) {
      await respond(ephemeral(archived));
      return;
    }
    if (operation === "add") {
      const problem = await openOrganisationForm(deps, client, command.trigger_id, mission);
      if (problem) await respond(ephemeral(problem));
      return;
    }
    await respond(ephemeral(await askForImportFile(deps, client, actor, mission)));
    return;
  }
  const filter = readTypeFilter(args);
  if (filter.problem) {
    await respond(ephemeral(filter.problem));
    return;
  }
  const mission = await namedMission(deps, filter.rest);
  if (typeof mission === "string") {
    await respond(ephemeral(mission));
    return;
  }
  await respond({ response_type: "ephemeral", ...(await listMessage(deps, mission, actor, { t: filter.type, o: 0 })) });
}

export const organisationSubcommands: readonly Subcommand[] = [
  {
    name: "orgs",
    aliases: ["organisations", "organizations"],
    usage: "<mission> [type:buyer] | add|import|export <mission>",
    description: "A mission's local organisations; staff add, import and export them",
    permission: "missions.read",
    run: runOrganisations,
  },
];

/** The organisations' CSV for one mission: the shared check, then what makes a row wrong for this mission. */
async function checkFileForMission(
  deps: AppDeps,
  client: WebClient,
  input: { fileId: string; postedBy: string; mission: MissionRecord },
) {
  const { file, content } = await downloadSharedFile(client, deps.config.slack.botToken ?? "", input.fileId, {
    maxBytes: maxFileBytes,
    postedBy: input.postedBy,
  });
  const check = await checkOrganisationCsv(decodeCsvBytes(content), yieldToPendingAcks);
  const valid: { line: number; organisation: OrganisationProfile }[] = [];
  const wrongHere: CsvRowError[] = [];
  for (const row of check.valid) {
    const problems = Object.entries(checkForMission(row.organisation, input.mission));
    if (problems.length === 0) valid.push(row);
    for (const [column, message] of problems) wrongHere.push({ line: row.line, column, message });
  }
  const errors = [...check.errors, ...wrongHere].sort((a, b) => a.line - b.line);
  return { name: file.name, valid, errors, fileProblem: check.fileProblem };
}

type ProgressMessage = { channel: string; ts: string };

/** Writes the rows; more than `progressAbove` of them show their progress in `progress`'s message. */
async function importIntoMission(
  deps: AppDeps,
  client: WebClient,
  input: {
    mission: MissionRecord;
    organisations: OrganisationProfile[];
    bySlackId: string;
    fileName: string;
    progress: () => Promise<ProgressMessage | null>;
  },
): Promise<{ text: string; progressMessage: ProgressMessage | null }> {
  const total = input.organisations.length;
  const progressMessage = total > progressAbove ? await input.progress() : null;
  let updates: Promise<unknown> = Promise.resolve();
  const counts = await importOrganisations(
    deps.db,
    { missionId: input.mission.id, profiles: input.organisations, bySlackId: input.bySlackId, at: deps.clock.now() },
    {
      pause: yieldToPendingAcks,
      onProgress: (written) => {
        if (!progressMessage || written === total) return;
        const text = `:hourglass_flowing_sand: Importing *${escapeMrkdwn(input.fileName)}*: ${written.toLocaleString("en")} of ${total.toLocaleString("en")} organisations written…`;
        updates = updates
          .then(() => client.chat.update({ ...progressMessage, text, blocks: [] }))
          .catch((error: unknown) => deps.logger.warn({ err: error }, "could not update the import progress"));
      },
    },
  );
  await updates;
  return { text: importedText(counts, input.fileName, input.mission), progressMessage };
}

function importedText(counts: Record<SaveOutcome, number>, fileName: string, mission: MissionRecord): string {
  const total = counts.created + counts.linked + counts.updated;
  const parts = [
    counts.created > 0 ? `${counts.created} new` : "",
    counts.linked > 0 ? `${counts.linked} already known from other missions, linked` : "",
    counts.updated > 0 ? `${counts.updated} already in this mission, updated` : "",
  ].filter(Boolean);
  return `:white_check_mark: Imported ${countOf(total, "organisation")} from *${escapeMrkdwn(fileName)}* into *${escapeMrkdwn(mission.name)}* (${parts.join("; ")}).`;
}

const uploadTarget = z.object({ missionId: z.number().int().positive() });

/** A CSV posted after `/mission orgs import <mission>`: checked whole, then imported or reported. */
async function onOrganisationFile({ share, client }: { share: CsvShare; client: WebClient }, deps: AppDeps) {
  const { channel, user } = share;
  const check = await authorize(deps, user, "missions.manage");
  if (!check.allowed) {
    await client.chat.postMessage({ channel, text: check.message });
    return;
  }
  const target = uploadTarget.safeParse(share.target);
  const mission = target.success ? await getMission(deps.db, target.data.missionId) : undefined;
  if (!mission || mission.archivedAt) {
    await client.chat.postMessage({
      channel,
      text: ":warning: The mission this file was meant for is archived or gone. Nothing was written.",
    });
    return;
  }
  for (const shared of share.csvFiles) {
    try {
      const result = await checkFileForMission(deps, client, { fileId: shared.id, postedBy: user, mission });
      const name = escapeMrkdwn(result.name);
      if (result.fileProblem) {
        await client.chat.postMessage({
          channel,
          text: `:warning: *${name}*: ${result.fileProblem}\nNothing was written.`,
        });
      } else if (result.valid.length === 0 && result.errors.length === 0) {
        await client.chat.postMessage({ channel, text: `*${name}* has no rows under its header: nothing to import.` });
      } else if (result.errors.length === 0) {
        const { text, progressMessage } = await importIntoMission(deps, client, {
          mission,
          organisations: result.valid.map((row) => row.organisation),
          bySlackId: user,
          fileName: result.name,
          progress: async () => {
            const posted = await client.chat.postMessage({
              channel,
              text: `:hourglass_flowing_sand: Importing *${name}*: ${result.valid.length.toLocaleString("en")} organisations, every row valid…`,
            });
            return posted.ts ? { channel: posted.channel ?? channel, ts: posted.ts } : null;
          },
        });
        if (progressMessage) await client.chat.update({ ...progressMessage, text });
        else await client.chat.postMessage({ channel, text });
      } else {
        await client.chat.postMessage({
          channel,
          ...organisationImportReport(
            result.name,
            { fileId: shared.id, missionId: mission.id, missionName: mission.name },
            result,
          ),
        });
      }
    } catch (error) {
      if (!(error instanceof FileDownloadError)) throw error;
      await client.chat.postMessage({ channel, text: `:warning: ${error.message} Nothing was written.` });
    }
  }
}

const importValue = z.object({ file: z.string().regex(/^F[A-Z0-9]+$/), m: z.number().int().positive() });
const missionValue = z.object({ m: z.number().int().positive() });
const autoAcceptValue = organisationValue.extend({ on: z.boolean() });

/** The mission a button names, if it still exists; refuses in place otherwise. */
async function missionOfButton(deps: AppDeps, id: number, respond: RespondFn): Promise<MissionRecord | undefined> {
  const mission = await getMission(deps.db, id);
  if (!mission) await respond({ replace_original: false, text: "That mission no longer exists." });
  return mission;
}

export function registerOrganisationListeners(app: App, deps: AppDeps): void {
  handleCsvUploads(app, deps, uploadPurpose, (input) => onOrganisationFile(input, deps));

  const reader = guardAction(deps, "missions.read");
  const manager = guardAction(deps, "missions.manage");

  const onPageClicked = async ({ body, context, respond }: ButtonClick) => {
    const value = listValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await missionOfButton(deps, value.data.m, respond) : undefined;
    if (!value.success || !mission) return;
    await respond({
      response_type: "ephemeral",
      replace_original: true,
      ...(await listMessage(deps, mission, actorOf(context), value.data)),
    });
  };

  const onFilterChosen = async ({
    body,
    context,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs) => {
    const action = body.actions[0];
    const missionId = Number(/^missions\.orgs\.tools\.(\d+)$/.exec(action?.block_id ?? "")?.[1]);
    const mission = Number.isInteger(missionId) ? await missionOfButton(deps, missionId, respond) : undefined;
    if (!mission) return;
    const type = organisationTypes.find((t) => t.key === action?.selected_option.value)?.key;
    await respond({
      response_type: "ephemeral",
      replace_original: true,
      ...(await listMessage(deps, mission, actorOf(context), { t: type, o: 0 })),
    });
  };

  const onAddClicked = async ({ body, client, respond }: ButtonClick) => {
    const value = missionValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await missionOfButton(deps, value.data.m, respond) : undefined;
    if (!mission) return;
    const problem = await openOrganisationForm(deps, client, body.trigger_id, mission);
    if (problem) await respond({ replace_original: false, text: problem });
  };

  const onImportClicked = async ({ body, client, context, respond }: ButtonClick) => {
    const value = missionValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await missionOfButton(deps, value.data.m, respond) : undefined;
    if (!mission) return;
    const archived = archivedProblem(mission);
    const text = archived ?? (await askForImportFile(deps, client, actorOf(context), mission));
    await respond({ response_type: "ephemeral", replace_original: false, text });
  };

  const onExportClicked = async ({ body, client, context, respond }: ButtonClick) => {
    const value = missionValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await missionOfButton(deps, value.data.m, respond) : undefined;
    if (!mission) return;
    const text = await exportOrganisations(deps, client, actorOf(context), mission);
    await respond({ response_type: "ephemeral", replace_original: false, text });
  };

  /** The organisation and mission a per-organisation button names, if the organisation is in the mission. */
  const organisationOfButton = async (value: unknown, respond: RespondFn) => {
    const parsed = organisationValue.safeParse(value);
    const mission = parsed.success ? await missionOfButton(deps, parsed.data.m, respond) : undefined;
    if (!parsed.success || !mission) return undefined;
    const organisation = await getOrganisation(deps.db, parsed.data.org);
    if (!organisation || !(await isInMission(deps.db, mission.id, organisation.id))) {
      await respond({ replace_original: false, text: "That organisation is no longer in this mission." });
      return undefined;
    }
    return { mission, organisation, list: { t: parsed.data.t, o: parsed.data.o } };
  };

  const onEditClicked = async ({ body, client, respond }: ButtonClick) => {
    const found = await organisationOfButton(parseJson(body.actions[0]?.value), respond);
    if (!found) return;
    const problem = await openOrganisationForm(deps, client, body.trigger_id, found.mission, found.organisation.id);
    if (problem) await respond({ replace_original: false, text: problem });
  };

  const onAutoAcceptClicked = async ({ body, context, respond }: ButtonClick) => {
    const value = parseJson(body.actions[0]?.value);
    const on = autoAcceptValue.safeParse(value);
    const found = on.success ? await organisationOfButton(value, respond) : undefined;
    if (!on.success || !found) return;
    const actor = actorOf(context);
    const updated = await setAutoAccept(deps.db, {
      id: found.organisation.id,
      on: on.data.on,
      bySlackId: actor.slackUserId,
      at: deps.clock.now(),
      missionId: found.mission.id,
    });
    const notice = updated.autoAccept
      ? `:white_check_mark: *${escapeMrkdwn(updated.name)}* now accepts meeting requests without a click.`
      : `:white_check_mark: Requests to *${escapeMrkdwn(updated.name)}* now wait for staff to accept or decline them.`;
    await respond({
      response_type: "ephemeral",
      replace_original: true,
      ...(await listMessage(deps, found.mission, actor, found.list, notice)),
    });
  };

  const onRemoveClicked = async ({ body, context, respond }: ButtonClick) => {
    const found = await organisationOfButton(parseJson(body.actions[0]?.value), respond);
    if (!found) return;
    const { mission, organisation } = found;
    const live = await liveRequestsTo(deps.db, mission.id, organisation.id);
    if (live > 0) {
      await respond({
        replace_original: false,
        text: `:warning: ${countOf(live, "meeting request")} of *${escapeMrkdwn(mission.name)}* to *${escapeMrkdwn(organisation.name)}* ${live === 1 ? "is" : "are"} waiting or accepted: decline ${live === 1 ? "it" : "them"} first, so the SMEs are told. Nothing was removed.`,
      });
      return;
    }
    const actor = actorOf(context);
    await removeFromMission(deps.db, {
      missionId: mission.id,
      organisationId: organisation.id,
      bySlackId: actor.slackUserId,
      at: deps.clock.now(),
    });
    const notice = `:white_check_mark: Removed *${escapeMrkdwn(organisation.name)}* from *${escapeMrkdwn(mission.name)}*. It stays known for other missions.`;
    await respond({
      response_type: "ephemeral",
      replace_original: true,
      ...(await listMessage(deps, mission, actor, found.list, notice)),
    });
  };

  const onImportValidRowsClicked = async ({ body, client, respond }: ButtonClick) => {
    const value = importValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await missionOfButton(deps, value.data.m, respond) : undefined;
    if (!value.success || !mission) return;
    const archived = archivedProblem(mission);
    if (archived) {
      await respond({ replace_original: false, text: archived });
      return;
    }
    let result: Awaited<ReturnType<typeof checkFileForMission>>;
    try {
      // Checked again: the mission's organisations may have changed since the report.
      result = await checkFileForMission(deps, client, { fileId: value.data.file, postedBy: body.user.id, mission });
    } catch (error) {
      if (!(error instanceof FileDownloadError)) throw error;
      await respond({ replace_original: false, text: `:warning: ${error.message} Nothing was written.` });
      return;
    }
    if (!(await firstDelivery(deps.db, `org-import-valid:${mission.id}:${value.data.file}`))) {
      await respond({ replace_original: false, text: "These rows were imported already." });
      return;
    }
    const reportMessage =
      body.channel?.id && body.message?.ts ? { channel: body.channel.id, ts: body.message.ts } : null;
    const { text } = await importIntoMission(deps, client, {
      mission,
      organisations: result.valid.map((row) => row.organisation),
      bySlackId: body.user.id,
      fileName: result.name,
      progress: async () => reportMessage,
    });
    await respond({
      replace_original: true,
      text: `${text} Skipped ${countOf(rowsWithErrors(result), "row")} with errors.`,
    });
  };

  const onCancelImportClicked = async ({ respond }: ButtonClick) => {
    await respond({ replace_original: true, text: "Import cancelled: nothing was written." });
  };

  const onFormSubmitted = async ({ ack, view, client, context }: FormSubmission) => {
    const actor = actorOf(context);
    const meta = organisationModalMeta.safeParse(parseJson(view.private_metadata));
    const mission = meta.success ? await getMission(deps.db, meta.data.missionId) : undefined;
    if (!meta.success || !mission || mission.archivedAt) {
      await ack({ response_action: "errors", errors: { name: "This mission is archived or gone: close the form." } });
      return;
    }
    const editing = meta.data.organisationId ? await getOrganisation(deps.db, meta.data.organisationId) : undefined;
    if (meta.data.organisationId && (!editing || !(await isInMission(deps.db, mission.id, editing.id)))) {
      await ack({ response_action: "errors", errors: { name: "This organisation is no longer in the mission." } });
      return;
    }
    const validation = validateOrganisation(readOrganisationModal(view.state.values));
    if (!validation.ok) {
      await ack({ response_action: "errors", errors: validation.errors });
      return;
    }
    const wrongHere = checkForMission(validation.organisation, mission);
    if (Object.keys(wrongHere).length > 0) {
      await ack({ response_action: "errors", errors: wrongHere });
      return;
    }
    const stand = readStandTable(view.state.values);
    if ("error" in stand) {
      await ack({ response_action: "errors", errors: { [standFieldId]: stand.error } });
      return;
    }
    const standHolder = await standHeldBy(deps.db, mission.id, stand.table, editing?.id);
    if (standHolder) {
      await ack({
        response_action: "errors",
        errors: {
          [standFieldId]: `Table ${stand.table} is already the stand of ${standHolder}: choose another number.`,
        },
      });
      return;
    }
    // The form shows this mission's days only: days of other missions the organisation gave are kept.
    const otherDays =
      editing && validation.organisation.available.length > 0 ? daysOutside(editing.available, mission) : [];
    const profile = {
      ...validation.organisation,
      available: [...new Set([...validation.organisation.available, ...otherDays])].sort(),
    };
    if (editing) {
      const other = await findSameOrganisation(deps.db, profile, editing.id);
      if (other) {
        await ack({
          response_action: "errors",
          errors: {
            name: `${other.name} (${other.country}) is another organisation already known: give this one a different name, or edit that one.`,
          },
        });
        return;
      }
    }
    let text: string;
    try {
      // Stored before the ack that closes the form: a process that dies after it loses nothing.
      if (editing) {
        const saved = await editOrganisation(deps.db, {
          id: editing.id,
          profile,
          bySlackId: actor.slackUserId,
          at: deps.clock.now(),
          missionId: mission.id,
        });
        text = `:white_check_mark: Saved *${escapeMrkdwn(saved.name)}*.`;
        await setStandTable(deps.db, {
          missionId: mission.id,
          organisationId: saved.id,
          table: stand.table,
          bySlackId: actor.slackUserId,
          at: deps.clock.now(),
        });
      } else {
        const { record, outcome } = await addOrganisation(deps.db, {
          missionId: mission.id,
          profile,
          bySlackId: actor.slackUserId,
          at: deps.clock.now(),
        });
        text = addedText(record.name, mission.name, outcome);
        await setStandTable(deps.db, {
          missionId: mission.id,
          organisationId: record.id,
          table: stand.table,
          bySlackId: actor.slackUserId,
          at: deps.clock.now(),
        });
      }
      if (stand.table) text += ` Their meetings are held at their stand, table ${stand.table}.`;
    } catch (error) {
      const errorId = newErrorId();
      deps.logger.error({ err: error, errorId, user: actor.slackUserId }, "could not store a submitted organisation");
      await ack({
        response_action: "errors",
        errors: {
          name: `The organisation could not be saved just now (error id ${errorId}). Press Save again: what you typed is still here.`,
        },
      });
      return;
    }
    await ack();
    await client.chat.postMessage({ channel: actor.slackUserId, text });
  };

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${organisationActionIds.page.replaceAll(".", "\\.")}\\.`),
    reader,
    onPageClicked,
  );
  app.action<BlockAction<StaticSelectAction>>(organisationActionIds.filter, reader, onFilterChosen);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.add, manager, onAddClicked);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.importFile, manager, onImportClicked);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.exportFile, manager, onExportClicked);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.edit, manager, onEditClicked);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.autoAccept, manager, onAutoAcceptClicked);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.remove, manager, onRemoveClicked);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.importValidRows, manager, onImportValidRowsClicked);
  app.action<BlockAction<ButtonAction>>(organisationActionIds.cancelImport, manager, onCancelImportClicked);
  app.view(organisationModalCallbackId, guardView(deps, "missions.manage"), onFormSubmitted);
}

function addedText(name: string, missionName: string, outcome: SaveOutcome): string {
  const org = `*${escapeMrkdwn(name)}*`;
  const mission = `*${escapeMrkdwn(missionName)}*`;
  if (outcome === "created") return `:white_check_mark: Added ${org} to ${mission}.`;
  if (outcome === "linked")
    return `:link: ${org} was already known from another mission: linked it to ${mission} (not added twice) and updated its details with what you entered.`;
  return `:white_check_mark: ${org} is already in ${mission}: updated its details with what you entered.`;
}
