/**
 * `/consortium build`: the form (two steps: the project, then the roles suggested from it to check
 * and edit), the proposals in the person's DM, and their Create, Swap a member and Discard buttons.
 * Staff build for anyone; an SME member builds consortia its own company is in, and acts only on
 * the proposals it built.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { isStaff } from "../../domain/roles.js";
import { countOf, escapeMrkdwn, foldText } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { authorize } from "../../platform/auth.js";
import type { Database } from "../../platform/db/client.js";
import { parseJson } from "../../platform/json.js";
import { type AppDeps, type CommandContext, ephemeral } from "../../platform/slack/feature.js";
import { readSubmittedForm } from "../../platform/slack/form-blocks.js";
import { actorOf, type ButtonClick, type FormSubmission, guardAction, guardView } from "../../platform/slack/guard.js";
import { findSmesByName, getSmes } from "../directory/index.js";
import {
  delegationSmeIds,
  getMission,
  getOrganisation,
  inviteToMissionChannel,
  lookUpMission,
  organisationsOfMission,
  slackErrorCode,
} from "../missions/index.js";
import { type BuildRequest, type RawBuildForm, validateBuildForm } from "./build-form.js";
import {
  type CandidateSme,
  type ConsortiumRecord,
  consortiumCandidates,
  impossibilityText,
  membersOf,
  swapOptions,
  withRoleGivenTo,
} from "./consortium.js";
import {
  candidateSmeIds,
  changeStatus,
  claimCreate,
  clusterStaffOfSmes,
  contactsOfSmes,
  discardProposal,
  getConsortium,
  recordChannel,
  recordProposalMessage,
  releaseCreateClaim,
  replaceMembers,
  saveProposals,
  siblingsOf,
} from "./consortium-store.js";
import {
  type ConsortiumCandidate,
  type ConsortiumImpossibility,
  type ConsortiumRole,
  proposeConsortiaInWorker,
} from "./engine/index.js";
import { suggestRoles } from "./role-suggestion.js";
import { roleToFill } from "./value-chain-roles.js";
import {
  type BuildMeta,
  buildCallbackId,
  buildingMessage,
  buildMeta,
  buildModal,
  buttonValue,
  consortiumActionIds,
  discardedMessage,
  fewerProposalsNote,
  formErrors,
  formedMessage,
  impossibleMessage,
  kickOffMessage,
  proposalMessage,
  proposalsHeader,
  retiredProposalMessage,
  smeOption,
  smePickerActionId,
  swapCandidateChoice,
  swapRoleChoice,
} from "./views.js";

const usage = "Usage: `/consortium build [<mission>]`, e.g. `/consortium build china 2027`";

/** An SME member builds only consortia its own company is in: it needs a company first. */
const noCompany =
  "Your Slack account is not linked to a company yet: register it with `/sme register`, or ask your cluster's staff to build the consortium.";

/** An SME member's company must be listed (approved): consortia are built from listed SMEs only. */
function companyNotListed(sme: { name: string; status: string }): string {
  const why = sme.status === "pending" ? "is still waiting for review" : "is not listed in the directory";
  return `Your company *${escapeMrkdwn(sme.name)}* ${why}: consortia are built from listed SMEs only, so you can build one once your cluster's staff have approved it.`;
}

