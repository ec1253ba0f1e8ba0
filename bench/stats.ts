/** Small helpers the benchmarks share: percentiles over latency samples and a fixed-width report. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

/** Runs `task` `total` times with `concurrency` in flight; returns each run's latency in ms. */
export async function measureConcurrent(
  total: number,
  concurrency: number,
  task: () => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started += 1;
      const begin = performance.now();
      await task();
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}
