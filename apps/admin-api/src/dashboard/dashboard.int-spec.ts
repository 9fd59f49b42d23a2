import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AdminApiHarness, expectError, startAdminApi } from '../testing/admin-api.harness';

describe('admin API: the dashboard static files', () => {
  let h: AdminApiHarness;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'dashboard-'));
    mkdirSync(path.join(directory, 'views'));
    writeFileSync(path.join(directory, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(path.join(directory, 'app.js'), 'export const x = 1;');
    writeFileSync(path.join(directory, 'views', 'keys.js'), 'export const y = 2;');
    writeFileSync(path.join(directory, 'notes.md'), '# not served');
    writeFileSync(path.join(directory, '.env'), 'SECRET=1');
    h = await startAdminApi({ ADMIN_DASHBOARD_DIR: directory });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('serves the page at /dashboard and /dashboard/ without a token, with a strict CSP', async () => {
    for (const route of ['/dashboard', '/dashboard/', '/dashboard/index.html']) {
      const response = await h.call(route);
      expect({ route, status: response.status }).toEqual({ route, status: 200 });
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>t</title>');
    }
  });

  it('serves modules with their content type, revalidated by ETag (304 when unchanged)', async () => {
    const first = await h.call('/dashboard/views/keys.js');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await h.call('/dashboard/views/keys.js', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await h.call('/dashboard/app.js', { headers: { 'if-none-match': etag! } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('answers 404 for unknown files, other types, dotfiles and paths outside the folder', async () => {
    for (const route of ['/dashboard/nope.js', '/dashboard/notes.md', '/dashboard/.env', '/dashboard/../package.json', '/dashboard/%2e%2e/%2e%2e/package.json', '/dashboard/views/../../etc/passwd']) {
      const response = await h.call(route);
      expect({ route, status: response.status }).toEqual({ route, status: 404 });
      await expectError(response, 404, 'not_found_error');
    }
  });
});
