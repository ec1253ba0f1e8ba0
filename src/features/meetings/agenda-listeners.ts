/**
 * `/mission agenda [mission] [date] [me|<SME>|all]`: a day of the programme and the meetings, in the
 * mission's zone; `/mission agenda ics [me|<SME>]` (or the button under the agenda) sends the
 * person's calendar file to their DM. SME members see their own company's agenda; staff see any
 * SME's, or everyone's.
 */
import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { isStaff } from "../../domain/roles.js";
import { countOf, escapeMrkdwn, foldText } from "../../domain/text.js";
import type { Actor } from "../../platform/auth.js";
import { parseJson } from "../../platform/json.js";
import { type AppDeps, type CommandContext, ephemeral, type Subcommand } from "../../platform/slack/feature.js";
import { uploadToDirectMessage } from "../../platform/slack/files.js";
import { actorOf, type ButtonClick, guardAction } from "../../platform/slack/guard.js";
import { closestMatch, smeOfMember } from "../directory/index.js";
import { getMission, type MissionRecord } from "../missions/index.js";
import {
  type AgendaView,
  type AgendaWho,
  attends,
  buildAgendaDay,
  defaultAgendaDay,
  readAgendaRequest,
} from "./agenda.js";
import { type Found, leadingMission, missionInContext } from "./agenda-mission.js";
import { agendaSmes, scheduledMeetings, schedulePublished } from "./agenda-store.js";
import { agendaActionIds, agendaCalendarValue, agendaDayValue, agendaMessage } from "./agenda-views.js";
import { personalCalendar } from "./calendar.js";
import { programmeOf } from "./programme-store.js";

const usage = "`/mission agenda [mission] [date] [me|<company>|all]`, or `/mission agenda ics [me|<company>]`";

/** First words that are never the start of a mission's name ("me" would find a mission in Mexico). */
const notMissionWords = new Set(["me", "all", "ics", "today", "tomorrow", "yesterday"]);

/** An SME named in the command, among those of the mission: exact, else every word, else close names. */
async function namedSme(
  deps: AppDeps,
  mission: MissionRecord,
  typed: string,
): Promise<Found<{ id: number; name: string }>> {
  const smes = await agendaSmes(deps.db, mission.id);
  const wanted = foldText(typed);
  const exact = smes.find((sme) => foldText(sme.name) === wanted);
  if (exact) return { ok: true, value: exact };
  const words = wanted.split(" ");
  const containing = smes.filter((sme) => {
    const nameWords = foldText(sme.name).split(" ");
    return words.every((word) => nameWords.some((w) => w.startsWith(word)));
  });
  const [only, ...more] = containing;
  if (only && more.length === 0) return { ok: true, value: only };
  const shown = `“${escapeMrkdwn(typed)}”`;
  if (only) {
    return {
      ok: false,
      message: `Several companies of *${escapeMrkdwn(mission.name)}* match ${shown}: ${containing.map((s) => `*${escapeMrkdwn(s.name)}*`).join(", ")}. Type more of the name.`,
    };
  }
  // A typo: names with a word close to one typed ("Nordik" finds Nordic Heat A/S).
  const close = smes.filter((sme) => {
    const nameWords = foldText(sme.name).split(" ");
    return words.some((word) => word.length >= 3 && closestMatch(word, nameWords) !== undefined);
  });
  const hint =
    close.length > 0
      ? ` Did you mean ${close
          .slice(0, 5)
          .map((s) => `*${escapeMrkdwn(s.name)}*`)
          .join(" or ")}?`
      : "";
  return {
    ok: false,
    message: `No company of *${escapeMrkdwn(mission.name)}* is called ${shown}.${hint} \`/mission delegation ${escapeMrkdwn(mission.name)}\` lists the delegation.`,
  };
}

