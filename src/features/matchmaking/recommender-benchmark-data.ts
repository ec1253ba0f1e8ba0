/**
 * The labelled synthetic mission of `npm run bench -- matching`: 25 SMEs and 300 local
 * organisations generated from technologies with known intended matches. The two sides are
 * written in different words (a maker describes its product, a city or buyer its problem), and
 * organisations are tagged with broad and partly wrong sectors, as staff type them.
 *
 * Written apart from the lexicon: no phrase here is one of lexicon.yaml's terms (a test checks
 * it), so the benchmark measures how the lexicon generalises, not whether it was copied. Single
 * words are shared, as any two texts on one subject share them: the themes read those.
 */
import { type MarketKey, type SectorKey, type SeekKey, type StageKey, sectors } from "../../domain/taxonomy.js";
import type { OrganisationTypeKey } from "../missions/index.js";
import type { MatchOrganisation, MatchSme } from "./match-input.js";

type Technology = {
  key: string;
  sectors: SectorKey[];
  stage: StageKey;
  /** How a maker of it describes itself: pitch, then offer. */
  makers: [string, string][];
  /** How organisations that need it describe their problem, each in its own words. */
  problems: string[];
  /**
   * More such descriptions, written after the lexicon was last changed and never used to change
   * it: the benchmark's held-out figure.
   */
  heldOut: string[];
};