export async function runBuild({ actor, args, command, client, deps, respond }: CommandContext): Promise<void> {
  if (!isStaff(actor) && actor.smeId === null) {
    await respond(ephemeral(noCompany));
    return;
  }
  let meta: BuildMeta = { missionId: null };
  let missionName: string | null = null;
  let organisations: { id: number; name: string; city: string }[] = [];
  if (args !== "") {
    const found = await lookUpMission(deps.db, args);
    if (found.problem !== undefined) {
      await respond(ephemeral(`${found.problem}\n${usage}`));
      return;
    }
    meta = { missionId: found.mission.id };
    missionName = found.mission.name;
    organisations = await organisationsOfMission(deps.db, found.mission.id);
  }
  const own = !isStaff(actor) && actor.smeId !== null ? await getSmes(deps.db, [actor.smeId]) : [];
  const unlisted = own.find((sme) => sme.status !== "approved");
  if (unlisted) {
    // Only listed SMEs are proposed: its company could be in no consortium it builds.
    await respond(ephemeral(companyNotListed(unlisted)));
    return;
  }
  await client.views.open({
    trigger_id: command.trigger_id,
    view: buildModal({
      meta,
      missionName,
      organisations,
      picked: new Map(own.map((sme) => [sme.id, sme])),
      values: { mustInclude: own.map((sme) => String(sme.id)) },
    }),
  });
}

const pickedState = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }).passthrough(),
  ),
);

/** The form as submitted: the SME pickers answer on their own action id, everything else on "value". */
function readBuildForm(values: unknown): RawBuildForm {
  const form = readSubmittedForm(values);
  const state = pickedState.safeParse(values);
  const picked = (field: string) =>
    (state.success ? state.data[field]?.[smePickerActionId]?.selected_options : undefined)?.map((o) => o.value) ?? [];
  return {
    organisation: form.one("organisation"),
    description: form.one("description"),
    roles: form.one("roles"),
    minCountries: form.one("minCountries"),
    minClusters: form.one("minClusters"),
    maxSize: form.one("maxSize"),
    mustInclude: picked("mustInclude"),
    mustExclude: picked("mustExclude"),
    scope: form.one("scope"),
  };
}

const loadChunk = 1000;

/** The SMEs a consortium may be built from, as the builder reads them. */
async function loadCandidateSmes(
  db: Database,
  scope: { missionId: number | null; delegationOnly: boolean },
  alsoIds: readonly number[],
): Promise<CandidateSme[]> {
  const ids = [...new Set([...(await candidateSmeIds(db, scope, delegationSmeIds)), ...alsoIds])];
  const smes: CandidateSme[] = [];
  for (let start = 0; start < ids.length; start += loadChunk) {
    for (const sme of await getSmes(db, ids.slice(start, start + loadChunk))) {
      smes.push({
        id: sme.id,
        name: sme.name,
        country: sme.country,
        cluster: sme.cluster,
        pitch: sme.pitch,
        offer: sme.offer,
        sectors: sme.sectors,
        stages: sme.stages,
      });
    }
  }
  return smes;
}

/** The candidates for a consortium's roles under its scope (again, for a swap). */
async function candidatesOf(db: Database, consortium: ConsortiumRecord): Promise<ConsortiumCandidate[]> {
  const smes = await loadCandidateSmes(
    db,
    { missionId: consortium.missionId, delegationOnly: consortium.constraints.scope === "delegation" },
    consortium.members.map((member) => member.smeId),
  );
  return consortiumCandidates(
    consortium.roles.map((role) => roleToFill(role.label)),
    smes,
    consortium.constraints.mustInclude,
  );
}

/** "Tianjin Heating Co." or the description's first words: what the proposals are named after. */
function titleOf(request: BuildRequest, organisationName: string | undefined): string {
  if (organisationName) return organisationName;
  const words = request.description.replace(/\s+/g, " ").trim().split(" ").slice(0, 6).join(" ");
  const title = words.length > 50 ? `${words.slice(0, 49)}…` : words;
  // "… district heating," would name "… district heating, consortium A".
  return title.replace(/[\s,;:.!?–—-]+$/u, "");
}

const replaceWith = (click: ButtonClick, message: { text: string; blocks: unknown[] }) =>
  click.respond({ response_type: "ephemeral", replace_original: true, ...message } as Parameters<
    ButtonClick["respond"]
  >[0]);

/** The members of each other proposal of the build: a swap must keep this one diverse from them. */
const membersOfEach = (proposals: readonly ConsortiumRecord[]) =>
  proposals.map((proposal) => proposal.members.map((member) => member.smeId));