/** Whose agenda a person asked for, and whether they may see it. */
async function viewFor(
  deps: AppDeps,
  actor: Actor,
  mission: MissionRecord,
  who: AgendaWho | undefined,
): Promise<Found<AgendaView>> {
  const staff = isStaff(actor);
  const own = await smeOfMember(deps.db, actor.slackUserId);
  const ownView = own ? ({ kind: "sme", sme: { id: own.id, name: own.name } } as const) : undefined;
  if (!who) {
    if (ownView) return { ok: true, value: ownView };
    if (staff) return { ok: true, value: { kind: "all" } };
    return { ok: false, message: "Your company is not in the directory yet: `/sme register` first." };
  }
  if (who.kind === "me") {
    if (ownView) return { ok: true, value: ownView };
    return {
      ok: false,
      message: staff
        ? "You do not speak for a company: name one, or ask for `all`."
        : "Your company is not in the directory yet: `/sme register` first.",
    };
  }
  if (who.kind === "all") {
    return staff
      ? { ok: true, value: { kind: "all" } }
      : { ok: false, message: "Only staff see everyone's agenda: `/mission agenda` shows your company's." };
  }
  const named = await namedSme(deps, mission, who.name);
  if (!named.ok) return named;
  if (!staff && named.value.id !== own?.id) {
    return { ok: false, message: "You see your own company's agenda only: `/mission agenda` shows it." };
  }
  return { ok: true, value: { kind: "sme", sme: named.value } };
}

async function dayMessage(deps: AppDeps, mission: MissionRecord, view: AgendaView, day: string) {
  const [programme, meetings, published] = await Promise.all([
    programmeOf(deps.db, mission.id),
    scheduledMeetings(deps.db, mission.id, view.kind === "sme" ? { smeId: view.sme.id } : {}),
    schedulePublished(deps.db, mission.id),
  ]);
  const agenda = buildAgendaDay({ zone: mission.timeZone, day, programme, meetings, view });
  return agendaMessage({ mission, view, agenda, published });
}

/** A slug for file names: "China mission 2027" → "china-mission-2027". */
export function slug(text: string): string {
  return foldText(text).replace(/\s+/g, "-") || "x";
}

/** Writes an SME's calendar file and sends it to the person's DM; returns what to tell them. */
async function sendCalendar(
  deps: AppDeps,
  client: WebClient,
  actor: Actor,
  mission: MissionRecord,
  sme: { id: number; name: string },
): Promise<string> {
  const [programme, meetings, published] = await Promise.all([
    programmeOf(deps.db, mission.id),
    scheduledMeetings(deps.db, mission.id, { smeId: sme.id }),
    schedulePublished(deps.db, mission.id),
  ]);
  const content = personalCalendar({ mission, sme, meetings, programme, generatedAt: deps.clock.now() });
  const meetingCount = meetings.filter((meeting) => attends(meeting, sme.id)).length;
  const what = `${countOf(meetingCount, "meeting")} and ${countOf(programme.length, "programme item")}`;
  await uploadToDirectMessage(client, actor.slackUserId, {
    filename: `ec2i-${slug(mission.name)}-${slug(sme.name)}.ics`,
    content,
    title: `${mission.name}: ${sme.name}`,
    comment: `The calendar of *${escapeMrkdwn(sme.name)}* for *${escapeMrkdwn(mission.name)}*: ${what}. Open it to add them to your calendar; importing a newer file updates them rather than adding them twice.`,
  });
  const notYet = published ? "" : " The meeting schedule is not published yet: ask again once it is.";
  return `:calendar: Sent the calendar file of *${escapeMrkdwn(sme.name)}* (${what}) to our direct message.${notYet}`;
}

