/**
 * Test data for reminders and surveys: a mission with two SMEs and their travellers, an
 * organisation, a meeting request behind a meeting, and an SME's BI answers; and the app's clock
 * moved through time as a running app would, recording when each DM arrived.
 */
import type { TestApp } from "../../../test/support/harness.js";
import type { ManualClock } from "../../platform/clock.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { localParts } from "../missions/index.js";

export const STAFF = "U0STAFF001";
/** Travel for Nordic Heat (NORDIC_USER also speaks for it in the app). */
export const NORDIC_USER = "U0NORDIC01";
export const NORDIC_CEO = "U0NORDIC02";
/** Speaks for Loire Controls; no travellers are named for it, so its member gets its DMs. */
export const LOIRE_USER = "U0LOIRE001";
/** Speaks for nobody at the meeting. */
export const OUTSIDER = "U0OUTSIDE1";

/** A China-market BI template snapshot, as a response keeps it, with the sections a briefing reads. */
const chinaTemplate = {
  key: "china-market-entry",
  version: 1,
  title: "China market entry",
  market: "CN",
  minutes: 25,
  intro: "Prepares your company for the mission to China.",
  sections: [
    {
      key: "competition",
      title: "Competition",
      weight: 1,
      fields: [
        {
          key: "price_position",
          label: "Price position",
          question: "How does your price compare?",
          type: "enum",
          required: true,
          values: ["lower", "similar"],
        },
      ],
    },
    {
      key: "regulation",
      title: "Regulation and certification",
      weight: 1.5,
      fields: [
        {
          key: "certifications_held",
          label: "Certifications held",
          question: "Which certifications do you hold?",
          type: "list",
          required: true,
        },
      ],
    },
    {
      key: "pricing",
      title: "Pricing, tariffs and logistics",
      weight: 1,
      fields: [
        {
          key: "target_price",
          label: "Target price",
          question: "What price do you expect?",
          type: "money",
          required: true,
        },
      ],
    },
    {
      key: "channels",
      title: "Sales channel and local partners",
      weight: 1.5,
      fields: [
        {
          key: "partner_types",
          label: "Partner types",
          question: "What partner do you want?",
          type: "multi_enum",
          required: true,
          values: ["distributor", "joint venture"],
        },
      ],
    },
  ],
};

export async function seedReminderMission(
  t: TestApp,
  options: { zone?: string; market?: "CN" | "US"; city?: string; name?: string } = {},
) {
  const market = options.market ?? "CN";
  await t.db.person.create({ data: { slackUserId: STAFF, role: "staff" } });
  const mission = await seedMission(t.db, {
    name: options.name ?? "China mission 2027",
    market,
    city: options.city ?? "Shanghai",
    timeZone: options.zone ?? "Asia/Shanghai",
  });
  const nordic = await seedSme(
    t.db,
    { name: "Nordic Heat A/S", markets: [market], contactSlackUserId: NORDIC_USER },
    "approved",
    NORDIC_USER,
  );
  const loire = await seedSme(
    t.db,
    {
      name: "Loire Controls SAS",
      country: "FR",
      cluster: "tenerrdis-fr",
      offer:
        "We integrate heat pumps, boilers and storage into district heating plants and run them with our controls.",
      stages: ["system-integration"],
      seeks: ["suppliers"],
      markets: [market],
      contactSlackUserId: LOIRE_USER,
      contactEmail: "hello@loire-controls.fr",
    },
    "approved",
    LOIRE_USER,
  );
  await t.db.missionParticipant.create({
    data: { missionId: mission.id, smeId: nordic.id, status: "confirmed", travellers: [NORDIC_USER, NORDIC_CEO] },
  });
  await t.db.missionParticipant.create({ data: { missionId: mission.id, smeId: loire.id, status: "confirmed" } });
  const organisation = await t.db.localOrganisation.create({
    data: {
      name: "Jiangsu Heat Networks Co.",
      normalizedName: "jiangsu heat networks",
      type: "project_owner",
      country: market,
      market,
      city: market === "CN" ? "Nanjing" : "Boston",
      sectors: ["district-heating-cooling"],
      needs: "Replacing coal boilers in three district heating networks with large heat pumps and heat storage.",
      website: "https://jhn.example.cn",
      contactName: "Li Wei",
      contactEmail: "li.wei@jhn.example",
    },
  });
  await t.db.missionOrganisation.create({ data: { missionId: mission.id, organisationId: organisation.id } });
  const request = await t.db.meetingRequest.create({
    data: {
      missionId: mission.id,
      smeId: nordic.id,
      organisationId: organisation.id,
      priority: "must",
      message: "We would like to show you our 10 MW heat pump for your networks.",
      status: "accepted",
    },
  });
  await t.db.biResponse.create({
    data: {
      smeId: nordic.id,
      templateKey: chinaTemplate.key,
      templateVersion: 1,
      status: "done",
      answers: {
        target_price: { amount: 120000, currency: "EUR" },
        certifications_held: ["CE", "ISO 9001"],
        partner_types: ["distributor"],
        price_position: "similar",
      },
      state: { template: chinaTemplate, answers: {} },
    },
  });
  return { mission, nordic, loire, organisation, request };
}

/** A DM as a person saw it: whom, what, and the mission-local time it arrived. */
export type ArrivedDm = { to: string; text: string; blocks: unknown[]; at: string; ts: string; channel: string };

/**
 * Moves the app's clock to `to` as a running app would: a tick at each due time, each post sent then.
 * Returns the DMs that arrived, with the local time (in `zone`) of the tick that sent them.
 */
export async function moveClock(t: TestApp, to: Date, zone: string): Promise<ArrivedDm[]> {
  const clock = t.deps.clock as ManualClock;
  const arrived: ArrivedDm[] = [];
  let seen = t.standIn.messages.length;
  await t.jobs.runThrough(clock.now(), to, {
    beforeTick: (at) => clock.set(at),
    afterTick: async (at) => {
      const local = localParts(at, zone);
      for (const message of t.standIn.messages.slice(seen)) {
        if (!message.channel.startsWith("D") || message.ephemeralFor) continue;
        arrived.push({
          to: `U${message.channel.slice(1)}`,
          text: message.text ?? "",
          blocks: message.blocks ?? [],
          at: `${local.day} ${local.time}`,
          ts: message.ts,
          channel: message.channel,
        });
      }
      seen = t.standIn.messages.length;
    },
  });
  clock.set(to);
  return arrived;
}

/** Every text of a message's blocks, joined, to look for the briefing's facts. */
export function blockTexts(blocks: unknown[]): string {
  return JSON.stringify(blocks);
}
