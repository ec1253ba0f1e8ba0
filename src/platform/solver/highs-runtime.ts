import loadHighs, { type Highs } from "highs";

let runtime: Promise<Highs> | undefined;

/** The HiGHS runtime (WebAssembly, npm `highs`), loaded once per thread (about 80 ms). */
export function highsRuntime(): Promise<Highs> {
  // The package's default export is callable but typed as a namespace under NodeNext.
  runtime ??= (loadHighs as unknown as () => Promise<Highs>)();
  return runtime;
}
