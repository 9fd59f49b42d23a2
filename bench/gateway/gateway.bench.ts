// The gateway benchmark (issue 10): a mock upstream, the bare Fastify+undici pass-through and the
// built gateway, each scenario measured direct-to-mock, through the baseline and through the
// gateway, alternating, several rounds, medians. Gateway on CPU 0; load driver and mock on CPU 1.
// Writes bench/results/latest.json and latest.md (BENCH_RESULTS_DIR overrides the folder).
//   BUILD_OUT_DIR=/tmp/build-bench node tools/build.mjs
//   NODE_PATH=$PWD/node_modules node /tmp/build-bench/bench/gateway/gateway.bench.js [--quick] [--profile]
// --quick: one round, short scenarios, two gateway variants (<= 90 s).
// --profile: only chat saturation for 15 s against a gateway started with --cpu-prof, then the
//   top self-time functions (see profile-summary.ts); no results files.
// Env: BENCH_DATABASE_URL (admin URL of the real Postgres), BENCH_REDIS_URL, BENCH_GATEWAY_MAIN
// (defaults to the gateway built beside this file), BENCH_LOG_LEVEL (gateway LOG_LEVEL, info).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayEnv, prepareServices, type BenchServices, type GatewayVariant, VARIANTS } from './bench-env';
import type { LoadResult, StreamResult } from './load-driver';
import { closedLoop } from './load-driver';
import { formatSelfTimes, selfTimes } from './profile-summary';
import { cpuMicros, freePort, peakRssMb, pinSelf, type PinnedProcess, resetPeakRss, spawnPinned, waitReady } from './process-probe';
import { type BenchResults, type Figures, markdown, type ScenarioResult, type StageResult, type TargetFigures } from './report';
import { type Scenario, scenarios, stageScenario, type TargetKind } from './scenarios';
import { median } from './stats';

const QUICK = process.argv.includes('--quick');
const PROFILE = process.argv.includes('--profile');
const ROUNDS = QUICK ? 1 : 3;
const GATEWAY_CPU = 0;
const LOAD_CPU = 1;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const GATEWAY_MAIN = process.env.BENCH_GATEWAY_MAIN ?? path.resolve(__dirname, '../../apps/gateway/src/main.js');
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? path.join(process.cwd(), 'bench/results');

interface Server {
  origin: string;
  process: PinnedProcess | null;
  apiKey: string;
}

