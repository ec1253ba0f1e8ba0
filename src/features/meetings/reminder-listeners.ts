/**
 * `/mission reminders off|on|snooze <days>`: a person's wish about meeting reminders and outcome
 * surveys, with no argument what it is now. Anyone may set their own: a traveller may have no role.
 */
import { type AppDeps, type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import { lookUpUser } from "../../platform/slack/users.js";
import { isKnownZone } from "../missions/index.js";
import { describeWish, readRemindersRequest, remindersUsage, wishAfter } from "./reminder-settings.js";
import { saveWish, wishOf, zoneOfPerson } from "./reminder-store.js";

/** The person's zone, to say when a snooze ends: as the app knows it, else as Slack says, else UTC. */
async function zoneOf(deps: AppDeps, client: CommandContext["client"], slackUserId: string): Promise<string> {
  const zone =
    (await zoneOfPerson(deps.db, slackUserId)) ?? (await lookUpUser(client, slackUserId, deps.logger))?.timeZone;
  return zone && isKnownZone(zone) ? zone : "UTC";
}

async function runReminders({ actor, args, respond, client, deps }: CommandContext): Promise<void> {
  const request = readRemindersRequest(args);
  if (request.kind === "invalid") return void (await respond(ephemeral(`${request.message}\n${remindersUsage}`)));
  const now = deps.clock.now();
  const zone = await zoneOf(deps, client, actor.slackUserId);
  if (request.kind === "show") {
    return void (await respond(ephemeral(describeWish(await wishOf(deps.db, actor.slackUserId), now, zone))));
  }
  const wish = wishAfter(request, now, zone);
  await saveWish(deps.db, actor.slackUserId, wish);
  await respond(ephemeral(describeWish(wish, now, zone)));
}

export const reminderSubcommands: readonly Subcommand[] = [
  {
    name: "reminders",
    usage: "[off|on|snooze <days>]",
    description: "your meeting reminders and outcome surveys: see, turn off or on, or snooze them for 1–30 days",
    permission: "privacy.self",
    run: runReminders,
  },
];
