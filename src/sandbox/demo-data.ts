/**
 * Demo data for the sandbox (`demo` in the sandbox, or `npm run seed:demo`): about 80 realistic
 * SMEs across the five clusters and sectors, some waiting for review, and Business Intelligence
 * answers at several stages (`loadDemoData`); then a China and a US mission with their
 * delegations and local organisations (`loadDemoMissionData`). Idempotent: each part does nothing
 * when its data is already there.
 */
import { parseAnswer } from "../features/bi/answers.js";
import { begin, startState } from "../features/bi/conversation.js";
import { allFields } from "../features/bi/template.js";
import type { TemplateCatalog } from "../features/bi/template-files.js";
import { loadDemoConsortia } from "../features/consortia/index.js";
import { validateProfile } from "../features/directory/profile.js";
import { createSmesIn } from "../features/directory/sme-store.js";
import { syntheticSmes } from "../features/directory/synthetic.js";
import { loadDemoRequests } from "../features/matchmaking/index.js";
import { loadDemoOutcomes, loadDemoProgramme, loadDemoSchedulingData } from "../features/meetings/index.js";
import { loadDemoDelegations, loadDemoOrganisations } from "../features/missions/index.js";
import { bulkWriteTransaction, type Database } from "../platform/db/client.js";
import { sandboxPeople } from "./people.js";

/** Plausible answers to the China template, in field order, for BI responses in progress. */
const chinaAnswers = [
  "Industrial heat pumps of 1–20 MW for district heating",
  "30% lower electricity use than local units, 25-year lifetime",
  "yes",
  "380 V supply and a Chinese control panel",
  "state-owned utilities, industrial parks",
  "Jiangsu, Shanghai",
  "Carbon-peaking pilot cities in Jiangsu",
  "no",
  "Haier, Midea",
  "up to 30% higher",
  "not sure",
  "CE, ISO 9001",
  "no",
];

export async function loadDemoData(
  db: Database,
  templates: TemplateCatalog,
  now: Date,
): Promise<{ smes: number; responses: number }> {
  if ((await db.sme.count()) >= 40) return { smes: 0, responses: 0 };
  const profiles = syntheticSmes(80, 2026).map((raw, i) => {
    const result = validateProfile(raw, 2026);
    if (!result.ok) throw new Error(`demo profile ${i} is invalid: ${JSON.stringify(result.errors)}`);
    return result.profile;
  });
  // Staff and Erik get their roles; Bob and Carol are left for the story (an admin gives Bob his role).
  for (const person of sandboxPeople.filter((p) => p.role === "staff" || p.handle === "erik")) {
    await db.person.upsert({
      where: { slackUserId: person.id },
      create: {
        slackUserId: person.id,
        name: person.realName,
        role: person.role,
        ...(person.clusterKey ? { cluster: { connect: { key: person.clusterKey } } } : {}),
      },
      update: {},
    });
  }
  const erik = sandboxPeople.find((p) => p.handle === "erik");
  const ids = await bulkWriteTransaction(db, (tx) =>
    createSmesIn(
      tx,
      profiles.map((profile, i) => ({
        profile: i === 0 && erik ? { ...profile, contactSlackUserId: erik.id, markets: ["CN" as const] } : profile,
        status: i % 16 === 5 ? ("pending" as const) : ("approved" as const),
        bySlackId: "U0ALICE001",
        memberSlackId: i === 0 ? erik?.id : undefined,
        now,
      })),
    ),
  );
  const china = templates.forMarket("CN");
  let responses = 0;
  if (china) {
    // Three SMEs at different stages: just started, half way, and (for the first, Erik's) 13 answers.
    for (const [index, answered] of [
      [0, 13],
      [3, 6],
      [7, 0],
    ] as const) {
      const smeId = ids[index];
      if (smeId === undefined) continue;
      let state = begin(startState(china), "single").state;
      for (const [i, field] of allFields(china).slice(0, answered).entries()) {
        const parsed = parseAnswer(field, chinaAnswers[i] ?? "");
        if (parsed.ok)
          state = {
            ...state,
            answers: { ...state.answers, [field.key]: parsed.value },
            history: [...state.history, field.key],
          };
      }
      const next = allFields(china)[answered];
      state = { ...state, asking: next ? [next.key] : [] };
      const person = index === 0 ? erik : undefined;
      await db.biResponse.create({
        data: {
          smeId,
          templateKey: china.key,
          templateVersion: china.version,
          answers: state.answers,
          state,
          status: "in_progress",
          channelId: person ? `D${person.id.slice(1)}` : null,
        },
      });
      responses += 1;
    }
  }
  return { smes: ids.length, responses };
}

/**
 * The demo missions (Shanghai and Boston), their delegations from the demo SMEs, their
 * organisations, meeting requests in every state, stands for the scheduler, and survey answers for
 * the published meetings already over (run `demo` again after moving the clock through a mission day),
 * and a consortium per mission in different statuses.
 */
export async function loadDemoMissionData(
  db: Database,
  now: Date,
): Promise<{
  missions: number;
  participants: number;
  organisations: number;
  requests: number;
  answers: number;
  consortia: number;
}> {
  const delegations = await loadDemoDelegations(db, now);
  const { organisations } = await loadDemoOrganisations(db, now);
  const { requests } = await loadDemoRequests(db, now);
  await loadDemoProgramme(db, now);
  await loadDemoSchedulingData(db);
  const { answers } = await loadDemoOutcomes(db, now);
  const { consortia } = await loadDemoConsortia(db, now);
  return {
    missions: delegations.missions,
    participants: delegations.smes,
    organisations,
    requests,
    answers,
    consortia,
  };
}
