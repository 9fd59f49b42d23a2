// Providers (health as the admin API's monitor sees it) and the shared circuit breakers.
import { api } from '../lib/api.js';
import { badge, card, errorBox, h, replace, table, when } from '../lib/dom.js';

const HEALTH_TONE = { healthy: 'good', degraded: 'warn', down: 'bad' };
const CIRCUIT_TONE = { closed: 'good', half_open: 'warn', 'half-open': 'warn', open: 'bad' };

export async function render(container, { isAdmin }) {
  const [providers, breakers] = await Promise.all([api('/admin/providers'), api('/admin/circuit-breakers')]);
  const notice = h('div', { id: 'health-notice' });
  const providerRows = table(
    [
      { label: 'Provider', cell: (provider) => h('strong', {}, provider.id) },
      { label: 'Health', cell: (provider) => (provider.health ? badge(provider.health.status, HEALTH_TONE[provider.health.status]) : badge('not checked', '')) },
      { label: 'In routing', cell: (provider) => (provider.available ? badge('yes', 'good') : badge('no', 'bad')) },
      { label: 'Why', cell: (provider) => provider.health?.reasons?.join('; ') || '—' },
      { label: 'Last check', cell: (provider) => when(provider.health?.lastCheckAt) },
      { label: 'Models', cell: (provider) => String(provider.models.length), numeric: true },
    ],
    providers.providers,
    'No providers enabled.',
  );
  const circuits = Object.entries(breakers.circuits ?? {}).map(([name, view]) => ({ name, ...view }));
  const circuitRows = table(
    [
      { label: 'Provider:model', cell: (circuit) => h('code', {}, circuit.name) },
      { label: 'State', cell: (circuit) => badge(circuit.state, CIRCUIT_TONE[circuit.state]) },
      { label: 'Failures (window)', cell: (circuit) => `${circuit.windowFailures} / ${circuit.windowRequests}`, numeric: true },
      { label: 'Consecutive', cell: (circuit) => String(circuit.consecutiveFailures), numeric: true },
      { label: 'Retry at', cell: (circuit) => (circuit.retryAt ? when(new Date(circuit.retryAt).toISOString()) : '—') },
    ],
    circuits,
    'No breaker has seen traffic yet: all closed.',
  );
  const reset = isAdmin && circuits.length
    ? h('button', {
        type: 'button',
        onclick: async () => {
          if (!confirm('Close every circuit breaker on every gateway replica?')) return;
          try {
            await api('/admin/circuit-breakers/reset', { method: 'POST', body: {} });
            await render(container, { isAdmin });
          } catch (error) {
            replace(notice, errorBox(error));
          }
        },
      }, 'Reset all breakers')
    : null;
  replace(container, h('h1', {}, 'Health'), notice, card('Providers', providerRows), card('Circuit breakers', circuitRows, reset));
}
