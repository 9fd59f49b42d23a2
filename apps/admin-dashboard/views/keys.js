// API keys: list (prefix only), create and rotate (the secret shown once), revoke.
import { api, query } from '../lib/api.js';
import { badge, card, errorBox, h, replace, table, when } from '../lib/dom.js';

function secretBox(title, created) {
  return h(
    'div',
    { class: 'secret', id: 'new-secret', role: 'status' },
    h('strong', {}, title),
    h('p', {}, 'Copy it now: it is shown once and cannot be read again.'),
    h('code', { id: 'new-secret-value' }, created.key),
    h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(created.key) }, 'Copy'),
  );
}

function state(key) {
  if (key.revoked_at) return badge('revoked', 'bad');
  if (key.expired) return badge('expired', 'bad');
  if (key.expires_at) return badge(`expires ${when(key.expires_at)}`, 'warn');
  return badge('active', 'good');
}

export async function render(container, { isAdmin }) {
  const [keys, teams] = await Promise.all([api(`/admin/keys?${query({ limit: 100 })}`), api('/admin/teams?limit=200')]);
  const teamNames = new Map(teams.data.map((team) => [team.id, team.name]));
  const notice = h('div', { id: 'keys-notice' });
  const reload = async (message) => {
    await render(container, { isAdmin });
    if (message) replace(container.querySelector('#keys-notice'), message);
  };
  const act = async (work) => {
    try {
      await work();
    } catch (error) {
      replace(notice, errorBox(error));
    }
  };

  const form = h(
    'form',
    { class: 'inline-form', id: 'create-key-form' },
    h('label', {}, 'Name ', h('input', { name: 'name', required: true, maxlength: 200, placeholder: 'billing service' })),
    h('label', {}, 'Team ', h('select', { name: 'team_id' }, h('option', { value: '' }, 'none'), teams.data.map((team) => h('option', { value: team.id }, team.name)))),
    h('label', {}, 'RPM ', h('input', { name: 'rpm_limit', type: 'number', min: 1, placeholder: 'no limit' })),
    h('label', {}, 'Expires ', h('input', { name: 'expires_at', type: 'date' })),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { name: String(data.get('name')).trim() };
    if (data.get('team_id')) body.team_id = data.get('team_id');
    if (data.get('rpm_limit')) body.rpm_limit = Number(data.get('rpm_limit'));
    if (data.get('expires_at')) body.expires_at = new Date(`${data.get('expires_at')}T23:59:59Z`).toISOString();
    void act(async () => {
      const created = await api('/admin/keys', { method: 'POST', body });
      await reload(secretBox(`Key “${created.name}” created`, created));
    });
  });

  const columns = [
    { label: 'Name', cell: (key) => h('span', { class: 'key-name' }, key.name) },
    { label: 'Prefix', cell: (key) => h('code', {}, `${key.display_prefix}…`) },
    { label: 'Team', cell: (key) => (key.team_id ? teamNames.get(key.team_id) ?? key.team_id.slice(0, 8) : '—') },
    { label: 'Limits', cell: (key) => [key.rpm_limit ? `${key.rpm_limit} rpm` : null, key.tpm_limit ? `${key.tpm_limit} tpm` : null].filter(Boolean).join(' · ') || '—' },
    { label: 'Created', cell: (key) => when(key.created_at) },
    { label: 'Last used', cell: (key) => when(key.last_used_at) },
    { label: 'State', cell: state },
  ];
  if (isAdmin)
    columns.push({
      label: '',
      cell: (key) =>
        key.revoked_at
          ? ''
          : h(
              'span',
              { class: 'actions' },
              h('button', {
                type: 'button',
                'data-action': 'rotate',
                onclick: () =>
                  act(async () => {
                    const rotated = await api(`/admin/keys/${key.id}/rotate`, { method: 'POST', body: {} });
                    await reload(secretBox(`Key “${key.name}” rotated: the old secret keeps working until the overlap ends`, rotated));
                  }),
              }, 'Rotate'),
              h('button', {
                type: 'button',
                class: 'danger',
                'data-action': 'revoke',
                onclick: () => {
                  if (!confirm(`Revoke “${key.name}”? Every gateway refuses it at once.`)) return;
                  void act(async () => {
                    await api(`/admin/keys/${key.id}`, { method: 'DELETE' });
                    await reload(h('p', { class: 'ok' }, `Key “${key.name}” revoked.`));
                  });
                },
              }, 'Revoke'),
            ),
    });

  replace(
    container,
    h('h1', {}, 'API keys'),
    notice,
    isAdmin ? card('New key', form) : null,
    card(`Keys (${keys.total})`, table(columns, keys.data, 'No keys yet.')),
  );
}
