import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gatewayEnvSchema, loadConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';
import { guardrailPolicySchema } from './guardrail-policy.schema';
import { mergeGuardrailPolicies, parseGuardrailPolicy } from './merge-policy';
import { guardrailDefaultsFromEnv } from './policy-from-env';
import { Guardrails } from '../guardrails.service';

describe('guardrailPolicySchema', () => {
  it('accepts a full policy and applies pattern defaults', () => {
    const parsed = guardrailPolicySchema.parse({
      pii: { mode: 'mask', types: { ipv4: 'off' } },
      secrets: { mode: 'block' },
      custom_patterns: [{ name: 'ticket', pattern: 'TCK-\\d{5}' }],
    });
    expect(parsed.custom_patterns?.[0]).toEqual({ name: 'ticket', pattern: 'TCK-\\d{5}', ignore_case: false, mode: 'redact' });
  });

  it.each([
    [{ pii: { mode: 'shout' } }],
    [{ secrets: { mode: 'mask' } }],
    [{ custom_patterns: [{ name: 'bad', pattern: '(a+)+$' }] }],
    [{ custom_patterns: [{ name: 'bad', pattern: '(\\w*)*x' }] }],
    [{ deny_patterns: [{ name: 'bad', pattern: '(a)\\1' }] }],
    [{ allow_patterns: ['[unclosed'] }],
    [{ custom_patterns: [{ name: 'Not A Label', pattern: 'x' }] }],
    [{ unknown_field: true }],
  ])('refuses %j', (policy) => expect(guardrailPolicySchema.safeParse(policy).success).toBe(false));

  it('reports an invalid key policy as a closed failure naming the field', () => {
    const attempt = () => new Guardrails({}).session({ pii: { mode: 'shout' } });
    expect(attempt).toThrow(GatewayError);
    expect(attempt).toThrow(/API key policy: pii\.mode/);
  });
});

describe('mergeGuardrailPolicies', () => {
  const defaults = parseGuardrailPolicy(
    { pii: { mode: 'redact', types: { phone: 'flag' } }, deny_patterns: [{ name: 'codename', pattern: 'nightingale' }] },
    'defaults',
  );

  it('keeps the defaults without a key policy', () => {
    const policy = mergeGuardrailPolicies(defaults);
    expect([policy.pii.email, policy.pii.phone, policy.secrets.jwt, policy.promptInjection, policy.sqlInjection]).toEqual([
      'redact',
      'flag',
      'redact',
      'flag',
      'off',
    ]);
  });

  it('lets a key override modes per family and per type, and only add patterns', () => {
    const key = parseGuardrailPolicy({ pii: { mode: 'mask', types: { card: 'block' } }, deny_patterns: [{ name: 'other', pattern: 'x' }] }, 'key');
    const policy = mergeGuardrailPolicies(defaults, key);
    expect([policy.pii.email, policy.pii.phone, policy.pii.card]).toEqual(['mask', 'mask', 'block']);
    expect(policy.deny.map((pattern) => pattern.name)).toEqual(['codename', 'other']);
  });
});

describe('guardrailDefaultsFromEnv', () => {
  it('maps the environment switches', () => {
    const env = loadConfig(gatewayEnvSchema, { BLOCK_PII: 'true', BLOCK_SECRETS: 'true', SQL_INJECTION_DETECTION: 'true', MAX_INPUT_TOKENS: '9000' });
    const policy = mergeGuardrailPolicies(guardrailDefaultsFromEnv(env));
    expect([policy.enabled, policy.pii.email, policy.secrets.openai_key, policy.sqlInjection, policy.limits.maxInputTokens]).toEqual([
      true,
      'block',
      'block',
      'flag',
      9000,
    ]);
    expect(policy.limits.maxInputLength).toBe(400_000);
  });

  it('reads patterns from the policy file (YAML), the environment keeping the switches', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'guardrails-'));
    const file = path.join(dir, 'policy.yaml');
    writeFileSync(file, 'pii:\n  types:\n    ipv4: off\ncustom_patterns:\n  - name: ticket\n    pattern: "TCK-\\\\d{5}"\n');
    const env = loadConfig(gatewayEnvSchema, { GUARDRAILS_POLICY_FILE: file, PII_MODE: 'mask' });
    const policy = mergeGuardrailPolicies(guardrailDefaultsFromEnv(env));
    expect([policy.pii.email, policy.pii.ipv4, policy.custom[0]?.name]).toEqual(['mask', 'off', 'ticket']);
    writeFileSync(file, 'custom_patterns:\n  - name: ticket\n    pattern: "(a+)+"\n');
    expect(() => guardrailDefaultsFromEnv(env)).toThrow(/custom_patterns\.0\.pattern: unsafe pattern/);
  });
});
