import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_ENV_VARIABLES, adminEnvSchema, costTrackerEnvSchema, gatewayEnvSchema } from './env.schema';
import { ConfigValidationError, loadConfig } from './load-config';

const exampleFile = readFileSync(path.join(__dirname, '../../../.env.example'), 'utf8');
const documented = [...exampleFile.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

describe('.env.example', () => {
  it('documents exactly the variables the schemas read', () => {
    expect([...documented].sort()).toEqual(ALL_ENV_VARIABLES);
  });

  it('documents each variable once', () => {
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('lists defaults the schemas accept', () => {
    const values = Object.fromEntries(
      [...exampleFile.matchAll(/^([A-Z][A-Z0-9_]*)=(\S*)/gm)].map((match) => [match[1], match[2] ?? '']),
    );
    for (const schema of [gatewayEnvSchema, adminEnvSchema, costTrackerEnvSchema]) {
      expect(() => loadConfig(schema, values)).not.toThrow();
    }
  });
});

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig(gatewayEnvSchema, {});
    expect(config.GATEWAY_PORT).toBe(8001);
    expect(config.MOCK_PROVIDER_ENABLED).toBe(true);
  });

  it('refuses a bad value and names the variable', () => {
    expect(() => loadConfig(gatewayEnvSchema, { GATEWAY_PORT: '80a' })).toThrow(/GATEWAY_PORT/);
    expect(() => loadConfig(gatewayEnvSchema, { MOCK_PROVIDER_ENABLED: 'yes' })).toThrow(/MOCK_PROVIDER_ENABLED/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig(adminEnvSchema, { ADMIN_PORT: '' }).ADMIN_PORT).toBe(8002);
  });

  it('refuses development secrets in production', () => {
    const attempt = () => loadConfig(adminEnvSchema, { NODE_ENV: 'production' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/API_KEY_HASH_SECRET[\s\S]*JWT_SECRET/);
  });

  it('accepts production with real secrets', () => {
    const config = loadConfig(adminEnvSchema, {
      NODE_ENV: 'production',
      API_KEY_HASH_SECRET: 'a'.repeat(32),
      JWT_SECRET: 'b'.repeat(40),
    });
    expect(config.JWT_SECRET).toBe('b'.repeat(40));
  });
});
