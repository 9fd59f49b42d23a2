import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { JwtAuthGuard, RolesGuard } from '@llmgw/auth';
import { type AdminApiHarness, expectError, startAdminApi } from './testing/admin-api.harness';

interface Route {
  method: string;
  path: string;
  guards: unknown[];
}

// Open on purpose: login, probes, the Prometheus scrape and the dashboard's static files (the page
// signs in through the login route). Everything else needs a token.
const PUBLIC_ROUTES = new Set(['POST /admin/auth/login', 'GET /health', 'GET /health/ready', 'GET /metrics', 'GET /dashboard', 'GET /dashboard/*']);

// Reads a viewer may not make: request payloads (even masked) are for admins only.
const ADMIN_ONLY_READS = new Set(['GET /admin/logs']);

/** Every route of every controller Nest registered, with the guards on it (class and method). */
function registeredRoutes(h: AdminApiHarness): Route[] {
  const routes: Route[] = [];
  for (const module of h.api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classGuards = (Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? 'UNKNOWN';
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
        routes.push({ method, path, guards: [...classGuards, ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[])] });
      }
    }
  }
  return routes;
}

// Path parameters get a well-formed id that matches nothing, so no route changes anything.
const concrete = (path: string) => path.replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000');

describe('admin API: roles on every registered route', () => {
  let h: AdminApiHarness;
  let routes: Route[];

  beforeAll(async () => {
    h = await startAdminApi();
    routes = registeredRoutes(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('finds the whole control plane', () => {
    const names = routes.map((route) => `${route.method} ${route.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /admin/keys',
        'POST /admin/keys/:id/rotate',
        'PATCH /admin/teams/:id',
        'DELETE /admin/users/:id',
        'GET /admin/audit-log',
        'GET /admin/providers/status',
        'GET /admin/config',
        'POST /admin/circuit-breakers/reset',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(25);
  });

  it('guards every non-public route with the JWT and roles guards', () => {
    const unguarded = routes
      .filter((route) => !PUBLIC_ROUTES.has(`${route.method} ${route.path}`))
      .filter((route) => !route.guards.includes(JwtAuthGuard) || !route.guards.includes(RolesGuard))
      .map((route) => `${route.method} ${route.path}`);
    expect(unguarded).toEqual([]);
  });

  it('refuses every non-public route without a token', async () => {
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`))) {
      const response = await h.call(concrete(route.path), { method: route.method, body: route.method === 'GET' ? undefined : {} });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
    }
  });

  it('refuses every write to a viewer with 403 and lets every read through', async () => {
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.path}`))) {
      const name = `${route.method} ${route.path}`;
      const response = await h.asViewer(concrete(route.path), route.method, route.method === 'GET' ? undefined : {});
      if (route.method === 'GET' && !ADMIN_ONLY_READS.has(name)) {
        expect({ name, refused: [401, 403].includes(response.status) }).toEqual({ name, refused: false });
      } else {
        expect({ name, status: response.status }).toEqual({ name, status: 403 });
        await expectError(response, 403, 'permission_error');
      }
    }
  });
});
