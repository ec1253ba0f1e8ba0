import type { Highs } from "highs";
import { afterAll, describe, expect, it, vi } from "vitest";
import { columnModelBuilder } from "./column-model.js";
import { highsRuntime } from "./highs-runtime.js";
import { createSolverPool } from "./solver-pool.js";
import type { TestEngineAnswer, TestEngineRequest } from "./test-engine-thread.test-support.js";

const pool = createSolverPool<TestEngineRequest, TestEngineAnswer, number>({
  name: "test engine",
  engineThread: new URL("./test-engine-thread.test-support.ts", import.meta.url),
});
const echo = (value: string) => pool.run({ kind: "echo", value });

afterAll(pool.stop);

describe("the solver threads an engine runs on", () => {
  it("warms a thread up ahead of the first run and answers run after run on it, starting no other", async () => {
    await pool.warmUp();
    const started = pool.threadsStarted();
    const answers = [await echo("a"), await echo("b"), await echo("c")];
    expect(answers.map((answer) => answer.value)).toEqual(["a", "b", "c"]);
    expect(answers.every((answer) => answer.warmedUp)).toBe(true);
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBe(1);
    expect(pool.threadsStarted()).toBe(started);
  }, 60_000);

  it("passes the engine's progress on before its answer", async () => {
    const progress: number[] = [];
    const answer = await pool.run({ kind: "echo", value: "done", progress: [1, 2, 3] }, (step) => progress.push(step));
    expect(answer.value).toBe("done");
    expect(progress).toEqual([1, 2, 3]);
  });

  it("gives a run asked for while another runs a thread of its own", async () => {
    const [first, second] = await Promise.all([echo("first"), echo("second")]);
    expect([first.value, second.value]).toEqual(["first", "second"]);
    expect(first.threadId).not.toBe(second.threadId);
  }, 60_000);

  it("rejects with the engine's own error instead of hanging, and keeps the thread for the next run", async () => {
    const before = await echo("before");
    await expect(pool.run({ kind: "fail", message: "no such room" })).rejects.toThrow(
      "The test engine failed: no such room",
    );
    expect((await echo("after")).threadId).toBe(before.threadId);
  });

  it("rejects when its thread stops during a run, and answers the next run on a new thread", async () => {
    const before = await echo("before");
    const started = pool.threadsStarted();
    await expect(pool.run({ kind: "stop", code: 3 })).rejects.toThrow("The test engine stopped (exit code 3)");
    const after = await echo("after");
    expect(after.value).toBe("after");
    expect(after.threadId).not.toBe(before.threadId);
    expect(pool.threadsStarted()).toBe(started + 1);
  }, 60_000);

  it("does not hand the next run an idle thread that has stopped", async () => {
    const last = await pool.run({ kind: "answer-then-stop", code: 4 });
    expect(last.value).toBe("last words");
    await vi.waitFor(() => expect(pool.idleThreads()).toBe(0), { timeout: 10_000 });
    const next = await echo("next");
    expect(next.value).toBe("next");
    expect(next.threadId).not.toBe(last.threadId);
  }, 60_000);
});

describe("a model built column by column", () => {
  // Maximise 5a + 4b + 3c with 2a + 3b + c ≤ 5 and 4a + b + 2c ≤ 11; a, b, c in [0, 1].
  const knapsack = (highs: Highs, integral: boolean) => {
    const columns = columnModelBuilder();
    columns.addColumn({ cost: 5, lower: 0, upper: 1, integer: true }, [
      [1, 4],
      [0, 2],
    ]);
    columns.addColumn({ cost: 4, lower: 0, upper: 1, integer: true }, [
      [0, 3],
      [1, 1],
    ]);
    columns.addColumn({ cost: 3, lower: 0, upper: 1, integer: false }, [
      [0, 1],
      [1, 2],
    ]);
    const rows = { count: 2, lower: new Float64Array(2).fill(-highs.infinity), upper: Float64Array.from([5, 11]) };
    return columns.build(highs, rows, { sense: "maximize", integral });
  };

  it("is solved by HiGHS as written, whole where asked, its rows in order whatever order entries come in", async () => {
    const highs = await highsRuntime();
    const solve = (integral: boolean) =>
      highs.withModel(knapsack(highs, integral), (model) => {
        model.options.set("output_flag", false);
        model.run();
        return { objective: model.getObjectiveValue(), values: [...model.getSolution().colValue] };
      });
    const data = knapsack(highs, true);
    expect([...data.matrix.indices]).toEqual([0, 1, 0, 1, 0, 1]);
    expect([...data.matrix.values]).toEqual([2, 4, 3, 1, 1, 2]);
    // a = c = 1 and b = 2/3 in the relaxation (a and c fit, b fills the rest of the first row);
    // with a and b whole, c gives way to b.
    const relaxed = solve(false);
    expect(relaxed.objective).toBeCloseTo(8 + 8 / 3);
    const whole = solve(true);
    expect(whole.objective).toBeCloseTo(9);
    expect(whole.values.map((value) => Math.round(value))).toEqual([1, 1, 0]);
  });
});
