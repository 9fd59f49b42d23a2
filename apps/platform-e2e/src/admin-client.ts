import { randomUUID } from 'node:crypto';
import type { Platform } from './platform.fixture';

export interface CreatedKey {
  id: string;
  key: string;
}

/** The admin API as the e2e suites use it: logged in once, JSON in and out, failures thrown. */
export interface AdminClient {
  request(path: string, init?: RequestInit): Promise<Response>;
  createTeam(name?: string): Promise<{ id: string }>;
  createKey(fields?: Record<string, unknown>): Promise<CreatedKey>;
}

export async function adminClient(platform: Platform): Promise<AdminClient> {
  const login = await fetch(`${platform.admin.url}/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: platform.adminEmail, password: platform.adminPassword }),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${platform.admin.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  const created = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await request(path, { method: 'POST', body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    request,
    createTeam: (name = `e2e team ${randomUUID().slice(0, 8)}`) => created<{ id: string }>('/admin/teams', { name }),
    createKey: (fields = {}) => created<CreatedKey>('/admin/keys', { name: `e2e key ${randomUUID().slice(0, 8)}`, ...fields }),
  };
}