export function registerBuildListeners(app: App, deps: AppDeps): void {
  const onSubmitted = async ({ ack, view, client, context, body }: FormSubmission): Promise<void> => {
    const actor = actorOf(context);
    const meta = buildMeta.safeParse(parseJson(view.private_metadata));
    if (!meta.success) {
      await ack({
        response_action: "errors",
        errors: { description: "This form is out of date: close it and open it again." },
      });
      return;
    }
    const mission = meta.data.missionId === null ? undefined : await getMission(deps.db, meta.data.missionId);
    const organisations = mission ? await organisationsOfMission(deps.db, mission.id) : [];
    const raw = readBuildForm(view.state.values);
    if (!isStaff(actor) && actor.smeId !== null && raw.mustExclude?.includes(String(actor.smeId))) {
      await ack({
        response_action: "errors",
        errors: { mustExclude: "Your company is always in a consortium you build: take it out of this list." },
      });
      return;
    }
    if (!isStaff(actor) && actor.smeId !== null && !raw.mustInclude?.includes(String(actor.smeId))) {
      // An SME member's consortium has its own company in it, whatever the form says.
      raw.mustInclude = [...(raw.mustInclude ?? []), String(actor.smeId)];
    }
    const organisation = raw.organisation ? await getOrganisation(deps.db, Number(raw.organisation)) : undefined;
    const inMission = organisation && organisations.some((entry) => entry.id === organisation.id);
    const validation = validateBuildForm(raw, {
      organisationNeeds: inMission ? organisation.needs : undefined,
      missionGiven: mission !== undefined,
    });
    const shown = { organisation: organisations.length > 0, scope: mission !== undefined };
    if (!validation.ok) {
      await ack({ response_action: "errors", errors: formErrors(validation.errors, shown) });
      return;
    }
    const request = validation.request;
    // The pickers offer listed SMEs only; a submitted id that is not one (forged, or since removed) is refused.
    const pickedIds = [...request.constraints.mustInclude, ...request.constraints.mustExclude];
    const listed = new Set(
      (await getSmes(deps.db, pickedIds)).filter((sme) => sme.status === "approved").map((sme) => sme.id),
    );
    const unlisted = (ids: readonly number[]) => ids.some((id) => !listed.has(id));
    if (unlisted(request.constraints.mustInclude) || unlisted(request.constraints.mustExclude)) {
      const again = "Pick the SMEs again from the list.";
      await ack({
        response_action: "errors",
        errors: formErrors(
          {
            ...(unlisted(request.constraints.mustInclude) ? { mustInclude: again } : {}),
            ...(unlisted(request.constraints.mustExclude) ? { mustExclude: again } : {}),
          },
          shown,
        ),
      });
      return;
    }
    if (request.roleLabels === null) {
      const suggested = await suggestRoles(deps.llm, request.opportunity);
      if (!suggested.ok) {
        await ack({ response_action: "errors", errors: { description: suggested.problem } });
        return;
      }
      const picked = await getSmes(deps.db, [...(raw.mustInclude ?? []), ...(raw.mustExclude ?? [])].map(Number));
      await ack({
        response_action: "update",
        view: buildModal({
          meta: meta.data,
          missionName: mission?.name ?? null,
          organisations,
          picked: new Map(picked.map((sme) => [sme.id, sme])),
          values: { ...raw, roles: suggested.labels.join("\n") },
          note: `:bulb: Roles suggested from the project${suggested.by === "model" ? " by the language model" : " by keyword"}: change, add or remove lines, then press Build.`,
        }),
      });
      return;
    }
    await ack();
    await buildAndPost(deps, client, actor, {
      request,
      missionId: mission?.id ?? null,
      title: titleOf(request, inMission ? organisation.name : undefined),
      userId: body.user.id,
    });
  };

  /**
   * The consortium a button names, if this person may act on it; otherwise they are told why. A
   * proposal whose build already gave a consortium is retired: its message says so, buttons gone
   * (only Discard, `retiredAllowed`, still clears it away).
   */
  const consortiumOfClick = async (
    click: ButtonClick,
    states: readonly string[],
    options: { retiredAllowed?: boolean } = {},
  ) => {
    const actor = actorOf(click.context);
    const value = buttonValue.safeParse(parseJson(click.body.actions[0]?.value));
    const consortium = value.success ? await getConsortium(deps.db, value.data.id) : undefined;
    const tell = (text: string) => click.respond({ response_type: "ephemeral", replace_original: false, text });
    if (!value.success || !consortium) {
      await tell("This proposal is no longer there: it was discarded, or replaced by a new build.");
      return undefined;
    }
    if (!isStaff(actor) && consortium.createdBySlackId !== actor.slackUserId) {
      deps.logger.warn(
        { user: actor.slackUserId, consortium: consortium.id },
        "refused: not the builder of this proposal",
      );
      await tell(":no_entry: Only cluster staff and the person who built this proposal can change it.");
      return undefined;
    }
    if (!states.includes(consortium.status)) {
      await tell(`*${escapeMrkdwn(consortium.name)}* is ${consortium.status} already: \`/consortium list\` shows it.`);
      return undefined;
    }
    const siblings = await siblingsOf(deps.db, consortium);
    const created = siblings.find((sibling) => sibling.status !== "proposed");
    if (created && !options.retiredAllowed) {
      await replaceWith(click, retiredProposalMessage(consortium, created));
      return undefined;
    }
    const proposedSiblings = siblings.filter((sibling) => sibling.status === "proposed");
    return { actor, consortium, value: value.data, proposedSiblings };
  };

  const onCreate = async (click: ButtonClick) => {
    const found = await consortiumOfClick(click, ["proposed"]);
    if (!found) return;
    const { actor, consortium } = found;
    // Before any Slack call: two presses at once (on this proposal or a sibling) make one channel.
    const claim = await claimCreate(deps.db, consortium, deps.clock.now());
    if (!claim.claimed) {
      await click.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: await createdElsewhereText(deps.db, consortium, claim.by),
      });
      return;
    }
    const memberIds = consortium.members.map((member) => member.smeId);
    const contacts = await contactsOfSmes(deps.db, memberIds);
    // "A private channel with the SMEs' contacts and the staff": their clusters' staff follow it.
    const staff = await clusterStaffOfSmes(deps.db, memberIds);
    let channelId: string | undefined;
    let notInvited: string[];
    try {
      channelId = await privateChannelOf(deps.db, click.client, consortium);
      const people = [...new Set([...[...contacts.values()].flat(), ...staff, actor.slackUserId])];
      const invites = await inviteToMissionChannel(click.client, deps.logger, channelId, people);
      // A Create pressed again finds the people of the first attempt in the channel already.
      notInvited = invites.notInvited.filter((entry) => entry.reason !== "already_in_channel").map((e) => e.user);
      await click.client.chat.postMessage({
        channel: channelId,
        ...kickOffMessage(consortium, contacts, actor.slackUserId),
      });
    } catch (error) {
      // It stays a proposal; the channel, if made, is kept for the next Create, which finishes the job.
      await releaseCreateClaim(deps.db, consortium);
      deps.logger.error({ err: error, consortium: consortium.id, channelId }, "consortium Create failed half-way");
      const made = channelId ? `I made its private channel <#${channelId}>, but ` : "";
      await click.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: `:warning: ${made}Slack failed while setting up *${escapeMrkdwn(consortium.name)}* (${slackErrorCode(error) ?? "no answer"}). It is still a proposal and nothing is lost: press Create again to finish${channelId ? " in the same channel" : ""}.`,
      });
      return;
    }
    const change = await changeStatus(deps.db, {
      id: consortium.id,
      from: "proposed",
      to: "formed",
      bySlackId: actor.slackUserId,
      at: deps.clock.now(),
      channelId,
    });
    if (!change.changed) {
      // Only a claim older than its lease can get here: the other Create finished meanwhile.
      await click.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: `*${escapeMrkdwn(consortium.name)}* is ${change.status ?? "gone"} already: \`/consortium list\` shows it.`,
      });
      return;
    }
    // The other proposals of the build can no longer be created: their messages say so, buttons gone.
    const formed = { ...consortium, channelId };
    for (const sibling of found.proposedSiblings) {
      if (!sibling.message) continue;
      try {
        await click.client.chat.update({ ...sibling.message, ...retiredProposalMessage(sibling, formed) } as Parameters<
          WebClient["chat"]["update"]
        >[0]);
      } catch (error) {
        deps.logger.warn({ err: error, consortium: sibling.id }, "could not retire a sibling proposal's message");
      }
    }
    await replaceWith(click, formedMessage(consortium, channelId, notInvited));
  };

  const onSwap = async (click: ButtonClick) => {
    const found = await consortiumOfClick(click, ["proposed"]);
    if (found) await replaceWith(click, swapRoleChoice(found.consortium));
  };

  const onSwapRole = async (click: ButtonClick) => {
    const found = await consortiumOfClick(click, ["proposed"]);
    if (!found?.value.role) return;
    const candidates = await candidatesOf(deps.db, found.consortium);
    await replaceWith(
      click,
      swapCandidateChoice(
        found.consortium,
        found.value.role,
        swapOptions(found.consortium, found.value.role, candidates, membersOfEach(found.proposedSiblings)),
      ),
    );
  };

  const onSwapTo = async (click: ButtonClick) => {
    const found = await consortiumOfClick(click, ["proposed"]);
    const role = found?.value.role;
    const smeId = found?.value.sme;
    if (!found || !role || !smeId) return;
    const candidates = await candidatesOf(deps.db, found.consortium);
    // The button is checked again: the candidate must still be one the constraints allow.
    const siblings = membersOfEach(found.proposedSiblings);
    const allowed = swapOptions(found.consortium, role, candidates, siblings, candidates.length).options.some(
      (o) => o.smeId === smeId,
    );
    const candidate = candidates.find((entry) => entry.smeId === smeId);
    if (!allowed || !candidate) {
      await click.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: "That SME can no longer take this role under the consortium's constraints (or it would make this proposal too like another of its build): pick another.",
      });
      return;
    }
    const before = found.consortium.members.find((member) => member.roles.some((fit) => fit.role === role));
    const updated = await replaceMembers(deps.db, {
      id: found.consortium.id,
      members: withRoleGivenTo(found.consortium.members, role, candidate),
      roles: found.consortium.roles,
      bySlackId: found.actor.slackUserId,
      at: deps.clock.now(),
      details: { role, from: before?.smeId ?? null, to: smeId },
    });
    if (updated) await replaceWith(click, proposalMessage(updated));
  };

  const onBack = async (click: ButtonClick) => {
    const found = await consortiumOfClick(click, ["proposed"]);
    if (found) await replaceWith(click, proposalMessage(found.consortium));
  };

  const onDiscard = async (click: ButtonClick) => {
    const found = await consortiumOfClick(click, ["proposed"], { retiredAllowed: true });
    if (!found) return;
    await discardProposal(deps.db, found.consortium.id, found.actor.slackUserId, deps.clock.now());
    await replaceWith(click, discardedMessage(found.consortium.name));
  };

  app.options<"block_suggestion">({ action_id: smePickerActionId }, async ({ ack, body }) => {
    const check = await authorize(deps, body.user.id, "consortia.build");
    if (!check.allowed) return void (await ack({ options: [] }));
    const ids = await findSmesByName(deps.db, body.value, ["approved"], 100);
    const smes = await getSmes(deps.db, ids);
    await ack({ options: smes.map(smeOption) });
  });

  const guard = guardAction(deps, "consortia.build");
  app.action<BlockAction<ButtonAction>>(consortiumActionIds.create, guard, onCreate);
  app.action<BlockAction<ButtonAction>>(consortiumActionIds.swap, guard, onSwap);
  app.action<BlockAction<ButtonAction>>(consortiumActionIds.swapRole, guard, onSwapRole);
  app.action<BlockAction<ButtonAction>>(consortiumActionIds.swapTo, guard, onSwapTo);
  app.action<BlockAction<ButtonAction>>(consortiumActionIds.back, guard, onBack);
  app.action<BlockAction<ButtonAction>>(consortiumActionIds.discard, guard, onDiscard);
  app.view(buildCallbackId, guardView(deps, "consortia.build"), onSubmitted);
}

