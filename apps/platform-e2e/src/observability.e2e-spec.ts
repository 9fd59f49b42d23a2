import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '@llmgw/testing';
import { alertRules, comparisonSides, panelQueries, RULES_DIR, substitutePromQl, substituteSql } from './monitoring-queries';
import { startPlatform, type Platform } from './platform.fixture';

// A real Prometheus scrapes the live apps under a burst of traffic; then every PromQL query of
// every dashboard panel and alert rule must parse and return data, and every SQL panel query
// must run against the real schema.

interface PromResponse {
  status: 'success' | 'error';
  error?: string;
  data: { resultType: string; result: unknown[] | [number, string] };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const hostOf = (url: string) => new URL(url).host;

describe('dashboards and alerts against a live Prometheus', () => {
  let platform: Platform;
  let prometheus: ChildProcess | undefined;
  let prometheusUrl: string;
  let prometheusOutput = '';
  const workDir = mkdtempSync(path.join(tmpdir(), 'llmgw-prometheus-'));
  const startedAt = new Date();

  beforeAll(async () => {
    if (spawnSync('prometheus', ['--version']).error) {
      throw new Error('the `prometheus` binary is not installed: this suite needs it (Debian: apt-get install -y prometheus)');
    }
    platform = await startPlatform();
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      path.join(workDir, 'prometheus.yml'),
      JSON.stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: [path.join(RULES_DIR, '*.yml')],
        scrape_configs: [
          { job_name: 'llmgw-gateway', static_configs: [{ targets: [hostOf(platform.gateway.url)] }] },
          { job_name: 'llmgw-cost-tracker', static_configs: [{ targets: [hostOf(platform.worker.url)] }] },
          { job_name: 'llmgw-admin-api', static_configs: [{ targets: [hostOf(platform.admin.url)] }] },
        ],
      }),
    );
    prometheus = spawn(
      'prometheus',
      [`--config.file=${path.join(workDir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(workDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout!.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString()));
    prometheus.stderr!.on('data', (chunk: Buffer) => (prometheusOutput += chunk.toString()));
    await eventually('Prometheus is ready', async () => (await fetch(`${prometheusUrl}/-/ready`).catch(() => null))?.ok === true, 20_000);
    await eventually('all three apps are scraped', async () => {
      const up = await query('sum(up{job=~"llmgw-.*"})');
      return up.status === 'success' && Number((up.data.result as Array<{ value: [number, string] }>)[0]?.value[1]) === 3;
    }, 20_000);

    // The burst: answers, streams (time to first token), and errors of a few types.
    const chat = (body: unknown) =>
      fetch(`${platform.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.text() }));
    const replies = await Promise.all([
      ...Array.from({ length: 12 }, (_, index) => chat({ model: 'mock-1', messages: [{ role: 'user', content: `hello ${index}` }] })),
      ...Array.from({ length: 6 }, (_, index) => chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `upstream ${index}` }] })),
      ...Array.from({ length: 6 }, (_, index) => chat({ model: 'mock-1', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: `stream ${index}` }] })),
      ...Array.from({ length: 3 }, () => chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })),
    ]);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(24);
    expect(replies.filter((reply) => reply.status === 400)).toHaveLength(3);
    // Enough scrapes after the burst for every rate window to hold two samples or more.
    await eventually('Prometheus has scraped the burst', async () => {
      const result = await query('sum(increase(llm_gateway_requests_total{status="success"}[1m]))');
      return result.status === 'success' && Number((result.data.result as Array<{ value: [number, string] }>)[0]?.value[1]) >= 20;
    }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await platform?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function query(promql: string): Promise<PromResponse> {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    return (await response.json()) as PromResponse;
  }

  /** Parses and returns at least one sample (NaN counts: a quantile of an idle histogram is still a series). */
  async function problemOf(promql: string): Promise<string | null> {
    const result = await query(promql);
    if (result.status !== 'success') return `error: ${result.error}`;
    const samples = result.data.resultType === 'scalar' ? [result.data.result] : (result.data.result as unknown[]);
    return samples.length > 0 ? null : 'no data';
  }

  it('evaluates every PromQL query of every dashboard panel to data', async () => {
    const problems: string[] = [];
    const queries = panelQueries().filter((panel) => panel.language === 'promql');
    expect(queries.length).toBeGreaterThanOrEqual(40);
    for (const panel of queries) {
      const expr = substitutePromQl(panel.query);
      const problem = await problemOf(expr);
      if (problem) problems.push(`${panel.source}: ${problem}\n    ${expr}`);
    }
    expect(problems).toEqual([]);
  });

  it('evaluates every alert rule, and each side of its comparison to data', async () => {
    const problems: string[] = [];
    const rules = alertRules();
    expect(rules.length).toBeGreaterThanOrEqual(10);
    for (const rule of rules) {
      const full = await query(rule.expr);
      if (full.status !== 'success') problems.push(`${rule.alert}: ${full.error}`);
      for (const side of comparisonSides(rule.expr)) {
        const problem = await problemOf(side);
        if (problem) problems.push(`${rule.alert}: ${problem}\n    ${side}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('loads the rule files and evaluates every rule without error', async () => {
    const response = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as {
      data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string; lastEvaluation: string }> }> };
    };
    const loaded = response.data.groups.flatMap((group) => group.rules);
    expect(loaded.map((rule) => rule.name).sort()).toEqual(alertRules().map((rule) => rule.alert).sort());
    expect(loaded.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.health} ${rule.lastError ?? ''}`)).toEqual([]);
    expect(prometheusOutput).not.toMatch(/level=error/);
  });

  it('runs every SQL query of the Postgres panels against the real schema', async () => {
    const problems: string[] = [];
    const queries = panelQueries().filter((panel) => panel.language === 'sql');
    expect(queries.length).toBeGreaterThanOrEqual(8);
    let rowsSeen = 0;
    for (const panel of queries) {
      const sql = substituteSql(panel.query, new Date(startedAt.getTime() - 86_400_000), new Date(Date.now() + 60_000));
      try {
        rowsSeen += (await platform.db.query(sql)).rowCount ?? 0;
      } catch (error) {
        problems.push(`${panel.source}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(problems).toEqual([]);
    // The burst was metered: the usage panels have rows to show.
    expect(rowsSeen).toBeGreaterThan(0);
  });
});
