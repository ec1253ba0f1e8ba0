/** `/meet overview <mission>` and its button (for `/mission show`): the staff overview of a mission's matchmaking. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import { type AppDeps, type CommandContext, ephemeral } from "../../platform/slack/feature.js";
import { type ButtonClick, guardAction } from "../../platform/slack/guard.js";
import { getSmes } from "../directory/index.js";
import { delegationSmeIds, getMission, type MissionRecord, organisationsOfMission } from "../missions/index.js";
import { missionOverview } from "./overview.js";
import { missionNamed } from "./request-context.js";
import { requestsOfMission } from "./request-store.js";
import { actionIds, overviewMessage } from "./views.js";

async function overviewOf(deps: AppDeps, mission: MissionRecord) {
  const [ids, organisations, requests] = await Promise.all([
    delegationSmeIds(deps.db, mission.id),
    organisationsOfMission(deps.db, mission.id),
    requestsOfMission(deps.db, mission.id),
  ]);
  const delegation = await getSmes(deps.db, ids);
  return overviewMessage(missionOverview({ mission, delegation, organisations, requests }));
}

export async function runOverview({ args, respond, deps }: CommandContext): Promise<void> {
  if (!args) return void (await respond(ephemeral("Usage: `/meet overview <mission>`")));
  const mission = await missionNamed(deps, args);
  if (!mission.ok) return void (await respond(ephemeral(mission.message)));
  await respond({ response_type: "ephemeral", ...(await overviewOf(deps, mission.value)) });
}

export function registerOverviewListeners(app: App, deps: AppDeps): void {
  /** The overview button other features show with a mission (its value: the mission's id). */
  const onOverviewClicked = async ({ body, respond }: ButtonClick): Promise<void> => {
    const id = z.coerce.number().int().positive().safeParse(body.actions[0]?.value);
    const mission = id.success ? await getMission(deps.db, id.data) : undefined;
    if (!mission) return void (await respond(ephemeral("That mission no longer exists.")));
    await respond({ response_type: "ephemeral", replace_original: false, ...(await overviewOf(deps, mission)) });
  };
  app.action<BlockAction<ButtonAction>>(
    actionIds.openOverview,
    guardAction(deps, "meetings.manage"),
    onOverviewClicked,
  );
}
