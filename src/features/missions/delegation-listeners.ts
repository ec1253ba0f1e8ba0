/**
 * The delegation in Slack: `/mission add | join | travellers | delegation`, the join request's
 * Approve / Decline, Remove and Withdraw, the two forms and the SME picker's search.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import { type Actor, authorize } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import type { Logger } from "../../platform/logger.js";
import { type AppDeps, type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { sendDirectMessages } from "../../platform/slack/notify.js";
import { peopleOfSme, reviewRights } from "../core/index.js";
import { findSmesByName, getSme, getSmes, type SmeRecord } from "../directory/index.js";
import { closedForDelegation, joinRefusal, marketWarning, splitForCompany, travellersSchema } from "./delegation.js";
import {
  addToDelegation,
  decideJoinRequest,
  delegationOf,
  leaveDelegation,
  participantOf,
  requestToJoin,
  setTravellers,
} from "./delegation-store.js";
import {
  addedSummary,
  addSmesCallbackId,
  addSmesModal,
  alreadyDecidedText,
  delegationActionIds,
  delegationMessage,
  invitationText,
  joinAskedText,
  joinDecidedText,
  joinOutcomeText,
  joinRequestMessage,
  promotedText,
  removedText,
  smeOption,
  smePickerBlockId,
  travellersBlockId,
  travellersCallbackId,
  travellersModal,
  withdrawnText,
} from "./delegation-views.js";
import type { MissionRecord } from "./mission.js";
import { lookUpMission } from "./mission-lookup.js";
import { findMission, getMission } from "./mission-store.js";

const missionRef = z.object({ missionId: z.number().int().positive() });
const smeRef = missionRef.extend({ smeId: z.number().int().positive() });
const pageRef = missionRef.extend({ page: z.number().int().min(0) });

/** The mission a command names, or undefined after telling the person why there is none. */
async function missionNamed(
  deps: AppDeps,
  name: string,
  usage: string,
  respond: RespondFn,
): Promise<MissionRecord | undefined> {
  if (!name) {
    await respond(ephemeral(`Usage: \`${usage}\``));
    return undefined;
  }
  const found = await lookUpMission(deps.db, name);
  if (found.problem !== undefined) await respond(ephemeral(found.problem));
  return found.mission;
}

/**
 * Invites people to the mission's channel, one at a time so one who is already there (or cannot be
 * invited) does not keep the others out. Failures are logged: the delegation stands without it.
 */
export async function inviteToMissionChannel(
  client: WebClient,
  logger: Logger,
  channelId: string | null,
  userIds: readonly string[],
): Promise<void> {
  if (!channelId) return;
  for (const user of new Set(userIds)) {
    try {
      await client.conversations.invite({ channel: channelId, users: user });
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code !== "already_in_channel")
        logger.warn({ err: error, channel: channelId, user }, "could not invite a traveller to the mission channel");
    }
  }
}

/** Tells everyone who speaks for an SME, by DM. */
async function tellSme(deps: AppDeps, client: WebClient, sme: SmeRecord, text: string): Promise<void> {
  await sendDirectMessages(client, deps.logger, await peopleOfSme(deps.db, sme), { text });
}

async function inviteTravellersOf(deps: AppDeps, client: WebClient, mission: MissionRecord, smeId: number) {
  const participant = await participantOf(deps.db, mission.id, smeId);
  if (participant?.status === "confirmed")
    await inviteToMissionChannel(client, deps.logger, mission.channelId, participant.travellers);
}

async function smesById(deps: AppDeps, ids: readonly number[]): Promise<Map<number, SmeRecord>> {
  return new Map((await getSmes(deps.db, ids)).map((sme) => [sme.id, sme]));
}