async function runAgenda({ actor, args, command, client, respond, deps }: CommandContext): Promise<void> {
  let words = args.split(/\s+/).filter(Boolean);
  let wantsCalendar = false;
  if (words[0]?.toLowerCase() === "ics") {
    wantsCalendar = true;
    words = words.slice(1);
  }
  const first = words[0]?.toLowerCase() ?? "";
  const named =
    first && !notMissionWords.has(first) && !/^\d/.test(first) ? await leadingMission(deps, words) : undefined;
  let mission: MissionRecord;
  if (named) {
    mission = named.mission;
    words = named.rest;
    if (words[0]?.toLowerCase() === "ics") {
      wantsCalendar = true;
      words = words.slice(1);
    }
  } else {
    const found = await missionInContext(deps, { actor, channelId: command.channel_id, usage });
    if (!found.ok) {
      await respond(ephemeral(found.message));
      return;
    }
    mission = found.value;
  }
  const asked = readAgendaRequest(words.join(" "), { now: deps.clock.now(), ...mission });
  if ("problem" in asked) {
    await respond(ephemeral(`${escapeMrkdwn(asked.problem)} Write a date as 2027-04-13, 13 Apr, today or tomorrow.`));
    return;
  }
  const view = await viewFor(deps, actor, mission, asked.who);
  if (!view.ok) {
    await respond(ephemeral(view.message));
    return;
  }
  if (wantsCalendar) {
    if (view.value.kind === "all") {
      await respond(ephemeral("A calendar file is one company's: `/mission agenda ics <company>`."));
      return;
    }
    await respond(ephemeral(await sendCalendar(deps, client, actor, mission, view.value.sme)));
    return;
  }
  const day = asked.day ?? defaultAgendaDay(deps.clock.now(), mission);
  await respond({ response_type: "ephemeral", ...(await dayMessage(deps, mission, view.value, day)) });
}

export const agendaSubcommands: readonly Subcommand[] = [
  {
    name: "agenda",
    usage: "[mission] [date] [me|<company>|all] | agenda ics [me|<company>]",
    description:
      "a day of the mission: programme and meetings with tables and counterparts; `ics` sends your calendar file",
    permission: "missions.read",
    run: runAgenda,
  },
];

/** The mission a button names, if it still exists; refuses in place otherwise. */
async function missionOfButton(deps: AppDeps, id: number, respond: RespondFn): Promise<MissionRecord | undefined> {
  const mission = await getMission(deps.db, id);
  if (!mission) await respond({ replace_original: false, text: "That mission no longer exists." });
  return mission;
}

/** The view a button names, checked again: the person may have lost the right to see it since. */
async function viewOfButton(deps: AppDeps, actor: Actor, mission: MissionRecord, smeId: number) {
  if (smeId === 0) return viewFor(deps, actor, mission, { kind: "all" });
  const smes = await agendaSmes(deps.db, mission.id);
  const sme = smes.find((s) => s.id === smeId);
  if (!sme) return { ok: false as const, message: "That company is no longer in this mission." };
  if (!isStaff(actor) && actor.smeId !== sme.id) {
    return { ok: false as const, message: "You see your own company's agenda only." };
  }
  return { ok: true as const, value: { kind: "sme" as const, sme } };
}

export function registerAgendaListeners(app: App, deps: AppDeps): void {
  const reader = guardAction(deps, "missions.read");

  const onDayClicked = async ({ body, context, respond }: ButtonClick) => {
    const value = agendaDayValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await missionOfButton(deps, value.data.m, respond) : undefined;
    if (!value.success || !mission) return;
    const view = await viewOfButton(deps, actorOf(context), mission, value.data.s);
    if (!view.ok) {
      await respond({ replace_original: false, text: view.message });
      return;
    }
    await respond({
      response_type: "ephemeral",
      replace_original: true,
      ...(await dayMessage(deps, mission, view.value, value.data.d)),
    });
  };

  const onCalendarClicked = async ({ body, client, context, respond }: ButtonClick) => {
    const value = agendaCalendarValue.safeParse(parseJson(body.actions[0]?.value));
    const mission = value.success ? await missionOfButton(deps, value.data.m, respond) : undefined;
    if (!value.success || !mission) return;
    const actor = actorOf(context);
    const view = await viewOfButton(deps, actor, mission, value.data.s);
    if (!view.ok || view.value.kind !== "sme") {
      await respond({ replace_original: false, text: view.ok ? "Pick one company." : view.message });
      return;
    }
    const text = await sendCalendar(deps, client, actor, mission, view.value.sme);
    await respond({ response_type: "ephemeral", replace_original: false, text });
  };

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${agendaActionIds.day.replaceAll(".", "\\.")}\\.`),
    reader,
    onDayClicked,
  );
  app.action<BlockAction<ButtonAction>>(agendaActionIds.calendar, reader, onCalendarClicked);
}
