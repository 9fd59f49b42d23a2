import { loadConfig, gatewayEnvSchema } from '@llmgw/config';
import { type AppName, bootProblems, requiredVariables, SECRET_VARIABLES, unknownVariables } from './env-coverage';
import { find, K8S_TARGETS, type K8sObject, type Rendered, renderKustomization, validateOffline } from './k8s-render';

const APPS: Array<{ name: AppName; port: number }> = [
  { name: 'gateway', port: 8001 },
  { name: 'admin-api', port: 8002 },
  { name: 'cost-tracker', port: 8003 },
];

const renders: Rendered[] = K8S_TARGETS.map(renderKustomization);

describe.each(renders.map((rendered) => [rendered.target, rendered] as const))('kustomize build of %s', (_target, rendered) => {
  const { objects } = rendered;
  const deployments = objects.filter((object) => object.kind === 'Deployment');
  const configMap = find(objects, 'ConfigMap', 'llmgw-config');
  const secret = find(objects, 'Secret', 'llmgw-secrets');
  const env = { ...(configMap.data ?? {}), ...(secret.stringData ?? {}) };

  it('validates offline against the Kubernetes schemas (ServiceMonitor by its CRD shape)', () => {
    const { status, report, stderr } = validateOffline(rendered);
    expect(stderr).toBe('');
    expect(report.filter((entry) => entry.errors.length > 0)).toEqual([]);
    expect(status).toBe(0);
    expect(report).toHaveLength(objects.length);
  });

  it('has every kind the platform needs', () => {
    const kinds = objects.map((object) => `${object.kind}/${object.metadata.name}`);
    for (const app of APPS) expect(kinds).toEqual(expect.arrayContaining([`Deployment/${app.name}`, `Service/${app.name}`, `PodDisruptionBudget/${app.name}`]));
    expect(kinds).toEqual(
      expect.arrayContaining(['HorizontalPodAutoscaler/gateway', 'HorizontalPodAutoscaler/cost-tracker', 'Job/llmgw-migrate', 'ServiceMonitor/llmgw', 'NetworkPolicy/default-deny-ingress', 'ConfigMap/llmgw-config', 'Secret/llmgw-secrets', 'Namespace/' + objects.find((o) => o.kind === 'Namespace')!.metadata.name]),
    );
    const namespaces = new Set(objects.filter((object) => object.kind !== 'Namespace').map((object) => object.metadata.namespace));
    expect([...namespaces]).toEqual([objects.find((object) => object.kind === 'Namespace')!.metadata.name]);
  });

  it.each(APPS)('runs $name with probes on its health endpoints, resources, and a non-root read-only context', ({ name, port }) => {
    const pod = find(objects, 'Deployment', name).spec.template.spec;
    const container = pod.containers[0];
    expect(container.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: port })]);
    expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(container.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(container.resources.limits).toEqual(expect.objectContaining({ memory: expect.any(String) }));
    expect(pod.securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, runAsUser: expect.any(Number) }));
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'llmgw-config' } }, { secretRef: { name: 'llmgw-secrets' } }]);
    // The port each app listens on is the one the container declares.
    const portVariable = { gateway: 'GATEWAY_PORT', 'admin-api': 'ADMIN_PORT', 'cost-tracker': 'COST_TRACKER_PORT' }[name];
    expect(Number(env[portVariable])).toBe(port);
    // A read-only root needs writable scratch space and the data dir.
    const mounts = container.volumeMounts.map((mount: { mountPath: string }) => mount.mountPath);
    expect(mounts).toEqual(expect.arrayContaining(['/tmp', env['DATA_DIR']]));
    expect(container.lifecycle.preStop.exec.command[0]).toBe('sleep');
  });

  it('gives the gateway a grace period longer than the longest request plus its preStop pause', () => {
    const pod = find(objects, 'Deployment', 'gateway').spec.template.spec;
    const deadlineMs = loadConfig(gatewayEnvSchema, env).REQUEST_DEADLINE_MS;
    const preStopSeconds = Number(pod.containers[0].lifecycle.preStop.exec.command[1]);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(deadlineMs + preStopSeconds * 1000);
  });

  it('points autoscalers, disruption budgets and the ServiceMonitor at objects that exist', () => {
    for (const hpa of objects.filter((object) => object.kind === 'HorizontalPodAutoscaler')) {
      const target = find(objects, hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name);
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
      expect(target.kind).toBe('Deployment');
    }
    const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([key, value]) => labels[key] === value);
    for (const pdb of objects.filter((object) => object.kind === 'PodDisruptionBudget')) {
      expect(deploymentsSelectedBy(pdb.spec.selector.matchLabels).length).toBe(1);
    }
    const monitor = find(objects, 'ServiceMonitor', 'llmgw');
    const services = objects.filter((object) => object.kind === 'Service' && selects(monitor.spec.selector.matchLabels, object.metadata.labels));
    expect(services.map((service) => service.metadata.name).sort()).toEqual(['admin-api', 'cost-tracker', 'gateway']);
    for (const service of services) expect(service.spec.ports.map((port: { name: string }) => port.name)).toContain(monitor.spec.endpoints[0].port);
    expect(monitor.spec.endpoints[0].path).toBe('/metrics');

    function deploymentsSelectedBy(selector: Record<string, string>): K8sObject[] {
      return deployments.filter((deployment) => selects(selector, deployment.spec.template.metadata.labels));
    }
  });

  it('admits traffic to each app only through its own NetworkPolicy', () => {
    const policies = objects.filter((object) => object.kind === 'NetworkPolicy');
    expect(find(objects, 'NetworkPolicy', 'default-deny-ingress').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    for (const app of APPS) {
      const own = policies.filter((policy) => policy.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === app.name);
      expect(own).toHaveLength(1);
      expect(own[0]!.spec.ingress.flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((port) => port.port))).toEqual(expect.arrayContaining([app.port]));
    }
  });

  it('sets only variables the apps read, and keeps secrets out of the ConfigMap', () => {
    expect(unknownVariables(Object.keys(env))).toEqual([]);
    expect(Object.keys(configMap.data ?? {}).filter((name) => SECRET_VARIABLES.includes(name))).toEqual([]);
  });

  it('references every secret variable in the Secret template', () => {
    expect(SECRET_VARIABLES.filter((name) => !(name in (secret.stringData ?? {})))).toEqual([]);
  });

  it.each(APPS)('sets every variable $name requires (the rest default), and $name boots on it in production', ({ name }) => {
    expect(requiredVariables(name).filter((variable) => !(variable in env))).toEqual([]);
    if (rendered.target !== 'k8s/overlays/dev') expect(env['NODE_ENV']).toBe('production');
    expect(bootProblems(name, env)).toEqual([]);
  });
});

describe('the offline validator', () => {
  it('reports schema errors and malformed ServiceMonitors, exiting non-zero', () => {
    const bad: Rendered = {
      target: 'bad',
      objects: [],
      yaml: [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec:\n  selector: {}\n  template: { spec: { containers: [{ name: a, image: b, ports: [{ containerPort: "http" }] }] } }',
        'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: m }\nspec: { selector: {}, endpoints: [] }',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }',
      ].join('\n---\n'),
    };
    const { status, report } = validateOffline(bad);
    expect(status).toBe(1);
    expect(report.map((entry) => [entry.kind, entry.errors.length > 0])).toEqual([['Deployment', true], ['ServiceMonitor', true], ['Widget', true]]);
    expect(report[0]!.errors[0]).toMatch(/containerPort must be integer/);
  });
});

describe('required variables', () => {
  it('are the production secrets the schemas refuse to default', () => {
    expect(requiredVariables('admin-api')).toEqual(expect.arrayContaining(['API_KEY_HASH_SECRET', 'JWT_SECRET']));
    expect(requiredVariables('gateway')).toContain('API_KEY_HASH_SECRET');
  });
});