export const technologies: readonly Technology[] = [
  {
    key: "biochar",
    sectors: ["waste-circular"],
    stage: "equipment",
    makers: [
      [
        "Carbonisation units for woody leftovers",
        "Containerised carbonisation units turning sawmill offcuts and orchard cuttings into a stable charred soil additive.",
      ],
    ],
    problems: [
      "Our parks crews haul tons of hedge trimmings and fallen branches to a distant dump every autumn.",
      "The county wants to stop open burning of vineyard cuttings and make something farmers would buy instead.",
      "Tree surgeons in the metro area have nowhere cheap to leave their chipped logs and stumps.",
      "We look for a way to turn storm-felled timber from the city forest into a carbon-negative product.",
      "A landscaping cooperative with mountains of shrub clippings seeks an outlet that is not the landfill.",
      "Rice farmers around the lake burn leftover stalks after harvest; the province wants a cleaner use.",
    ],
    heldOut: [
      "Each spring the golf resort piles up mown turf, bark and fallen limbs it would like to turn into value.",
      "Our forestry office thins the hills every winter and burns the slash on site; the smoke draws complaints.",
      "A fruit-growing region wants to do something smarter with old apple trees pulled out of its orchards.",
    ],
  },
  {
    key: "heat-storage",
    sectors: ["energy-storage", "district-heating-cooling"],
    stage: "equipment",
    makers: [
      [
        "Insulated tanks that keep warmth for days",
        "Stratified insulated tanks holding hot water for heating utilities, sized from 500 to 50,000 cubic metres.",
      ],
    ],
    problems: [
      "Our town heating company wants to buffer warmth from the afternoon so the gas peak boilers stay off at dawn.",
      "The campus plant produces surplus warmth at night and must keep it until classrooms open.",
      "We want to bank cheap midday solar electricity as hot water for the evening heating peak.",
      "The municipal heating operator looks for a buffer tank to decouple the incinerator from demand.",
      "A new residential quarter needs a large hot-water buffer for its collective heating loop.",
      "Heating company seeks seasonal buffering so summer warmth can be used in winter.",
    ],
    heldOut: [
      "The heat utility wants to charge a big reservoir of warm water when electricity prices go negative.",
      "A university boiler house wants to run its boilers steadily and cover morning peaks from a reserve.",
      "We want to keep summer solar warmth in the ground or a pit until the cold months.",
    ],
  },
  {
    key: "ev-charging",
    sectors: ["clean-mobility"],
    stage: "equipment",
    makers: [
      [
        "Rapid DC plugs for cars and vans",
        "High-power DC plugs for cars, vans and taxis, with payment terminals and remote diagnostics.",
      ],
      [
        "Depot plugs for electric lorries",
        "Megawatt plugs and overnight depot power for battery-electric lorries and coaches.",
      ],
    ],
    problems: [
      "The transit authority is replacing its diesel coaches with battery ones and needs depot power points.",
      "A taxi company switching to battery cars needs quick top-ups at the airport rank.",
      "Our supermarket chain wants to offer drivers a way to top up their cars while they shop.",
      "The city plans curbside power posts for residents without garages.",
      "A logistics park wants to power 80 battery-electric delivery trucks overnight.",
      "Highway rest areas along the corridor need high-power stations for long-distance drivers.",
    ],
    heldOut: [
      "The parking garage operator wants spaces where guests' electric cars fill up overnight.",
      "A bus company converting to battery buses needs power at the end of each line.",
      "Our hotel chain wants guests with battery cars to find a plug on arrival.",
    ],
  },
  {
    key: "leak-detection",
    sectors: ["water-wastewater"],
    stage: "software-data",
    makers: [
      [
        "Acoustic listening for buried pipes",
        "Acoustic loggers and analytics that pinpoint where buried water pipes lose water, before the street floods.",
      ],
    ],
    problems: [
      "A third of our treated water never reaches a customer; we must find where the mains lose it.",
      "The water board suffers bursts every winter and wants to find weak pipes before they fail.",
      "Our supply network is old cast iron and we do not know where it drips underground.",
      "The city water department wants to cut the unbilled water it loses in the old town.",
      "We lose pressure in the eastern district and suspect hidden underground escapes of water.",
      "The utility needs to prioritise which old mains to replace using data rather than guesswork.",
    ],
    heldOut: [
      "The water supplier cannot explain where 25 percent of the pumped volume disappears.",
      "Our old pipework fails several times a month; we want to know where the next failure will be.",
      "Repair crews dig in the wrong place too often when looking for underground water escaping.",
    ],
  },
  {
    key: "sludge-drying",
    sectors: ["water-wastewater"],
    stage: "equipment",
    makers: [
      [
        "Low-temperature belt dryers for wet residues",
        "Belt dryers running on low-grade warmth that cut the weight of sewage residues by 80 percent.",
      ],
    ],
    problems: [
      "Our sewage works trucks thousands of tonnes of wet residue each year; disposal costs are rising.",
      "The treatment authority wants to reduce the water content of its biosolids before incineration.",
      "We pay by the tonne to dispose of sewage cake and want it much lighter.",
      "The plant's digested residue is too wet to be burned in the cement kiln that would take it.",
      "A wastewater operator seeks drying to turn its residue into a fuel.",
      "The river authority must stop spreading wet sewage residue on fields.",
    ],
    heldOut: [
      "Our treatment works produces a sticky residue that costs a fortune to truck away.",
      "The city's water reclamation facility wants to turn its biosolid cake into a dry granulate.",
      "The wastewater district wants to cut the volume of residue going to the landfill by drying it.",
    ],
  },
  {
    key: "air-sensors",
    sectors: ["air-quality", "smart-city"],
    stage: "equipment",
    makers: [
      [
        "Low-cost street sensors for dirty air",
        "Solar-powered street boxes that measure fine dust and traffic fumes every minute and publish maps.",
      ],
    ],
    problems: [
      "Parents complain about fumes at school gates; the city wants measurements street by street.",
      "The environmental bureau needs a dense network to show where fine dust comes from.",
      "Our port wants to prove to neighbours how much soot the trucks and ships emit.",
      "We want to show residents hourly pollution figures for each neighbourhood.",
      "The district must report dirty-air hotspots and check whether the low-emission zone works.",
      "An industrial zone has to demonstrate to regulators that its chimneys meet limits.",
    ],
    heldOut: [
      "The mayor wants a live map of smog across the city, block by block.",
      "Residents near the motorway want proof of the exhaust levels their children breathe.",
      "The province must check air near factories and report results to the public every hour.",
    ],
  },
  {
    key: "heat-pumps",
    sectors: ["district-heating-cooling", "energy-efficiency"],
    stage: "equipment",
    makers: [
      [
        "Megawatt-scale electric heating machines",
        "Industrial electric heating machines using natural refrigerants that lift river or sewer warmth to 90 degrees.",
      ],
    ],
    problems: [
      "We must retire three coal-fired heating units by 2027 and want an electric alternative.",
      "The city heating company wants to extract warmth from the river for its network.",
      "Our brewery wants to stop burning gas for process water and heat it with electricity.",
      "The housing authority looks to replace oil burners in 40 apartment towers.",
      "A hospital needs low-carbon warmth and hot water without a gas connection.",
      "A food plant wants to upgrade warmth from its cooling machines for its washing lines.",
    ],
    heldOut: [
      "The district energy provider wants to capture warmth from treated wastewater to heat homes.",
      "Our dairy plant needs 80 degree water without burning fuel oil.",
      "Apartment owners want to get rid of gas furnaces and heat with electricity.",
    ],
  },
  {
    key: "plastics",
    sectors: ["waste-circular"],
    stage: "equipment",
    makers: [
      [
        "Lines that turn used packaging back into pellets",
        "Washing and pelletising lines that turn post-consumer film and bottles into food-grade granulate.",
      ],
    ],
    problems: [
      "Our collection centre bales used wrapping film that nobody wants to buy.",
      "The beverage maker must put 30 percent reused material in its bottles by 2030.",
      "A packaging firm wants granulate made from household wrappers for new containers.",
      "The city collects yoghurt pots and shopping bags but ships them abroad.",
      "Our factory throws away its offcut film and wants to feed it back into production.",
      "A retailer wants its returned bottles made into new ones locally.",
    ],
    heldOut: [
      "The drinks company wants its used bottles turned back into bottles close to home.",
      "Our sorting plant has bales of household wrapping nobody buys.",
      "A supermarket chain wants its shrink wrap recovered and reprocessed.",
    ],
  },
  {
    key: "smart-meters",
    sectors: ["smart-grids"],
    stage: "components",
    makers: [
      [
        "Connected electricity counters",
        "Connected household electricity counters with a built-in radio and remote disconnect.",
      ],
    ],
    problems: [
      "Our power cooperative still sends staff to read counters by hand every month.",
      "The network company wants consumption readings every 15 minutes to plan the network.",
      "We need remote reading and switching of household electricity connections.",
      "The utility wants to offer time-of-use tariffs but cannot measure hourly use.",
      "A rural electricity company loses money to tampering and estimated bills.",
      "The grid company must roll out digital counters to 2 million homes.",
    ],
    heldOut: [
      "The electricity cooperative wants household usage every quarter hour without sending readers.",
      "Our utility wants to cut off and reconnect customers remotely and bill exact usage.",
      "The electricity provider wants to replace old spinning-disc meters across the state.",
    ],
  },
  {
    key: "electrolysers",
    sectors: ["hydrogen"],
    stage: "equipment",
    makers: [
      [
        "Stacks that split water with green power",
        "Water-splitting stacks of 1 to 10 MW that turn surplus wind and solar power into a clean gas.",
      ],
    ],
    problems: [
      "Our refinery wants a clean gas made from renewable power instead of natural gas.",
      "The steel mill plans to make its own carbon-free gas for direct reduction.",
      "A wind farm owner wants to turn curtailed power into a storable gas.",
      "The port authority wants a local source of clean fuel gas for trucks and ships.",
      "A fertiliser producer wants to stop making its feedstock from natural gas.",
      "The chemical estate wants to produce a clean gas on site for its glass makers.",
    ],
    heldOut: [
      "Our ammonia works wants to stop using gas-derived feedstock and use water and wind instead.",
      "The refinery must cut emissions from the gas it uses to treat diesel.",
      "A solar park owner wants to convert midday surplus into a gas for industry.",
    ],
  },
  {
    key: "battery-systems",
    sectors: ["energy-storage"],
    stage: "system-integration",
    makers: [
      [
        "Containerised power banks for sites",
        "Containerised lithium power banks with their own controls, installed on commercial and industrial sites.",
      ],
    ],
    problems: [
      "Our factory pays high demand charges and wants to cut its peaks with stored electricity.",
      "The solar park wants to sell its afternoon output in the evening.",
      "A hospital wants hours of stored electricity instead of diesel generators.",
      "The network operator needs fast-reacting stored power to keep frequency stable.",
      "A data centre wants stored electricity to ride through outages.",
      "A farm cooperative wants to keep its rooftop solar output for the night.",
    ],
    heldOut: [
      "Our refrigerated warehouse wants to avoid the utility's costly peak charges with a large battery.",
      "The wind farm wants to firm up its output and sell it when prices are high.",
      "A mine in a remote area wants to cut diesel use with storage next to its solar field.",
    ],
  },
  {
    key: "soil-cleanup",
    sectors: ["soil-remediation"],
    stage: "services-om",
    makers: [
      [
        "Cleaning poisoned ground on site",
        "On-site treatment of ground poisoned by oil, solvents and metals, using microbes and washing, without digging it out.",
      ],
    ],
    problems: [
      "An old gasworks plot in the city centre must be cleaned before housing is built.",
      "The developer bought a former chemical factory and the ground is full of solvents.",
      "Oil leaked from a depot into the ground; the site must be cleaned to sell it.",
      "The province has hundreds of abandoned industrial plots with poisoned earth.",
      "A railway yard has diesel in its ground and will become a park.",
      "The airport must clean ground polluted by fire-fighting foam.",
    ],
    heldOut: [
      "A former petrol station site must be decontaminated before the shop is rebuilt.",
      "The city wants to turn an old landfill and tannery site into a park.",
      "Industrial land along the river contains tar and must be treated before sale.",
    ],
  },
  {
    key: "led-streets",
    sectors: ["smart-city", "energy-efficiency"],
    stage: "equipment",
    makers: [
      [
        "Dimmable lamps for roads and squares",
        "Dimmable road lamps with presence detection and remote control, cutting electricity use by two thirds.",
      ],
    ],
    problems: [
      "Our town spends too much on electricity for road lamps that burn all night.",
      "The city wants its 40,000 sodium lamps on roads replaced and dimmed after midnight.",
      "The highway agency wants lamps that brighten only when a car comes.",
      "A university campus wants safer, lower-energy paths at night.",
      "The county needs to cut the cost of lighting rural roads.",
      "A port wants brighter, cheaper lamps over its yards.",
    ],
    heldOut: [
      "The municipality wants to replace old orange road lights with efficient ones.",
      "Our car lots are lit all night at great cost and we want smart control.",
      "A county wants its rural road lighting to dim when no one is around.",
    ],
  },
  {
    key: "building-retrofit",
    sectors: ["green-buildings", "energy-efficiency"],
    stage: "engineering-epc",
    makers: [
      [
        "Prefabricated wall panels for old blocks",
        "Prefabricated wall and roof panels that wrap old flats in weeks while tenants stay at home.",
      ],
    ],
    problems: [
      "The housing authority owns 300 draughty 1970s blocks with huge heating bills.",
      "Our education board wants to upgrade leaky 1960s school houses to near-zero energy.",
      "A city plans to cut the energy use of its office towers by half.",
      "Tenants in our estate freeze in winter; walls and roofs are poorly protected.",
      "The province funds the upgrade of old dormitories to modern energy standards.",
      "A developer buys old offices and wants them upgraded to top energy labels.",
    ],
    heldOut: [
      "The housing company wants to renovate 1960s flats so tenants pay less for heat.",
      "Our public offices lose energy through old walls and single windows.",
      "The school board wants to bring its buildings up to a net-zero standard by 2035.",
    ],
  },
  {
    key: "biogas",
    sectors: ["renewable-energy", "waste-circular"],
    stage: "engineering-epc",
    makers: [
      [
        "Turnkey plants that turn food scraps into fuel gas",
        "Turnkey fermentation plants turning food scraps and dung into fuel gas and fertiliser.",
      ],
    ],
    problems: [
      "Our dairy farms produce tons of dung; the cooperative wants energy from it.",
      "The city collects separate food scraps and needs a plant to process them.",
      "A food factory wants to turn its reject products into fuel for its boilers.",
      "The county's pig farms must stop the smell and the nitrate pollution from dung.",
      "Restaurants in the district throw away tons of scraps every day.",
      "A sugar mill wants to make gas from its pulp leftovers.",
    ],
    heldOut: [
      "Our cattle farms want to earn money from manure instead of spreading it.",
      "The vegetable canning cluster needs a solution for thousands of tonnes of vegetable waste.",
      "The city wants to turn kitchen leftovers from households into a green fuel gas for its buses.",
    ],
  },
  {
    key: "grid-flexibility",
    sectors: ["smart-grids"],
    stage: "software-data",
    makers: [
      [
        "Software that shifts consumption to when power is plentiful",
        "A platform that pools heating, cooling and charging demand and moves it to when power is plentiful.",
      ],
    ],
    problems: [
      "The transmission operator struggles with evening peaks and wants consumers to shift their use.",
      "Our utility pays high prices at peak hours and wants to pool thousands of home loads.",
      "A shopping mall chain wants to earn money by switching off cooling when the grid is short.",
      "The system operator wants a pool of loads that can react within seconds.",
      "Office owners want their cooling to follow cheap power prices automatically.",
      "The regional utility wants to avoid building a new substation by managing peak use.",
    ],
    heldOut: [
      "The utility wants households' water heaters to pause when the grid is strained.",
      "Our office park wants to cut consumption during peaks and be paid for it.",
      "The grid company needs thousands of small loads that respond to signals within seconds.",
    ],
  },
  {
    key: "e-ferries",
    sectors: ["clean-mobility"],
    stage: "system-integration",
    makers: [
      [
        "Electric drivelines for harbour craft",
        "Electric drivelines and onboard batteries for passenger craft, tugs and pilot boats.",
      ],
    ],
    problems: [
      "Our water taxis burn diesel in the old harbour; the city wants quiet, clean craft.",
      "The ferry operator must cut emissions of its lake crossings.",
      "A port authority wants its tugs to run on electricity.",
      "The river transport company wants zero-emission sightseeing craft.",
      "An island community wants its crossing served by a battery craft.",
      "The navy yard looks for electric propulsion for small patrol craft.",
    ],
    heldOut: [
      "The city's water bus network wants to stop burning diesel on the canals.",
      "A fjord ferry line must go emission-free within five years.",
      "The harbour wants its workboats to run quietly on electricity.",
    ],
  },
  {
    key: "wastewater-membranes",
    sectors: ["water-wastewater"],
    stage: "equipment",
    makers: [
      [
        "Compact modules for cleaning dirty water",
        "Compact bioreactor modules with ceramic filters that clean municipal and factory effluent for reuse.",
      ],
    ],
    problems: [
      "Our textile dyeing plant discharges coloured water and must meet new limits.",
      "The town's sewage works is overloaded and has no room to expand.",
      "A brewery wants to reuse its process water instead of paying to discharge it.",
      "The industrial zone's effluent plant cannot remove nitrogen well enough.",
      "The resort island needs to reuse its sewage for irrigation.",
      "A chip factory wants to recycle its rinse water.",
    ],
    heldOut: [
      "Our paper mill needs to clean its effluent so it can be reused in the process.",
      "The town needs a compact plant to clean its sewage on a small plot.",
      "A pharmaceutical factory must remove residues from its discharge water.",
    ],
  },
  {
    key: "solar-carports",
    sectors: ["renewable-energy"],
    stage: "engineering-epc",
    makers: [
      [
        "Canopies over car parks that make power",
        "Steel canopies with photovoltaic modules over car parks, designed, built and connected.",
      ],
    ],
    problems: [
      "Our shopping centre has 2,000 open-air parking spaces and high power bills.",
      "The university wants to shade its car parks and produce its own clean electricity.",
      "A hospital car park could host a power plant and shade for visitors.",
      "The airport wants to cover its long-stay parking with generating roofs.",
      "The city owns park-and-ride lots it wants to turn into power producers.",
      "A car dealer wants its lots shaded and producing electricity for its showroom.",
    ],
    heldOut: [
      "The stadium wants roofs over its parking that also make power.",
      "A retail park wants its customers' cars shaded and its stores powered by the sun.",
      "The office campus wants panels above its parking spaces.",
    ],
  },
  {
    key: "fleet-software",
    sectors: ["clean-mobility"],
    stage: "software-data",
    makers: [
      [
        "Planning software for battery vehicle fleets",
        "Software that plans routes, charging and vehicle choice when fleets switch from diesel to batteries.",
      ],
    ],
    problems: [
      "Our postal service wants to know which delivery rounds can switch to battery vans.",
      "The city fleet manager must plan the move of 600 service cars away from petrol.",
      "A courier company wants its battery vans never to run empty on a round.",
      "The bus operator wants to schedule battery coaches around their charging.",
      "A utility wants to electrify its maintenance trucks without losing service.",
      "The rental company wants to plan when its battery cars are topped up.",
    ],
    heldOut: [
      "Our delivery company wants to know which vans can go electric without missing a drop.",
      "The city wants a plan for converting 400 municipal vehicles to battery power.",
      "A taxi operator wants to plan shifts around charging its new battery cars.",
    ],
  },
];

