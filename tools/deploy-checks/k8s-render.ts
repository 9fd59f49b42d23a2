import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(__dirname, '../..');
export const K8S_TARGETS = ['k8s', 'k8s/overlays/dev', 'k8s/overlays/prod'] as const;

/** A rendered object, loosely typed: the schema check is the validator's job. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string> };

export interface Rendered {
  target: string;
  yaml: string;
  objects: K8sObject[];
}

export function renderKustomization(target: string): Rendered {
  const yaml = execFileSync('kubectl', ['kustomize', path.join(ROOT, target)], { encoding: 'utf8' });
  const objects = parseAllDocuments(yaml).map((document) => document.toJS() as K8sObject).filter(Boolean);
  return { target, yaml, objects };
}

export interface ValidationEntry {
  apiVersion: string | null;
  kind: string | null;
  name: string | null;
  errors: string[];
}

/** Runs the offline schema validator (an ESM script, since kubernetes-models is ESM-only). */
export function validateOffline(rendered: Rendered): { status: number | null; report: ValidationEntry[]; stderr: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'llmgw-k8s-')), 'rendered.yaml');
  writeFileSync(file, rendered.yaml);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'tools/deploy-checks/validate-k8s.mjs'), file], { encoding: 'utf8', cwd: ROOT });
  const report = result.stdout.trim() ? (JSON.parse(result.stdout) as ValidationEntry[]) : [];
  return { status: result.status, report, stderr: result.stderr };
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}
