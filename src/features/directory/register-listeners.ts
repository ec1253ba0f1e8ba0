/**
 * Registering, inviting and editing SMEs: `/sme register`, `/sme invite`, `/sme edit`, the buttons
 * that open the same form, and the form's submission (inline errors, duplicates, review).
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { z } from "zod";
import { countries, labelOf } from "../../domain/taxonomy.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import { newErrorId } from "../../platform/slack/errors.js";
import { type AppDeps, type CommandContext, ephemeral } from "../../platform/slack/feature.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { userIdFromMention } from "../../platform/slack/mentions.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { lookUpUser } from "../../platform/slack/users.js";
import { inviteAsSmeMember, otherCompanyOf, reviewersFor, reviewRights } from "../core/index.js";
import { canManageSme, isStaff } from "./access.js";
import { fieldLabelList, type SmeProfile, type SmeRecord, splitEditForReview, validateProfile } from "./profile.js";
import { profileModal, profileModalCallbackId, profileModalMeta, readProfileModal } from "./profile-modal.js";
import { findSmesByName } from "./search-store.js";
import { getSme } from "./sme-loading.js";
import { createSme, findDuplicate, proposeChange, smeOfMember, updateSme } from "./sme-store.js";
import { actionIds, changeReviewRequest, editPicker, invitation, reviewRequest, statusLabels } from "./views.js";

/** Opens the empty form: staff register any SME (listed at once), an SME user its own (reviewed first). */
async function openRegisterForm(
  deps: AppDeps,
  client: WebClient,
  actor: Actor,
  triggerId: string,
  prefillName: string | undefined,
): Promise<string | undefined> {
  if (!isStaff(actor)) {
    const own = await smeOfMember(deps.db, actor.slackUserId);
    if (own) {
      return `Your company *${escapeMrkdwn(own.name)}* is already in the directory (${statusLabels[own.status].toLowerCase()}). Use \`/sme edit\` to change it.`;
    }
  }
  const self = !isStaff(actor);
  // The person's own cluster (an invited SME gets the inviting staff member's) is the likely one.
  const cluster = actor.clusterId
    ? await deps.db.cluster.findUnique({ where: { id: actor.clusterId }, select: { key: true } })
    : null;
  await client.views.open({
    trigger_id: triggerId,
    view: profileModal(
      { mode: "register", self },
      {
        ...(prefillName ? { name: prefillName } : {}),
        ...(self ? { contactSlackUserId: actor.slackUserId } : {}),
        ...(cluster ? { cluster: cluster.key as SmeProfile["cluster"] } : {}),
      },
    ),
  });
  return undefined;
}

async function openEditForm(client: WebClient, actor: Actor, sme: SmeRecord, triggerId: string): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    // An SME sees the change it proposed, so that editing again builds on it.
    view: profileModal(
      { mode: "edit", smeId: sme.id, self: !isStaff(actor) },
      { ...sme, ...(!isStaff(actor) && sme.proposedChange ? sme.proposedChange : {}) },
    ),
  });
}

export async function runRegister({ actor, client, command, respond, deps }: CommandContext): Promise<void> {
  const problem = await openRegisterForm(deps, client, actor, command.trigger_id, undefined);
  if (problem) await respond(ephemeral(problem));
}

export const inviteUsage = "Usage: `/sme invite @user [company name]`";

