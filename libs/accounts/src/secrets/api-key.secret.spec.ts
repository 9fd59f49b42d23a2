import { API_KEY_PREFIX, displayPrefix, generateApiKeySecret, hashApiKey } from './api-key.secret';

describe('API key secrets', () => {
  it('generates sk-llmgw- followed by 40 base62 characters', () => {
    const secret = generateApiKeySecret();
    expect(secret).toMatch(/^sk-llmgw-[0-9A-Za-z]{40}$/);
    expect(secret.startsWith(API_KEY_PREFIX)).toBe(true);
  });

  it('never generates the same secret twice and uses the whole alphabet', () => {
    const secrets = Array.from({ length: 500 }, generateApiKeySecret);
    expect(new Set(secrets).size).toBe(secrets.length);
    const characters = new Set(secrets.join('').replaceAll(API_KEY_PREFIX, ''));
    expect(characters.size).toBe(62);
  });

  it('hashes with HMAC-SHA256 under the hash secret, as 64 hex characters', () => {
    const secret = 'sk-llmgw-abc';
    // Known answer: printf 'sk-llmgw-abc' | openssl dgst -sha256 -hmac 'pepper-0123456789'
    expect(hashApiKey(secret, 'pepper-0123456789')).toBe(KNOWN_HMAC);
    expect(hashApiKey(secret, 'pepper-0123456789')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(secret, 'another-pepper-0123')).not.toBe(KNOWN_HMAC);
    expect(hashApiKey('sk-llmgw-abd', 'pepper-0123456789')).not.toBe(KNOWN_HMAC);
  });

  it('displays the first 12 characters only', () => {
    const secret = generateApiKeySecret();
    expect(displayPrefix(secret)).toBe(secret.slice(0, 12));
    expect(displayPrefix('sk-llmgw-AbCdEf')).toBe('sk-llmgw-AbC');
  });
});

const KNOWN_HMAC = '20c56a75a8a386e401a76f55b91629596c502c2f4a0f84e82357f01d92ba234f';
