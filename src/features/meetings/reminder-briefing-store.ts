/**
 * The facts of a meeting's briefing, for one SME at its table: the meeting and its mission, the
 * counterpart's profile, the request behind it, the recommender's reasons (matchmaking) and the
 * SME's own BI answers (bi). Undefined when the reminder is no longer wanted: the meeting was
 * cancelled or moved since the run fell due, or it has already started.
 */
import { labelOf, seeks } from "../../domain/taxonomy.js";
import type { AppDeps } from "../../platform/slack/feature.js";
import { briefingAnswers } from "../bi/index.js";
import { getSme } from "../directory/index.js";
import { meetingReasons, requestPriorities } from "../matchmaking/index.js";
import { getOrganisation, organisationTypes } from "../missions/index.js";
import type { Briefing, BriefingCounterpart } from "./reminder-briefing.js";
import { type MeetingRunTarget, reminderDueAt } from "./reminder-due.js";

export async function loadBriefing(
  deps: AppDeps,
  target: MeetingRunTarget,
  dueAt: Date,
): Promise<Omit<Briefing, "late"> | undefined> {
  const { db } = deps;
  const meeting = await db.meeting.findUnique({
    where: { id: target.meetingId },
    include: {
      mission: { select: { name: true, timeZone: true, market: true, reminderMinutes: true } },
      request: { select: { smeId: true, priority: true, message: true } },
    },
  });
  if (meeting?.status !== "scheduled") return undefined;
  const minutesBefore = meeting.mission.reminderMinutes;
  if (reminderDueAt({ startsAt: meeting.startsAt, reminderMinutes: minutesBefore }).getTime() !== dueAt.getTime()) {
    return undefined;
  }
  if (deps.clock.now() >= meeting.startsAt) return undefined;
  const sides = meeting.targetSmeId === null ? [meeting.smeId] : [meeting.smeId, meeting.targetSmeId];
  if (!sides.includes(target.smeId)) return undefined;
  const otherSmeId = sides.find((id) => id !== target.smeId);

  const [own, counterpart, reasons, bi] = await Promise.all([
    getSme(db, target.smeId),
    meeting.organisationId !== null && target.smeId === meeting.smeId
      ? organisationCounterpart(deps, meeting.organisationId)
      : otherSmeId !== undefined
        ? smeCounterpart(deps, otherSmeId)
        : undefined,
    meetingReasons(deps, {
      missionId: meeting.missionId,
      smeId: target.smeId,
      organisationId: meeting.organisationId,
      targetSmeId: otherSmeId ?? null,
    }).catch((error: unknown) => {
      // The reminder matters more than its reasons: it goes out without them.
      deps.logger.warn({ err: error, meetingId: meeting.id }, "a briefing's reasons could not be computed");
      return [];
    }),
    briefingAnswers(db, target.smeId, meeting.mission.market),
  ]);
  if (!own || !counterpart) return undefined;
  const request = meeting.request;
  return {
    missionName: meeting.mission.name,
    zone: meeting.mission.timeZone,
    market: meeting.mission.market,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    table: meeting.tableNumber,
    sme: { name: own.name },
    counterpart,
    reasons,
    request: request
      ? {
          byThisSme: request.smeId === target.smeId,
          priority: request.priority,
          priorityLabel: requestPriorities.find((p) => p.key === request.priority)?.label ?? request.priority,
          message: request.message,
        }
      : null,
    bi,
    minutesBefore,
  };
}

async function organisationCounterpart(deps: AppDeps, id: number): Promise<BriefingCounterpart | undefined> {
  const organisation = await getOrganisation(deps.db, id);
  if (!organisation) return undefined;
  const contact = [organisation.contactName, organisation.contactEmail].filter(Boolean).join(", ");
  return {
    kind: "org",
    name: organisation.name,
    type: labelOf(organisationTypes, organisation.type),
    city: organisation.city,
    contact: contact || null,
    website: organisation.website ?? null,
    needs: organisation.needs,
  };
}

async function smeCounterpart(deps: AppDeps, id: number): Promise<BriefingCounterpart | undefined> {
  const sme = await getSme(deps.db, id);
  if (!sme) return undefined;
  return {
    kind: "sme",
    name: sme.name,
    country: sme.country,
    contact: sme.contactEmail || null,
    contactSlackUserId: sme.contactSlackUserId || null,
    website: sme.website || null,
    offer: sme.offer,
    seeks: sme.seeks.map((key) => labelOf(seeks, key)),
  };
}
