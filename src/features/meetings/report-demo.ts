/**
 * Demo survey answers for the sandbox, so `/mission report` has something to show: every published
 * meeting of an active mission that has ended by `now` and has no answer yet gets one from each SME
 * at it, spread over the four answers by a fixed pattern (the same run prints the same report).
 * A few meetings stay unanswered and one in ten is marked missed, as on a real mission.
 * Idempotent: meetings already answered are left alone.
 */
import type { Database } from "../../platform/db/client.js";
import { activeMissions } from "../missions/index.js";
import type { SurveyOutcome } from "./report-figures.js";

/** Who answered when the SME has no Slack contact: staff may answer for an SME. */
const staffAnswerer = "U0ALICE001";

const pattern: readonly (SurveyOutcome | "none")[] = [
  "cooperation_possible",
  "informative",
  "informative",
  "not_enough_interest",
  "cooperation_possible",
  "none",
  "informative",
  "not_held",
  "cooperation_possible",
  "not_enough_interest",
];

const notes: Partial<Record<SurveyOutcome, string>> = {
  cooperation_possible: "Pilot discussed; they asked for a quote and references.",
  informative: "Good overview of their plans; no project before next year.",
};

export async function loadDemoOutcomes(db: Database, now: Date): Promise<{ answers: number; missed: number }> {
  let answers = 0;
  let missed = 0;
  for (const mission of await activeMissions(db)) {
    const meetings = await db.meeting.findMany({
      where: { missionId: mission.id, status: "scheduled", endsAt: { lte: now }, outcomes: { none: {} } },
      select: {
        id: true,
        smeId: true,
        targetSmeId: true,
        sme: { select: { contactSlackUserId: true } },
        targetSme: { select: { contactSlackUserId: true } },
      },
      orderBy: { id: "asc" },
    });
    for (const meeting of meetings) {
      const answer = pattern[meeting.id % pattern.length] ?? "none";
      if (answer === "none") continue;
      if (answer === "not_held" && meeting.id % 20 === 7) {
        await db.meeting.update({ where: { id: meeting.id }, data: { status: "no_show" } });
        missed += 1;
        continue;
      }
      const smes = [
        { smeId: meeting.smeId, by: meeting.sme.contactSlackUserId },
        ...(meeting.targetSmeId === null
          ? []
          : [{ smeId: meeting.targetSmeId, by: meeting.targetSme?.contactSlackUserId }]),
      ];
      for (const { smeId, by } of smes) {
        await db.meetingOutcome.create({
          data: {
            meetingId: meeting.id,
            smeId,
            outcome: answer,
            note: notes[answer] ?? null,
            answeredBySlackId: by || staffAnswerer,
            answeredAt: now,
          },
        });
        answers += 1;
      }
    }
  }
  return { answers, missed };
}