/** Needs that belong to no technology: trade bodies, generic funds, event organisers. */
const unrelatedNeeds = [
  "We organise trade delegations and introduce foreign firms to our chamber members.",
  "Our chamber of commerce welcomes European companies and offers office space.",
  "The investment promotion office helps foreign companies register and hire.",
  "A law firm advising foreign companies on incorporation and tax.",
  "We host conferences and exhibitions for the building materials trade.",
  "A bank offering trade finance and currency accounts to importers.",
  "A translation and interpretation agency for business meetings.",
  "We recruit engineers and sales staff for foreign companies.",
  "The logistics firm offers customs clearance and warehousing at the port.",
  "A consultancy that writes market studies for consumer goods.",
];

/** Words staff put around a need: where, when, how much. Shared by every technology, so they mislead. */
const tails = [
  "Budget approved for next year.",
  "Pilot site available on the north side.",
  "Decision expected after the summer.",
  "Tender planned in the spring.",
  "Open to a demonstration first.",
  "Co-funding from the regional government is possible.",
  "",
  "",
];

/** The types of the organisations that need a technology, in turn. */
const typesInTurn: readonly OrganisationTypeKey[] = [
  "project-owner",
  "buyer",
  "distributor",
  "project-owner",
  "partner",
  "agency",
];

