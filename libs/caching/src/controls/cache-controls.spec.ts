import { GatewayError } from '@llmgw/contracts';
import { cacheControlsOf, withoutCacheField } from './cache-controls';

describe('cacheControlsOf', () => {
  it('defaults to a normal lookup and store', () => {
    expect(cacheControlsOf({}, { model: 'm' })).toEqual({ noCache: false, noStore: false });
  });

  it('reads the x-llmgw-cache directives and TTL/threshold headers', () => {
    expect(cacheControlsOf({ 'x-llmgw-cache': 'no-cache, No-Store', 'x-llmgw-cache-ttl': '120', 'x-llmgw-cache-threshold': '0.95' }, {})).toEqual({
      noCache: true,
      noStore: true,
      ttlSeconds: 120,
      similarityThreshold: 0.95,
    });
  });

  it('reads the OpenAI-compatible body field, in snake or kebab case', () => {
    expect(cacheControlsOf({}, { cache: { no_cache: true, ttl: 30, similarity_threshold: 0.9 } })).toEqual({
      noCache: true,
      noStore: false,
      ttlSeconds: 30,
      similarityThreshold: 0.9,
    });
    expect(cacheControlsOf({}, { cache: { 'no-store': true } })).toMatchObject({ noStore: true });
  });

  it('lets a header value win over the body, and either source switch a flag on', () => {
    expect(cacheControlsOf({ 'x-llmgw-cache-ttl': '10', 'x-llmgw-cache': 'no-store' }, { cache: { ttl: 99, no_cache: true } })).toEqual({
      noCache: true,
      noStore: true,
      ttlSeconds: 10,
    });
  });

  it.each([
    [{ 'x-llmgw-cache': 'sometimes' }, {}, 'x-llmgw-cache'],
    [{ 'x-llmgw-cache-ttl': '-5' }, {}, 'x-llmgw-cache-ttl'],
    [{ 'x-llmgw-cache-ttl': '1.5' }, {}, 'x-llmgw-cache-ttl'],
    [{ 'x-llmgw-cache-threshold': '1.2' }, {}, 'x-llmgw-cache-threshold'],
    [{}, { cache: 'no' }, 'cache'],
    [{}, { cache: { no_cache: 'yes' } }, 'cache.no_cache'],
    [{}, { cache: { ttl: 0 } }, 'cache.ttl'],
    [{}, { cache: { similarity_threshold: -1 } }, 'cache.similarity_threshold'],
  ])('refuses a malformed control with a 400 naming it (%j %j)', (headers, body, param) => {
    let error: unknown;
    try {
      cacheControlsOf(headers, body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ type: 'invalid_request_error', param });
  });
});

describe('withoutCacheField', () => {
  it('removes the cache field so no provider sees it, leaving the input untouched', () => {
    const body = { model: 'm', messages: [], cache: { no_cache: true } };
    expect(withoutCacheField(body)).toEqual({ model: 'm', messages: [] });
    expect(body.cache).toEqual({ no_cache: true });
  });

  it('returns the same object when there is nothing to strip', () => {
    const body = { model: 'm' };
    expect(withoutCacheField(body)).toBe(body);
    expect(withoutCacheField(null)).toBeNull();
  });
});
