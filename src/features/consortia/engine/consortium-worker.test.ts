import { afterAll, describe, expect, it } from "vitest";
import { proposeConsortiaInWorker, stopConsortiumEngine } from "./consortium-worker.js";
import { generateConsortiumRequest } from "./instance-generator.js";
import { proposeConsortia } from "./propose.js";

afterAll(stopConsortiumEngine);

const request = generateConsortiumRequest({ smes: 120, roles: 6 }, 3, { minCountries: 2, maxSize: 4 });

// The threads themselves (reuse, concurrent runs, errors, stops) are tested once, in platform/solver.
describe("building consortia on the engine's thread", () => {
  it("answers as the engine does on this thread, with the CPU time it took", async () => {
    const here = await proposeConsortia(request, { timeLimitSeconds: 20 });
    const { outcome, cpuSeconds } = await proposeConsortiaInWorker(request, { timeLimitSeconds: 20 });
    expect(outcome).toEqual(here);
    expect(outcome.kind).toBe("proposals");
    expect(cpuSeconds).toBeGreaterThan(0);
  }, 120_000);

  it("rejects with the engine's own error", async () => {
    const broken = { ...request, constraints: { ...request.constraints, maxSize: 0 } };
    await expect(proposeConsortiaInWorker(broken)).rejects.toThrow(
      /^The consortium engine failed: Invalid consortium request/,
    );
  }, 120_000);
});
