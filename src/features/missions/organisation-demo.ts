/**
 * The sandbox's local organisations: 60 around Boston and 60 around Shanghai, of every type, their
 * needs in their own words (a city that wants a use for its parks' green waste, not "composting"),
 * so that the recommender has to match meaning, not keywords, against the demo SMEs
 * (directory/synthetic.ts). Linked to "Boston cleantech mission 2027" and "Shanghai cleantech
 * mission 2027" when those missions exist. Idempotent: organisations are found again by name and
 * country, and a group already stored and linked is left alone.
 */
import type { Database } from "../../platform/db/client.js";
import { missionNameKey } from "./mission.js";
import { type OrganisationProfile, type OrganisationTypeKey, validateOrganisation } from "./organisation.js";
import { importOrganisations } from "./organisation-store.js";

/** name, type, city, sectors (keys), needs in their words; contacts and websites are made up from the name. */
type DemoOrganisation = readonly [string, OrganisationTypeKey, string, readonly string[], string];

const boston: readonly DemoOrganisation[] = [
  // Project owners
  [
    "Somerville Parks and Open Space Department",
    "project-owner",
    "Somerville",
    ["waste-circular"],
    "We want a use for the green waste of our parks and street trees: leaves, prunings and grass are trucked 60 miles today. Something that turns them into a product we can put back into our soil would be ideal.",
  ],
  [
    "Harborview District Energy",
    "project-owner",
    "Boston",
    ["district-heating-cooling", "energy-efficiency"],
    "Our steam loop downtown runs on gas-fired boilers from the 1970s. We are planning the conversion of part of the network to low-temperature hot water and look for large electric heat sources and substations.",
  ],
  [
    "Merrimack Valley Regional Transit",
    "project-owner",
    "Lowell",
    ["clean-mobility"],
    "Electrifying a fleet of 90 buses by 2030. We need depot charging that can be managed around peak tariffs, and advice on which routes go first.",
  ],
  [
    "Quincy Wastewater Commission",
    "project-owner",
    "Quincy",
    ["water-wastewater", "energy-efficiency"],
    "Our treatment plant produces 40 tonnes of wet sludge a day and trucking it away is our largest cost after electricity. We are looking at ways to make it lighter and drier on site.",
  ],
  [
    "Worcester Housing Authority",
    "project-owner",
    "Worcester",
    ["green-buildings", "energy-efficiency"],
    "Deep retrofit of 1,200 public housing units built in the 1960s: envelopes, ventilation and controls, with tenants staying in place during the works.",
  ],
  [
    "Port of New Bedford",
    "project-owner",
    "New Bedford",
    ["clean-mobility", "renewable-energy"],
    "Offshore wind is coming to the port. We want shore power for vessels and electric harbour craft, and partners who have done this in European ports.",
  ],
  [
    "Cambridge Innovation Campus Partners",
    "project-owner",
    "Cambridge",
    ["smart-grids", "energy-storage"],
    "A new 40-acre life-science campus that must run on 100% clean power by 2032. We are designing a campus microgrid with storage and need controls that can island the site.",
  ],
  [
    "Fall River Brownfields Initiative",
    "project-owner",
    "Fall River",
    ["soil-remediation"],
    "Three former textile mill sites with heavy metals and solvents in the ground. We want to clean them for housing without digging everything up and landfilling it.",
  ],
  [
    "Springfield Water and Sewer",
    "project-owner",
    "Springfield",
    ["water-wastewater", "smart-city"],
    "We lose about a fifth of our treated water before it reaches a meter. We want to find leaks in old cast-iron mains before they burst.",
  ],
  [
    "Lawrence Mills Redevelopment",
    "project-owner",
    "Lawrence",
    ["green-buildings", "renewable-energy"],
    "Converting a 19th-century mill into 300 apartments with a goal of net-zero operations: rooftop solar, heat pumps and a building that tells us how it performs.",
  ],
  [
    "Longwood Medical Campus Facilities",
    "project-owner",
    "Boston",
    ["energy-efficiency", "air-quality"],
    "Our central plant and air handling must cut energy use by 30% while keeping operating-room air quality beyond code. We look for heat recovery and monitoring we can trust.",
  ],
  [
    "Cape Cod Regional Landfill Authority",
    "project-owner",
    "Barnstable",
    ["waste-circular", "renewable-energy"],
    "Our landfill closes in 2029. We want to divert food and yard waste before then and make energy from what we collect.",
  ],
  // Buyers
  [
    "Bay State Utilities",
    "buyer",
    "Boston",
    ["smart-grids", "energy-storage"],
    "We procure grid-edge equipment for 1.4 million customers: feeder monitoring, controllable inverters and behind-the-meter batteries that we can dispatch.",
  ],
  [
    "New England Cold Chain",
    "buyer",
    "Chelsea",
    ["energy-efficiency", "energy-storage"],
    "Twelve refrigerated warehouses with high demand charges. We buy systems that shift cooling load to the night and recover heat from our compressors.",
  ],
  [
    "Commonwealth University Procurement",
    "buyer",
    "Amherst",
    ["energy-efficiency", "green-buildings"],
    "Buying for 180 campus buildings: lighting, drives, ventilation controls and metering. Suppliers must show measured savings from comparable campuses.",
  ],
  [
    "Northeast Grocers Cooperative",
    "buyer",
    "Worcester",
    ["waste-circular"],
    "Our 60 stores throw away 5,000 tonnes of food a year. We are tendering for on-site systems that turn it into something other than landfill.",
  ],
  [
    "MetroWest School Districts Consortium",
    "buyer",
    "Framingham",
    ["air-quality", "green-buildings"],
    "Classrooms in 40 schools need better ventilation and CO2 monitoring that teachers can read. We buy jointly for the districts.",
  ],
  [
    "Atlantic Fleet Services",
    "buyer",
    "Braintree",
    ["clean-mobility"],
    "We run 2,000 delivery vans for retailers and need chargers, charging management and maintenance for an electric fleet across 15 depots.",
  ],
  [
    "Greater Boston Hospitals Purchasing Group",
    "buyer",
    "Boston",
    ["air-quality", "water-wastewater"],
    "Group purchasing for eight hospitals: disinfection equipment for water and air, with validated performance against pathogens.",
  ],
  [
    "Pioneer Valley Paper Mills",
    "buyer",
    "Holyoke",
    ["energy-efficiency", "water-wastewater"],
    "Our drying section wastes a lot of low-grade heat and our process water is reused poorly. We buy equipment with a payback under four years.",
  ],
  [
    "Charles River Property Trust",
    "buyer",
    "Boston",
    ["green-buildings", "smart-city"],
    "Owner of 25 office towers facing Boston's building emissions law. We buy analytics and retrofits that bring each building under its cap.",
  ],
  [
    "South Shore Municipal Light Plant",
    "buyer",
    "Hingham",
    ["smart-grids", "renewable-energy"],
    "A small municipal utility buying community solar, meters with remote disconnect and software to run demand response with our customers.",
  ],
  // Distributors
  [
    "Patriot Water Technologies",
    "distributor",
    "Woburn",
    ["water-wastewater"],
    "We distribute water treatment equipment to municipalities and food plants across New England and are looking for European membrane and UV products to add to our line.",
  ],
  [
    "Yankee HVAC Supply",
    "distributor",
    "Norwood",
    ["energy-efficiency", "green-buildings"],
    "Wholesaler to 3,000 mechanical contractors. We want heat pump and ventilation products with US certifications in progress and a partner for training installers.",
  ],
  [
    "Granite State Electrical Distributors",
    "distributor",
    "Nashua",
    ["smart-grids", "energy-storage"],
    "We sell to electricians and utilities in four states and look for battery systems and load controllers that we can stock and support locally.",
  ],
  [
    "Northeast Environmental Instruments",
    "distributor",
    "Marlborough",
    ["air-quality"],
    "Distributor of monitoring instruments for regulators and industry. We seek compact sensors for fence-line and neighbourhood air monitoring.",
  ],
  [
    "Bluewater Marine Electric",
    "distributor",
    "Gloucester",
    ["clean-mobility"],
    "We supply boatyards and fishing fleets. Customers ask for electric and hybrid drives for workboats and ferries under 30 metres.",
  ],
  [
    "Evergreen Building Products",
    "distributor",
    "Peabody",
    ["green-buildings"],
    "Distributor of building envelope products. We want bio-based and recycled insulation and timber systems that meet Massachusetts stretch code.",
  ],
  [
    "Keystone Recycling Equipment",
    "distributor",
    "Springfield",
    ["waste-circular"],
    "We sell and service sorting and baling equipment for recyclers and municipalities, and look for automated sorting of textiles and mixed plastics.",
  ],
  [
    "CleanFleet Charging Solutions",
    "distributor",
    "Burlington",
    ["clean-mobility", "smart-grids"],
    "Reseller and installer of EV chargers for workplaces and fleets. We need fast chargers and load management with UL listing.",
  ],
  [
    "Heritage Geothermal Supply",
    "distributor",
    "Westborough",
    ["renewable-energy", "district-heating-cooling"],
    "We supply drillers and contractors building geothermal heat exchange for schools and housing, and want European networked geothermal know-how.",
  ],
  // Potential partners
  [
    "Boston Energy Engineering Group",
    "partner",
    "Boston",
    ["district-heating-cooling", "energy-efficiency"],
    "Engineering firm designing thermal networks for cities and campuses. We want technology partners to bid together on networked geothermal and waste heat projects.",
  ],
  [
    "Commonwealth Solar Installers",
    "partner",
    "Worcester",
    ["renewable-energy", "energy-storage"],
    "Installer of 500 residential and commercial systems a year. We look for a storage or inverter partner to offer solar plus batteries with one warranty.",
  ],
  [
    "Mass Smart Buildings Integrators",
    "partner",
    "Waltham",
    ["green-buildings", "smart-city"],
    "Systems integrator for building controls. We look for analytics software and sensors we can integrate and maintain for our clients.",
  ],
  [
    "Atlantic Offshore Services",
    "partner",
    "New Bedford",
    ["renewable-energy", "hydrogen"],
    "Marine contractor for offshore wind. We seek partners for producing hydrogen from curtailed wind power at the port.",
  ],
  [
    "Greenfield Compost Collaborative",
    "partner",
    "Greenfield",
    ["waste-circular", "soil-remediation"],
    "Farmer-owned composting network. We look for technology to treat contaminated organic streams and turn them into soil products.",
  ],
  [
    "New England Remediation Contractors",
    "partner",
    "Providence",
    ["soil-remediation", "water-wastewater"],
    "We clean up industrial sites and groundwater. We want treatment methods that work in place and cut the cost of hauling soil.",
  ],
  [
    "Harbor Data Labs",
    "partner",
    "Boston",
    ["smart-city", "air-quality"],
    "Civic-tech studio building open city dashboards. We want sensor makers to partner on street-level air, noise and traffic data.",
  ],
  [
    "Bay Colony Construction",
    "partner",
    "Quincy",
    ["green-buildings"],
    "General contractor for mid-rise housing. We look for prefabricated wall and floor systems that cut time on site and embodied carbon.",
  ],
  // Investors
  [
    "Beacon Climate Ventures",
    "investor",
    "Boston",
    ["energy-storage", "smart-grids"],
    "Venture fund investing in storage and grid software from seed to series B. We look for European companies ready to open a US subsidiary.",
  ],
  [
    "Pioneer Infrastructure Partners",
    "investor",
    "Boston",
    ["renewable-energy", "district-heating-cooling"],
    "Infrastructure investor financing thermal networks and distributed generation with long-term contracts. We seek technology providers with bankable track records.",
  ],
  [
    "Cambridge Seed Collective",
    "investor",
    "Cambridge",
    ["hydrogen", "clean-mobility"],
    "Angel group funding early hardware startups in hydrogen and electric transport who need a US pilot customer.",
  ],
  [
    "Commonwealth Green Finance Fund",
    "investor",
    "Boston",
    ["energy-efficiency", "green-buildings"],
    "State-backed lender that finances efficiency retrofits for owners and municipalities. We want proven products to include in our approved lists.",
  ],
  [
    "Mystic River Impact Fund",
    "investor",
    "Medford",
    ["water-wastewater", "waste-circular"],
    "Impact fund investing in water and circular economy companies with measurable environmental outcomes.",
  ],
  [
    "Atlantic Family Office",
    "investor",
    "Wellesley",
    ["renewable-energy", "energy-storage"],
    "Family office co-investing in growth-stage clean energy manufacturers that want to build or assemble in the US.",
  ],
  [
    "Back Bay Capital Group",
    "investor",
    "Boston",
    ["smart-city", "air-quality"],
    "Growth investor in software for cities and buildings, looking at companies with recurring revenue and municipal customers.",
  ],
  // Public agencies
  [
    "Commonwealth Clean Energy Office",
    "agency",
    "Boston",
    ["renewable-energy", "energy-storage"],
    "State agency running grant programmes for storage, offshore wind supply chain and clean heat. We help foreign companies find pilot sites and incentives.",
  ],
  [
    "Boston Environment Department",
    "agency",
    "Boston",
    ["smart-city", "air-quality", "green-buildings"],
    "We implement the city's climate plan and building emissions ordinance and look for tools that help owners measure and cut emissions.",
  ],
  [
    "Bay State Business Attraction Office",
    "agency",
    "Boston",
    ["energy-efficiency", "clean-mobility"],
    "Economic development agency helping foreign manufacturers set up in the state: sites, workforce training and financing.",
  ],
  [
    "Greater Boston Water Authority",
    "agency",
    "Chelsea",
    ["water-wastewater"],
    "Regional water wholesaler for 3 million people. We run innovation pilots on treatment, energy recovery and leak reduction.",
  ],
  [
    "Commonwealth Environmental Protection Office",
    "agency",
    "Boston",
    ["soil-remediation", "air-quality", "waste-circular"],
    "Regulator for waste, air and contaminated sites. We want to learn about European practices on organics bans and site clean-up.",
  ],
  [
    "Worcester Regional Chamber",
    "agency",
    "Worcester",
    ["energy-efficiency", "smart-city"],
    "Chamber of commerce connecting foreign companies with local manufacturers and municipalities in central Massachusetts.",
  ],
  [
    "Ocean State Clean Economy Office",
    "agency",
    "Providence",
    ["renewable-energy", "clean-mobility"],
    "State agency attracting offshore wind and blue economy suppliers, with grants for pilots in Rhode Island ports.",
  ],
  [
    "Cape Efficiency Compact",
    "agency",
    "Barnstable",
    ["energy-efficiency", "smart-grids"],
    "Public efficiency programme administrator for 200,000 customers. We look for products to include in rebate programmes.",
  ],
  // Research institutes
  [
    "Back Bay Urban Systems Lab",
    "research",
    "Boston",
    ["smart-city", "clean-mobility"],
    "University lab studying urban mobility and energy. We host pilots and look for partners with data-rich products to test on campus streets.",
  ],
  [
    "Charles River Materials Institute",
    "research",
    "Cambridge",
    ["energy-storage", "hydrogen"],
    "Research on battery chemistries and electrolyser materials. We seek industrial partners to scale and validate new materials.",
  ],
  [
    "Buzzards Bay Coastal Research Center",
    "research",
    "Falmouth",
    ["water-wastewater", "soil-remediation"],
    "Research on coastal water quality and nitrogen pollution from septic systems. We test nutrient removal technologies in the field.",
  ],
  [
    "Pioneer Valley Clean Energy Extension",
    "research",
    "Amherst",
    ["renewable-energy", "energy-efficiency"],
    "Applied research and technical help for farms and towns adopting clean energy. We look for technologies to demonstrate to rural communities.",
  ],
  [
    "Union Square Cleantech Incubator",
    "research",
    "Somerville",
    ["hydrogen", "energy-storage", "clean-mobility"],
    "Incubator running pilot programmes between startups and corporate partners. We welcome European hardware teams looking for a US base.",
  ],
  [
    "Boston Air Quality Research Consortium",
    "research",
    "Boston",
    ["air-quality"],
    "Universities measuring ultrafine particles near highways and schools. We want low-cost sensors validated against reference stations.",
  ],
];