const seeksInTurn: readonly SeekKey[][] = [
  ["project-owners"],
  ["distributors"],
  ["project-owners", "jv-partners"],
  ["distributors", "project-owners"],
  ["jv-partners"],
];

const marketsInTurn: readonly MarketKey[][] = [["US"], ["CN"], ["US", "CN"], ["US"], ["CN"]];

/** A small fast PRNG (mulberry32), so every run measures the same mission. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type BenchmarkMission = {
  smes: MatchSme[];
  organisations: MatchOrganisation[];
  /** The technology of each SME and organisation (undefined: none). */
  technologyOf: Map<string, string | undefined>;
};

/**
 * 25 SMEs (one or two per technology) and 300 organisations: 6 per technology and market, from
 * the descriptions the lexicon was tuned with or from the held-out ones, plus 60 that need none. Organisations' sectors: the right ones 45% of
 * the time, a broad neighbour added 30%, a wrong one instead 35%, none 15%.
 */
export function benchmarkMission(phrasings: "tuning" | "held-out" = "tuning", seed = 2027): BenchmarkMission {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const technologyOf = new Map<string, string | undefined>();
  const smes: MatchSme[] = [];
  for (let i = 0; smes.length < 25; i += 1) {
    const technology = technologies[i % technologies.length] as Technology;
    const [pitch, offer] = technology.makers[Math.floor(i / technologies.length) % technology.makers.length] as [
      string,
      string,
    ];
    const id = smes.length + 1;
    smes.push({
      id,
      name: `SME ${id} (${technology.key})`,
      country: "DK",
      sectors: technology.sectors,
      stages: [technology.stage],
      seeks: seeksInTurn[i % seeksInTurn.length] as SeekKey[],
      markets: marketsInTurn[i % marketsInTurn.length] as MarketKey[],
      pitch,
      offer,
      bi: [],
    });
    technologyOf.set(`sme:${id}`, technology.key);
  }
  const organisations: MatchOrganisation[] = [];
  const tagsFor = (right: SectorKey[]): SectorKey[] => {
    const roll = random();
    if (roll < 0.15) return [];
    const wrong = pick(sectors.filter((sector) => !right.includes(sector.key))).key;
    const tags: SectorKey[] = roll < 0.5 ? [wrong] : [...right.slice(0, 1)];
    if (random() < 0.3) tags.push(pick(["energy-efficiency", "smart-city", "renewable-energy"] as const));
    return [...new Set(tags)];
  };
  const add = (
    technology: string | undefined,
    needs: string,
    type: OrganisationTypeKey,
    market: MarketKey,
    tags: SectorKey[],
  ) => {
    const id = organisations.length + 1;
    organisations.push({
      id,
      name: `Organisation ${id}`,
      type,
      market,
      city: market === "US" ? "Boston" : "Shanghai",
      sectors: tags,
      needs: `${needs} ${pick(tails)}`.trim(),
      languages: [],
    });
    technologyOf.set(`organisation:${id}`, technology);
  };
  for (const technology of technologies) {
    // Six organisations per market either way: the held-out set has three descriptions, each used twice.
    const problems =
      phrasings === "tuning" ? technology.problems : [...technology.heldOut, ...technology.heldOut].slice(0, 6);
    for (const market of ["US", "CN"] as const) {
      problems.forEach((problem, index) => {
        const type = typesInTurn[index % typesInTurn.length] as OrganisationTypeKey;
        add(technology.key, problem, type, market, tagsFor(technology.sectors));
      });
    }
  }
  while (organisations.length < 300) {
    add(
      undefined,
      pick(unrelatedNeeds),
      pick(["agency", "partner", "investor", "buyer"] as const),
      pick(["US", "CN"] as const),
      tagsFor([]),
    );
  }
  return { smes, organisations, technologyOf };
}

/** Every phrase the benchmark writes, for the test that keeps it apart from the lexicon. */
export function benchmarkPhrases(): string[] {
  return [
    ...technologies.flatMap((technology) => [
      ...technology.makers.flat(),
      ...technology.problems,
      ...technology.heldOut,
    ]),
    ...unrelatedNeeds,
    ...tails.filter(Boolean),
  ];
}
