import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/harness.js";
import { OpenAiStandIn } from "../../../test/support/openai-stand-in.js";
import { embeddingModel } from "../../platform/llm.js";
import { embeddingsFor } from "./embedding-store.js";
import { parseLexicon } from "./lexicon.js";
import type { MatchOrganisation, MatchSme } from "./match-input.js";
import { organisationText, recommendForSme, smeText, textsToEmbed } from "./recommender.js";

let t: TestApp;
let openai: OpenAiStandIn;
beforeEach(async () => {
  openai = await OpenAiStandIn.start();
  t = await startTestApp({ openaiBaseUrl: openai.baseUrl });
});
afterEach(async () => {
  await t.stop();
  await openai.stop();
});

const sme: MatchSme = {
  id: 1,
  name: "Quiet Motors",
  country: "SE",
  sectors: ["clean-mobility"],
  stages: ["equipment"],
  seeks: ["project-owners"],
  markets: ["US"],
  pitch: "Silent drivetrains",
  offer: "Compact drivetrains that make small craft run without noise.",
  bi: [],
};
const organisations: MatchOrganisation[] = [
  {
    id: 1,
    name: "Lake Tours",
    type: "project-owner",
    market: "US",
    city: "Burlington",
    sectors: [],
    needs: "Our sightseeing fleet on the lake must become quieter by 2028.",
    languages: [],
  },
  {
    id: 2,
    name: "Desk Supplies",
    type: "project-owner",
    market: "US",
    city: "Albany",
    sectors: [],
    needs: "Office chairs and desks for a new headquarters.",
    languages: [],
  },
];

/** The stand-in's model: drivetrains and a quieter fleet mean the same; office furniture does not. */
function meaning(text: string): number[] {
  return /drivetrain|quiet|noise/i.test(text) ? [1, 0.1, 0] : [0, 0.2, 1];
}

describe("embeddings", () => {
  it("are asked of the model once per text, then read from the database", async () => {
    openai.embedder = meaning;
    const texts = textsToEmbed([sme], organisations);
    const first = await embeddingsFor(t.db, t.deps.llm, texts);
    expect(openai.embeddingRequests).toHaveLength(1);
    expect(openai.embeddingRequests[0]).toMatchObject({ model: embeddingModel, input: texts });
    expect([...(first.get(smeText(sme)) ?? [])]).toEqual([1, expect.closeTo(0.1, 5), 0]);
    expect(await t.db.textEmbedding.count()).toBe(3);

    const again = await embeddingsFor(t.db, t.deps.llm, [...texts, "A new text"]);
    expect(openai.embeddingRequests).toHaveLength(2);
    expect(openai.embeddingRequests[1]?.input).toEqual(["A new text"]);
    expect([...(again.get(organisationText(organisations[1] as MatchOrganisation)) ?? [])]).toEqual([
      0,
      expect.closeTo(0.2, 5),
      1,
    ]);
  });

  it("find what different words mean alike, and say so; without a key the recommender still answers", async () => {
    openai.embedder = meaning;
    const embeddings = await embeddingsFor(t.db, t.deps.llm, textsToEmbed([sme], organisations));
    // A lexicon that knows nothing of boats: only the embeddings link the two texts.
    const lexicon = parseLexicon({
      concepts: [{ id: "kilns", label: "biochar kilns", sectors: ["waste-circular"], terms: ["biochar kiln"] }],
      counterparts: [],
    });
    const [first] = recommendForSme(sme, organisations, { embeddings, lexicon });
    expect(first?.counterpart.name).toBe("Lake Tours");
    expect(first?.reasons).toContain("their needs are close to what your offer describes");
    expect(recommendForSme(sme, organisations, { lexicon }).map((s) => s.counterpart.name)).not.toContain("Lake Tours");
    expect(await embeddingsFor(t.db, undefined, textsToEmbed([sme], organisations))).toEqual(new Map());
    // Without a key the app's lexicon answers: "craft", "lake" and "sightseeing" are words of its boat terms.
    const withoutKey = recommendForSme(sme, organisations);
    expect(withoutKey.map((s) => s.counterpart.name)).toEqual(["Lake Tours"]);
    expect(withoutKey[0]?.reasons).toContain("their needs and your offer are both about electric boats and ferries");
  });
});
