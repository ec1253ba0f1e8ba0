import { describe, expect, it } from "vitest";
import { parseLexicon } from "./lexicon.js";
import { type BiSignals, biSignalsFromAnswers, type MatchOrganisation, type MatchSme } from "./match-input.js";
import { complementaryPairs, recommendForOrganisation, recommendForSme, recommendSmesForSme } from "./recommender.js";

function sme(overrides: Partial<MatchSme> = {}): MatchSme {
  return {
    id: 1,
    name: "Charcoal Works ApS",
    country: "DK",
    sectors: ["waste-circular"],
    stages: ["equipment"],
    seeks: ["project-owners"],
    markets: ["US"],
    pitch: "We build biochar kilns",
    offer: "Mobile kilns that turn wood residues into biochar for soils, with carbon removal certificates.",
    bi: [],
    ...overrides,
  };
}

let nextId = 100;
function organisation(overrides: Partial<MatchOrganisation> = {}): MatchOrganisation {
  nextId += 1;
  return {
    id: nextId,
    name: `Organisation ${nextId}`,
    type: "project-owner",
    market: "US",
    city: "Springfield",
    sectors: [],
    needs: "Wants a use for its parks' green waste instead of trucking it to the landfill.",
    languages: ["English"],
    ...overrides,
  };
}

const names = (suggestions: { counterpart: { name: string } }[]) => suggestions.map((s) => s.counterpart.name);

