import { describe, expect, it } from "vitest";
import { joinRefusal, missionWhereAndWhen, placeNewcomers, splitForCompany, travellersSchema } from "./delegation.js";

describe("placeNewcomers", () => {
  it("fills the free places first, then numbers the waiting list on from its last place", () => {
    expect(placeNewcomers(3, { capacity: 25, confirmed: 24, lastWaitingPlace: 0 })).toEqual([
      { status: "confirmed" },
      { status: "waiting", place: 1 },
      { status: "waiting", place: 2 },
    ]);
    expect(placeNewcomers(1, { capacity: 2, confirmed: 3, lastWaitingPlace: 7 })).toEqual([
      { status: "waiting", place: 8 },
    ]);
  });
});

describe("joinRefusal", () => {
  const mission = { name: "Boston cleantech mission 2027", market: "US" as const };
  it("lets a listed SME that targets the market ask, and says what to do otherwise", () => {
    expect(joinRefusal({ name: "Nordic Heat A/S", status: "approved", markets: ["US", "CN"] }, mission)).toBeNull();
    expect(joinRefusal({ name: "Nordic Heat A/S", status: "approved", markets: ["CN"] }, mission)).toBe(
      "*Nordic Heat A/S* does not list United States among its target markets, and *Boston cleantech mission 2027* goes there. Add the market to your profile with `/sme edit`, then ask again.",
    );
    expect(joinRefusal({ name: "<!here> AB", status: "pending", markets: ["US"] }, mission)).toContain(
      "*&lt;!here&gt; AB* is not listed in the directory yet",
    );
  });
});

describe("texts and arguments", () => {
  it("writes where and when in the mission's own dates", () => {
    expect(missionWhereAndWhen({ city: "Shanghai", startDate: "2027-04-12", endDate: "2027-04-16" })).toBe(
      "Shanghai, 12–16 April 2027",
    );
    expect(missionWhereAndWhen({ city: "Boston", startDate: "2027-09-29", endDate: "2027-10-03" })).toBe(
      "Boston, 29 September–3 October 2027",
    );
  });

  it("splits the company off the last “for”", () => {
    expect(splitForCompany("Boston 2027 for Nordic Heat")).toEqual({ mission: "Boston 2027", company: "Nordic Heat" });
    expect(splitForCompany("Missions for cities for Aqua")).toEqual({
      mission: "Missions for cities",
      company: "Aqua",
    });
    expect(splitForCompany("china")).toEqual({ mission: "china", company: undefined });
  });

  it("takes 1 to 10 Slack users as travellers, once each", () => {
    expect(travellersSchema.parse(["U0A", "U0A", "W0B"])).toEqual(["U0A", "W0B"]);
    expect(travellersSchema.safeParse([]).success).toBe(false);
    expect(travellersSchema.safeParse(["C0CHANNEL"]).success).toBe(false);
  });
});
