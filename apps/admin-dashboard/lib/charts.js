// Hand-drawn SVG charts: axes, grid, legend and a <title> tooltip on every mark.
import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
export const PALETTE = ['#2457d6', '#e4683a', '#1f9e74', '#a855f7', '#d4a017', '#0ea5e9', '#db2777', '#64748b'];

function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  for (const child of children.flat()) if (child) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

const tip = (text) => s('title', {}, text);

/** A rounded maximum and its ticks so the grid lands on readable values (whole steps for counts). */
function niceScale(max, unit, ticks = 4) {
  const whole = unit === 'count';
  if (!(max > 0)) return whole ? { max: ticks, step: 1 } : { max: 1, step: 0.25 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  if (whole) step = Math.max(1, Math.ceil(step));
  return { max: step * Math.ceil(max / step), step };
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Tick labels: as many decimals as the step needs, compact past a thousand. */
function tickLabel(value, step, unit) {
  const prefix = unit === 'usd' ? '$' : '';
  const suffix = unit === 'percent' ? '%' : '';
  if (value >= 1000) return `${prefix}${compact.format(value)}${suffix}`;
  const decimals = step >= 1 ? 0 : Math.min(9, (Number(step.toPrecision(3)).toFixed(10).replace(/0+$/, '').split('.')[1] ?? '').length);
  return `${prefix}${value.toFixed(decimals)}${suffix}`;
}

function frame(width, height, pad, scale, unit, labels) {
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const grid = [];
  for (let value = 0; value <= scale.max + scale.step / 2; value += scale.step) {
    const y = pad.top + plotH - (value / scale.max) * plotH;
    grid.push(s('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'grid' }));
    grid.push(s('text', { x: pad.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, tickLabel(value, scale.step, unit)));
  }
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const xLabels = labels.map((label, index) =>
    index % every === 0 || index === labels.length - 1
      ? s('text', { x: pad.left + ((index + 0.5) * plotW) / labels.length, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, label)
      : null,
  );
  return { plotW, plotH, marks: [...grid, ...xLabels] };
}

function legend(series) {
  return h('ul', { class: 'legend' }, series.map((item, index) => h('li', {}, h('span', { class: `swatch c${index % PALETTE.length}` }), item.name)));
}

/** Stacked columns: one column per label, one colour per series; `unit` is usd, count or percent. */
export function stackedBars({ labels, series, format = String, unit = 'count', height = 220, title }) {
  const width = 640;
  const pad = { top: 12, right: 12, bottom: 26, left: 64 };
  const totals = labels.map((_, index) => series.reduce((sum, item) => sum + (item.values[index] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals), unit);
  const { plotW, plotH, marks } = frame(width, height, pad, scale, unit, labels);
  const columnW = plotW / Math.max(1, labels.length);
  const bars = [];
  labels.forEach((label, index) => {
    let base = 0;
    series.forEach((item, seriesIndex) => {
      const value = item.values[index] ?? 0;
      if (value <= 0) return;
      const y = pad.top + plotH - ((base + value) / scale.max) * plotH;
      const barH = (value / scale.max) * plotH;
      bars.push(
        s('rect', { x: pad.left + index * columnW + columnW * 0.15, y, width: columnW * 0.7, height: Math.max(barH, 1), fill: PALETTE[seriesIndex % PALETTE.length], class: 'bar' },
          tip(`${label} · ${item.name}: ${format(value)}`)),
      );
      base += value;
    });
  });
  return h('figure', { class: 'chart' }, s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title ?? 'chart' }, ...marks, ...bars), legend(series));
}

/** Lines over the labels (days); points carry tooltips. */
export function lineChart({ labels, series, format = String, unit = 'count', height = 220, title }) {
  const width = 640;
  const pad = { top: 12, right: 12, bottom: 26, left: 64 };
  const scale = niceScale(Math.max(0, ...series.flatMap((item) => item.values)), unit);
  const { plotW, plotH, marks } = frame(width, height, pad, scale, unit, labels);
  const x = (index) => pad.left + ((index + 0.5) * plotW) / Math.max(1, labels.length);
  const y = (value) => pad.top + plotH - (value / scale.max) * plotH;
  const lines = series.flatMap((item, seriesIndex) => {
    const color = PALETTE[seriesIndex % PALETTE.length];
    const points = item.values.map((value, index) => `${x(index)},${y(value)}`).join(' ');
    return [
      s('polyline', { points, fill: 'none', stroke: color, 'stroke-width': 2.5, 'stroke-linejoin': 'round' }),
      ...item.values.map((value, index) => s('circle', { cx: x(index), cy: y(value), r: value > 0 ? 3.5 : 2, fill: color }, tip(`${labels[index]} · ${item.name}: ${format(value)}`))),
    ];
  });
  return h('figure', { class: 'chart' }, s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title ?? 'chart' }, ...marks, ...lines), series.length > 1 ? legend(series) : null);
}

/** A ring showing one fraction (0..1), e.g. the cache hit rate. */
export function ring(fraction, label) {
  const r = 42;
  const circumference = 2 * Math.PI * r;
  const shown = Math.max(0, Math.min(1, fraction));
  return h(
    'figure',
    { class: 'ring' },
    s(
      'svg',
      { viewBox: '0 0 120 120', role: 'img', 'aria-label': label },
      s('circle', { cx: 60, cy: 60, r, class: 'ring-track' }),
      s('circle', { cx: 60, cy: 60, r, class: 'ring-value', 'stroke-dasharray': `${shown * circumference} ${circumference}`, transform: 'rotate(-90 60 60)' }),
      s('text', { x: 60, y: 66, 'text-anchor': 'middle', class: 'ring-text' }, `${(shown * 100).toFixed(1)}%`),
    ),
    h('figcaption', {}, label),
  );
}

/** A horizontal gauge of percent used, with threshold ticks. */
export function burnBar(percentUsed, thresholds, tone) {
  const width = 320;
  const cap = Math.max(100, ...thresholds);
  const fill = (Math.min(percentUsed, cap) / cap) * width;
  return s(
    'svg',
    { viewBox: `0 0 ${width} 14`, class: 'burn', role: 'img', 'aria-label': `${percentUsed}% used` },
    s('rect', { x: 0, y: 2, width, height: 10, rx: 5, class: 'burn-track' }),
    s('rect', { x: 0, y: 2, width: Math.max(fill, percentUsed > 0 ? 3 : 0), height: 10, rx: 5, class: `burn-fill ${tone}` }),
    ...thresholds.map((threshold) => s('line', { x1: (threshold / cap) * width, x2: (threshold / cap) * width, y1: 0, y2: 14, class: 'burn-tick' }, tip(`alert at ${threshold}%`))),
  );
}
