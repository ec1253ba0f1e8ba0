/**
 * `/consortium list [<mission>]` and `/consortium status <name> <status>`, and the list's status
 * buttons. Staff see and move every consortium; an SME member those its company is in.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import { type AppDeps, type CommandContext, ephemeral } from "../../platform/slack/feature.js";
import { actorOf, type ButtonClick, guardAction } from "../../platform/slack/guard.js";
import { lookUpMission } from "../missions/index.js";
import { type ConsortiumRecord, type ConsortiumStatus, consortiumStatuses } from "./consortium.js";
import { changeStatus, findConsortium, getConsortium, listConsortia } from "./consortium-store.js";
import { buttonValue, consortiumActionIds, consortiumList, nextStatuses } from "./views.js";

/** The statuses a person moves a consortium to: a proposal is formed by its Create button, never typed. */
const typedStatuses = consortiumStatuses.filter((s) => s !== "proposed" && s !== "formed");
const statusUsage = `Usage: \`/consortium status <consortium name> ${typedStatuses.join("|")}\`, e.g. \`/consortium status tianjin heating consortium A bidding\` (a proposal is formed by its Create button)`;

/** Staff move any consortium; an SME member one its company is in. Proposals become consortia only by Create. */
function mayChange(actor: Actor, consortium: ConsortiumRecord): boolean {
  if (consortium.status === "proposed") return false;
  return isStaff(actor) || consortium.members.some((member) => member.smeId === actor.smeId);
}

async function listFor(deps: AppDeps, actor: Actor, missionId: number | undefined, title: string) {
  const { consortia, total } = await listConsortia(deps.db, {
    missionId,
    ...(isStaff(actor) ? {} : { smeId: actor.smeId ?? -1 }),
  });
  return consortiumList(consortia, {
    title,
    total,
    // A list of every mission's consortia says whose each is.
    acrossMissions: missionId === undefined,
    canChange: (consortium) => mayChange(actor, consortium),
  });
}

export async function runList({ actor, args, deps, respond }: CommandContext): Promise<void> {
  if (!isStaff(actor) && actor.smeId === null) {
    await respond(ephemeral("Your Slack account is not linked to a company yet, so no consortium is yours to see."));
    return;
  }
  let missionId: number | undefined;
  let title = isStaff(actor) ? "Consortia" : "Your company's consortia";
  if (args !== "") {
    const found = await lookUpMission(deps.db, args, { includeArchived: true });
    if (found.problem !== undefined) {
      await respond(ephemeral(`${found.problem}\nUsage: \`/consortium list [<mission>]\``));
      return;
    }
    missionId = found.mission.id;
    title = `${title} of ${found.mission.name}`;
  }
  await respond({ response_type: "ephemeral", ...(await listFor(deps, actor, missionId, title)) });
}

export async function runStatus({ actor, args, deps, respond }: CommandContext): Promise<void> {
  const match = /^(.+?)\s+(\S+)$/.exec(args);
  const status = consortiumStatuses.find((entry) => entry === match?.[2]?.toLowerCase());
  if (!match || !status || status === "proposed") {
    await respond(ephemeral(statusUsage));
    return;
  }
  // An SME member finds (and is told of) only the consortia its own company is in.
  const { found, candidates } = await findConsortium(
    deps.db,
    match[1] as string,
    isStaff(actor) ? {} : { smeId: actor.smeId ?? -1 },
  );
  if (!found) {
    await respond(
      ephemeral(
        candidates.length > 0
          ? `Several consortia match: ${candidates.map((c) => `*${escapeMrkdwn(c.name)}* (#${c.id})`).join(", ")}. Type more of the name, or its number as \`#12\`.`
          : `${isStaff(actor) ? "No consortium" : "None of your company's consortia"} is called “${escapeMrkdwn(match[1] as string)}”. \`/consortium list\` shows them.`,
      ),
    );
    return;
  }
  await respond(ephemeral(await moveTo(deps, actor, found, status)));
}

/** Changes the status if this person may; the answer says what happened. */
async function moveTo(deps: AppDeps, actor: Actor, consortium: ConsortiumRecord, status: ConsortiumStatus) {
  const name = `*${escapeMrkdwn(consortium.name)}*`;
  // Outsiders learn nothing of it, not even its name or that it is a proposal.
  const ofOwnCompany = consortium.members.some((member) => member.smeId === actor.smeId);
  if (isStaff(actor) || ofOwnCompany) {
    if (consortium.status === "proposed")
      return `${name} is still a proposal: press its Create button to form it first.`;
  }
  if (!mayChange(actor, consortium)) {
    deps.logger.warn({ user: actor.slackUserId, consortium: consortium.id }, "refused: not staff nor a member");
    return ":no_entry: Only cluster staff and the consortium's own members can change its status.";
  }
  if (consortium.status === status) return `${name} is ${status} already.`;
  // One rule for the command and the buttons (whose values could be forged): only the next steps.
  const allowed = nextStatuses(consortium.status);
  if (!allowed.includes(status)) {
    return `${name} is ${consortium.status}: it can move to ${allowed.map((next) => `*${next}*`).join(" or ")}, not ${status}.`;
  }
  const change = await changeStatus(deps.db, {
    id: consortium.id,
    from: consortium.status,
    to: status,
    bySlackId: actor.slackUserId,
    at: deps.clock.now(),
  });
  // Someone else moved it meanwhile (two presses at once): this change is not made on top of theirs.
  if (!change.changed) return `${name} was changed meanwhile: it is ${change.status ?? "gone"} now. Nothing recorded.`;
  // Only a mission's consortia are in a mission report (one built from the directory alone is in none).
  const where = consortium.missionId === null ? "`/consortium list` shows it" : "it shows in the mission report";
  return `${name}: ${consortium.status} → *${status}*. Recorded; ${where}.`;
}

export function registerListListeners(app: App, deps: AppDeps): void {
  const onSetStatus = async (click: ButtonClick) => {
    const actor = actorOf(click.context);
    const value = buttonValue.safeParse(parseJson(click.body.actions[0]?.value));
    const consortium = value.success ? await getConsortium(deps.db, value.data.id) : undefined;
    if (!value.success || !value.data.status || !consortium) {
      await click.respond({
        response_type: "ephemeral",
        replace_original: false,
        text: "That consortium is no longer there.",
      });
      return;
    }
    const answer = await moveTo(deps, actor, consortium, value.data.status);
    const list = await listFor(
      deps,
      actor,
      consortium.missionId ?? undefined,
      isStaff(actor) ? "Consortia" : "Your company's consortia",
    );
    await click.respond({
      response_type: "ephemeral",
      replace_original: true,
      text: answer,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: answer } }, ...list.blocks],
    });
  };
  app.action<BlockAction<ButtonAction>>(
    consortiumActionIds.setStatus,
    guardAction(deps, "consortia.read"),
    onSetStatus,
  );
}
