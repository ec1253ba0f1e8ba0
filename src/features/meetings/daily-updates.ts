/**
 * Changes on the day: when a re-publish moves or cancels meetings of a day whose posts already went
 * out, those posts are updated in place (chat.update), never posted again: the channel's agenda and
 * preview, the thread reply of each SME concerned, and the morning DM of each of its travellers.
 * The people concerned are told what changed by publishing itself (schedule-listeners' DMs), whatever
 * their reminder wishes.
 */
import type { WebClient } from "@slack/web-api";
import type { AppDeps } from "../../platform/slack/feature.js";
import type { MissionRecord } from "../missions/index.js";
import { localDayOf } from "./agenda.js";
import { dailyAgendaPost, personalScheduleDm, type SlackMessage, smeDayReply } from "./daily-messages.js";
import { dailyJobKinds, dayTarget, personDayTarget, smeDayTarget } from "./daily-schedule.js";
import { loadDailyFacts, recordRunMessage, sentRun, smesOfTraveller, travellersOfSmes } from "./daily-store.js";
import type { ScheduleChange } from "./publish.js";

/** The local days a change touches: where a meeting was, and where it is now. */
function daysOf(change: ScheduleChange, zone: string): string[] {
  const places =
    change.kind === "new" ? [change.to] : change.kind === "moved" ? [change.from, change.to] : [change.from];
  return places.map((place) => localDayOf(place.startsAt, zone));
}

/** Which SMEs' meetings changed on which local day. */
function changedSmesByDay(changes: ReadonlyMap<number, readonly ScheduleChange[]>, zone: string) {
  const byDay = new Map<string, Set<number>>();
  for (const [smeId, list] of changes) {
    for (const day of list.flatMap((change) => daysOf(change, zone))) {
      byDay.set(day, (byDay.get(day) ?? new Set()).add(smeId));
    }
  }
  return byDay;
}

/**
 * Updates the posts already sent for the days the changes touch. Never throws: the schedule is
 * published and its people told by then, so a post that cannot be updated is logged and left.
 */
export async function refreshDailyPosts(
  deps: AppDeps,
  client: WebClient,
  mission: MissionRecord,
  changes: ReadonlyMap<number, readonly ScheduleChange[]>,
): Promise<void> {
  try {
    await refreshDays(deps, client, mission, changes);
  } catch (error) {
    deps.logger.error(
      { err: error, mission: mission.id },
      "could not update the daily posts after the schedule changed",
    );
  }
}

async function refreshDays(
  deps: AppDeps,
  client: WebClient,
  mission: MissionRecord,
  changes: ReadonlyMap<number, readonly ScheduleChange[]>,
): Promise<void> {
  const { db, logger } = deps;
  const updatedAt = deps.clock.now();
  const update = async (where: { channel: string; ts: string }, message: SlackMessage) => {
    try {
      await client.chat.update({ ...where, ...message });
    } catch (error) {
      logger.warn({ err: error, ...where }, "could not update a daily post after the schedule changed");
    }
  };
  for (const [day, smeIds] of changedSmesByDay(changes, mission.timeZone)) {
    const loaded = await loadDailyFacts(db, mission.id, day);
    if (!loaded) continue;
    const { facts } = loaded;
    for (const kind of ["agenda", "preview"] as const) {
      const run = await sentRun(db, dailyJobKinds[kind], dayTarget(mission.id, day));
      if (!run?.channel || !run.messageTs) continue;
      const lateSince = run.late ? { lateSince: run.dueAt } : {};
      await update(
        { channel: run.channel, ts: run.messageTs },
        dailyAgendaPost(facts, { kind, updatedAt, ...lateSince }),
      );
    }
    const agenda = await sentRun(db, dailyJobKinds.agenda, dayTarget(mission.id, day));
    for (const smeId of smeIds) {
      const run = await sentRun(db, dailyJobKinds.smeDetails, smeDayTarget(mission.id, day, smeId));
      const sme = await db.sme.findUnique({ where: { id: smeId }, select: { id: true, name: true } });
      if (!run || !sme) continue;
      if (run.channel && run.messageTs) {
        const reply = smeDayReply(facts, sme, { updatedAt });
        if (reply) await update({ channel: run.channel, ts: run.messageTs }, reply);
        continue;
      }
      // It had no meetings that morning, so no reply: one now, in the agenda's thread.
      const reply = smeDayReply(facts, sme);
      if (!reply || !agenda?.channel || !agenda.messageTs) continue;
      try {
        const posted = await client.chat.postMessage({
          channel: agenda.channel,
          thread_ts: agenda.messageTs,
          ...reply,
        });
        await recordRunMessage(db, run.id, { channel: String(posted.channel), ts: String(posted.ts) });
      } catch (error) {
        logger.warn({ err: error, target: run.target }, "could not reply under the agenda after the schedule changed");
      }
    }
    for (const traveller of await travellersOfSmes(db, mission.id, [...smeIds])) {
      const run = await sentRun(db, dailyJobKinds.personal, personDayTarget(mission.id, day, traveller));
      if (!run?.channel || !run.messageTs) continue;
      const smes = await smesOfTraveller(db, mission.id, traveller);
      const message = personalScheduleDm(facts, smes, { updatedAt });
      if (message) await update({ channel: run.channel, ts: run.messageTs }, message);
    }
  }
}