const shanghai: readonly DemoOrganisation[] = [
  // Project owners
  [
    "Pudong New Area Parks Management Bureau",
    "project-owner",
    "Shanghai",
    ["waste-circular", "soil-remediation"],
    "Our parks and green belts produce 80,000 tonnes of branches, leaves and grass cuttings a year. We want a use for this green waste that improves the soil of the parks instead of burning or landfilling it.",
  ],
  [
    "Jiangsu Heat Networks Co.",
    "project-owner",
    "Nanjing",
    ["district-heating-cooling", "energy-storage"],
    "Replacing coal-fired boilers in three district heating networks with electric and waste heat sources, with thermal storage to run on night-time power, by 2028.",
  ],
  [
    "Shanghai Chemical Industry Park Utilities",
    "project-owner",
    "Shanghai",
    ["energy-efficiency", "hydrogen"],
    "The park's plants vent large amounts of low-grade heat and by-product hydrogen. We are planning projects to recover both and supply them to neighbouring plants.",
  ],
  [
    "Suzhou Industrial Park Water Company",
    "project-owner",
    "Suzhou",
    ["water-wastewater"],
    "Upgrading two wastewater plants to the strictest discharge standard for Lake Tai, with less chemical use and sludge that can be reused.",
  ],
  [
    "Hangzhou Metro Depot Development",
    "project-owner",
    "Hangzhou",
    ["green-buildings", "renewable-energy"],
    "Building homes and offices on top of metro depots. We want near-zero-energy buildings with rooftop solar and façades that keep heat out in summer.",
  ],
  [
    "Lingang New Area Energy Development",
    "project-owner",
    "Shanghai",
    ["smart-grids", "renewable-energy", "energy-storage"],
    "A new city district that will run largely on offshore wind and solar. We are building a district-level microgrid with storage and flexible loads.",
  ],
  [
    "Ningbo Zhoushan Port Green Operations",
    "project-owner",
    "Ningbo",
    ["clean-mobility", "hydrogen"],
    "Converting yard trucks and harbour tugs to zero-emission power. We are testing both battery and fuel cell options and refuelling at the port.",
  ],
  [
    "Wuxi Old Industrial Sites Regeneration",
    "project-owner",
    "Wuxi",
    ["soil-remediation"],
    "Former dye and chemical factories along the canal must become parks and housing. The ground holds organic solvents and heavy metals.",
  ],
  [
    "Jiading Smart Town Project Office",
    "project-owner",
    "Shanghai",
    ["smart-city", "air-quality"],
    "A pilot town of 200,000 people where street lights, parking and air monitoring share one platform. We want proven components and an integrator.",
  ],
  [
    "Chongming Eco-Island Development Office",
    "project-owner",
    "Shanghai",
    ["waste-circular", "renewable-energy"],
    "Our farms and villages produce manure and crop straw that pollute the rivers. We want to turn them into energy and fertiliser on the island.",
  ],
  [
    "Jiaxing Textile Dyeing Cluster Authority",
    "project-owner",
    "Jiaxing",
    ["water-wastewater", "energy-efficiency"],
    "Two hundred dyeing plants share one effluent plant. We want to reuse more water and recover the heat of hot effluent.",
  ],
  [
    "Shanghai Hospital Development Center",
    "project-owner",
    "Shanghai",
    ["energy-efficiency", "air-quality"],
    "New hospital buildings must cut energy per bed while keeping infection control. We want heat recovery, efficient air handling and monitoring.",
  ],
  // Buyers
  [
    "Huangpu Grid Power Supply Co.",
    "buyer",
    "Shanghai",
    ["smart-grids", "energy-storage"],
    "We procure distribution automation, meters and storage to absorb more rooftop solar and electric vehicle charging in the city grid.",
  ],
  [
    "Baoshan Steel Energy Services",
    "buyer",
    "Shanghai",
    ["energy-efficiency", "hydrogen"],
    "Energy services company of a steel group. We buy waste heat recovery and hydrogen-ready equipment for mills under carbon-peaking targets.",
  ],
  [
    "Shanghai Urban Water Supply Group",
    "buyer",
    "Shanghai",
    ["water-wastewater", "smart-city"],
    "Supplying water to 24 million people. We buy leak detection, metering and disinfection equipment and run tenders each year.",
  ],
  [
    "Evergreen Towers Property Management",
    "buyer",
    "Shanghai",
    ["green-buildings", "energy-efficiency"],
    "We operate 300 office and residential buildings and buy retrofits, building management systems and efficient lighting.",
  ],
  [
    "Anting Auto Logistics Fleet",
    "buyer",
    "Shanghai",
    ["clean-mobility"],
    "Electrifying 5,000 logistics vehicles. We buy chargers, fleet management software and battery health services.",
  ],
  [
    "Hangzhou Public Transport Group",
    "buyer",
    "Hangzhou",
    ["clean-mobility", "energy-storage"],
    "Our bus depots need smart charging and second-life use of retired bus batteries.",
  ],
  [
    "Suzhou Electronics Manufacturing Park",
    "buyer",
    "Suzhou",
    ["air-quality", "energy-efficiency"],
    "Factories in the park must cut volatile organic emissions and energy use. We buy filtration, abatement and compressed air efficiency systems.",
  ],
  [
    "Shanghai Urban Waste Processing Co.",
    "buyer",
    "Shanghai",
    ["waste-circular"],
    "We process the city's sorted household waste and buy equipment to treat kitchen waste and recover recyclables from mixed streams.",
  ],
  [
    "Yangtze Delta Cold Storage Alliance",
    "buyer",
    "Shanghai",
    ["energy-efficiency", "energy-storage"],
    "Cold stores with high electricity bills want to store cold at night and recover compressor heat.",
  ],
  [
    "Nanjing University Hospitals Procurement",
    "buyer",
    "Nanjing",
    ["air-quality", "water-wastewater"],
    "Buying air and water disinfection for five hospitals, with performance certified by independent labs.",
  ],
  // Distributors
  [
    "Shanghai Huaneng Water Equipment Trading",
    "distributor",
    "Shanghai",
    ["water-wastewater"],
    "We distribute water treatment equipment to municipal and industrial clients in East China and look for European membranes, UV systems and sludge dewatering.",
  ],
  [
    "East China HVAC Distribution",
    "distributor",
    "Shanghai",
    ["energy-efficiency", "green-buildings", "district-heating-cooling"],
    "National distributor of heating and cooling products. We want European heat pumps and ventilation units with good efficiency in humid summers.",
  ],
  [
    "Zhejiang Environmental Instruments",
    "distributor",
    "Hangzhou",
    ["air-quality"],
    "We sell monitoring equipment to environmental bureaus and factories and seek accurate compact sensors for grid-based air monitoring.",
  ],
  [
    "Jiangsu New Energy Equipment Supply",
    "distributor",
    "Nanjing",
    ["renewable-energy", "energy-storage"],
    "We supply solar and storage integrators and look for battery management, inverters and containerised storage to add to our range.",
  ],
  [
    "Shanghai Green Building Materials Mart",
    "distributor",
    "Shanghai",
    ["green-buildings"],
    "Trading platform for building materials. Developers ask us for low-carbon insulation, timber components and smart ventilation.",
  ],
  [
    "Delta Recycling Machinery",
    "distributor",
    "Ningbo",
    ["waste-circular"],
    "We sell sorting and recycling lines to private recyclers and want automated sorting for plastics and textiles.",
  ],
  [
    "China Marine Electric Systems",
    "distributor",
    "Shanghai",
    ["clean-mobility"],
    "We supply shipyards building inland vessels and ferries, and look for electric propulsion and battery systems for boats.",
  ],
  [
    "Sino-European Lab Supplies",
    "distributor",
    "Suzhou",
    ["soil-remediation", "water-wastewater"],
    "Distributor of testing and remediation products for environmental consultancies and labs.",
  ],
  [
    "Huadong Charging Network Partners",
    "distributor",
    "Hangzhou",
    ["clean-mobility", "smart-grids"],
    "We install and operate chargers for residential compounds and need load management that shares limited grid capacity.",
  ],
  // Potential partners
  [
    "Huangpu Municipal Engineering Design Institute",
    "partner",
    "Shanghai",
    ["water-wastewater", "smart-city"],
    "Design institute for water, roads and city infrastructure. We look for European technology partners to include in our designs and bids.",
  ],
  [
    "Siping Architectural Design Group",
    "partner",
    "Shanghai",
    ["green-buildings", "energy-efficiency"],
    "Architects and engineers for public buildings aiming at near-zero energy. We want product partners with simulation data.",
  ],
  [
    "Zhejiang Energy Service Company",
    "partner",
    "Hangzhou",
    ["energy-efficiency", "district-heating-cooling"],
    "Energy performance contractor for factories and hospitals. We co-invest with technology providers and share savings.",
  ],
  [
    "Jiangsu Environmental Protection Group",
    "partner",
    "Nanjing",
    ["soil-remediation", "waste-circular"],
    "Provincial environmental group cleaning up contaminated land and running waste plants. We seek joint ventures for new treatment methods.",
  ],
  [
    "Shanghai Hydrogen Projects Co.",
    "partner",
    "Shanghai",
    ["hydrogen", "renewable-energy"],
    "We build hydrogen production projects and look for electrolyser stacks, compressors and control systems from partners.",
  ],
  [
    "Wuxi IoT Solutions Alliance",
    "partner",
    "Wuxi",
    ["smart-city", "smart-grids"],
    "Alliance of sensor and software firms. We look for European partners to combine products into city and grid solutions.",
  ],
  [
    "Suzhou Biomass Energy Development",
    "partner",
    "Suzhou",
    ["renewable-energy", "waste-circular"],
    "Developer of biomass and biogas plants. We want partners for digesters and gas upgrading in rural counties.",
  ],
  [
    "Wuhu Cement Low-Carbon Technology",
    "partner",
    "Hefei",
    ["energy-efficiency", "air-quality"],
    "Cement and building materials group cutting emissions. We look for partners in kiln heat recovery and dust capture.",
  ],
  // Investors
  [
    "Shanghai Green Capital",
    "investor",
    "Shanghai",
    ["energy-storage", "hydrogen"],
    "We invest in energy storage and hydrogen companies entering China, from series A to pre-IPO, often with a local joint venture.",
  ],
  [
    "Yangtze River Delta Industry Fund",
    "investor",
    "Shanghai",
    ["smart-grids", "renewable-energy", "clean-mobility"],
    "Government-guided fund attracting foreign technology companies to set up production in the Delta.",
  ],
  [
    "Hangzhou Tech Angels",
    "investor",
    "Hangzhou",
    ["smart-city", "air-quality"],
    "Angel network funding software and sensor startups that want a first customer in Chinese cities.",
  ],
  [
    "Sino-Nordic Cleantech Partners",
    "investor",
    "Shanghai",
    ["district-heating-cooling", "energy-efficiency", "water-wastewater"],
    "Fund investing in Nordic and European cleantech companies expanding in China, with help for local manufacturing.",
  ],
  [
    "Jiangsu Environmental Industry Investment",
    "investor",
    "Nanjing",
    ["waste-circular", "soil-remediation"],
    "Provincial fund investing in circular economy and remediation companies with projects in Jiangsu.",
  ],
  [
    "Ningbo Port Industry Capital",
    "investor",
    "Ningbo",
    ["clean-mobility", "hydrogen"],
    "Fund of the port group investing in zero-emission shipping and logistics technology.",
  ],
  [
    "Shanghai Lingang Science Fund",
    "investor",
    "Shanghai",
    ["energy-storage", "smart-grids"],
    "Fund for companies that set up in Lingang: storage, power electronics and grid technology.",
  ],
  // Public agencies
  [
    "Shanghai Industrial Energy Saving Office",
    "agency",
    "Shanghai",
    ["energy-efficiency", "smart-city"],
    "We run the city's industrial energy saving programmes and welcome foreign companies for pilot projects with local manufacturers.",
  ],
  [
    "Shanghai Environmental Standards Office",
    "agency",
    "Shanghai",
    ["air-quality", "soil-remediation", "water-wastewater"],
    "We set and enforce environmental standards and look for monitoring and clean-up technologies for the next five-year plan.",
  ],
  [
    "Suzhou Industrial Park Investment Promotion Bureau",
    "agency",
    "Suzhou",
    ["energy-efficiency", "green-buildings"],
    "We help foreign companies set up in the park: land, permits, subsidies and introductions to manufacturers.",
  ],
  [
    "Zhejiang Provincial Energy Bureau",
    "agency",
    "Hangzhou",
    ["renewable-energy", "energy-storage", "smart-grids"],
    "We plan the province's energy transition and run demonstration projects for storage and virtual power plants.",
  ],
  [
    "Shanghai Green Building Programme Office",
    "agency",
    "Shanghai",
    ["green-buildings", "district-heating-cooling"],
    "We set green building rules and run retrofit programmes for old residential compounds, including cooling and heating.",
  ],
  [
    "Nanjing Commerce Bureau Foreign Investment Office",
    "agency",
    "Nanjing",
    ["clean-mobility", "smart-city"],
    "We help foreign technology companies find partners and sites in Nanjing.",
  ],
  [
    "Shanghai Parks and Waste Sorting Office",
    "agency",
    "Shanghai",
    ["waste-circular", "smart-city"],
    "We manage parks, street trees and waste sorting across the city and want better ways to treat garden and kitchen waste.",
  ],
  [
    "Chongming District Agriculture Commission",
    "agency",
    "Shanghai",
    ["waste-circular", "water-wastewater"],
    "Programmes for ecological farming: manure treatment, rural wastewater and organic fertiliser.",
  ],
  // Research institutes
  [
    "Yangpu University College of Environmental Science",
    "research",
    "Shanghai",
    ["water-wastewater", "soil-remediation"],
    "Research on wastewater, sludge and contaminated land. We run pilot plants with industry and look for European partners for joint projects.",
  ],
  [
    "Minhang University Institute of Refrigeration",
    "research",
    "Shanghai",
    ["district-heating-cooling", "energy-storage"],
    "Research on heat pumps, cold storage and thermal networks. We test new equipment in our labs and demonstration sites.",
  ],
  [
    "West Lake University Smart Grid Center",
    "research",
    "Hangzhou",
    ["smart-grids", "energy-storage"],
    "Research on power electronics, microgrids and demand response. We host pilots with the provincial utility.",
  ],
  [
    "Ningbo Institute of Urban Environment",
    "research",
    "Ningbo",
    ["air-quality", "smart-city"],
    "Research on urban air pollution and sensing networks. We validate sensors against reference instruments.",
  ],
  [
    "Jiangsu Industrial Technology Research Institute",
    "research",
    "Nanjing",
    ["hydrogen", "waste-circular"],
    "Applied research on hydrogen and recycling technologies, with funds for joint labs with foreign companies.",
  ],
  [
    "Shanghai Building Sciences Test Center",
    "research",
    "Shanghai",
    ["green-buildings", "energy-efficiency"],
    "We test and certify building products and systems and run demonstration buildings for near-zero energy.",
  ],
];

