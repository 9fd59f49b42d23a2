import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_ENV_VARIABLES } from '@llmgw/config';

const root = path.resolve(__dirname, '..');
const known = new Set(ALL_ENV_VARIABLES);

describe('kubernetes manifests', () => {
  const rendered = execFileSync('kubectl', ['kustomize', path.join(root, 'k8s')], { encoding: 'utf8' });
  const documents = rendered.split(/^---$/m);

  it('build with kustomize into the three apps, their services and the migration job', () => {
    for (const name of ['gateway', 'admin-api', 'cost-tracker']) {
      expect(documents.some((doc) => /kind: Deployment/.test(doc) && new RegExp(`\\n  name: ${name}\\n`).test(doc))).toBe(true);
      expect(documents.some((doc) => /kind: Service\n/.test(doc) && new RegExp(`\\n  name: ${name}\\n`).test(doc))).toBe(true);
    }
    expect(rendered).toContain('kind: Job');
  });

  it('give every deployment probes and a non-root security context', () => {
    for (const doc of documents.filter((candidate) => /kind: Deployment/.test(candidate))) {
      expect(doc).toMatch(/livenessProbe/);
      expect(doc).toMatch(/readinessProbe/);
      expect(doc).toMatch(/runAsNonRoot: true/);
    }
  });

  it('set only variables the apps read', () => {
    const keys = [...rendered.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1]!);
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((key) => !known.has(key))).toEqual([]);
  });
});

describe('docker compose file', () => {
  it('sets only variables the apps read', () => {
    const compose = readFileSync(path.join(root, 'docker/docker-compose.yml'), 'utf8');
    const appSection = compose.slice(compose.indexOf('x-app-env'));
    const keys = [...appSection.matchAll(/^ {2,6}([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1]!);
    const ownKeys = keys.filter((key) => !key.startsWith('POSTGRES_'));
    expect(ownKeys.length).toBeGreaterThan(5);
    expect(ownKeys.filter((key) => !known.has(key))).toEqual([]);
  });
});
