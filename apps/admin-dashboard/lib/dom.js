// Tiny DOM helpers: elements from data, never from HTML strings (no injection, CSP-friendly).

/** h('div', { class: 'x', onclick: fn }, child, 'text', [more]) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
  return parent;
}

/** USD from an exact decimal string ("12.345600000"), for display only. */
export function usd(value, digits) {
  const number = Number(value ?? 0);
  const small = number !== 0 && Math.abs(number) < 1;
  const places = digits ?? (small && Math.abs(number) < 0.01 ? 6 : small ? 4 : 2);
  return `$${number.toLocaleString('en-US', { minimumFractionDigits: places, maximumFractionDigits: places })}`;
}

/** nano-USD (integer string) to a display number of dollars. */
export const nanoToUsd = (nano) => Number(BigInt(nano ?? 0)) / 1e9;

export const count = (value) => Number(value ?? 0).toLocaleString('en-US');
export const percent = (value) => {
  const number = Number(value ?? 0);
  return number > 0 && number < 0.1 ? '<0.1%' : `${number.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
};
export const when = (iso) => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—');

export function card(title, ...body) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...body);
}

export function tile(label, value, note) {
  return h('div', { class: 'tile' }, h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value' }, value), note ? h('div', { class: 'tile-note muted' }, note) : null);
}

export function table(columns, rows, empty = 'Nothing yet.') {
  if (rows.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', { class: column.numeric ? 'num' : null }, column.label)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((column) => h('td', { class: column.numeric ? 'num' : null }, column.cell(row)))))),
  );
}

export function badge(text, tone) {
  return h('span', { class: `badge ${tone ?? ''}` }, text);
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}