describe("recommendForSme", () => {
  it("finds the city with green waste for the SME that builds biochar kilns, though they share no keyword", () => {
    const organisations = [
      organisation({ name: "Springfield Parks Department" }),
      organisation({ name: "Harbor Logistics", needs: "Looking for software to plan container moves in the port." }),
      organisation({ name: "Metro Transit", needs: "Electric buses and depot chargers for 200 routes by 2030." }),
    ];
    const [first, ...rest] = recommendForSme(sme(), organisations);
    expect(first?.counterpart).toMatchObject({ kind: "organisation", name: "Springfield Parks Department" });
    expect(first?.reasons[0]).toBe("their project needs what your offer describes: biomass and green waste");
    expect(first?.score).toBeGreaterThan(0.3);
    expect(first?.score).toBeLessThanOrEqual(1);
    for (const other of rest) expect(other.score).toBeLessThan(first?.score ?? 0);
  });

  it("reads what texts are about from their single words, where no phrase of the lexicon is in both", () => {
    const concept = (id: string, label: string, sector: string, terms: string[]) => ({
      id,
      label,
      sectors: [sector],
      terms,
    });
    const lexicon = parseLexicon({
      concepts: [
        concept("charging", "charging points", "clean-mobility", [
          "wallbox",
          "charging hub",
          "kerbside charger",
          "forecourt charger",
          "top-up post",
        ]),
        concept("roads", "road works", "smart-city", [
          "pothole repair",
          "kerbside parking bay",
          "road resurfacing",
          "traffic signs",
        ]),
        concept("laundry", "laundry heat", "energy-efficiency", [
          "hotel laundry",
          "dryer heat recovery",
          "washing machine heat",
        ]),
      ],
      counterparts: [],
    });
    const chargers = sme({ sectors: ["clean-mobility"], pitch: "Forecourt chargers", offer: "We build wallboxes." });
    const suggestions = recommendForSme(
      chargers,
      [
        organisation({ name: "Hotel", needs: "Our hotel wants a kerbside post where guests top up overnight." }),
        organisation({ name: "Laundry", needs: "Our hotel wants to cut what its laundry dryer costs." }),
        organisation({ name: "Council", needs: "The council plans road resurfacing and new traffic signs." }),
        // One word of a charging term is not enough to say what a text is about.
        organisation({ name: "Benches", needs: "Wooden kerbside benches." }),
      ],
      { lexicon },
    );
    // The hotel's needs name no term of the lexicon and share no word with the offer, but "kerbside",
    // "post" and "top" are words of charging terms, as "forecourt" and "wallbox" are.
    expect(names(suggestions)).toEqual(["Hotel"]);
    expect(suggestions[0]?.reasons[0]).toBe("their needs and your offer are both about charging points");
    // Staff asking for the hotel see the same theme, in the organisation's voice.
    const hotel = organisation({
      name: "Hotel",
      needs: "Our hotel wants a kerbside post where guests top up overnight.",
    });
    const [forHotel] = recommendForOrganisation(hotel, [chargers], { lexicon });
    expect(forHotel?.reasons[0]).toBe("their offer and the organisation's needs are both about charging points");
  });

  it("says which words both texts use where the lexicon knows neither side's technology", () => {
    const lifts = sme({
      sectors: ["clean-mobility"],
      pitch: "Gondola drivetrains",
      offer: "Direct drivetrains for gondola lifts.",
    });
    const suggestions = recommendForSme(lifts, [
      organisation({ name: "Alpine Lifts", needs: "Our gondola needs new drivetrains before the winter season." }),
      organisation({ name: "Desk Depot", needs: "Office chairs and desks for a new headquarters." }),
      organisation({ name: "Parks Department" }),
      organisation({ name: "Ski Resort", needs: "A ski resort wants snowmaking that uses less water." }),
      organisation({ name: "Harbour", needs: "The port wants shore power for cruise ships." }),
    ]);
    const lift = suggestions.find((suggestion) => suggestion.counterpart.name === "Alpine Lifts");
    expect(lift?.reasons[0]).toBe("their needs and your offer both mention gondola and drivetrains");
    expect(names(suggestions)).not.toContain("Desk Depot");
  });

  it("never suggests an organisation in a market the SME does not target", () => {
    const organisations = [
      organisation({ name: "Shanghai Greening Bureau", market: "CN" }),
      organisation({ name: "Austin Parks", market: "US" }),
    ];
    expect(names(recommendForSme(sme({ markets: ["US"] }), organisations))).toEqual(["Austin Parks"]);
    expect(names(recommendForSme(sme({ markets: [] }), organisations))).toEqual([]);
    // A finished China template makes China a target market too.
    const withChinaTemplate = sme({ markets: ["US"], bi: [biSignals({ market: "CN" })] });
    expect(names(recommendForSme(withChinaTemplate, organisations)).sort()).toEqual([
      "Austin Parks",
      "Shanghai Greening Bureau",
    ]);
  });

  it("ranks an organisation that fits both ways above one whose needs fit but which the SME does not seek", () => {
    const needs = "Our distribution network wants kilns that make biochar from orchard prunings.";
    const organisations = [
      organisation({ name: "Orchard Supply Inc", type: "buyer", needs }),
      organisation({ name: "Valley Distribution", type: "distributor", needs }),
    ];
    const suggestions = recommendForSme(sme({ seeks: ["distributors"] }), organisations);
    expect(names(suggestions)).toEqual(["Valley Distribution", "Orchard Supply Inc"]);
    expect(suggestions[0]?.reasons).toContain("they are a distributor, you seek distributors");
    expect(suggestions[1]?.reasons).not.toContain("they are a distributor, you seek distributors");
  });

  it("ranks an organisation that needs exactly the SME's offer above one of the kind it seeks that needs something else", () => {
    const storage = sme({
      name: "Heat Vault",
      sectors: ["energy-storage", "district-heating-cooling"],
      seeks: ["distributors"],
      pitch: "Large hot water tanks for heating networks",
      offer: "We build thermal storage tanks that keep a district heating network's heat for days.",
    });
    const organisations = [
      organisation({
        name: "Harbour Heating Supplies",
        type: "distributor",
        needs: "We sell heating equipment to installers and look for new boilers and radiators to carry.",
      }),
      organisation({
        name: "Riverside Heat Network",
        type: "partner",
        needs: "Our district heating network needs a heat storage tank to run its plant steadily.",
      }),
    ];
    // Being a distributor (what the SME seeks) must not outweigh needing exactly what it makes.
    expect(names(recommendForSme(storage, organisations))).toEqual([
      "Riverside Heat Network",
      "Harbour Heating Supplies",
    ]);
  });

  it("ranks lower an organisation whose needs another SME of the delegation answers better, and says when it answers best", () => {
    const mobility = { sectors: ["clean-mobility" as const], markets: ["US" as const] };
    const chargers = sme({
      ...mobility,
      id: 1,
      name: "Plug Works",
      pitch: "Depot chargers for electric buses",
      offer: "Fast depot chargers and charging points for electric bus and truck fleets.",
    });
    const planner = sme({
      ...mobility,
      id: 2,
      name: "Route Brain",
      stages: ["software-data"],
      pitch: "Planning software for electric bus fleets",
      offer: "Software that plans the rounds and timetables of electric bus fleets around their battery range.",
    });
    const organisations = [
      organisation({
        name: "Metro Transit",
        needs: "Our electric bus and truck fleets need software that plans the timetables of electric buses.",
      }),
      organisation({ name: "Harbor Logistics", needs: "The port wants charging points for its cranes." }),
    ];
    // Alone, the chargers' maker shares more words with the transit authority...
    expect(names(recommendForSme(chargers, organisations))).toEqual(["Metro Transit", "Harbor Logistics"]);
    // ...which would rather meet the planner: with the delegation known, the port comes first.
    const delegation = [chargers, planner];
    expect(names(recommendForSme(chargers, organisations, { delegation }))).toEqual([
      "Harbor Logistics",
      "Metro Transit",
    ]);
    expect(names(recommendForSme(planner, organisations, { delegation }))[0]).toBe("Metro Transit");

    const depot = organisation({
      name: "Depot Co",
      needs: "The port wants fast charging points for its electric trucks at the depot.",
    });
    const best = "of the delegation, your offer is the closest to their needs";
    const reasonsFor = (maker: MatchSme, options: { delegation: MatchSme[] }) =>
      recommendForSme(maker, [...organisations, depot], options).find((s) => s.counterpart.name === "Depot Co")
        ?.reasons ?? [];
    expect(reasonsFor(chargers, { delegation })).toContain(best);
    expect(reasonsFor(planner, { delegation })).not.toContain(best);
    // Without other SMEs to compare with, nothing is said about the delegation.
    const alone = reasonsFor(chargers, { delegation: [chargers] });
    expect(alone.length).toBeGreaterThan(0);
    expect(alone).not.toContain(best);
  });

  it("does not read a common word as a technology: reasons cite only what both texts are about", () => {
    const reasonsFor = (maker: MatchSme, needs: string) =>
      recommendForSme(maker, [organisation({ name: "Them", needs })])[0]?.reasons ?? [];
    const kilns = sme({ offer: "Kilns that turn wood residues into a charred soil additive." });
    // A soil additive is not a polluted site to clean up.
    expect(reasonsFor(kilns, "The former refinery site has contaminated soil to clean before sale.")).not.toContain(
      "their project needs what your offer describes: soil clean-up",
    );
    // A factory's demand charges are not electric-car chargers.
    const plugs = sme({
      sectors: ["clean-mobility"],
      pitch: "Chargers for electric cars",
      offer: "Fast chargers and charging stations for electric cars in car parks.",
    });
    expect(
      recommendForSme(plugs, [
        organisation({
          name: "Mill",
          needs: "The mill pays demand charges on its electricity bill and wants lower peaks.",
        }),
        organisation({
          name: "Mall",
          needs: "The mall wants charging points for shoppers' electric cars in its car park.",
        }),
      ]).map((suggestion) => suggestion.counterpart.name),
    ).toEqual(["Mall"]);
    // Tanks that keep warmth are not heat pumps.
    const tanks = sme({
      sectors: ["energy-storage"],
      pitch: "Tanks that keep warmth",
      offer: "Insulated tanks that keep warmth for heating networks.",
    });
    expect(reasonsFor(tanks, "The hospital wants heat pumps to replace its gas boilers.")).not.toContainEqual(
      expect.stringContaining("heat pumps"),
    );
  });

  it("explains each suggestion in plain sentences, without scores or internal ids", () => {
    const storage = sme({
      name: "Heat Vault",
      sectors: ["energy-storage", "district-heating-cooling"],
      stages: ["equipment"],
      seeks: ["project-owners"],
      pitch: "Large hot water tanks for heating networks",
      offer: "We design and build stratified hot water tanks that keep a district's heat for days.",
    });
    const [suggestion] = recommendForSme(storage, [
      organisation({
        name: "Boston Heat Co-op",
        sectors: ["energy-storage"],
        needs: "Our heat network needs thermal storage to run the heat pumps when power is cheap.",
      }),
    ]);
    expect(suggestion?.reasons).toEqual([
      "their project needs what your offer describes: district heating and cooling and heat storage",
      "both in energy storage and district heating and cooling",
      "they are a project owner, you seek project owners",
    ]);
    for (const reason of suggestion?.reasons ?? []) expect(reason).not.toMatch(/\d|concept|:[a-z-]+-[a-z]/);
  });

  it("counts the SME's BI answers: target customers change the ranking and the reasons say so", () => {
    const needs = "Wants biochar from the green waste of its parks to improve urban soils.";
    const organisations = [
      organisation({ name: "Greenfield Homes", type: "buyer", needs }),
      organisation({ name: "Hartford Municipal Utility", type: "buyer", needs }),
    ];
    const withoutBi = sme({ seeks: [] });
    const withBi = sme({ seeks: [], bi: [biSignals({ targetCustomers: ["utilities"] })] });
    expect(recommendForSme(withoutBi, organisations)[0]?.score).toBe(
      recommendForSme(withoutBi, organisations)[1]?.score,
    );
    const ranked = recommendForSme(withBi, organisations);
    expect(names(ranked)).toEqual(["Hartford Municipal Utility", "Greenfield Homes"]);
    expect(ranked[0]?.reasons).toContain("you named utilities as target customers; they are one");
    expect(ranked[1]?.reasons.join(" ")).not.toContain("target customers");
  });

  it("counts the BI partner types and the local projects the SME named", () => {
    const needs = "Turning orchard prunings into something useful for farmers of the valley.";
    const organisations = [
      organisation({ name: "Valley Farm Partners", type: "partner", needs }),
      organisation({ name: "Midwest Integrators", type: "partner", needs }),
      organisation({
        name: "Ohio Water Board",
        type: "agency",
        needs: "Sewage sludge from twelve treatment plants must find a new outlet by 2028.",
      }),
    ];
    const withBi = sme({
      seeks: [],
      bi: [biSignals({ partnerTypes: ["system integrator"], localProjects: "Sludge drying tenders in Ohio" })],
    });
    const ranked = recommendForSme(withBi, organisations);
    // The same needs: the partner type the SME named decides.
    expect(names(ranked).indexOf("Midwest Integrators")).toBeLessThan(names(ranked).indexOf("Valley Farm Partners"));
    const integrators = ranked.find((s) => s.counterpart.name === "Midwest Integrators");
    expect(integrators?.reasons).toContain("you named system integrator as a partner you want; they are one");
    const waterBoard = ranked.find((s) => s.counterpart.name === "Ohio Water Board");
    expect(waterBoard?.reasons).toContain(
      "the local projects you named are about sludge treatment, as their needs are",
    );
    const withoutBi = recommendForSme(sme({ seeks: [] }), organisations);
    const waterBoardWithoutBi = withoutBi.find((s) => s.counterpart.name === "Ohio Water Board");
    expect(waterBoardWithoutBi?.score ?? 0).toBeLessThan(waterBoard?.score ?? 0);
  });
});

