import { describe, expect, it } from "vitest";
import { normalizeCompanyName, type RawProfile, validateProfile } from "./profile.js";

const valid: RawProfile = {
  name: "Nordic Heat A/S",
  country: "DK",
  cluster: "clean-dk",
  website: "nordicheat.dk",
  pitch: "Large heat pumps for district heating networks",
  offer: "We design and build industrial heat pumps from 1 to 20 MW for district heating utilities.",
  sectors: ["district-heating-cooling", "Energy efficiency"],
  stages: ["equipment"],
  seeks: ["distributors", "project-owners"],
  markets: ["CN"],
  sizeBand: "small",
  foundedYear: "2011",
  trl: "9",
  certifications: ["CE", "iso-14001"],
  exportExperience: "europe",
  contactSlackUserId: "U0BOB00001",
  contactEmail: "bob@nordicheat.dk",
  consent: true,
};

describe("validateProfile", () => {
  it("accepts a complete profile and normalises keys, labels and the website", () => {
    const result = validateProfile(valid, 2026);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.profile).toMatchObject({
      website: "https://nordicheat.dk",
      sectors: ["district-heating-cooling", "energy-efficiency"],
      certifications: ["ce", "iso-14001"],
      cluster: "clean-dk",
      foundedYear: 2011,
      trl: 9,
    });
  });

  it("reports one clear message per wrong field", () => {
    const result = validateProfile(
      {
        ...valid,
        country: "US",
        website: "not a site",
        pitch: "short",
        sectors: [],
        trl: "12",
        foundedYear: "2031",
        contactEmail: "bob@",
        consent: false,
      },
      2026,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      country: expect.stringContaining('"US" is not a country'),
      website: "Enter a web address such as https://example.com.",
      pitch: "The one-line pitch needs at least 10 characters.",
      sectors: "Pick at least one sector.",
      trl: "The TRL is at most 9.",
      foundedYear: "The founding year is at most 2026.",
      contactEmail: "Enter an email address such as anna@example.com.",
      consent: "The company must agree to be listed in the directory.",
    });
  });

  it("names the unknown value in a list", () => {
    const result = validateProfile({ ...valid, sectors: ["hydrogen", "nuclear"] }, 2026);
    expect(!result.ok && result.errors.sectors).toContain('"nuclear" is not a sector');
  });
});

describe("normalizeCompanyName", () => {
  it("ignores case, accents, punctuation and legal forms", () => {
    expect(normalizeCompanyName("Nordic Heat A/S")).toBe("nordic heat");
    expect(normalizeCompanyName("NORDIC-HEAT")).toBe("nordic heat");
    expect(normalizeCompanyName("Énergie Verte SAS")).toBe("energie verte");
    expect(normalizeCompanyName("Wasser GmbH & Co. KG")).toBe("wasser");
    expect(normalizeCompanyName("AB")).toBe("ab");
  });
});
