/** Test data for matchmaking: a China mission with a delegation, its organisations, and people. */
import type { TestApp } from "../../../test/support/harness.js";
import type { Database } from "../../platform/db/client.js";
import { seedSme } from "../directory/fixtures.test-support.js";
import { seedMission } from "../missions/fixtures.test-support.js";
import { actionIds, requestFormCallbackId } from "./views.js";

export const ADMIN = "U0ADMIN001";
export const STAFF_DK = "U0STAFFDK1";
export const STAFF_FR = "U0STAFFFR1";
/** Speaks for Nordic Heat (a Danish heat-pump maker, cluster CLEAN). */
export const NORDIC_USER = "U0NORDIC01";
/** Speaks for Loire Controls (a French integrator, cluster Tenerrdis). */
export const LOIRE_USER = "U0LOIRE001";

export type OrganisationSeed = {
  name: string;
  type?: "project_owner" | "buyer" | "distributor" | "partner" | "investor" | "agency" | "research";
  country?: "CN" | "US";
  city?: string;
  needs: string;
  sectors?: string[];
  autoAccept?: boolean;
};

/** An organisation written straight to the database and linked to a mission. */
export async function seedOrganisation(db: Database, missionId: number, seed: OrganisationSeed) {
  const country = seed.country ?? "CN";
  const row = await db.localOrganisation.create({
    data: {
      name: seed.name,
      normalizedName: seed.name.toLowerCase(),
      type: seed.type ?? "project_owner",
      country,
      market: country,
      city: seed.city ?? (country === "CN" ? "Shanghai" : "Boston"),
      needs: seed.needs,
      sectors: seed.sectors ?? [],
      autoAccept: seed.autoAccept ?? false,
    },
  });
  await db.missionOrganisation.create({ data: { missionId, organisationId: row.id } });
  return row;
}

async function person(db: Database, slackUserId: string, role: "staff" | "sme", cluster?: string) {
  await db.person.create({
    data: { slackUserId, role, ...(cluster ? { cluster: { connect: { key: cluster } } } : {}) },
  });
}

/**
 * The China mission (requests close 2027-04-05 18:00 Shanghai time; the test clock is 2027-03-15),
 * Nordic Heat and Loire Controls confirmed in its delegation, and four organisations.
 */
export async function seedChinaMission(t: TestApp, options: { requestLimit?: number } = {}) {
  const db = t.db;
  await person(db, STAFF_DK, "staff", "clean-dk");
  await person(db, STAFF_FR, "staff", "tenerrdis-fr");
  await person(db, NORDIC_USER, "sme");
  await person(db, LOIRE_USER, "sme");
  const mission = await seedMission(db, { requestLimit: options.requestLimit ?? 10 });
  const nordic = await seedSme(
    db,
    { name: "Nordic Heat A/S", contactSlackUserId: NORDIC_USER, markets: ["CN"] },
    "approved",
    NORDIC_USER,
  );
  const loire = await seedSme(
    db,
    {
      name: "Loire Controls SAS",
      country: "FR",
      cluster: "tenerrdis-fr",
      pitch: "Control systems that run district heating plants",
      offer:
        "We integrate heat pumps, boilers and storage into district heating plants and run them with our controls.",
      stages: ["system-integration"],
      seeks: ["suppliers", "project-owners"],
      markets: ["CN"],
      contactSlackUserId: LOIRE_USER,
      contactEmail: "hello@loire-controls.fr",
    },
    "approved",
    LOIRE_USER,
  );
  for (const sme of [nordic, loire]) {
    await db.missionParticipant.create({ data: { missionId: mission.id, smeId: sme.id, status: "confirmed" } });
  }
  const heatNetworks = await seedOrganisation(db, mission.id, {
    name: "Jiangsu Heat Networks Co.",
    needs: "Replacing coal boilers in three district heating networks with large heat pumps and heat storage by 2028.",
    sectors: ["district-heating-cooling"],
  });
  const bostonUtility = await seedOrganisation(db, mission.id, {
    name: "Boston District Energy",
    country: "US",
    needs: "Replacing the steam boilers of our district heating network with large heat pumps for the city.",
    sectors: ["district-heating-cooling"],
  });
  const distributor = await seedOrganisation(db, mission.id, {
    name: "Huadong HVAC Distribution",
    type: "distributor",
    needs: "Distributes heating equipment to building owners and heat utilities across eastern China.",
    sectors: ["district-heating-cooling", "energy-efficiency"],
    autoAccept: true,
  });
  const solar = await seedOrganisation(db, mission.id, {
    name: "Gobi Solar Farms",
    type: "buyer",
    needs: "Buys photovoltaic modules and trackers for utility-scale solar farms in the desert.",
    sectors: ["renewable-energy"],
  });
  return { mission, nordic, loire, heatNetworks, bostonUtility, distributor, solar };
}

/** The Request meeting button's click, as Slack sends it. */
export function clickRequest(t: TestApp, userId: string, value: { m: number; s: number; o?: number; t?: number }) {
  return t.action({ userId, actionId: actionIds.openRequest, value: JSON.stringify(value) });
}

/** The request form submitted with a priority and a message. */
export function submitRequest(
  t: TestApp,
  userId: string,
  key: { m: number; s: number; o?: number; t?: number },
  form: { priority?: string; message?: string } = {},
) {
  const option = (value: string) => ({ text: { type: "plain_text", text: value }, value });
  return t.submitView({
    userId,
    callbackId: requestFormCallbackId,
    privateMetadata: JSON.stringify(key),
    values: {
      priority: { value: { type: "static_select", selected_option: option(form.priority ?? "want") } },
      message: { value: { type: "plain_text_input", value: form.message ?? null } },
    },
  });
}

/** Direct messages the app sent to a person, newest last. */
export function dmsTo(t: TestApp, userId: string): string[] {
  return t.standIn
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === userId)
    .map((call) => String(call.args.text ?? ""));
}