function biSignals(overrides: Partial<BiSignals> = {}): BiSignals {
  return {
    market: "US",
    targetCustomers: [],
    partnerTypes: [],
    localProjects: "",
    partnerProfile: "",
    ...overrides,
  };
}

describe("recommendForOrganisation", () => {
  it("tells staff which SMEs an organisation should meet, only those targeting its market", () => {
    const city = organisation({ name: "Springfield Parks Department", sectors: ["waste-circular"] });
    const smes = [
      sme({ id: 1, name: "Charcoal Works" }),
      sme({ id: 2, name: "China Only Kilns", markets: ["CN"] }),
      sme({
        id: 3,
        name: "Volt Grid",
        sectors: ["smart-grids"],
        pitch: "Smart meters for utilities",
        offer: "Smart meters and outage detection for power distribution grids.",
      }),
    ];
    const suggestions = recommendForOrganisation(city, smes);
    expect(names(suggestions)).toEqual(["Charcoal Works"]);
    expect(suggestions[0]?.counterpart.kind).toBe("sme");
    expect(suggestions[0]?.reasons).toEqual([
      "their offer describes what the organisation needs: biomass and green waste",
      "both in waste and circular economy",
      "they seek project owners; the organisation is a project owner",
    ]);
  });
});

describe("SME–SME suggestions inside a delegation", () => {
  const integrator = sme({
    id: 11,
    name: "Grid Builders",
    sectors: ["energy-storage"],
    stages: ["system-integration"],
    seeks: ["suppliers"],
    pitch: "We integrate battery storage for factories",
    offer: "Turnkey battery energy storage for industrial sites: design, installation and controls.",
  });
  const cellMaker = sme({
    id: 12,
    name: "Cell Forge",
    sectors: ["energy-storage"],
    stages: ["equipment"],
    seeks: ["distributors"],
    pitch: "Battery racks built in Sweden",
    offer: "Lithium iron phosphate battery racks and cabinets for stationary storage.",
  });
  const competitor = sme({
    id: 13,
    name: "Other Integrator",
    sectors: ["energy-storage"],
    stages: ["system-integration"],
    seeks: ["suppliers"],
    pitch: "Storage integration for hospitals",
    offer: "Battery backup systems for hospitals and campuses, installed and maintained.",
  });
  const unrelated = sme({ id: 14, name: "Charcoal Works" });

  it("pairs an integrator with an equipment maker in the same sector, and says why", () => {
    const pairs = complementaryPairs([integrator, cellMaker, competitor, unrelated]);
    const top = pairs[0];
    expect(top?.smes.map((s) => s.name).sort()).toEqual(["Cell Forge", "Grid Builders"]);
    expect(top?.reasons).toEqual([
      "both in energy storage",
      "Grid Builders integrates systems, Cell Forge makes equipment",
      "Grid Builders seeks suppliers; Cell Forge makes equipment",
      "both work on battery storage",
    ]);
    expect(pairs.some((pair) => pair.smes.some((s) => s.name === "Charcoal Works"))).toBe(false);
  });

  it("suggests to one SME the others it complements, in its own words", () => {
    const suggestions = recommendSmesForSme(integrator, [integrator, cellMaker, competitor, unrelated]);
    expect(names(suggestions)[0]).toBe("Cell Forge");
    expect(suggestions[0]?.reasons).toEqual([
      "both in energy storage",
      "you integrate systems, they make equipment",
      "you seek suppliers; they make equipment",
      "both work on battery storage",
    ]);
    expect(names(suggestions)).not.toContain("Grid Builders");
  });
});

describe("biSignalsFromAnswers", () => {
  it("reads the answers of a finished template, and counts an answer of another shape as not given", () => {
    expect(
      biSignalsFromAnswers("CN", {
        target_customers: ["municipalities", "industrial parks"],
        partner_types: ["distributor"],
        local_projects: "Sponge-city pilots in Wuhan",
        partner_profile: "A distributor of water equipment in Hubei",
        budget: { amount: 50000, currency: "EUR" },
      }),
    ).toEqual({
      market: "CN",
      targetCustomers: ["municipalities", "industrial parks"],
      partnerTypes: ["distributor"],
      localProjects: "Sponge-city pilots in Wuhan",
      partnerProfile: "A distributor of water equipment in Hubei",
    });
    expect(biSignalsFromAnswers("US", { target_customers: "utilities", local_projects: 3 })).toEqual({
      market: "US",
      targetCustomers: [],
      partnerTypes: [],
      localProjects: "",
      partnerProfile: "",
    });
    expect(biSignalsFromAnswers("US", null).targetCustomers).toEqual([]);
  });
});
