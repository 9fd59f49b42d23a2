// Latency percentiles that survive a shared machine. Every operation runs once per pass, passes go
// over all operations in turn (caches stay as cold as in the first pass), and three figures come
// back per percentile: the first pass's wall time (what a caller saw, other processes' time slices
// included), the best wall time over the passes, and the best CPU time (process-wide, so a worker
// thread's work counts; it stops while the process is descheduled).
import { percentile } from './synthetic-vectors';

export interface LatencySummary {
  p50: number;
  p99: number;
  bestP50: number;
  bestP99: number;
  cpuP50: number;
  cpuP99: number;
}

interface Samples {
  first: Float64Array;
  best: Float64Array;
  cpu: Float64Array;
}

const samplesOf = (count: number): Samples => ({
  first: new Float64Array(count),
  best: new Float64Array(count).fill(Infinity),
  cpu: new Float64Array(count).fill(Infinity),
});

function record(samples: Samples, i: number, pass: number, wallMs: number, cpu: NodeJS.CpuUsage): void {
  if (pass === 0) samples.first[i] = wallMs;
  samples.best[i] = Math.min(samples.best[i]!, wallMs);
  samples.cpu[i] = Math.min(samples.cpu[i]!, (cpu.user + cpu.system) / 1000);
}

function summary({ first, best, cpu }: Samples): LatencySummary {
  for (const times of [first, best, cpu]) times.sort();
  return {
    p50: percentile(first, 50),
    p99: percentile(first, 99),
    bestP50: percentile(best, 50),
    bestP99: percentile(best, 99),
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
  };
}

/** `warmUp` untimed operations first (JIT, caches), then `passes` timed passes over `count` operations. */
export function timeSync(count: number, passes: number, warmUp: number, operation: (i: number) => void): LatencySummary {
  for (let i = 0; i < warmUp; i += 1) operation(i % count);
  const samples = samplesOf(count);
  for (let pass = 0; pass < passes; pass += 1) {
    for (let i = 0; i < count; i += 1) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      operation(i);
      const wall = performance.now() - t0;
      record(samples, i, pass, wall, process.cpuUsage(c0));
    }
  }
  return summary(samples);
}

export async function timeAsync(count: number, passes: number, warmUp: number, operation: (i: number) => Promise<unknown>): Promise<LatencySummary> {
  for (let i = 0; i < warmUp; i += 1) await operation(i % count);
  const samples = samplesOf(count);
  for (let pass = 0; pass < passes; pass += 1) {
    for (let i = 0; i < count; i += 1) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await operation(i);
      const wall = performance.now() - t0;
      record(samples, i, pass, wall, process.cpuUsage(c0));
    }
  }
  return summary(samples);
}

const ms = (value: number) => value.toFixed(3);

/** "p50 0.210 / p99 0.402 ms (best of 3: 0.180 / 0.260; CPU 0.178 / 0.255)" */
export function describeLatency(s: LatencySummary, passes: number): string {
  const first = `p50 ${ms(s.p50)} / p99 ${ms(s.p99)} ms`;
  if (passes === 1) return `${first} (CPU ${ms(s.cpuP50)} / ${ms(s.cpuP99)})`;
  return `${first} (best of ${passes}: ${ms(s.bestP50)} / ${ms(s.bestP99)}; CPU ${ms(s.cpuP50)} / ${ms(s.cpuP99)})`;
}
