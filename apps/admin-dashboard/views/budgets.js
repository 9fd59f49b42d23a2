// Budget burn: percent of each budget spent this period, its alerts, and (admins) new budgets.
import { api } from '../lib/api.js';
import { burnBar } from '../lib/charts.js';
import { badge, card, errorBox, h, percent, replace, table, usd, when } from '../lib/dom.js';

const TONE = { ok: 'good', warning: 'warn', exceeded: 'bad' };

export async function render(container, { isAdmin }) {
  const [status, teams, keys] = await Promise.all([api('/admin/budgets/status?alerts=50'), api('/admin/teams?limit=200'), api('/admin/keys?limit=200&revoked=false')]);
  const names = new Map([...teams.data.map((team) => [team.id, `team ${team.name}`]), ...keys.data.map((key) => [key.id, `key ${key.name}`])]);
  const budgetsById = new Map(status.data.map((budget) => [budget.id, budget]));
  const subject = (budget) => names.get(budget.scope_id) ?? `${budget.scope} ${budget.scope_id.slice(0, 8)}`;
  const notice = h('div', { id: 'budgets-notice' });

  const burn = status.data.map((budget) =>
    h(
      'div',
      { class: 'burn-row' },
      h('div', { class: 'burn-label' }, h('strong', {}, subject(budget)), ' ', h('span', { class: 'muted' }, `${budget.period} · ${budget.enforcement}`)),
      burnBar(budget.percent_used, budget.alert_thresholds, TONE[budget.state]),
      h('div', { class: 'burn-figures' }, `${usd(budget.spent_usd)} of ${usd(budget.limit_usd)} `, badge(percent(budget.percent_used), TONE[budget.state])),
    ),
  );

  const alerts = table(
    [
      { label: 'When', cell: (alert) => when(alert.created_at) },
      { label: 'Budget', cell: (alert) => (alert.budget_id ? (budgetsById.has(alert.budget_id) ? subject(budgetsById.get(alert.budget_id)) : alert.budget_id.slice(0, 8)) : 'global daily cap') },
      { label: 'Threshold', cell: (alert) => badge(`${alert.threshold}%`, alert.threshold >= 100 ? 'bad' : 'warn'), numeric: true },
      { label: 'Spent', cell: (alert) => `${usd(alert.spent_usd)} of ${usd(alert.limit_usd)}`, numeric: true },
      { label: 'Webhook', cell: (alert) => (alert.delivered_at ? badge('delivered', 'good') : badge('pending', 'warn')) },
    ],
    status.alerts,
    'No alerts.',
  );

  let form = null;
  if (isAdmin) {
    form = h(
      'form',
      { class: 'inline-form', id: 'create-budget-form' },
      h('label', {}, 'For ', h('select', { name: 'subject', required: true }, [...names.entries()].map(([id, name]) => h('option', { value: `${name.startsWith('team') ? 'team' : 'key'}:${id}` }, name)))),
      h('label', {}, 'Period ', h('select', { name: 'period' }, h('option', { value: 'monthly' }, 'monthly'), h('option', { value: 'daily' }, 'daily'))),
      h('label', {}, 'Limit (USD) ', h('input', { name: 'limit_usd', required: true, inputmode: 'decimal', pattern: '\\d{1,10}(\\.\\d{1,9})?', placeholder: '250.00' })),
      h('label', {}, 'Enforcement ', h('select', { name: 'enforcement' }, h('option', { value: 'soft' }, 'soft (alert only)'), h('option', { value: 'hard' }, 'hard (refuse requests)'))),
      h('button', { type: 'submit', class: 'primary' }, 'Add budget'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const [scope, scopeId] = String(data.get('subject')).split(':');
      try {
        await api('/admin/budgets', { method: 'POST', body: { scope, scope_id: scopeId, period: data.get('period'), limit_usd: data.get('limit_usd'), enforcement: data.get('enforcement') } });
        await render(container, { isAdmin });
      } catch (error) {
        replace(notice, errorBox(error));
      }
    });
  }

  replace(
    container,
    h('h1', {}, 'Budgets'),
    notice,
    card('Burn this period', status.data.length ? h('div', { class: 'burn-list', id: 'budget-burn' }, burn) : h('p', { class: 'muted empty' }, 'No budgets yet.')),
    form ? card('New budget', form) : null,
    card('Recent alerts', alerts),
  );
}
