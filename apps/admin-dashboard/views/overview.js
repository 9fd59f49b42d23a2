// Spend over time: totals, daily spend and requests, and spend by provider, model and team.
import { api, query } from '../lib/api.js';
import { lineChart, stackedBars } from '../lib/charts.js';
import { card, count, h, nanoToUsd, percent, replace, tile, usd } from '../lib/dom.js';

const DAYS = 14;
const TOP = 6;
// What the page shows: everything, one team ('team:<id>') or one key ('key:<id>'); kept across visits.
let scope = '';

function scopeFilter() {
  const [kind, id] = scope.split(':');
  return kind === 'team' ? { team_id: id } : kind === 'key' ? { api_key_id: id } : {};
}

const isoDay = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const short = (day) => day.slice(5);

/** Period report lines to chart series: the TOP biggest groups, the rest summed as "other". */
function seriesBy(lines, days, name = (group) => group ?? 'none') {
  const totals = new Map();
  for (const line of lines) totals.set(line.group, (totals.get(line.group) ?? 0) + nanoToUsd(line.cost_nano_usd));
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([group]) => group);
  const shown = ranked.slice(0, TOP);
  const series = shown.map((group) => ({ group, name: name(group), values: days.map(() => 0) }));
  const other = { name: 'other', values: days.map(() => 0) };
  for (const line of lines) {
    const index = days.indexOf(line.period_start);
    if (index < 0) continue;
    const target = series.find((item) => item.group === line.group) ?? other;
    target.values[index] += nanoToUsd(line.cost_nano_usd);
  }
  return other.values.some((value) => value > 0) ? [...series, other] : series;
}

function scopePicker(container, teams, keys) {
  const select = h(
    'select',
    { id: 'spend-scope', 'aria-label': 'Show spend for' },
    h('option', { value: '' }, 'all traffic'),
    h('optgroup', { label: 'Teams' }, teams.map((team) => h('option', { value: `team:${team.id}`, selected: scope === `team:${team.id}` }, `team ${team.name}`))),
    h('optgroup', { label: 'API keys' }, keys.map((key) => h('option', { value: `key:${key.id}`, selected: scope === `key:${key.id}` }, `key ${key.name}`))),
  );
  select.addEventListener('change', () => {
    scope = select.value;
    void render(container);
  });
  return h('label', { class: 'scope-picker' }, 'Show ', select);
}

export async function render(container) {
  const range = { from: isoDay(-(DAYS - 1)), to: isoDay(1), ...scopeFilter() };
  const [daily, byProvider, byModel, byTeam, teams, keys] = await Promise.all([
    api(`/admin/usage/daily?${query({ days: DAYS, ...scopeFilter() })}`),
    api(`/admin/usage/report?${query({ ...range, group_by: 'provider' })}`),
    api(`/admin/usage/report?${query({ ...range, group_by: 'model' })}`),
    api(`/admin/usage/report?${query({ ...range, group_by: 'team' })}`),
    api('/admin/teams?limit=200'),
    api('/admin/keys?limit=200'),
  ]);
  const points = daily.data;
  const days = points.map((point) => point.day);
  const labels = days.map(short);
  const teamNames = new Map(teams.data.map((team) => [team.id, team.name]));
  const spent = points.reduce((sum, point) => sum + BigInt(point.cost_nano_usd), 0n);
  const requests = points.reduce((sum, point) => sum + point.requests, 0);
  const errors = points.reduce((sum, point) => sum + point.errors, 0);
  const tokens = points.reduce((sum, point) => sum + point.prompt_tokens + point.completion_tokens, 0);
  replace(
    container,
    h('div', { class: 'heading' }, h('h1', {}, `Spend · last ${DAYS} days`), scopePicker(container, teams.data, keys.data)),
    h(
      'div',
      { class: 'tiles' },
      tile('Spend', usd(nanoToUsd(spent.toString())), 'exact sum of the daily roll-up'),
      h('div', { id: 'requests-total' }, tile('Requests', count(requests), `${count(tokens)} tokens`)),
      tile('Errors', count(errors), requests ? `${percent((errors / requests) * 100)} of requests` : 'no requests'),
      tile('Today', usd(nanoToUsd(points.at(-1)?.cost_nano_usd ?? '0')), `${count(points.at(-1)?.requests ?? 0)} requests`),
    ),
    h(
      'div',
      { class: 'grid2' },
      card('Spend per day', h('div', { id: 'chart-spend' }, lineChart({ labels, series: [{ name: 'spend', values: points.map((point) => nanoToUsd(point.cost_nano_usd)) }], format: usd, unit: 'usd', title: 'spend per day' }))),
      card('Requests per day', h('div', { id: 'chart-requests' }, lineChart({ labels, series: [{ name: 'requests', values: points.map((point) => point.requests) }, { name: 'errors', values: points.map((point) => point.errors) }], format: (value) => count(Math.round(value)), title: 'requests per day' }))),
      card('Spend by provider', h('div', { id: 'chart-provider' }, stackedBars({ labels, series: seriesBy(byProvider.data, days), format: usd, unit: 'usd', title: 'spend by provider' }))),
      card('Spend by model', h('div', { id: 'chart-model' }, stackedBars({ labels, series: seriesBy(byModel.data, days), format: usd, unit: 'usd', title: 'spend by model' }))),
      card('Spend by team', h('div', { id: 'chart-team' }, stackedBars({ labels, series: seriesBy(byTeam.data, days, (id) => (id === null ? 'no team' : teamNames.get(id) ?? id.slice(0, 8))), format: usd, unit: 'usd', title: 'spend by team' }))),
    ),
  );
}
