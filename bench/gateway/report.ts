// The results' shape and the Markdown table written beside the JSON.
import { round } from './stats';

export interface Figures {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  ok: number;
  errors: number;
  dropped: number;
  /** CPU time of the server under test per request (null for the mock itself). */
  cpuUsPerRequest: number | null;
  peakRssMb: number | null;
  toHeadersP50?: number;
  toFirstEventP50?: number;
  toFirstEventP99?: number;
  eventsPerStream?: number;
  headerCounts?: Record<string, number>;
  firstError?: string;
}

export interface TargetFigures {
  rounds: Figures[];
  median: Figures;
  /** Median minus direct's median (latency, ms). */
  added?: { p50: number; p90: number; p99: number; firstEventP50?: number };
}

export interface ScenarioResult {
  id: string;
  title: string;
  targets: Partial<Record<'direct' | 'baseline' | 'gateway', TargetFigures>>;
}

export interface StageResult {
  variant: string;
  description: string;
  readyMs: number;
  saturation: TargetFigures;
}

export interface BenchResults {
  date: string;
  mode: 'quick' | 'full';
  machine: { cpus: string; cores: number; node: string; kernel: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  setup: string;
  gatewayReadyMs: number;
  scenarios: ScenarioResult[];
  stages: StageResult[];
  durationSeconds: number;
}

const f = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : String(round(value)));
const signed = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '–' : `${value >= 0 ? '+' : ''}${round(value)}`);

export function markdown(results: BenchResults): string {
  const lines = [
    `# Gateway benchmark (${results.mode})`,
    '',
    `${results.date} · ${results.machine.cpus} × ${results.machine.cores} · Node ${results.machine.node} · ${results.machine.kernel} · ` +
      `load average before ${results.machine.loadAverageBefore.map((v) => v.toFixed(2)).join('/')}, after ${results.machine.loadAverageAfter.map((v) => v.toFixed(2)).join('/')}`,
    '',
    results.setup,
    '',
    `Gateway ready (spawn to /health/ready 200): ${f(results.gatewayReadyMs)} ms. Run took ${f(results.durationSeconds)} s.`,
    '',
    'Latencies in ms (medians over rounds); "added" is target minus direct; CPU is the server process\'s utime+stime per request.',
    '',
    '| scenario | target | rps | p50 | p90 | p99 | added p50 / p99 | headers p50 | first event p50 / p99 (added) | CPU µs/req | peak RSS MB | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const scenario of results.scenarios) {
    for (const [target, figures] of Object.entries(scenario.targets)) {
      if (!figures) continue;
      const m = figures.median;
      const stream = m.toFirstEventP50 !== undefined;
      lines.push(
        `| ${scenario.id} | ${target} | ${f(m.rps)} | ${f(m.p50)} | ${f(m.p90)} | ${f(m.p99)} | ` +
          `${figures.added ? `${signed(figures.added.p50)} / ${signed(figures.added.p99)}` : '–'} | ${stream ? f(m.toHeadersP50) : '–'} | ` +
          `${stream ? `${f(m.toFirstEventP50)} / ${f(m.toFirstEventP99)}${figures.added?.firstEventP50 !== undefined ? ` (${signed(figures.added.firstEventP50)})` : ''}` : '–'} | ` +
          `${f(m.cpuUsPerRequest)} | ${f(m.peakRssMb)} | ${m.errors + m.dropped} |`,
      );
    }
  }
  if (results.stages.length > 0) {
    lines.push('', '## Stage costs (gateway variants, chat closed loop 50 connections)', '');
    lines.push('| variant | what runs | ready ms | rps | p50 | p99 | CPU µs/req | peak RSS MB | errors |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const stage of results.stages) {
      const m = stage.saturation.median;
      lines.push(`| ${stage.variant} | ${stage.description} | ${f(stage.readyMs)} | ${f(m.rps)} | ${f(m.p50)} | ${f(m.p99)} | ${f(m.cpuUsPerRequest)} | ${f(m.peakRssMb)} | ${m.errors + m.dropped} |`);
    }
  }
  const failures = results.scenarios.flatMap((scenario) =>
    Object.entries(scenario.targets).flatMap(([target, figures]) =>
      (figures?.rounds ?? []).filter((r) => r.firstError).map((r) => `- ${scenario.id} / ${target}: ${r.firstError}`),
    ),
  );
  if (failures.length > 0) lines.push('', '## First errors', '', ...[...new Set(failures)].slice(0, 20));
  return `${lines.join('\n')}\n`;
}
