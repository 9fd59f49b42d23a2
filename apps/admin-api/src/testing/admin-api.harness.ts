import { randomUUID } from 'node:crypto';
import { AdminUserRepository } from '@llmgw/accounts';
import { migrateDatabase } from '@llmgw/database';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import { DataSource } from 'typeorm';
import { bootstrapAdminApi, type RunningAdminApi } from '../main';

// Test-only: boots the admin API in-process on real Postgres and Redis (int-specs share it).

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const HARNESS_JWT_SECRET = 'admin-int-spec-jwt-secret-0123456789-abcdef';
export const HARNESS_HASH_SECRET = 'admin-int-spec-hash-secret-0123456789';

export interface Credentials {
  email: string;
  password: string;
}

export interface AdminApiHarness {
  api: RunningAdminApi;
  admin: Credentials;
  viewer: Credentials;
  adminToken: string;
  viewerToken: string;
  call(path: string, init?: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  asAdmin(path: string, method?: string, body?: unknown): Promise<Response>;
  asViewer(path: string, method?: string, body?: unknown): Promise<Response>;
  login(credentials: Credentials): Promise<Response>;
  close(): Promise<void>;
}

export function harnessEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: TEST_REDIS_URL,
    API_KEY_HASH_SECRET: HARNESS_HASH_SECRET,
    JWT_SECRET: HARNESS_JWT_SECRET,
    JWT_EXPIRES_IN_SECONDS: '600',
    ADMIN_HOST: '127.0.0.1',
    ADMIN_PORT: '0',
    ...overrides,
  };
}

/** Boots the admin API with a fresh bootstrap admin and a viewer, both logged in. */
export async function startAdminApi(overrides: Record<string, string | undefined> = {}): Promise<AdminApiHarness> {
  const admin = { email: `admin-${randomUUID()}@int.test`, password: 'admin password 0123456789' };
  const viewer = { email: `viewer-${randomUUID()}@int.test`, password: 'viewer password 0123456789' };
  await migrateDatabase(TEST_DATABASE_URL);
  const api = await bootstrapAdminApi(
    harnessEnv({ ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, ...overrides }),
    { distributed: true, ownsProcess: false },
  );
  await api.app.get(AdminUserRepository).create({ ...viewer, role: 'viewer' });
  const call: AdminApiHarness['call'] = (path, init = {}) =>
    fetch(`${api.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
  const login = (credentials: Credentials) => call('/admin/auth/login', { method: 'POST', body: credentials });
  const adminToken = ((await (await login(admin)).json()) as Json).access_token as string;
  const viewerToken = ((await (await login(viewer)).json()) as Json).access_token as string;
  return {
    api,
    admin,
    viewer,
    adminToken,
    viewerToken,
    call,
    login,
    asAdmin: (path, method = 'GET', body) => call(path, { method, token: adminToken, body }),
    asViewer: (path, method = 'GET', body) => call(path, { method, token: viewerToken, body }),
    close: () => api.app.close(),
  };
}

/** Asserts the OpenAI error shape and returns its `error` object. */
export async function expectError(response: Response, status: number, type: string): Promise<Json> {
  const body = (await response.json()) as Json;
  expect({ status: response.status, type: body.error?.type }).toEqual({ status, type });
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  return body.error as Json;
}

export async function withDatabase<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL }).initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** The audit entries of one resource, oldest first, read through the API. */
export async function auditOf(harness: AdminApiHarness, resourceType: string, resourceId: string): Promise<Json[]> {
  const response = await harness.asViewer(`/admin/audit-log?resource_type=${resourceType}&resource_id=${resourceId}&limit=200`);
  expect(response.status).toBe(200);
  return (((await response.json()) as Json).data as Json[]).reverse();
}
