// Shared by the live test (observability.e2e-spec.ts) and the offline checks in tools/deploy-checks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
export const DASHBOARD_DIR = path.join(ROOT, 'deploy/grafana/dashboards');
export const RULES_DIR = path.join(ROOT, 'deploy/prometheus/rules');

export interface PanelQuery {
  /** `<dashboard uid> / <panel title> / <refId>`, for failure messages. */
  source: string;
  language: 'promql' | 'sql';
  query: string;
}

interface DashboardJson {
  uid: string;
  templating?: { list: Array<{ name: string; query?: { query?: string } }> };
  panels: Array<{ title: string; type: string; targets?: Array<{ refId: string; expr?: string; rawSql?: string; datasource: { type: string } }> }>;
}

export function dashboards(): DashboardJson[] {
  return readdirSync(DASHBOARD_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(DASHBOARD_DIR, file), 'utf8')) as DashboardJson);
}

/**
 * Grafana's variables as the panels would see them with "All" selected: template variables
 * become `.*` (they are only used in `=~` matchers), intervals and ranges concrete durations.
 */
export function substitutePromQl(expr: string, range = '5m'): string {
  return expr
    .replace(/\$__rate_interval|\$__interval/g, '30s')
    .replace(/\$__range/g, range)
    .replace(/\$\{?(provider|model)\}?/g, '.*');
}

/** Grafana's Postgres macros, expanded as Grafana does for a time range. */
export function substituteSql(sql: string, from: Date, to: Date): string {
  const range = (column: string) => `${column} BETWEEN '${from.toISOString()}' AND '${to.toISOString()}'`;
  return sql
    .replace(/\$__timeFilter\(([^()]*(?:\([^()]*\))?[^()]*)\)/g, (_match, column: string) => range(column.trim()))
    .replace(/\$__timeFrom\(\)/g, `'${from.toISOString()}'`)
    .replace(/\$__timeTo\(\)/g, `'${to.toISOString()}'`);
}

/** Every query of every panel (and every template variable query) of every dashboard. */
export function panelQueries(): PanelQuery[] {
  const queries: PanelQuery[] = [];
  for (const dashboard of dashboards()) {
    for (const panel of dashboard.panels) {
      for (const target of panel.targets ?? []) {
        const source = `${dashboard.uid} / ${panel.title} / ${target.refId}`;
        if (target.expr !== undefined) queries.push({ source, language: 'promql', query: target.expr });
        else if (target.rawSql !== undefined) queries.push({ source, language: 'sql', query: target.rawSql });
        else throw new Error(`${source} has neither a PromQL nor an SQL query`);
      }
    }
    for (const variable of dashboard.templating?.list ?? []) {
      // label_values(metric, label): the variable has values when the metric has series with the label.
      const match = /^label_values\((\w+),\s*(\w+)\)$/.exec(variable.query?.query ?? '');
      if (match) queries.push({ source: `${dashboard.uid} / $${variable.name}`, language: 'promql', query: `count by (${match[2]}) (${match[1]})` });
    }
  }
  return queries;
}

export interface AlertRule {
  group: string;
  alert: string;
  expr: string;
}

export function alertRules(): AlertRule[] {
  return readdirSync(RULES_DIR)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .flatMap((file) => {
      const content = parse(readFileSync(path.join(RULES_DIR, file), 'utf8')) as { groups: Array<{ name: string; rules: Array<{ alert?: string; expr: string }> }> };
      return content.groups.flatMap((group) => group.rules.map((rule) => ({ group: group.name, alert: rule.alert ?? '(recording)', expr: String(rule.expr) })));
    });
}

/**
 * Splits `<lhs> <comparison> <rhs>` at its top-level comparison (outside parentheses, label
 * matchers and strings): an alert fires on the comparison, but each side must have data for the
 * rule to be able to fire at all. Sides that are plain numbers are dropped.
 */
export function comparisonSides(expr: string): string[] {
  let depth = 0;
  let quote: string | null = null;
  for (let index = 0; index < expr.length; index += 1) {
    const char = expr[index]!;
    if (quote) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(' || char === '{' || char === '[') depth += 1;
    else if (char === ')' || char === '}' || char === ']') depth -= 1;
    else if (depth === 0) {
      const operator = /^(==|!=|>=|<=|>|<)/.exec(expr.slice(index))?.[1];
      if (operator) {
        const sides = [expr.slice(0, index), expr.slice(index + operator.length).replace(/^\s*bool\b/, '')].map((side) => side.trim());
        return sides.filter((side) => !/^[\d.e+-]+$/.test(side));
      }
    }
  }
  return [expr.trim()];
}