/** How many diverse proposals a build asks the engine for. */
const alternativesProposed = 3;

/**
 * Runs the builder and posts its answer in the person's DM: "building…" first (thousands of SMEs
 * take a moment), then the proposals, each a message of its own so its buttons update it alone.
 */
async function buildAndPost(
  deps: AppDeps,
  client: WebClient,
  actor: Actor,
  input: { request: BuildRequest; missionId: number | null; title: string; userId: string },
): Promise<void> {
  const { request } = input;
  const roleLabels = request.roleLabels ?? [];
  const roles = roleLabels.map(roleToFill);
  const contractRoles: ConsortiumRole[] = roles.map((role) => ({ key: role.key, label: role.label }));
  const building = await client.chat.postMessage({
    channel: input.userId,
    ...buildingMessage(request.opportunity, roleLabels),
  });
  const update = async (message: { text: string; blocks: unknown[] }) => {
    if (building.channel && building.ts) {
      await client.chat.update({ channel: building.channel, ts: building.ts, ...message } as Parameters<
        WebClient["chat"]["update"]
      >[0]);
    } else {
      await client.chat.postMessage({ channel: input.userId, ...message } as Parameters<
        WebClient["chat"]["postMessage"]
      >[0]);
    }
  };
  const { constraints } = request;
  const smes = await loadCandidateSmes(
    deps.db,
    { missionId: input.missionId, delegationOnly: constraints.scope === "delegation" },
    constraints.mustInclude,
  );
  const candidates = consortiumCandidates(roles, smes, constraints.mustInclude);
  const names = {
    role: (key: string) => roles.find((role) => role.key === key)?.label ?? key,
    sme: (id: number) => escapeMrkdwn(smes.find((sme) => sme.id === id)?.name ?? `SME ${id}`),
  };
  const explain = (reason: ConsortiumImpossibility) =>
    impossibilityText(reason, names, {
      scope: constraints.scope,
      ownCompany: isStaff(actor) ? null : actor.smeId,
      mustInclude: new Set(constraints.mustInclude).size,
    });
  // On the engine's own thread: HiGHS blocks while it solves, and other requests must be acked.
  const { outcome } = await proposeConsortiaInWorker({
    roles: contractRoles,
    constraints: {
      minCountries: constraints.minCountries,
      minClusters: constraints.minClusters,
      maxSize: constraints.maxSize,
      mustInclude: constraints.mustInclude,
      mustExclude: constraints.mustExclude,
    },
    candidates,
    alternatives: alternativesProposed,
  });
  if (outcome.kind === "impossible") {
    await update(impossibleMessage(outcome.reasons.map(explain)));
    return;
  }
  const letters = ["A", "B", "C", "D", "E"];
  const saved = await saveProposals(deps.db, {
    missionId: input.missionId,
    organisationId: request.organisationId,
    opportunity: request.opportunity,
    roles: contractRoles,
    constraints,
    bySlackId: actor.slackUserId,
    at: deps.clock.now(),
    proposals: outcome.proposals.map((proposal, index) => ({
      name: `${input.title} consortium ${letters[index] ?? index + 1}`,
      members: membersOf(proposal, candidates),
    })),
  });
  const notes = [
    ...outcome.uncoverable.map(explain),
    ...(saved.length < alternativesProposed ? [fewerProposalsNote(saved.length)] : []),
  ];
  // A proposal is kept only once its message is shown: one Slack refused is discarded, and the person told.
  let shown = 0;
  try {
    await update(proposalsHeader(request.opportunity, saved.length, notes));
    for (const consortium of saved) {
      const posted = await client.chat.postMessage({ channel: input.userId, ...proposalMessage(consortium) });
      if (posted.channel && posted.ts) await recordProposalMessage(deps.db, consortium.id, posted.channel, posted.ts);
      shown += 1;
    }
  } catch (error) {
    const unseen = saved.slice(shown);
    deps.logger.error({ err: error, unseen: unseen.map((c) => c.id) }, "could not show consortium proposals");
    for (const consortium of unseen) {
      await discardProposal(deps.db, consortium.id, actor.slackUserId, deps.clock.now());
    }
    const text = `:warning: Slack refused to show ${shown === 0 ? "the proposals" : `${countOf(unseen.length, "proposal")} of ${saved.length}`} (${slackErrorCode(error) ?? "no answer"}), so I discarded ${unseen.length === 1 ? "it" : "them"}. Try \`/consortium build\` again, or ask your cluster's staff.`;
    await client.chat.postMessage({ channel: input.userId, text }).catch((err: unknown) => {
      deps.logger.error({ err }, "could not tell the builder that the proposals failed");
    });
  }
}