/** The missions the demo's organisations belong to (the missions' own demo data creates them). */
export const demoMissionNames = { US: "Boston cleantech mission 2027", CN: "Shanghai cleantech mission 2027" } as const;

/** The demo organisations of one market, validated as the form and the import validate them. */
export function demoOrganisations(market: "US" | "CN"): OrganisationProfile[] {
  const list = market === "US" ? boston : shanghai;
  return list.map(([name, type, city, sectors, needs], index) => {
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "")}.example`;
    const result = validateOrganisation({
      name,
      type,
      country: market,
      city,
      needs,
      sectors,
      website: `https://${domain}`,
      contactName:
        index % 3 === 2
          ? ""
          : market === "US"
            ? usContacts[index % usContacts.length]
            : cnContacts[index % cnContacts.length],
      contactEmail: `partnerships@${domain}`,
      languages: market === "US" ? ["English"] : index % 2 === 0 ? ["Mandarin", "English"] : ["Mandarin"],
      available: [],
    });
    if (!result.ok) throw new Error(`demo organisation ${name} is invalid: ${JSON.stringify(result.errors)}`);
    return result.organisation;
  });
}

const usContacts = ["Maria Alvarez", "James O'Connor", "Priya Raman", "David Chen", "Sarah Goldberg", "Michael Brooks"];
const cnContacts = ["Li Wei", "Wang Fang", "Zhang Min", "Chen Jing", "Liu Yang", "Zhao Lei"];

