// Cache: hit rate and what the hits saved, from the usage roll-up (cache_hits, saved_cost_nano_usd).
import { api, query } from '../lib/api.js';
import { lineChart, ring, stackedBars } from '../lib/charts.js';
import { card, count, h, nanoToUsd, percent, replace, tile, usd } from '../lib/dom.js';

const DAYS = 14;

export async function render(container) {
  const daily = (await api(`/admin/usage/daily?${query({ days: DAYS })}`)).data;
  const labels = daily.map((point) => point.day.slice(5));
  const requests = daily.reduce((sum, point) => sum + point.requests, 0);
  const hits = daily.reduce((sum, point) => sum + point.cache_hits, 0);
  const saved = daily.reduce((sum, point) => sum + BigInt(point.saved_cost_nano_usd), 0n);
  const spent = daily.reduce((sum, point) => sum + BigInt(point.cost_nano_usd), 0n);
  const rate = requests ? hits / requests : 0;
  replace(
    container,
    h('h1', {}, `Cache · last ${DAYS} days`),
    h(
      'div',
      { class: 'tiles' },
      h('div', { class: 'tile ring-tile', id: 'cache-hit-rate' }, ring(rate, 'hit rate')),
      tile('Cache hits', count(hits), `of ${count(requests)} requests`),
      tile('Saved', usd(nanoToUsd(saved.toString())), 'what the hits would have cost upstream'),
      tile('Savings ratio', spent + saved > 0n ? percent((nanoToUsd(saved.toString()) / nanoToUsd((spent + saved).toString())) * 100) : '—', 'saved / (spent + saved)'),
    ),
    h(
      'div',
      { class: 'grid2' },
      card('Hit rate per day', lineChart({ labels, series: [{ name: 'hit rate', values: daily.map((point) => (point.requests ? (100 * point.cache_hits) / point.requests : 0)) }], format: (value) => `${value.toFixed(1)}%`, unit: 'percent' })),
      card('Requests: served from cache vs upstream', stackedBars({ labels, series: [{ name: 'upstream', values: daily.map((point) => point.requests - point.cache_hits) }, { name: 'cache', values: daily.map((point) => point.cache_hits) }], format: (value) => count(Math.round(value)) })),
      card('Saved per day', lineChart({ labels, series: [{ name: 'saved', values: daily.map((point) => nanoToUsd(point.saved_cost_nano_usd)) }], format: usd, unit: 'usd' })),
    ),
  );
}
