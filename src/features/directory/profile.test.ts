import { describe, expect, it } from "vitest";
import { normalizeCompanyName } from "../../domain/text.js";
import { nordicHeat } from "./fixtures.test-support.js";
import { type RawProfile, splitEditForReview, validateProfile } from "./profile.js";

const valid: RawProfile = {
  ...nordicHeat,
  website: "nordicheat.dk",
  sectors: ["district-heating-cooling", "Energy efficiency"],
  certifications: ["CE", "iso-14001"],
  contactSlackUserId: "U0BOB00001",
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

  it("refuses a website that would render as a link with another label, or that is not http(s)", () => {
    for (const website of [
      "https://evil.example/login|nordicheat.dk",
      "https://evil.example/>x",
      "https://evil.example/<x",
      "javascript:alert(1)",
      "ftp://nordicheat.dk",
      "https://nordic heat.dk",
    ]) {
      const result = validateProfile({ ...valid, website }, 2026);
      expect(!result.ok && result.errors.website, website).toBe("Enter a web address such as https://example.com.");
    }
    const plain = validateProfile({ ...valid, website: "https://nordicheat.dk/en?lang=da" }, 2026);
    expect(plain.ok && plain.profile.website).toBe("https://nordicheat.dk/en?lang=da");
  });

  it("refuses NUL and other control characters in every text field, and line breaks outside the offer", () => {
    const result = validateProfile(
      {
        ...valid,
        name: "Nordic\u0000Heat",
        pitch: "Large heat pumps\nfor district heating",
        contactEmail: "hello\u001b@nordicheat.dk",
        sectors: ["hydrogen\u0007"],
        offer: "We build heat pumps.\n\nFrom 1 to 20 MW\tfor utilities.",
      },
      2026,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe("Remove the control characters (such as NUL or escape) from this field.");
    expect(result.errors.pitch).toBe("Keep this to one line.");
    expect(result.errors.contactEmail).toContain("control characters");
    expect(result.errors.sectors).toContain("control characters");
    expect(result.errors.offer).toBeUndefined();
    const hiddenText = validateProfile({ ...valid, offer: "Heat pumps \u202Egnp.exe for utilities and more" }, 2026);
    expect(!hiddenText.ok && hiddenText.errors.offer).toContain("control characters");
  });

  it("asks to choose a TRL when the dropdown was left empty", () => {
    const result = validateProfile({ ...valid, trl: "" }, 2026);
    expect(!result.ok && result.errors.trl).toBe("Choose a TRL from 1 to 9.");
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

describe("splitEditForReview", () => {
  it("keeps the listed name, pitch, offer and website live and proposes the new ones; other fields go live", () => {
    const listed = validateProfile(valid, 2026);
    const edited = validateProfile({ ...valid, name: "Siemens Energy AG", trl: "8" }, 2026);
    if (!listed.ok || !edited.ok) throw new Error("bad fixture");
    const split = splitEditForReview(listed.profile, edited.profile, "U0SME00001");
    expect(split.fields).toEqual(["name"]);
    expect([split.live.name, split.live.trl]).toEqual(["Nordic Heat A/S", 8]);
    expect(split.proposed).toMatchObject({
      name: "Siemens Energy AG",
      pitch: listed.profile.pitch,
      bySlackId: "U0SME00001",
    });
    expect(splitEditForReview(listed.profile, listed.profile, "U0SME00001").proposed).toBeNull();
  });
});
