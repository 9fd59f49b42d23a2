import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface StandaloneSecrets {
  apiKeyHashSecret: string;
  jwtSecret: string;
  apiKey: string;
}

/**
 * Secrets for the embedded mode, made on first start and kept in the data folder (mode 0600),
 * so keys, tokens and the demo API key survive restarts without anyone configuring them.
 */
export function loadOrCreateSecrets(dataDir: string): StandaloneSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StandaloneSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: StandaloneSecrets = {
    apiKeyHashSecret: randomBytes(32).toString('base64url'),
    jwtSecret: randomBytes(48).toString('base64url'),
    apiKey: `sk-llmgw-${randomBytes(30).toString('base64url').replace(/[-_]/g, 'x')}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
