import { UNRESTRICTED_KEY_POLICY } from '@llmgw/contracts';
import { ApiKeyCache, type KeyLookup } from './api-key.cache';

const valid = (apiKeyId: string): KeyLookup => ({
  kind: 'valid',
  context: { apiKeyId, teamId: null, keyPrefix: 'sk-llmgw-abc', policy: UNRESTRICTED_KEY_POLICY },
});

describe('ApiKeyCache', () => {
  let now = 0;
  const cache = (maxEntries = 10) => new ApiKeyCache({ ttlMs: 1000, maxEntries, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('remembers found, revoked and unknown lookups until the TTL runs out', () => {
    const subject = cache();
    subject.set('h1', valid('k1'));
    subject.set('h2', { kind: 'revoked', apiKeyId: 'k2' });
    subject.set('h3', { kind: 'unknown' });
    now += 999;
    expect(subject.get('h1')).toEqual(valid('k1'));
    expect(subject.get('h2')).toEqual({ kind: 'revoked', apiKeyId: 'k2' });
    expect(subject.get('h3')).toEqual({ kind: 'unknown' });
    now += 1;
    expect(subject.get('h1')).toBeUndefined();
  });

  it('keeps an expired lookup as the last known answer (for a store outage) until replaced, evicted or revoked', () => {
    const subject = cache(2);
    subject.set('h1', valid('k1'));
    subject.set('h2', valid('k2'));
    now += 5_000;
    expect(subject.get('h1')).toBeUndefined();
    expect(subject.lastKnown('h1')).toEqual(valid('k1'));
    subject.forgetKey('k1');
    expect(subject.lastKnown('h1')).toBeUndefined();
    subject.set('h3', valid('k3'));
    subject.set('h4', valid('k4'));
    expect(subject.lastKnown('h2')).toBeUndefined(); // evicted: the bound holds for expired entries too
    expect(subject.lastKnown('never')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const subject = cache(2);
    subject.set('h1', valid('k1'));
    subject.set('h2', valid('k2'));
    subject.get('h1'); // h2 is now the least recently used
    subject.set('h3', valid('k3'));
    expect(subject.size).toBe(2);
    expect(subject.get('h2')).toBeUndefined();
    expect(subject.get('h1')).toEqual(valid('k1'));
    expect(subject.get('h3')).toEqual(valid('k3'));
  });

  it('forgets every entry of a revoked key id and nothing else', () => {
    const subject = cache();
    subject.set('h1', valid('k1'));
    subject.set('h1-old', { kind: 'revoked', apiKeyId: 'k1' });
    subject.set('h2', valid('k2'));
    subject.set('h3', { kind: 'unknown' });
    subject.forgetKey('k1');
    expect(subject.get('h1')).toBeUndefined();
    expect(subject.get('h1-old')).toBeUndefined();
    expect(subject.get('h2')).toEqual(valid('k2'));
    expect(subject.get('h3')).toEqual({ kind: 'unknown' });
  });
});