export async function runInvite({ actor, args, client, respond, deps }: CommandContext): Promise<void> {
  const [who, ...rest] = args.split(/\s+/).filter(Boolean);
  const userId = who ? userIdFromMention(who) : undefined;
  if (!userId) {
    await respond(ephemeral(`${who ? `I could not read \`${who}\` as a person. ` : ""}${inviteUsage}`));
    return;
  }
  const companyName = rest.join(" ").trim() || undefined;
  const user = await lookUpUser(client, userId, deps.logger);
  if (user?.isBot || user?.deleted) {
    await respond(ephemeral(`<@${userId}> is ${user.isBot ? "a bot" : "a deactivated account"}: invite a person.`));
    return;
  }
  const existing = await deps.db.person.findUnique({ where: { slackUserId: userId } });
  if (existing?.smeId) {
    const sme = await getSme(deps.db, existing.smeId);
    await respond(
      ephemeral(`<@${userId}> already speaks for *${sme ? escapeMrkdwn(sme.name) : "a company"}* in the directory.`),
    );
    return;
  }
  // Inviting someone makes them an SME member (unless they already have a role), so they can answer.
  await inviteAsSmeMember(deps.db, {
    userId,
    byUserId: actor.slackUserId,
    clusterId: actor.clusterId,
    profile: { name: user?.name, timeZone: user?.timeZone },
    companyName: companyName ?? null,
    at: deps.clock.now(),
  });
  await client.chat.postMessage({ channel: userId, ...invitation(actor.slackUserId, companyName) });
  await respond(
    ephemeral(
      `:envelope: Invited <@${userId}>${companyName ? ` to register *${escapeMrkdwn(companyName)}*` : ""}. Their profile comes back to the cluster's staff for review.`,
    ),
  );
}

export async function runEdit({ actor, args, client, command, respond, deps }: CommandContext): Promise<void> {
  if (args === "") {
    const own = actor.smeId ? await getSme(deps.db, actor.smeId) : null;
    if (!own) {
      await respond(
        ephemeral(
          isStaff(actor)
            ? "Name the SME to edit: `/sme edit <company name>`."
            : "You have no company profile yet: `/sme register` creates one.",
        ),
      );
      return;
    }
    await openEditForm(client, actor, own, command.trigger_id);
    return;
  }
  if (!isStaff(actor)) {
    await respond(ephemeral("You can edit your own company only: run `/sme edit` without a name."));
    return;
  }
  const ids = await findSmesByName(deps.db, args, ["draft", "pending", "approved", "archived"]);
  const matches = await Promise.all(ids.map((id) => getSme(deps.db, id)));
  const found = matches.filter((sme): sme is SmeRecord => sme !== null);
  const [first] = found;
  if (!first) {
    const typed = escapeMrkdwn(args);
    await respond(ephemeral(`No SME is called “${typed}”. \`/sme find ${typed}\` searches more widely.`));
    return;
  }
  if (found.length === 1) {
    await openEditForm(client, actor, first, command.trigger_id);
    return;
  }
  await respond({ response_type: "ephemeral", ...editPicker(args, found) });
}

const smeIdValue = z.coerce.number().int().positive();

