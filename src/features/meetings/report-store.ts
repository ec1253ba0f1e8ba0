/**
 * What `/mission report` reads: every meeting of a mission (cancelled ones too) with both parties,
 * the request's priority and the survey answers; the delegation with its BI completion; consortia.
 * Reads only.
 */
import { labelOf } from "../../domain/taxonomy.js";
import type { Database } from "../../platform/db/client.js";
import type { Logger } from "../../platform/logger.js";
import { finishedTemplateAnswers } from "../bi/index.js";
import { delegationSmeIds, type MissionRecord, organisationTypes } from "../missions/index.js";
import {
  type ReportConsortium,
  type ReportInput,
  type ReportMeeting,
  type ReportSme,
  surveyOutcome,
} from "./report-figures.js";

/** A mission's consortia for the report, handed in by features/index.ts (consortia imports missions). */
export type ConsortiumReads = (db: Database, missionId: number) => Promise<readonly ReportConsortium[]>;

const smeSelect = { id: true, name: true, cluster: { select: { name: true } } } as const;

function reportSme(row: { id: number; name: string; cluster: { name: string } | null }): ReportSme {
  return { id: row.id, name: row.name, cluster: row.cluster?.name ?? null };
}

/** "Project owner": the database spells the types with underscores, the taxonomy with hyphens. */
function organisationTypeLabel(type: string): string {
  return labelOf(organisationTypes, type.replaceAll("_", "-"));
}

/** How many meetings a mission has, cancelled ones included: none means no schedule was published. */
export async function meetingCount(db: Database, missionId: number): Promise<number> {
  return db.meeting.count({ where: { missionId } });
}

export async function reportMeetings(db: Database, logger: Logger, missionId: number): Promise<ReportMeeting[]> {
  const rows = await db.meeting.findMany({
    where: { missionId },
    orderBy: [{ startsAt: "asc" }, { tableNumber: "asc" }],
    include: {
      sme: { select: smeSelect },
      targetSme: { select: smeSelect },
      organisation: { select: { name: true, type: true } },
      request: { select: { priority: true } },
      outcomes: { select: { smeId: true, outcome: true, note: true } },
    },
  });
  const meetings: ReportMeeting[] = [];
  for (const row of rows) {
    const counterpart: ReportMeeting["counterpart"] | undefined = row.organisation
      ? { kind: "org", name: row.organisation.name, type: organisationTypeLabel(row.organisation.type) }
      : row.targetSme
        ? { kind: "sme", sme: reportSme(row.targetSme) }
        : undefined;
    if (!counterpart) continue;
    const answers: ReportMeeting["answers"][number][] = [];
    for (const answer of row.outcomes) {
      const outcome = surveyOutcome.safeParse(answer.outcome);
      // An answer the survey could not have given is left out of the figures, and said so.
      if (!outcome.success) {
        logger.warn({ meetingId: row.id, outcome: answer.outcome }, "meeting outcome not known to the report");
        continue;
      }
      answers.push({ smeId: answer.smeId, outcome: outcome.data, note: answer.note });
    }
    meetings.push({
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      table: row.tableNumber,
      status: row.status,
      sme: reportSme(row.sme),
      counterpart,
      priority: row.request?.priority ?? null,
      answers,
    });
  }
  return meetings;
}

/** The confirmed delegation, the SMEs of it that finished the BI template of the mission's market, and consortia. */
export async function reportContext(
  db: Database,
  mission: MissionRecord,
  consortiaOf?: ConsortiumReads,
): Promise<Pick<ReportInput, "delegation" | "biFinished" | "consortia">> {
  const ids = await delegationSmeIds(db, mission.id);
  const [smes, finished, consortia] = await Promise.all([
    db.sme.findMany({ where: { id: { in: ids } }, select: smeSelect, orderBy: { name: "asc" } }),
    finishedTemplateAnswers(db, ids),
    consortiaOf ? consortiaOf(db, mission.id) : [],
  ]);
  const biFinished = new Set(
    [...finished.entries()]
      .filter(([, templates]) => templates.some((template) => template.market === mission.market))
      .map(([smeId]) => smeId),
  );
  return {
    delegation: smes.map(reportSme),
    biFinished,
    consortia,
  };
}