/** Public agencies in the demo accept meeting requests without a click (the auto-accept flag). */
const autoAcceptTypes: readonly OrganisationTypeKey[] = ["agency"];

/**
 * Writes the 120 demo organisations and links each group to its mission if that mission exists.
 * Returns how many organisations were written (0 when everything was there already).
 */
export async function loadDemoOrganisations(db: Database, now: Date): Promise<{ organisations: number }> {
  let written = 0;
  for (const market of ["US", "CN"] as const) {
    const profiles = demoOrganisations(market);
    const mission = await db.mission.findUnique({ where: { nameKey: missionNameKey(demoMissionNames[market]) } });
    const stored = await db.localOrganisation.count({
      where: { country: market, name: { in: profiles.map((p) => p.name) } },
    });
    const linked = mission
      ? await db.missionOrganisation.count({ where: { missionId: mission.id, organisation: { country: market } } })
      : 0;
    if (stored >= profiles.length && (!mission || linked >= profiles.length)) continue;
    await importOrganisations(db, { missionId: mission?.id ?? null, profiles, bySlackId: "U0ALICE001", at: now });
    await db.localOrganisation.updateMany({
      where: {
        country: market,
        name: { in: profiles.filter((p) => autoAcceptTypes.includes(p.type)).map((p) => p.name) },
      },
      data: { autoAccept: true },
    });
    written += profiles.length;
  }
  return { organisations: written };
}
