import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type AppName, bootProblems, requiredVariables, SECRET_VARIABLES, unknownVariables } from './env-coverage';
import { ROOT } from './k8s-render';

const COMPOSE_DIR = path.join(ROOT, 'docker');
const APPS: Array<{ name: AppName; port: number; portVariable: string }> = [
  { name: 'gateway', port: 8001, portVariable: 'GATEWAY_PORT' },
  { name: 'admin-api', port: 8002, portVariable: 'ADMIN_PORT' },
  { name: 'cost-tracker', port: 8003, portVariable: 'COST_TRACKER_PORT' },
];

interface ComposeService {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  read_only?: boolean;
  stop_grace_period?: string;
}

const composeText = readFileSync(path.join(COMPOSE_DIR, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };

/** `${VAR:-default}` / `${VAR:?message}` / `${VAR}` as compose interpolates them with nothing set. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, rest?: string) => {
    if (given[name] !== undefined) return given[name];
    if (kind === '?') throw new Error(`${name} must be set: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

describe('docker compose', () => {
  it('has the datastores, the migration, the three apps, Prometheus and Grafana', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['admin-api', 'cost-tracker', 'gateway', 'grafana', 'migrate', 'postgres', 'prometheus', 'redis']);
  });

  it('runs Redis with noeviction and an append-only file (BullMQ must not lose jobs)', () => {
    const command = compose.services['redis']!.command!.join(' ');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
  });

  it('references files that exist and services that exist', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) expect(existsSync(path.resolve(COMPOSE_DIR, service.build.context, service.build.dockerfile))).toBe(true);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) expect([name, source, existsSync(path.resolve(COMPOSE_DIR, source))]).toEqual([name, source, true]);
      }
      const dependencies = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) expect(Object.keys(compose.services)).toContain(dependency);
    }
  });

  it('migrates before the apps start', () => {
    expect(compose.services['migrate']!.command).toEqual(['node', 'dist/tools/migrate.js']);
    for (const app of APPS) expect((compose.services[app.name]!.depends_on as Record<string, { condition: string }>)['migrate']).toEqual({ condition: 'service_completed_successfully' });
  });

  describe.each(APPS)('$name service', ({ name, port, portVariable }) => {
    const service = compose.services[name]!;
    const raw = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));
    // What the container gets when the operator's docker/.env sets exactly what compose insists on (`${NAME:?}`).
    const demanded = [...Object.values(raw).join(' ').matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((match) => match[1]!);
    const given = Object.fromEntries(demanded.map((variable) => [variable, `operator-value-${variable.toLowerCase()}-0123456789abcdef`]));
    const env = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, interpolate(value, given)]));

    it('sets only variables the apps read', () => {
      expect(unknownVariables(Object.keys(raw))).toEqual([]);
    });

    it('takes every secret it sets from the operator environment, never inline', () => {
      for (const [key, value] of Object.entries(raw)) {
        if (SECRET_VARIABLES.includes(key)) expect([key, /\$\{[A-Z0-9_]+/.test(value)]).toEqual([key, true]);
      }
    });

    it('sets every required variable and boots in production on what it sets', () => {
      expect(requiredVariables(name).filter((variable) => !(variable in raw))).toEqual([]);
      expect(env['NODE_ENV']).toBe('production');
      expect(bootProblems(name, env)).toEqual([]);
      expect(Number(env[portVariable] ?? port)).toBe(port);
    });

    it('runs from its own Dockerfile on a read-only root', () => {
      expect(service.build!.dockerfile).toBe(`docker/${name}.Dockerfile`);
      expect(service.read_only).toBe(true);
    });
  });

  it('gives the gateway a stop grace period longer than its request deadline', () => {
    const gateway = compose.services['gateway']!;
    const deadlineMs = Number(interpolate(String(gateway.environment!['REQUEST_DEADLINE_MS']), {}));
    expect(Number(gateway.stop_grace_period!.replace(/s$/, '')) * 1000).toBeGreaterThan(deadlineMs);
  });
});

describe.each(APPS)('docker/$name.Dockerfile', ({ name, port, portVariable }) => {
  const dockerfile = readFileSync(path.join(COMPOSE_DIR, `${name}.Dockerfile`), 'utf8');
  const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));

  it('is multi-stage: the runtime stage copies the build output, not the sources', () => {
    expect(instructions.filter((line) => line.startsWith('FROM ')).length).toBeGreaterThanOrEqual(2);
    const runtime = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));
    expect(runtime.some((line) => /^COPY --from=build .* \/app\/dist /.test(line))).toBe(true);
    expect(runtime.some((line) => /^COPY \. /.test(line))).toBe(false);
  });

  it('runs as a numeric non-root user with a healthcheck on its port and its built entry point', () => {
    const user = instructions.filter((line) => line.startsWith('USER ')).at(-1)!;
    expect(user).toMatch(/^USER [1-9]\d*(:\d+)?$/);
    const healthcheck = instructions.find((line) => line.startsWith('HEALTHCHECK'))!;
    expect(healthcheck).toContain(`process.env.${portVariable} || ${port}`);
    expect(healthcheck).toContain('/health');
    expect(instructions).toContain(`EXPOSE ${port}`);
    expect(instructions.at(-1)).toBe(`CMD ["node", "dist/apps/${name}/src/main.js"]`);
    expect(existsSync(path.join(ROOT, `apps/${name}/src/main.ts`))).toBe(true);
  });
});

describe('Prometheus and Grafana provisioning for compose', () => {
  it('scrapes the three apps at their compose addresses and loads the alert rules', () => {
    const config = parse(readFileSync(path.join(ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((group) => group.targets));
    expect(targets.sort()).toEqual(APPS.map((app) => `${app.name}:${app.port}`).sort());
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
    expect(compose.services['prometheus']!.volumes).toEqual(expect.arrayContaining(['../deploy/prometheus/rules:/etc/prometheus/rules:ro']));
  });

  it('provisions the datasources the dashboards use, and loads the dashboards from where compose mounts them', () => {
    const datasources = parse(readFileSync(path.join(ROOT, 'deploy/grafana/provisioning/datasources/llmgw.yaml'), 'utf8')) as { datasources: Array<{ uid: string; type: string }> };
    const providers = parse(readFileSync(path.join(ROOT, 'deploy/grafana/provisioning/dashboards/llmgw.yaml'), 'utf8')) as { providers: Array<{ options: { path: string } }> };
    const mount = compose.services['grafana']!.volumes!.find((volume) => volume.startsWith('../deploy/grafana/dashboards:'))!;
    expect(mount.split(':')[1]).toBe(providers.providers[0]!.options.path);
    const provided = new Set(datasources.datasources.map((source) => `${source.type}/${source.uid}`));
    const dashboards = ['cost', 'traffic-latency', 'resilience', 'cache'].map(
      (name) => JSON.parse(readFileSync(path.join(ROOT, `deploy/grafana/dashboards/llmgw-${name}.json`), 'utf8')) as { panels: Array<{ targets?: Array<{ datasource: { type: string; uid: string } }> }> },
    );
    const used = new Set(dashboards.flatMap((dashboard) => dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => `${target.datasource.type}/${target.datasource.uid}`))));
    expect([...used].filter((source) => !provided.has(source))).toEqual([]);
    expect(used.size).toBe(2);
  });
});
