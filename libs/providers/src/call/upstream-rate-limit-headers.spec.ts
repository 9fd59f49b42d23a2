import { collectRateLimitHeaders } from './upstream-rate-limit-headers';

describe('collectRateLimitHeaders', () => {
  const collect = (headers: Record<string, string | string[] | undefined>) => {
    const into: string[] = [];
    collectRateLimitHeaders(headers, into);
    return into;
  };

  it('keeps the OpenAI-style, Anthropic and Retry-After headers, as name-value pairs', () => {
    expect(
      collect({
        'x-ratelimit-remaining-tokens': '149984',
        'anthropic-ratelimit-output-tokens-reset': '2025-08-21T12:41:00Z',
        'retry-after': '3',
      }),
    ).toEqual(['x-ratelimit-remaining-tokens', '149984', 'anthropic-ratelimit-output-tokens-reset', '2025-08-21T12:41:00Z', 'retry-after', '3']);
  });

  it('drops everything else: cookies, credentials, ids, look-alikes', () => {
    expect(
      collect({
        'set-cookie': ['__cf_bm=abc; path=/'],
        authorization: 'Bearer sk-secret',
        'openai-organization': 'org-123',
        'anthropic-organization-id': 'b2c0',
        'x-request-id': 'req_1',
        'x-ratelimit-remaining-tokens-evil': '1',
        'x-ratelimit-remaining-tokens_usage_based': '1',
        server: 'cloudflare',
      }),
    ).toEqual([]);
  });

  it('drops values that are not plain short text, and takes the first of repeated ones', () => {
    expect(
      collect({
        'x-ratelimit-limit-requests': 'x'.repeat(65),
        'x-ratelimit-limit-tokens': 'bad\u0001value',
        'x-ratelimit-reset-requests': '',
        'x-ratelimit-reset-tokens': ['6m0s', '7m0s'],
      }),
    ).toEqual(['x-ratelimit-reset-tokens', '6m0s']);
  });
});