export function registerProfileListeners(app: App, deps: AppDeps): void {
  /** "Register your company" on App Home or in an invitation (which may carry the company's name). */
  const onRegisterClicked = async ({ body, client, context }: ButtonClick): Promise<void> => {
    const prefill = z.object({ name: z.string().max(120) }).safeParse(parseJson(body.actions[0]?.value));
    const problem = await openRegisterForm(
      deps,
      client,
      actorOf(context),
      body.trigger_id,
      prefill.success ? prefill.data.name || undefined : undefined,
    );
    if (problem) await client.chat.postMessage({ channel: body.user.id, text: problem });
  };

  /** "Edit profile", and the buttons of `/sme edit` when a name matches several SMEs: staff edit any, an SME its own. */
  const onEditClicked = async ({ body, client, context }: ButtonClick): Promise<void> => {
    const actor = actorOf(context);
    const id = smeIdValue.safeParse(body.actions[0]?.value);
    const sme = id.success ? await getSme(deps.db, id.data) : null;
    if (!sme || !canManageSme(actor, sme.id)) {
      deps.logger.warn({ user: body.user.id, value: body.actions[0]?.value }, "refused: edit of an SME not theirs");
      await client.chat.postMessage({
        channel: body.user.id,
        text: ":no_entry: You can only edit your own company's profile.",
      });
      return;
    }
    await openEditForm(client, actor, sme, body.trigger_id);
  };

  const onProfileSubmitted = async ({ ack, view, client, context }: FormSubmission): Promise<void> => {
    const actor = actorOf(context);
    const meta = profileModalMeta.safeParse(parseJson(view.private_metadata));
    if (!meta.success) {
      await ack({
        response_action: "errors",
        errors: { name: "This form is out of date: close it and open it again." },
      });
      return;
    }
    const editing = meta.data.mode === "edit" ? await getSme(deps.db, meta.data.smeId ?? 0) : null;
    if (meta.data.mode === "edit" && (!editing || !canManageSme(actor, editing.id))) {
      deps.logger.warn({ user: actor.slackUserId, smeId: meta.data.smeId }, "refused: forged edit submission");
      await ack({ response_action: "errors", errors: { name: "You can only edit your own company's profile." } });
      return;
    }
    if (meta.data.mode === "register" && !isStaff(actor) && (await smeOfMember(deps.db, actor.slackUserId))) {
      await ack({ response_action: "errors", errors: { name: "Your company is already registered: use /sme edit." } });
      return;
    }
    const year = DateTime.fromJSDate(deps.clock.now(), { zone: "utc" }).year;
    const validation = validateProfile(readProfileModal(view.state.values), year);
    if (!validation.ok) {
      await ack({ response_action: "errors", errors: validation.errors });
      return;
    }
    const profile = validation.profile;
    const contactsElsewhere =
      profile.contactSlackUserId && (await otherCompanyOf(deps.db, profile.contactSlackUserId, editing?.id));
    if (contactsElsewhere) {
      await ack({
        response_action: "errors",
        errors: {
          contactSlackUserId: `This person speaks for ${contactsElsewhere.name} in the directory, and a person speaks for one company: pick someone from this company.`,
        },
      });
      return;
    }
    const duplicate = await findDuplicate(deps.db, profile.name, profile.country, editing?.id);
    if (duplicate) {
      await ack({
        response_action: "errors",
        errors: {
          name: `${duplicate.name} (${labelOf(countries, profile.country)}) is already in the directory (${statusLabels[duplicate.status].toLowerCase()}). Open it with /sme show ${duplicate.name}.`,
        },
      });
      return;
    }
    // Store first, then answer: the 200 that closes the form goes out only once the form is saved,
    // so a process that dies right after it loses nothing; DMs to reviewers come after.
    let stored: () => Promise<void>;
    try {
      stored = editing
        ? await saveEdit(deps, client, actor, editing, profile)
        : await saveRegistration(deps, client, actor, profile);
    } catch (error) {
      const errorId = newErrorId();
      deps.logger.error({ err: error, errorId, user: actor.slackUserId }, "could not store a submitted profile");
      await ack({
        response_action: "errors",
        errors: {
          name: `The profile could not be saved just now (error id ${errorId}). Press the button again: your answers are still here.`,
        },
      });
      return;
    }
    await ack();
    await stored();
  };

  app.action<BlockAction<ButtonAction>>(
    actionIds.openRegister,
    guardAction(deps, "directory.register"),
    onRegisterClicked,
  );
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${actionIds.openEdit.replace(".", "\\.")}(\\.\\d+)?$`),
    guardAction(deps, "directory.register"),
    onEditClicked,
  );
  app.view(profileModalCallbackId, guardView(deps, "directory.register"), onProfileSubmitted);
}

/** Writes an edit; returns what to tell people afterwards. */
async function saveEdit(
  deps: AppDeps,
  client: WebClient,
  actor: Actor,
  editing: SmeRecord,
  profile: SmeProfile,
): Promise<() => Promise<void>> {
  if (!isStaff(actor) && editing.status === "approved") return saveListedEdit(deps, client, actor, editing, profile);
  const resubmit = !isStaff(actor) && editing.status === "draft";
  const { record, changed } = await updateSme(deps.db, {
    id: editing.id,
    profile,
    bySlackId: actor.slackUserId,
    at: deps.clock.now(),
    ...(resubmit ? { status: "pending" as const } : {}),
  });
  return async () => {
    const what = changed.length > 0 ? `Changed: ${fieldLabelList(changed)}.` : "Nothing changed.";
    await client.chat.postMessage({
      channel: actor.slackUserId,
      text: `:white_check_mark: Saved *${escapeMrkdwn(record.name)}*. ${what}${resubmit ? " It goes back to cluster staff for review." : ""}`,
    });
    if (resubmit) await askForReview(deps, client, record, actor.slackUserId);
  };
}

/**
 * An SME's edit of its listed profile: a new name, pitch, offer or website waits for staff (the
 * listed version stays what people find); every other field goes live at once.
 */
async function saveListedEdit(
  deps: AppDeps,
  client: WebClient,
  actor: Actor,
  listed: SmeRecord,
  edited: SmeProfile,
): Promise<() => Promise<void>> {
  const { live, proposed, fields } = splitEditForReview(listed, edited, actor.slackUserId);
  const { record, changed } = await updateSme(deps.db, {
    id: listed.id,
    profile: live,
    bySlackId: actor.slackUserId,
    at: deps.clock.now(),
  });
  const before = listed.proposedChange ?? null;
  if (JSON.stringify(before) !== JSON.stringify(proposed)) {
    await proposeChange(deps.db, { id: listed.id, change: proposed, fields, at: deps.clock.now() });
  }
  return async () => {
    const parts = [
      changed.length > 0 ? `Changed now: ${fieldLabelList(changed)}.` : "",
      proposed
        ? `Waiting for review: ${fieldLabelList(fields)}; the listed profile shows the current version until staff approve.`
        : "",
      before && !proposed ? "Your change waiting for review is withdrawn." : "",
    ].filter(Boolean);
    await client.chat.postMessage({
      channel: actor.slackUserId,
      text: `:white_check_mark: Saved *${escapeMrkdwn(record.name)}*. ${parts.length > 0 ? parts.join(" ") : "Nothing changed."}`,
    });
    if (proposed && JSON.stringify(before) !== JSON.stringify(proposed)) {
      const reviewers = await reviewersFor(deps.db, record.cluster, deps.config.admins);
      await sendDirectMessages(client, deps.logger, reviewers, changeReviewRequest(record, proposed));
    }
  };
}

/** Writes a new profile: listed at once when staff register it, reviewed first when an SME does. */
async function saveRegistration(
  deps: AppDeps,
  client: WebClient,
  actor: Actor,
  profile: SmeProfile,
): Promise<() => Promise<void>> {
  const self = !isStaff(actor);
  const record = await createSme(deps.db, {
    profile,
    status: self ? "pending" : "approved",
    bySlackId: actor.slackUserId,
    memberSlackId: self ? actor.slackUserId : undefined,
    now: deps.clock.now(),
  });
  return async () => {
    await client.chat.postMessage({
      channel: actor.slackUserId,
      text: self
        ? `:inbox_tray: Thank you! *${escapeMrkdwn(record.name)}* was sent to cluster staff for review. I'll tell you here when it is listed.`
        : `:white_check_mark: *${escapeMrkdwn(record.name)}* is now listed in the directory.`,
    });
    if (self) await askForReview(deps, client, record, actor.slackUserId);
  };
}

/** Sends the review request to the SME's cluster staff (or every reviewer when it has none). */
async function askForReview(deps: AppDeps, client: WebClient, sme: SmeRecord, submittedBy: string): Promise<void> {
  const { asked, clusterStaff } = await reviewRights(deps.db, sme.cluster, deps.config.admins);
  if (asked.length === 0) {
    deps.logger.warn({ smeId: sme.id }, "nobody can review this SME: give someone the staff role");
    return;
  }
  await sendDirectMessages(client, deps.logger, asked, reviewRequest(sme, submittedBy, clusterStaff.length === 0));
}
