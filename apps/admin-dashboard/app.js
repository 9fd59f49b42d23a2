// Boot: sign in, then render the section named in the URL hash (#/overview, #/keys, ...).
import { session, signIn, whenSignedOut } from './lib/api.js';
import { errorBox, h, replace } from './lib/dom.js';
import * as audit from './views/audit.js';
import * as budgets from './views/budgets.js';
import * as cache from './views/cache.js';
import * as health from './views/health.js';
import * as keys from './views/keys.js';
import * as overview from './views/overview.js';

const VIEWS = { overview, budgets, keys, cache, health, audit };
const $ = (id) => document.getElementById(id);

function showLogin() {
  $('shell').hidden = true;
  $('login').hidden = false;
  $('login-form').elements.namedItem('email').focus();
}

async function render() {
  const claims = session.claims();
  if (!claims) return showLogin();
  $('login').hidden = true;
  $('shell').hidden = false;
  $('who').textContent = `${claims.email ?? claims.sub} · ${claims.role}`;
  const name = location.hash.replace(/^#\//, '') || 'overview';
  const view = VIEWS[name] ?? VIEWS.overview;
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.view === (VIEWS[name] ? name : 'overview'));
  const container = $('view');
  container.dataset.view = name;
  container.setAttribute('aria-busy', 'true');
  try {
    await view.render(container, { isAdmin: claims.role === 'admin', rerender: render });
  } catch (error) {
    replace(container, h('section', { class: 'card' }, errorBox(error)));
  } finally {
    container.setAttribute('aria-busy', 'false');
  }
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  $('login-error').textContent = '';
  try {
    await signIn(form.elements.namedItem('email').value, form.elements.namedItem('password').value);
    form.reset();
    await render();
  } catch (error) {
    $('login-error').textContent = error.status === 401 ? 'Wrong email or password.' : error.message;
  }
});

$('sign-out').addEventListener('click', () => {
  session.clear();
  showLogin();
});
$('refresh').addEventListener('click', () => render());
whenSignedOut(showLogin);
window.addEventListener('hashchange', render);
render();