async function delegationFor(deps: AppDeps, mission: MissionRecord, actor: Actor, page = 0) {
  const delegation = await delegationOf(deps.db, mission.id);
  const ids = [...delegation.confirmed, ...delegation.waiting, ...delegation.requested].map((p) => p.smeId);
  return delegationMessage(
    mission,
    delegation,
    await smesById(deps, ids),
    { staff: isStaff(actor), smeId: actor.smeId },
    page,
  );
}

// ——— commands ———

async function runDelegation({ args, actor, respond, deps }: CommandContext): Promise<void> {
  const mission = await missionNamed(deps, args, "/mission delegation <mission>", respond);
  if (!mission) return;
  await respond({ response_type: "ephemeral", ...(await delegationFor(deps, mission, actor)) });
}

async function openAddForm(deps: AppDeps, client: WebClient, triggerId: string, mission: MissionRecord) {
  const delegation = await delegationOf(deps.db, mission.id);
  await client.views.open({
    trigger_id: triggerId,
    view: addSmesModal(mission, delegation.confirmed.length, delegation.waiting.length),
  });
}

async function runAdd({ args, respond, client, command, deps }: CommandContext): Promise<void> {
  const mission = await missionNamed(deps, args, "/mission add <mission>", respond);
  if (!mission) return;
  const closed = closedForDelegation(mission);
  if (closed) return void (await respond(ephemeral(closed)));
  await openAddForm(deps, client, command.trigger_id, mission);
}

async function runJoin({ args, actor, respond, client, deps }: CommandContext): Promise<void> {
  if (actor.smeId === null) {
    const text = isStaff(actor)
      ? "Staff add SMEs with `/mission add <mission>`: `/mission join` is for an SME's own people."
      : "You do not speak for a company in the directory yet: register it with `/sme register`, then ask to join.";
    return void (await respond(ephemeral(text)));
  }
  const mission = await missionNamed(deps, args, "/mission join <mission>", respond);
  if (!mission) return;
  const sme = await getSme(deps.db, actor.smeId);
  const refusal =
    closedForDelegation(mission) ?? (sme ? joinRefusal(sme, mission) : "Your company is no longer in the directory.");
  if (refusal || !sme) return void (await respond(ephemeral(refusal ?? "")));
  const request = await requestToJoin(deps.db, {
    missionId: mission.id,
    smeId: sme.id,
    by: actor.slackUserId,
    at: deps.clock.now(),
  });
  if (!request.requested) {
    const where = {
      requested: "has already asked to join: its cluster's staff decide",
      confirmed: "is already in the delegation",
      waiting: "is already on the waiting list",
    }[request.status];
    return void (await respond(ephemeral(`*${escapeMrkdwn(sme.name)}* ${where} of *${escapeMrkdwn(mission.name)}*.`)));
  }
  const { asked } = await reviewRights(deps.db, sme.cluster, deps.config.admins);
  const delegation = await delegationOf(deps.db, mission.id);
  const full = delegation.confirmed.length >= mission.capacity;
  await sendDirectMessages(client, deps.logger, asked, joinRequestMessage(mission, sme, actor.slackUserId, full));
  await respond(ephemeral(joinAskedText(mission, sme, asked.length)));
}

