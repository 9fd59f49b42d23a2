// Validates rendered Kubernetes manifests offline against the API's JSON schemas
// (kubernetes-models, ESM-only, hence a script the Jest suite spawns).
// Usage: node tools/deploy-checks/validate-k8s.mjs <file.yaml>...
// Prints one JSON report: [{ apiVersion, kind, name, errors: [] }], exit 1 if any has errors.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** A CRD has no schema in kubernetes-models: check the fields the Prometheus Operator needs. */
function validateServiceMonitor(doc) {
  const errors = [];
  const spec = doc.spec ?? {};
  if (!doc.metadata?.name) errors.push('metadata.name is required');
  if (!spec.selector || typeof spec.selector !== 'object') errors.push('spec.selector is required');
  if (!Array.isArray(spec.endpoints) || spec.endpoints.length === 0) errors.push('spec.endpoints must list at least one endpoint');
  for (const [index, endpoint] of (spec.endpoints ?? []).entries()) {
    if (typeof endpoint.port !== 'string' && typeof endpoint.targetPort === 'undefined') errors.push(`spec.endpoints[${index}] needs a named port`);
    if (endpoint.path !== undefined && !String(endpoint.path).startsWith('/')) errors.push(`spec.endpoints[${index}].path must start with /`);
    for (const key of ['interval', 'scrapeTimeout']) {
      if (endpoint[key] !== undefined && !/^\d+(ms|s|m|h)$/.test(endpoint[key])) errors.push(`spec.endpoints[${index}].${key} is not a duration`);
    }
    const known = new Set(['port', 'targetPort', 'path', 'interval', 'scrapeTimeout', 'scheme', 'honorLabels', 'relabelings', 'metricRelabelings', 'tlsConfig', 'bearerTokenSecret', 'params']);
    for (const key of Object.keys(endpoint)) if (!known.has(key)) errors.push(`spec.endpoints[${index}].${key} is not a ServiceMonitor endpoint field`);
  }
  return errors;
}

async function validate(doc) {
  if (doc.apiVersion === 'monitoring.coreos.com/v1' && doc.kind === 'ServiceMonitor') return validateServiceMonitor(doc);
  let models;
  try {
    models = await import(`kubernetes-models/${doc.apiVersion}`);
  } catch {
    return [`unknown apiVersion ${doc.apiVersion}`];
  }
  const Model = models[doc.kind];
  if (typeof Model !== 'function') return [`unknown kind ${doc.kind} in ${doc.apiVersion}`];
  try {
    new Model(doc).validate();
    return [];
  } catch (error) {
    return [String(error.message ?? error)];
  }
}

const report = [];
for (const file of process.argv.slice(2)) {
  for (const parsed of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (parsed.errors.length > 0) {
      report.push({ file, apiVersion: null, kind: null, name: null, errors: parsed.errors.map((error) => error.message) });
      continue;
    }
    const doc = parsed.toJS();
    if (!doc) continue;
    report.push({ file, apiVersion: doc.apiVersion, kind: doc.kind, name: doc.metadata?.name ?? null, errors: await validate(doc) });
  }
}
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(report.some((entry) => entry.errors.length > 0) ? 1 : 0);