interface RunningGateway extends Server {
  process: PinnedProcess;
  readyMs: number;
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'llmgw-bench-'));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function startGateway(services: BenchServices, variant: GatewayVariant, upstream: string, nodeFlags: string[] = []): Promise<RunningGateway> {
  const port = await freePort();
  const dataDir = path.join(workDir, `data-${variant.name}`);
  mkdirSync(dataDir, { recursive: true });
  const child = spawnPinned(GATEWAY_CPU, [...nodeFlags, GATEWAY_MAIN], gatewayEnv(services, variant, upstream, port, dataDir), path.join(workDir, `gateway-${variant.name}.log`));
  const origin = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(child, `${origin}/health/ready`).catch(async (error: unknown) => {
    await child.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${readFileSync(path.join(workDir, `gateway-${variant.name}.log`), 'utf8').slice(-3000)}`);
  });
  return { origin, process: child, apiKey: variant.useFullKey ? services.fullKey : services.plainKey, readyMs };
}

async function configureMock(mockOrigin: string, settings: object): Promise<void> {
  const response = await fetch(`${mockOrigin}/__config`, { method: 'POST', body: JSON.stringify(settings) });
  if (response.status !== 200) throw new Error(`mock refused its settings: ${response.status}`);
}

/** One measurement: the load plus the server's CPU time and peak RSS over exactly that load. */
async function measure(server: Server, scenario: Scenario, tag: string): Promise<Figures> {
  const spec = scenario.spec(server.apiKey, tag);
  if (scenario.prime) await closedLoop(server.origin, spec, { connections: 1, durationMs: 1 });
  const pid = server.process?.pid;
  if (pid !== undefined) resetPeakRss(pid);
  const cpuBefore = pid !== undefined ? cpuMicros(pid) : 0;
  const result: LoadResult | StreamResult = await scenario.run(server.origin, spec);
  const cpuAfter = pid !== undefined ? cpuMicros(pid) : 0;
  const requests = result.ok + result.errors;
  const stream = 'toFirstEvent' in result ? result : null;
  return {
    rps: result.rps,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    ok: result.ok,
    errors: result.errors,
    dropped: result.dropped,
    cpuUsPerRequest: pid !== undefined && requests > 0 ? (cpuAfter - cpuBefore) / requests : null,
    peakRssMb: pid !== undefined ? peakRssMb(pid) : null,
    ...(stream
      ? { toHeadersP50: stream.toHeaders.p50, toFirstEventP50: stream.toFirstEvent.p50, toFirstEventP99: stream.toFirstEvent.p99, eventsPerStream: stream.eventsPerStream }
      : {}),
    ...(Object.keys(result.headerCounts).length > 0 ? { headerCounts: result.headerCounts } : {}),
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

function medianFigures(rounds: Figures[]): Figures {
  const pick = <K extends keyof Figures>(key: K) => median(rounds.map((r) => r[key] as number | null | undefined));
  const cpu = pick('cpuUsPerRequest');
  const rss = pick('peakRssMb');
  const streamed = rounds[0]?.toFirstEventP50 !== undefined;
  return {
    rps: pick('rps'),
    p50: pick('p50'),
    p90: pick('p90'),
    p99: pick('p99'),
    ok: rounds.reduce((sum, r) => sum + r.ok, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    dropped: rounds.reduce((sum, r) => sum + r.dropped, 0),
    cpuUsPerRequest: Number.isNaN(cpu) ? null : cpu,
    peakRssMb: Number.isNaN(rss) ? null : Math.max(...rounds.map((r) => r.peakRssMb ?? 0)),
    ...(streamed
      ? { toHeadersP50: pick('toHeadersP50'), toFirstEventP50: pick('toFirstEventP50'), toFirstEventP99: pick('toFirstEventP99'), eventsPerStream: pick('eventsPerStream') }
      : {}),
  };
}

function withAdded(target: TargetFigures, direct: TargetFigures | undefined): TargetFigures {
  if (!direct) return target;
  const m = target.median;
  const d = direct.median;
  return {
    ...target,
    added: {
      p50: m.p50 - d.p50,
      p90: m.p90 - d.p90,
      p99: m.p99 - d.p99,
      ...(m.toFirstEventP50 !== undefined && d.toFirstEventP50 !== undefined ? { firstEventP50: m.toFirstEventP50 - d.toFirstEventP50 } : {}),
    },
  };
}

async function warmUp(server: Server, scenario: Scenario): Promise<void> {
  await closedLoop(server.origin, scenario.spec(server.apiKey, `warm-${Date.now()}`), { connections: 10, durationMs: QUICK ? 500 : 1500 });
}

async function runScenario(scenario: Scenario, servers: Record<TargetKind, Server>, mockOrigin: string, services: BenchServices): Promise<ScenarioResult> {
  await configureMock(mockOrigin, scenario.mock);
  const rounds: Partial<Record<TargetKind, Figures[]>> = {};
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternate the order so drift on the VM does not always favour the same target.
    const order = round % 2 === 0 ? scenario.targets : [...scenario.targets].reverse();
    for (const target of order) {
      await services.dropQueuedUsage();
      const figures = await measure(servers[target], scenario, `${scenario.id}-${target}-${round}-${Date.now()}`);
      (rounds[target] ??= []).push(figures);
      log(`${scenario.id} ${target} round ${round + 1}: ${Math.round(figures.rps)} rps, p50 ${figures.p50.toFixed(3)} p99 ${figures.p99.toFixed(3)} ms` +
        `${figures.toFirstEventP50 !== undefined ? `, first event p50 ${figures.toFirstEventP50.toFixed(3)} ms` : ''}` +
        `${figures.cpuUsPerRequest !== null ? `, ${Math.round(figures.cpuUsPerRequest)} µs CPU/req, peak ${figures.peakRssMb?.toFixed(0)} MB` : ''}` +
        `${figures.errors + figures.dropped > 0 ? `, ${figures.errors} errors ${figures.dropped} dropped (${figures.firstError ?? ''})` : ''}` +
        `${figures.headerCounts ? ` ${JSON.stringify(figures.headerCounts)}` : ''}`);
    }
  }
  const targets: ScenarioResult['targets'] = {};
  for (const target of scenario.targets) {
    const list = rounds[target] ?? [];
    targets[target] = { rounds: list, median: medianFigures(list) };
  }
  for (const target of ['baseline', 'gateway'] as const) if (targets[target]) targets[target] = withAdded(targets[target], targets.direct);
  return { id: scenario.id, title: scenario.title, targets };
}

async function profile(services: BenchServices, mockOrigin: string): Promise<void> {
  const profileDir = path.join(workDir, 'profile');
  const gateway = await startGateway(services, VARIANTS.full, mockOrigin, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  const scenario = stageScenario(false);
  await configureMock(mockOrigin, scenario.mock);
  await warmUp(gateway, scenario);
  const result = await closedLoop(gateway.origin, scenario.spec(gateway.apiKey, `profile-${Date.now()}`), { connections: 50, durationMs: 15_000 });
  log(`profiled saturation: ${Math.round(result.rps)} rps, ${result.errors} errors`);
  await gateway.process.stop();
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}: did the gateway exit cleanly?`);
  const kept = path.join(os.tmpdir(), `llmgw-gateway-${Date.now()}.cpuprofile`);
  writeFileSync(kept, readFileSync(path.join(profileDir, file)));
  const summary = selfTimes(JSON.parse(readFileSync(kept, 'utf8')) as Parameters<typeof selfTimes>[0]);
  console.log(`\nprofile kept at ${kept}: ${summary.total.toFixed(0)} ms sampled, our code ${(summary.oursShare * 100).toFixed(1)}% self time`);
  console.log(`\ntop 25 self time, all code:\n${formatSelfTimes(summary.all, 25)}`);
  console.log(`\ntop 25 self time, our code (apps/, libs/):\n${formatSelfTimes(summary.ours, 25)}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg();
  pinSelf(LOAD_CPU);
  const services = await prepareServices(ADMIN_URL, REDIS_URL);
  const mockPort = await freePort();
  const childEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...(process.env.NODE_PATH ? { NODE_PATH: process.env.NODE_PATH } : {}) };
  const mock = spawnPinned(LOAD_CPU, [path.join(__dirname, 'mock-upstream.js'), String(mockPort)], childEnv, path.join(workDir, 'mock.log'));
  const mockOrigin = `http://127.0.0.1:${mockPort}`;
  const stoppers: Array<() => Promise<void>> = [() => mock.stop()];
  try {
    await waitReady(mock, `${mockOrigin}/__config`);
    if (PROFILE) {
      await profile(services, mockOrigin);
      return;
    }
    const baselinePort = await freePort();
    const baseline = spawnPinned(GATEWAY_CPU, [path.join(__dirname, 'baseline-server.js'), mockOrigin, String(baselinePort)], childEnv, path.join(workDir, 'baseline.log'));
    stoppers.push(() => baseline.stop());
    const baselineOrigin = `http://127.0.0.1:${baselinePort}`;
    await waitReady(baseline, `${baselineOrigin}/health/ready`);
    let gateway = await startGateway(services, VARIANTS.full, mockOrigin);
    stoppers.push(() => gateway.process.stop());
    const gatewayReadyMs = gateway.readyMs;
    log(`gateway ready in ${gatewayReadyMs.toFixed(0)} ms; work dir ${workDir}`);
    const servers: Record<TargetKind, Server> = {
      direct: { origin: mockOrigin, process: null, apiKey: 'sk-direct' },
      baseline: { origin: baselineOrigin, process: baseline, apiKey: 'sk-direct' },
      gateway,
    };
    const list = scenarios(QUICK);
    for (const server of Object.values(servers)) await warmUp(server, list[0]!);
    const results: ScenarioResult[] = [];
    for (const scenario of list) results.push(await runScenario(scenario, servers, mockOrigin, services));

    const stages: StageResult[] = [];
    const saturation = stageScenario(QUICK);
    const fullSaturation = results.find((r) => r.id === saturation.id)?.targets.gateway;
    if (fullSaturation) stages.push({ variant: 'full', description: VARIANTS.full.description, readyMs: gatewayReadyMs, saturation: fullSaturation });
    const variants = QUICK ? [VARIANTS['all-off']] : [VARIANTS['no-cache'], VARIANTS['no-guardrails'], VARIANTS['no-limits'], VARIANTS['all-off']];
    for (const variant of variants) {
      await gateway.process.stop();
      gateway = await startGateway(services, variant, mockOrigin);
      log(`gateway variant ${variant.name} ready in ${gateway.readyMs.toFixed(0)} ms`);
      await configureMock(mockOrigin, saturation.mock);
      await warmUp(gateway, saturation);
      const rounds: Figures[] = [];
      for (let round = 0; round < (QUICK ? 1 : 2); round += 1) {
        await services.dropQueuedUsage();
        const figures = await measure(gateway, saturation, `stage-${variant.name}-${round}-${Date.now()}`);
        log(`stage ${variant.name} round ${round + 1}: ${Math.round(figures.rps)} rps, ${Math.round(figures.cpuUsPerRequest ?? NaN)} µs CPU/req`);
        rounds.push(figures);
      }
      stages.push({ variant: variant.name, description: variant.description, readyMs: gateway.readyMs, saturation: { rounds, median: medianFigures(rounds) } });
    }

    const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
    const bench: BenchResults = {
      date: new Date().toISOString(),
      mode: QUICK ? 'quick' : 'full',
      machine: { cpus: cpuModel, cores: os.cpus().length, node: process.version, kernel: `${os.type()} ${os.release()}`, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg() },
      setup:
        `Gateway (${path.relative(process.cwd(), GATEWAY_MAIN)}, NODE_ENV=production, LOG_LEVEL=${process.env.BENCH_LOG_LEVEL ?? 'info'}) and baseline (Fastify 5 + undici, no parsing) pinned to CPU ${GATEWAY_CPU}; ` +
        `load driver (undici Pool, performance.now()) and mock upstream pinned to CPU ${LOAD_CPU}. Real Postgres (scratch database) and Redis (unique prefix); ` +
        `usage jobs are queued in Redis (no worker). ${ROUNDS} round(s) per scenario, targets alternating. The machine is shared: absolute figures are indicative, CPU µs/request and same-run ratios hold better.`,
      gatewayReadyMs,
      scenarios: results,
      stages,
      durationSeconds: (performance.now() - started) / 1000,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(bench, null, 2)}\n`);
    const table = markdown(bench);
    writeFileSync(path.join(RESULTS_DIR, 'latest.md'), table);
    console.log(`\n${table}\nwritten to ${path.join(RESULTS_DIR, 'latest.{json,md}')}`);
  } finally {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    await services.dispose();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