/** What a Create press that lost the claim to `holderId` (this proposal pressed twice, or a sibling) answers. */
async function createdElsewhereText(db: Database, consortium: ConsortiumRecord, holderId: number): Promise<string> {
  const holder = holderId === consortium.id ? consortium : await getConsortium(db, holderId);
  const name = `*${escapeMrkdwn(holder?.name ?? consortium.name)}*`;
  const channel = holder?.channelId ? `: <#${holder.channelId}>` : "";
  if (holderId === consortium.id) {
    return `${name} is already being created (Create was pressed twice)${channel}. Its channel and kick-off follow in a moment.`;
  }
  return `Another proposal of this build, ${name}, is being created${channel}: only one proposal of a build becomes a consortium.`;
}

/** Slack's channel names: lower case, digits, hyphens; at most 80 characters. */
export function channelNameFor(consortium: Pick<ConsortiumRecord, "id" | "name">): string {
  const base = foldText(consortium.name).split(" ").filter(Boolean).join("-").slice(0, 60);
  return `consortium-${base}-${consortium.id}`.slice(0, 80);
}

/** How many names Create tries ("…-12", "…-12-2", …) when Slack says one is taken. */
const channelNameAttempts = 5;

/**
 * The consortium's private channel: the one an earlier, unfinished Create made, or a new one, kept
 * at once (before anyone is invited). A name someone else took gets a free variant.
 */
async function privateChannelOf(db: Database, client: WebClient, consortium: ConsortiumRecord): Promise<string> {
  if (consortium.channelId) return consortium.channelId;
  const base = channelNameFor(consortium);
  for (let attempt = 1; attempt <= channelNameAttempts; attempt += 1) {
    const suffix = attempt === 1 ? "" : `-${attempt}`;
    const name = `${base.slice(0, 80 - suffix.length)}${suffix}`;
    let created: Awaited<ReturnType<WebClient["conversations"]["create"]>>;
    try {
      created = await client.conversations.create({ name, is_private: true });
    } catch (error) {
      if (slackErrorCode(error) === "name_taken") continue;
      throw error;
    }
    const channelId = created.channel?.id;
    if (!channelId) throw new Error("Slack created no channel for the consortium");
    await recordChannel(db, consortium.id, channelId);
    return channelId;
  }
  throw new Error(`Slack says every name like #${base} is taken`);
}