/** The SME whose travellers a person names: their own company, or for staff the one they name. */
async function travellersTarget(
  deps: AppDeps,
  actor: Actor,
  args: string,
  respond: RespondFn,
): Promise<{ mission: MissionRecord; sme: SmeRecord; travellers: string[] } | undefined> {
  const usage = isStaff(actor) ? "/mission travellers <mission> for <company>" : "/mission travellers <mission>";
  const whole = args.trim() ? await findMission(deps.db, args) : { mission: undefined };
  const parts = whole.mission ? { mission: args, company: undefined } : splitForCompany(args);
  const mission = whole.mission ?? (await missionNamed(deps, parts.mission, usage, respond));
  if (!mission) return undefined;
  let smeId = actor.smeId;
  if (isStaff(actor)) {
    const ids = parts.company ? await findSmesByName(deps.db, parts.company, ["approved"], 1) : [];
    if (!parts.company || ids[0] === undefined) {
      await respond(
        ephemeral(
          parts.company
            ? `No SME in the directory is called “${escapeMrkdwn(parts.company)}”.`
            : `Name the company: \`${usage}\`.`,
        ),
      );
      return undefined;
    }
    smeId = ids[0];
  }
  const sme = smeId === null ? null : await getSme(deps.db, smeId);
  if (!sme) {
    await respond(ephemeral("You do not speak for a company in the directory yet: register it with `/sme register`."));
    return undefined;
  }
  const participant = await participantOf(deps.db, mission.id, sme.id);
  if (!participant || !["confirmed", "waiting", "requested"].includes(participant.status)) {
    await respond(
      ephemeral(
        `*${escapeMrkdwn(sme.name)}* is not in the delegation of *${escapeMrkdwn(mission.name)}*${isStaff(actor) ? ": add it with `/mission add`" : `: ask to join with \`/mission join ${escapeMrkdwn(mission.name)}\``}.`,
      ),
    );
    return undefined;
  }
  return { mission, sme, travellers: participant.travellers };
}

async function runTravellers({ args, actor, respond, client, command, deps }: CommandContext): Promise<void> {
  const target = await travellersTarget(deps, actor, args, respond);
  if (!target) return;
  await client.views.open({
    trigger_id: command.trigger_id,
    view: travellersModal(target.mission, target.sme, target.travellers),
  });
}

export const delegationSubcommands: readonly Subcommand[] = [
  {
    name: "delegation",
    usage: "<mission>",
    description: "the SMEs with a place and their travellers, the waiting list, requests to join",
    permission: "missions.read",
    run: runDelegation,
  },
  {
    name: "add",
    usage: "<mission>",
    description: "add SMEs from the directory (beyond the capacity they go on the waiting list)",
    permission: "missions.manage",
    run: runAdd,
  },
  {
    name: "join",
    usage: "<mission>",
    description: "ask for your company to join a mission's delegation (your cluster's staff decide)",
    permission: "missions.join",
    run: runJoin,
  },
  {
    name: "travellers",
    usage: "<mission> [for <company>]",
    description: "name the people who travel for your company (staff: for any SME)",
    permission: "missions.join",
    run: runTravellers,
  },
];

// ——— buttons, forms and the SME search ———

/** Staff decide on their own cluster's SMEs, admins on any (reviewRights, as for profiles). */
async function decisionRefusal(deps: AppDeps, clicker: string, sme: SmeRecord): Promise<string | null> {
  const { reviewers, clusterStaff } = await reviewRights(deps.db, sme.cluster, deps.config.admins);
  if (reviewers.has(clicker)) return null;
  deps.logger.warn(
    { user: clicker, cluster: sme.cluster },
    "refused: join decision outside the staff member's cluster",
  );
  return `:no_entry: *${escapeMrkdwn(sme.name)}* belongs to another cluster: its staff (${clusterStaff.map((id) => `<@${id}>`).join(", ")}) or an admin decide.`;
}

/** A short answer where the person clicked, leaving the message as it was. */
async function answerClick(body: BlockAction, respond: RespondFn, client: WebClient, text: string): Promise<void> {
  if (body.response_url) await respond({ response_type: "ephemeral", replace_original: false, text });
  else await client.chat.postMessage({ channel: body.user.id, text });
}

async function loadRef(deps: AppDeps, value: string | undefined) {
  const ref = smeRef.safeParse(parseJson(value));
  if (!ref.success) return undefined;
  const [mission, sme] = await Promise.all([getMission(deps.db, ref.data.missionId), getSme(deps.db, ref.data.smeId)]);
  return mission && sme ? { mission, sme } : undefined;
}

/**
 * What happens elsewhere when an SME leaves a delegation (the meetings feature cancels its meetings
 * still to come); handed in by features/index.ts, because meetings imports missions.
 */
export type SmeLeftHandler = (
  deps: AppDeps,
  client: WebClient,
  mission: MissionRecord,
  smeId: number,
) => Promise<unknown>;

export function registerDelegationListeners(app: App, deps: AppDeps, whenSmeLeaves?: SmeLeftHandler): void {
  const onDecision =
    (approve: boolean) =>
    async ({ body, client, respond }: ButtonClick): Promise<void> => {
      const found = await loadRef(deps, body.actions[0]?.value);
      if (!found) return answerClick(body, respond, client, "That mission or SME no longer exists.");
      const { mission, sme } = found;
      const refusal = await decisionRefusal(deps, body.user.id, sme);
      if (refusal) return answerClick(body, respond, client, refusal);
      const decision = await decideJoinRequest(deps.db, {
        missionId: mission.id,
        smeId: sme.id,
        approve,
        by: body.user.id,
        at: deps.clock.now(),
      });
      if (!decision.decided) {
        return answerClick(body, respond, client, alreadyDecidedText(sme, decision.status, decision.decidedBySlackId));
      }
      const text = joinDecidedText(mission, sme, decision.outcome, body.user.id);
      // The request's buttons give way to the decision; without a message to replace, the decider gets a DM.
      if (body.response_url) await respond({ replace_original: true, text, blocks: [] });
      else await client.chat.postMessage({ channel: body.user.id, text });
      await tellSme(deps, client, sme, joinOutcomeText(mission, sme, decision.outcome));
      if (decision.outcome.status === "confirmed") await inviteTravellersOf(deps, client, mission, sme.id);
    };

  /** Remove (staff) and Withdraw (the SME's people): the first on the waiting list moves up. */
  const onLeave =
    (removed: boolean) =>
    async ({ body, client, respond, context }: ButtonClick): Promise<void> => {
      const actor = actorOf(context);
      const found = await loadRef(deps, body.actions[0]?.value);
      if (!found) return answerClick(body, respond, client, "That mission or SME no longer exists.");
      const { mission, sme } = found;
      if (!removed && !isStaff(actor) && actor.smeId !== sme.id) {
        deps.logger.warn({ user: actor.slackUserId, smeId: sme.id }, "refused: withdraw for another company");
        return answerClick(body, respond, client, ":no_entry: You can withdraw only your own company.");
      }
      const departure = await leaveDelegation(deps.db, {
        missionId: mission.id,
        smeId: sme.id,
        by: actor.slackUserId,
        removed,
        at: deps.clock.now(),
      });
      if (!departure.left) {
        return answerClick(
          body,
          respond,
          client,
          `*${escapeMrkdwn(sme.name)}* is no longer in *${escapeMrkdwn(mission.name)}*.`,
        );
      }
      await whenSmeLeaves?.(deps, client, mission, sme.id);
      const promoted = departure.promoted === undefined ? null : await getSme(deps.db, departure.promoted);
      if (body.response_url) {
        await respond({ replace_original: true, ...(await delegationFor(deps, mission, actor)) });
      }
      const summary = withdrawnText(mission, sme, actor.slackUserId, promoted ?? undefined);
      await answerClick(body, respond, client, summary);
      if (removed) await tellSme(deps, client, sme, removedText(mission, sme, actor.slackUserId));
      else {
        await tellSme(deps, client, sme, summary);
        const { asked } = await reviewRights(deps.db, sme.cluster, deps.config.admins);
        await sendDirectMessages(client, deps.logger, asked, { text: summary });
      }
      if (promoted) {
        await tellSme(deps, client, promoted, promotedText(mission, promoted));
        await inviteTravellersOf(deps, client, mission, promoted.id);
      }
    };

  const onOpenAdd = async ({ body, client, respond }: ButtonClick): Promise<void> => {
    const ref = missionRef.safeParse(parseJson(body.actions[0]?.value));
    const mission = ref.success ? await getMission(deps.db, ref.data.missionId) : undefined;
    if (!mission) return answerClick(body, respond, client, "That mission no longer exists.");
    const closed = closedForDelegation(mission);
    if (closed) return answerClick(body, respond, client, closed);
    await openAddForm(deps, client, body.trigger_id, mission);
  };

  const onOpenTravellers = async ({ body, client, respond, context }: ButtonClick): Promise<void> => {
    const actor = actorOf(context);
    const found = await loadRef(deps, body.actions[0]?.value);
    if (!found) return answerClick(body, respond, client, "That mission or SME no longer exists.");
    if (!isStaff(actor) && actor.smeId !== found.sme.id) {
      return answerClick(body, respond, client, ":no_entry: You name the travellers of your own company only.");
    }
    const participant = await participantOf(deps.db, found.mission.id, found.sme.id);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: travellersModal(found.mission, found.sme, participant?.travellers ?? []),
    });
  };

  const onPage = async ({ body, respond, client, context }: ButtonClick): Promise<void> => {
    const ref = pageRef.safeParse(parseJson(body.actions[0]?.value));
    const mission = ref.success ? await getMission(deps.db, ref.data.missionId) : undefined;
    if (!ref.success || !mission) return answerClick(body, respond, client, "That mission no longer exists.");
    await respond({ replace_original: true, ...(await delegationFor(deps, mission, actorOf(context), ref.data.page)) });
  };

  const onAddSubmitted = async ({ ack, body, view, client }: FormSubmission): Promise<void> => {
    const refuse = (message: string) => ack({ response_action: "errors", errors: { [smePickerBlockId]: message } });
    const ref = missionRef.safeParse(parseJson(view.private_metadata));
    const mission = ref.success ? await getMission(deps.db, ref.data.missionId) : undefined;
    if (!mission) return refuse("This mission no longer exists: close the form.");
    if (closedForDelegation(mission)) return refuse("This mission no longer takes SMEs: close the form.");
    const picked = z
      .array(z.object({ value: z.coerce.number().int().positive() }))
      .safeParse(view.state.values[smePickerBlockId]?.[delegationActionIds.smeSearch]?.selected_options ?? []);
    if (!picked.success || picked.data.length === 0) return refuse("Pick at least one SME.");
    const ids = [...new Set(picked.data.map((option) => option.value))];
    const smes = await getSmes(deps.db, ids);
    const unlisted = [
      ...smes.filter((sme) => sme.status !== "approved").map((sme) => sme.name),
      ...(smes.length < ids.length ? ["an SME that no longer exists"] : []),
    ];
    if (unlisted.length > 0) {
      return refuse(
        `Only SMEs listed in the directory can join: ${unlisted.join(", ")} ${unlisted.length === 1 ? "is" : "are"} not. Remove ${unlisted.length === 1 ? "it" : "them"}.`,
      );
    }
    const outcomes = await addToDelegation(deps.db, {
      missionId: mission.id,
      smeIds: ids,
      by: body.user.id,
      at: deps.clock.now(),
    });
    await ack();
    const byId = new Map(smes.map((sme) => [sme.id, sme]));
    const placed = outcomes.flatMap((o) => {
      const sme = byId.get(o.smeId);
      return sme ? [{ sme, outcome: o }] : [];
    });
    const offMarket = placed.filter(
      ({ sme, outcome }) => outcome.status !== "already" && !sme.markets.includes(mission.market),
    );
    await client.chat.postMessage({
      channel: body.user.id,
      text: addedSummary(
        mission,
        placed,
        marketWarning(
          offMarket.map(({ sme }) => sme.name),
          mission.market,
        ),
      ),
    });
    for (const { sme, outcome } of placed) {
      if (outcome.status === "already") continue;
      await tellSme(deps, client, sme, invitationText(mission, sme, outcome, body.user.id));
      if (outcome.status === "confirmed") await inviteTravellersOf(deps, client, mission, sme.id);
    }
  };

  const onTravellersSubmitted = async ({ ack, body, view, client, context }: FormSubmission): Promise<void> => {
    const actor = actorOf(context);
    const refuse = (message: string) => ack({ response_action: "errors", errors: { [travellersBlockId]: message } });
    const ref = smeRef.safeParse(parseJson(view.private_metadata));
    const mission = ref.success ? await getMission(deps.db, ref.data.missionId) : undefined;
    const sme = ref.success ? await getSme(deps.db, ref.data.smeId) : null;
    if (!mission || !sme) return refuse("This mission or SME no longer exists: close the form.");
    if (!isStaff(actor) && actor.smeId !== sme.id) {
      deps.logger.warn({ user: actor.slackUserId, smeId: sme.id }, "refused: travellers for another company");
      return refuse("You name the travellers of your own company only.");
    }
    const travellers = travellersSchema.safeParse(
      view.state.values[travellersBlockId]?.[delegationActionIds.travellers]?.selected_users ?? [],
    );
    if (!travellers.success) return refuse(travellers.error.issues[0]?.message ?? "Pick the people who travel.");
    const saved = await setTravellers(deps.db, {
      missionId: mission.id,
      smeId: sme.id,
      travellers: travellers.data,
      by: actor.slackUserId,
      at: deps.clock.now(),
    });
    if (!saved) return refuse(`${sme.name} is no longer in this mission's delegation.`);
    await ack();
    await client.chat.postMessage({
      channel: body.user.id,
      text: `Saved: ${travellers.data.map((id) => `<@${id}>`).join(", ")} travel for *${escapeMrkdwn(sme.name)}* to *${escapeMrkdwn(mission.name)}*.`,
    });
    await inviteTravellersOf(deps, client, mission, sme.id);
  };

  app.options(delegationActionIds.smeSearch, async ({ ack, body }) => {
    const check = await authorize(deps, body.user.id, "missions.manage");
    const ref = missionRef.safeParse(parseJson(body.view?.private_metadata));
    const mission = ref.success ? await getMission(deps.db, ref.data.missionId) : undefined;
    if (!check.allowed || !mission) return void (await ack({ options: [] }));
    const delegation = await delegationOf(deps.db, mission.id);
    const placed = new Set([...delegation.confirmed, ...delegation.waiting].map((p) => p.smeId));
    // Slack shows at most 100 options; a few more are asked for, to make up for those already placed.
    const ids = (await findSmesByName(deps.db, body.value, ["approved"], 100 + placed.size)).filter(
      (id) => !placed.has(id),
    );
    const smes = await getSmes(deps.db, ids.slice(0, 100));
    await ack({ options: smes.map((sme) => smeOption(sme, mission.market)) });
  });

  const manager = guardAction(deps, "missions.manage");
  const member = guardAction(deps, "missions.join");
  app.action<BlockAction<ButtonAction>>(delegationActionIds.approve, manager, onDecision(true));
  app.action<BlockAction<ButtonAction>>(delegationActionIds.decline, manager, onDecision(false));
  app.action<BlockAction<ButtonAction>>(delegationActionIds.remove, manager, onLeave(true));
  app.action<BlockAction<ButtonAction>>(delegationActionIds.withdraw, member, onLeave(false));
  app.action<BlockAction<ButtonAction>>(delegationActionIds.openAdd, manager, onOpenAdd);
  app.action<BlockAction<ButtonAction>>(delegationActionIds.openTravellers, member, onOpenTravellers);
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${delegationActionIds.page.replace(/\./g, "\\.")}\\.`),
    guardAction(deps, "missions.read"),
    onPage,
  );
  app.view(addSmesCallbackId, guardView(deps, "missions.manage"), onAddSubmitted);
  app.view(travellersCallbackId, guardView(deps, "missions.join"), onTravellersSubmitted);
}
