// The audit log, newest first, filtered by resource type and action; before/after on demand.
import { api, query } from '../lib/api.js';
import { card, h, replace, table, when } from '../lib/dom.js';

const TYPES = ['', 'api_key', 'team', 'budget', 'admin_user', 'circuit_breaker'];
const PAGE = 50;

function diff(entry) {
  return h('details', {}, h('summary', {}, 'changes'), h('pre', {}, JSON.stringify({ before: entry.before, after: entry.after }, null, 2)));
}

export async function render(container, _context, filters = { resource_type: '', offset: 0 }) {
  const page = await api(`/admin/audit-log?${query({ ...filters, limit: PAGE })}`);
  const select = h('select', { name: 'resource_type', id: 'audit-type' }, TYPES.map((type) => h('option', { value: type, selected: type === filters.resource_type }, type || 'everything')));
  select.addEventListener('change', () => render(container, _context, { resource_type: select.value, offset: 0 }));
  const pager = h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', disabled: filters.offset === 0, onclick: () => render(container, _context, { ...filters, offset: Math.max(0, filters.offset - PAGE) }) }, 'Newer'),
    h('span', { class: 'muted' }, `${page.total ? filters.offset + 1 : 0}–${filters.offset + page.data.length} of ${page.total}`),
    h('button', { type: 'button', disabled: !page.has_more, onclick: () => render(container, _context, { ...filters, offset: filters.offset + PAGE }) }, 'Older'),
  );
  replace(
    container,
    h('h1', {}, 'Audit log'),
    card(
      'Changes',
      h('div', { class: 'inline-form' }, h('label', {}, 'Resource ', select)),
      table(
        [
          { label: 'When', cell: (entry) => when(entry.occurred_at) },
          { label: 'Who', cell: (entry) => entry.actor.email ?? entry.actor.id ?? 'system' },
          { label: 'Action', cell: (entry) => h('code', {}, entry.action) },
          { label: 'Resource', cell: (entry) => (entry.resource_id ? `${entry.resource_type} ${entry.resource_id.slice(0, 8)}` : entry.resource_type) },
          { label: '', cell: diff },
        ],
        page.data,
        'No changes recorded.',
      ),
      pager,
    ),
  );
}
