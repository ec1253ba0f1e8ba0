import { afterAll, describe, expect, it } from "vitest";
import {
  consortiumThreadsStarted,
  proposeConsortiaInWorker,
  stopConsortiumEngine,
  warmUpConsortiumEngine,
} from "./consortium-worker.js";
import { generateConsortiumRequest } from "./instance-generator.js";
import { proposeConsortia } from "./propose.js";

afterAll(stopConsortiumEngine);

const request = generateConsortiumRequest({ smes: 120, roles: 6 }, 3, { minCountries: 2, maxSize: 4 });

describe("building consortia on the engine's thread", () => {
  it("answers as the engine does on this thread, and reuses its warm thread run after run", async () => {
    const here = await proposeConsortia(request, { timeLimitSeconds: 20 });
    await warmUpConsortiumEngine();
    const started = consortiumThreadsStarted();
    for (let run = 0; run < 2; run += 1) {
      const { outcome } = await proposeConsortiaInWorker(request, { timeLimitSeconds: 20 });
      expect(outcome).toEqual(here);
    }
    expect(consortiumThreadsStarted()).toBe(started);
  }, 120_000);

  it("rejects with the engine's own error instead of hanging, and the thread answers the next request", async () => {
    const broken = { ...request, constraints: { ...request.constraints, maxSize: 0 } };
    await expect(proposeConsortiaInWorker(broken)).rejects.toThrow(
      /consortium engine failed: Invalid consortium request/,
    );
    expect((await proposeConsortiaInWorker(request, { timeLimitSeconds: 20 })).outcome.kind).toBe("proposals");
  }, 120_000);
});
