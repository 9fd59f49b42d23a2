import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { alertRules, comparisonSides, dashboards, panelQueries, RULES_DIR, substitutePromQl, substituteSql } from '../../apps/platform-e2e/src/monitoring-queries';

describe('Prometheus alert rules', () => {
  it('pass promtool check rules', () => {
    const files = [path.join(RULES_DIR, 'llmgw-alerts.yml')];
    const result = spawnSync('promtool', ['check', 'rules', ...files], { encoding: 'utf8' });
    if (result.error) throw new Error(`promtool is not installed (apt-get install -y prometheus): ${result.error.message}`);
    expect(`${result.stdout}${result.stderr}`).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });

  it('cover error rate, breaker open, spend burn, queue lag and dead letters', () => {
    const exprs = alertRules().map((rule) => rule.expr).join('\n');
    for (const metric of ['llm_gateway_errors_total', 'llm_gateway_circuit_breaker_state', 'llmgw_worker_budget_utilization_ratio', 'llm_gateway_cost_usd_total', 'llmgw_worker_queue_lag_seconds', 'llmgw_worker_dead_letters_total']) {
      expect(exprs).toContain(metric);
    }
  });
});

describe('Grafana dashboards', () => {
  it('cover cost, traffic and latency, resilience and cache, each panel with a query', () => {
    expect(dashboards().map((dashboard) => dashboard.uid).sort()).toEqual(['llmgw-cache', 'llmgw-cost', 'llmgw-resilience', 'llmgw-traffic']);
    for (const dashboard of dashboards()) {
      const uids = dashboard.panels.map((panel) => panel.title);
      expect(new Set(uids).size).toBe(uids.length);
      for (const panel of dashboard.panels.filter((candidate) => candidate.type !== 'row')) expect([panel.title, panel.targets?.length ?? 0]).not.toEqual([panel.title, 0]);
    }
    const queries = panelQueries();
    expect(queries.filter((query) => query.language === 'sql').length).toBeGreaterThanOrEqual(8);
    expect(queries.filter((query) => query.language === 'promql').length).toBeGreaterThanOrEqual(40);
  });

  it('leave no Grafana variable unexpanded after substitution', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    for (const query of panelQueries()) {
      const expanded = query.language === 'promql' ? substitutePromQl(query.query) : substituteSql(query.query, from, new Date());
      expect([query.source, expanded]).not.toEqual([query.source, expect.stringContaining('$')]);
    }
  });
});

describe('comparisonSides', () => {
  it('splits at the top-level comparison only', () => {
    expect(comparisonSides('sum(rate(x{a!="b"}[5m])) / clamp_min(sum(rate(y[5m])), 1e-9) > 0.05')).toEqual(['sum(rate(x{a!="b"}[5m])) / clamp_min(sum(rate(y[5m])), 1e-9)']);
    expect(comparisonSides('max by (q) (lag{q="a>b"}) >= 1')).toEqual(['max by (q) (lag{q="a>b"})']);
    expect(comparisonSides('a * 3600 > 3 * b + 1')).toEqual(['a * 3600', '3 * b + 1']);
    expect(comparisonSides('up')).toEqual(['up']);
  });
});
