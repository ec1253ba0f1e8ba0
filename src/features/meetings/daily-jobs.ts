/**
 * The daily posts of a mission as scheduled jobs (decision 006): each morning the channel's agenda,
 * then each SME's thread reply under it and each traveller's schedule by DM; each evening before a
 * mission day, its preview. What is due comes from daily-schedule.ts; every post goes through the
 * paced scheduled sender with its run key.
 */
import type { DueRun, Job, SendContext, SentMessage } from "../../platform/jobs/job-runner.js";
import type { JobDeps } from "../../platform/slack/feature.js";
import { dailyAgendaPost, personalScheduleDm, smeDayReply } from "./daily-messages.js";
import { dailyDueRuns, dailyJobKinds, dayTarget, readDailyTarget } from "./daily-schedule.js";
import { dailyMissionFacts, loadDailyFacts, sentRun, smesOfTraveller, wantsQuiet } from "./daily-store.js";

/** The circumstances a run is sent in, as the message says them. */
const lateness = (run: DueRun, context: SendContext) => (context.late ? { lateSince: run.dueAt } : {});

/** The jobs, in the order each tick runs them: an SME's reply needs the agenda it replies under. */
export function createDailyJobs(deps: JobDeps): readonly Job[] {
  const { db, logger, slack } = deps;

  const job = (
    kind: keyof typeof dailyJobKinds,
    send: (run: DueRun, context: SendContext) => Promise<SentMessage | undefined>,
  ): Job => ({
    kind: dailyJobKinds[kind],
    async dueRuns(window) {
      return dailyDueRuns(await dailyMissionFacts(db, window), window)[kind];
    },
    send,
  });

  /** The channel's post of a mission day, morning agenda or evening preview. */
  const channelPost = (kind: "agenda" | "preview") => async (run: DueRun, context: SendContext) => {
    const target = readDailyTarget(run.target);
    if (target?.kind !== "day") return undefined;
    // Sent already at another time (the post time was changed after it went out): not twice.
    const earlier = await sentRun(db, dailyJobKinds[kind], run.target);
    if (earlier) return { channel: earlier.channel ?? undefined, ts: earlier.messageTs ?? undefined };
    const loaded = await loadDailyFacts(db, target.missionId, target.day);
    if (!loaded) return undefined;
    if (!loaded.mission.channelId) {
      logger.info({ mission: loaded.mission.id, day: target.day, kind }, "the mission has no channel: no daily post");
      return undefined;
    }
    const message = dailyAgendaPost(loaded.facts, { kind, ...lateness(run, context) });
    return slack.post({ channel: loaded.mission.channelId, ...message, runKey: context.runKey });
  };

  /** An SME's meetings of the day, in the thread of the day's agenda. */
  const smeReply = async (run: DueRun, context: SendContext) => {
    const target = readDailyTarget(run.target);
    if (target?.kind !== "sme") return undefined;
    const earlier = await sentRun(db, dailyJobKinds.smeDetails, run.target);
    if (earlier) return { channel: earlier.channel ?? undefined, ts: earlier.messageTs ?? undefined };
    const agenda = await sentRun(db, dailyJobKinds.agenda, dayTarget(target.missionId, target.day));
    // The agenda went nowhere (no channel): nor do its replies. Not sent yet: try again at the next tick.
    if (!agenda) throw new Error(`the agenda of ${dayTarget(target.missionId, target.day)} is not posted yet`);
    const { channel, messageTs } = agenda;
    if (!channel || !messageTs) return undefined;
    const loaded = await loadDailyFacts(db, target.missionId, target.day);
    const sme = await db.sme.findUnique({ where: { id: target.smeId }, select: { id: true, name: true } });
    if (!loaded || !sme) return undefined;
    const reply = smeDayReply(loaded.facts, sme);
    if (!reply) return undefined;
    return slack.post({ channel, threadTs: messageTs, ...reply, runKey: context.runKey });
  };

  /** A traveller's own day, by DM; not to someone who asked for quiet (`/mission reminders off|snooze`). */
  const personalDm = async (run: DueRun, context: SendContext) => {
    const target = readDailyTarget(run.target);
    if (target?.kind !== "person") return undefined;
    const earlier = await sentRun(db, dailyJobKinds.personal, run.target);
    if (earlier) return { channel: earlier.channel ?? undefined, ts: earlier.messageTs ?? undefined };
    if (await wantsQuiet(db, target.slackUserId, run.dueAt)) {
      logger.debug({ target: run.target }, "the traveller asked for quiet: no personal schedule");
      return undefined;
    }
    const loaded = await loadDailyFacts(db, target.missionId, target.day);
    if (!loaded) return undefined;
    const smes = await smesOfTraveller(db, target.missionId, target.slackUserId);
    const message = personalScheduleDm(loaded.facts, smes, lateness(run, context));
    if (!message) return undefined;
    return slack.post({ channel: target.slackUserId, ...message, runKey: context.runKey });
  };

  return [
    job("agenda", channelPost("agenda")),
    job("smeDetails", smeReply),
    job("personal", personalDm),
    job("preview", channelPost("preview")),
  ];
}
