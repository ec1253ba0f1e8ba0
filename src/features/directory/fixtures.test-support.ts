/** Test data for the directory: profiles, Slack form state for them, and SMEs written straight to the store. */
import type { Database } from "../../platform/db/client.js";
import type { SmeStatus } from "./profile.js";
import { type RawProfile, type SmeProfile, validateProfile } from "./profile.js";
import { createSme } from "./sme-store.js";

export const nordicHeat: RawProfile = {
  name: "Nordic Heat A/S",
  country: "DK",
  cluster: "clean-dk",
  website: "https://nordicheat.dk",
  pitch: "Large heat pumps for district heating networks",
  offer: "We design and build industrial heat pumps from 1 to 20 MW for district heating utilities.",
  sectors: ["district-heating-cooling", "energy-efficiency"],
  stages: ["equipment"],
  seeks: ["distributors", "project-owners"],
  markets: ["CN"],
  sizeBand: "small",
  foundedYear: "2011",
  trl: "9",
  certifications: ["ce"],
  exportExperience: "europe",
  contactSlackUserId: "",
  contactEmail: "hello@nordicheat.dk",
  consent: true,
};

export function profile(raw: RawProfile): SmeProfile {
  const result = validateProfile(raw, 2026);
  if (!result.ok) throw new Error(`bad fixture: ${JSON.stringify(result.errors)}`);
  return result.profile;
}

export async function seedSme(
  db: Database,
  raw: Partial<RawProfile> & { name: string },
  status: SmeStatus = "approved",
  memberSlackId?: string,
) {
  return createSme(db, {
    profile: profile({ ...nordicHeat, ...raw }),
    status,
    bySlackId: "U0SEED0001",
    memberSlackId,
    now: new Date("2026-11-01T09:00:00Z"),
  });
}

type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** What Slack sends in view.state.values when a person fills the profile form with `raw`. */
export function profileFormState(raw: RawProfile): StateValues {
  const option = (value: string) => ({ text: { type: "plain_text", text: value }, value });
  const text = (type: string, value: string | undefined) => ({ value: { type, value: value || null } });
  const select = (value: string | undefined) => ({
    value: { type: "static_select", selected_option: value ? option(value) : null },
  });
  const multi = (type: string, values: readonly string[] | undefined) => ({
    value: { type, selected_options: (values ?? []).map(option) },
  });
  return {
    name: text("plain_text_input", raw.name),
    country: select(raw.country),
    cluster: select(raw.cluster),
    website: text("plain_text_input", raw.website),
    pitch: text("plain_text_input", raw.pitch),
    offer: text("plain_text_input", raw.offer),
    sectors: multi("multi_static_select", raw.sectors),
    stages: multi("multi_static_select", raw.stages),
    seeks: multi("multi_static_select", raw.seeks),
    markets: multi("checkboxes", raw.markets),
    sizeBand: select(raw.sizeBand),
    foundedYear: text("number_input", raw.foundedYear),
    trl: select(raw.trl),
    certifications: multi("multi_static_select", raw.certifications),
    exportExperience: select(raw.exportExperience),
    contactSlackUserId: { value: { type: "users_select", selected_user: raw.contactSlackUserId || null } },
    contactEmail: text("email_text_input", raw.contactEmail),
    consent: multi("checkboxes", raw.consent ? ["yes"] : []),
  };
}
