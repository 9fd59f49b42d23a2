// Small statistics helpers for the gateway benchmark. Latencies are in milliseconds with
// microsecond resolution (performance.now()), never rounded before the percentiles are taken.

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const asArray = Array.from(sorted);
  return {
    count: asArray.length,
    p50: percentile(asArray, 0.5),
    p90: percentile(asArray, 0.9),
    p99: percentile(asArray, 0.99),
    max: asArray.at(-1) ?? NaN,
  };
}

/** The median of the defined, finite values; NaN when there are none. */
export function median(values: ReadonlyArray<number | null | undefined>): number {
  const finite = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2;
}

/** Rounds for reports: 3 decimals below 10 (microseconds in ms), 1 decimal below 1000, else integers. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs < 10 ? 3 : abs < 1000 ? 1 : 0;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
