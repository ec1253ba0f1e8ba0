/**
 * Reads what the schedule problem of a mission is made of: its delegation, its organisations with
 * their days and stands, its accepted requests and its published meetings. Only reads.
 */
import { z } from "zod";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Database } from "../../platform/db/client.js";
import { delegationSmeIds, type MissionRecord } from "../missions/index.js";
import type { MissionProblemInput, ProblemRequest, PublishedMeeting } from "./mission-problem.js";

/**
 * Every SME should get at least one meeting where possible, unless the plan says otherwise
 * (`minMeetingsPerSme` in the stored session plan). The engine ranks fairness after the
 * priority-weighted total, so a minimum never costs a meeting: it only decides between schedules
 * worth the same, towards the one where no SME travelled for nothing.
 */
export const defaultMinMeetingsPerSme = 1;

const planMinimum = z.object({ minMeetingsPerSme: z.number().int().min(0) });
const dayList = z.array(z.string()).catch([]);

/** Accepted requests whose meeting is still to be placed (not held, cancelled or missed). */
export async function schedulableRequests(
  db: Pick<Prisma.TransactionClient, "meetingRequest">,
  missionId: number,
): Promise<ProblemRequest[]> {
  const rows = await db.meetingRequest.findMany({
    where: { missionId, status: "accepted", OR: [{ meeting: null }, { meeting: { status: "scheduled" } }] },
    select: { id: true, smeId: true, organisationId: true, targetSmeId: true, priority: true },
    orderBy: { id: "asc" },
  });
  return rows;
}

/** The published schedule: Meeting rows still scheduled. */
export async function publishedMeetings(db: Database, missionId: number) {
  return db.meeting.findMany({ where: { missionId, status: "scheduled" }, orderBy: { startsAt: "asc" } });
}

export async function loadMissionProblemInput(
  db: Database,
  mission: MissionRecord,
  now: Date,
): Promise<MissionProblemInput> {
  const [smeIds, links, requests, published, row] = await Promise.all([
    delegationSmeIds(db, mission.id),
    db.missionOrganisation.findMany({
      where: { missionId: mission.id },
      select: { standTable: true, organisation: { select: { id: true, name: true, available: true } } },
      orderBy: { organisationId: "asc" },
    }),
    schedulableRequests(db, mission.id),
    publishedMeetings(db, mission.id),
    db.mission.findUnique({ where: { id: mission.id }, select: { sessionPlan: true } }),
  ]);
  const smes = await db.sme.findMany({ where: { id: { in: smeIds } }, select: { id: true, name: true } });
  const order = new Map(smeIds.map((id, at) => [id, at]));
  smes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const minimum = planMinimum.safeParse(row?.sessionPlan);
  return {
    timeZone: mission.timeZone,
    sessionPlan: mission.sessionPlan,
    smes,
    organisations: links.map((link) => ({
      id: link.organisation.id,
      name: link.organisation.name,
      available: dayList.parse(link.organisation.available),
      standTable: link.standTable,
    })),
    requests,
    published: published.flatMap((meeting): PublishedMeeting[] =>
      meeting.requestId === null
        ? []
        : [{ requestId: meeting.requestId, startsAt: meeting.startsAt, tableNumber: meeting.tableNumber }],
    ),
    now,
    minMeetingsPerSme: minimum.success ? minimum.data.minMeetingsPerSme : defaultMinMeetingsPerSme,
  };
}
