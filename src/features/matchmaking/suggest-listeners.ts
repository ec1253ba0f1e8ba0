/**
 * `/meet suggest`: the counterparts an SME should meet (organisations, and SMEs of its delegation
 * that complement it), or for staff the SMEs an organisation should meet. The command is acked
 * before anything is loaded; the list is posted on its response_url when the recommender is done.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import { isStaff } from "../../domain/roles.js";
import { escapeMrkdwn } from "../../domain/text.js";
import { parseJson } from "../../platform/json.js";
import { type AppDeps, type CommandContext, ephemeral } from "../../platform/slack/feature.js";
import { type ButtonClick, guardAction } from "../../platform/slack/guard.js";
import { activeMissions, getMission, type MissionRecord, organisationsOfMission } from "../missions/index.js";
import { recommendForOrganisation, recommendForSme, recommendSmesForSme } from "./recommender.js";
import { missionNamed, missionOfSme, smeForActor } from "./request-context.js";
import { requestsOfMission } from "./request-store.js";
import { findByName, splitTrailing } from "./request-targets.js";
import { loadMissionInputs, toMatchOrganisation } from "./suggest-inputs.js";
import { actionIds, counterpartKey, organisationSuggestions, smeSuggestions } from "./views.js";

/** Organisations and SMEs shown per suggestion list: enough to choose from, few enough to read. */
export const suggestionCounts = { organisations: 8, smes: 3 } as const;

const usage =
  "`/meet suggest` (your company) · staff: `/meet suggest <company>` or `/meet suggest org <organisation>`, each with `in <mission>` to pick a mission";

/** Whether requests can still be made in a mission (the buttons are left out when not). */
function takesRequests(mission: MissionRecord, now: Date): boolean {
  return mission.archivedAt === null && (mission.requestDeadline === null || now < mission.requestDeadline);
}

export async function runSuggest(context: CommandContext): Promise<void> {
  const { actor, args, respond, deps } = context;
  // "in china" alone picks the mission for the person's own company.
  const ownInMission = /^in\s+(.+)$/i.exec(args.trim());
  const { head, tail } = ownInMission ? { head: "", tail: ownInMission[1] } : splitTrailing(args, "in");
  const orgMatch = /^(?:org|organisation|organization)\s+(.+)$/i.exec(head);
  if (orgMatch?.[1]) {
    if (!isStaff(actor)) return void (await respond(ephemeral("Suggestions for an organisation are for staff.")));
    await suggestForOrganisationNamed(deps, respond, orgMatch[1], tail);
    return;
  }
  const sme = await smeForActor(deps, actor, head || undefined, usage);
  if (!sme.ok) return void (await respond(ephemeral(sme.message)));
  const where = await missionOfSme(deps, sme.value, tail);
  if (!where.ok) return void (await respond(ephemeral(where.message)));
  const { mission, others } = where.value;
  const inputs = await loadMissionInputs(deps, mission.id);
  const self = inputs.smes.find((candidate) => candidate.id === sme.value.id);
  if (!self) return void (await respond(ephemeral("That company is no longer in the delegation.")));
  const organisations = recommendForSme(self, inputs.organisations, {
    limit: suggestionCounts.organisations,
    embeddings: inputs.embeddings,
    delegation: inputs.smes,
  });
  const smes = recommendSmesForSme(self, inputs.smes, { limit: suggestionCounts.smes, embeddings: inputs.embeddings });
  const open = takesRequests(mission, deps.clock.now());
  const asked = new Map(
    (await requestsOfMission(deps.db, mission.id))
      .filter((request) => request.smeId === self.id && request.status !== "withdrawn")
      .map((request) => [counterpartKey(request.target), request.status]),
  );
  const notes = [
    open ? "" : "Meeting requests for this mission are closed.",
    others.length > 0
      ? `Also in ${others.map((m) => escapeMrkdwn(m.name)).join(", ")}: add \`in <mission>\` to see those.`
      : "",
  ].filter(Boolean);
  await respond({
    response_type: "ephemeral",
    ...smeSuggestions({
      smeName: sme.value.name,
      missionName: mission.name,
      missionId: mission.id,
      smeId: sme.value.id,
      organisations,
      smes,
      canRequest: open,
      asked,
      note: notes.join(" ") || undefined,
    }),
  });
}

/** `/meet suggest org <organisation> [in <mission>]`: in the named mission, else the first that has it. */
async function suggestForOrganisationNamed(
  deps: AppDeps,
  respond: CommandContext["respond"],
  typed: string,
  missionTyped: string | undefined,
): Promise<void> {
  let missions: MissionRecord[];
  if (missionTyped) {
    const named = await missionNamed(deps, missionTyped);
    if (!named.ok) return void (await respond(ephemeral(named.message)));
    missions = [named.value];
  } else {
    missions = await activeMissions(deps.db);
  }
  for (const mission of missions) {
    const found = findByName(await organisationsOfMission(deps.db, mission.id), typed);
    if (found.found) {
      await respond({
        response_type: "ephemeral",
        ...(await organisationSuggestionsIn(deps, mission, found.found.id)),
      });
      return;
    }
    if (found.candidates.length > 1) {
      const names = found.candidates.map((o) => escapeMrkdwn(o.name)).join(", ");
      return void (await respond(ephemeral(`Several organisations match “${escapeMrkdwn(typed)}”: ${names}.`)));
    }
  }
  await respond(
    ephemeral(
      `No organisation of ${missionTyped ? "that mission" : "an active mission"} is called “${escapeMrkdwn(typed)}”.`,
    ),
  );
}

/** The SMEs of a mission's delegation an organisation should meet, as a message. */
async function organisationSuggestionsIn(deps: AppDeps, mission: MissionRecord, organisationId: number) {
  const inputs = await loadMissionInputs(deps, mission.id);
  const record = inputs.records.find((o) => o.id === organisationId);
  if (!record) return { text: "That organisation is no longer in the mission.", blocks: [] };
  const suggestions = recommendForOrganisation(toMatchOrganisation(record), inputs.smes, {
    limit: suggestionCounts.organisations,
    embeddings: inputs.embeddings,
  });
  return organisationSuggestions(record.name, mission.name, suggestions);
}

const suggestValue = z.object({ m: z.number().int().positive(), o: z.number().int().positive() });

export function registerSuggestListeners(app: App, deps: AppDeps): void {
  /** The overview's Suggest button for an organisation nobody asked for. */
  const onSuggestClicked = async ({ body, respond }: ButtonClick): Promise<void> => {
    const value = suggestValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await getMission(deps.db, value.data.m) : undefined;
    if (!value.success || !mission) {
      await respond(ephemeral("That mission no longer exists."));
      return;
    }
    const message = await organisationSuggestionsIn(deps, mission, value.data.o);
    await respond({ response_type: "ephemeral", replace_original: false, ...message });
  };
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${actionIds.suggestForOrganisation.replace(".", "\\.")}\\.\\d+$`),
    guardAction(deps, "meetings.manage"),
    onSuggestClicked,
  );
}
