import type { ChatCompletionRequest } from '@llmgw/contracts';
import { cacheScopeOf } from './cache-scope';
import { exactCacheKey, promptSummaryOf, semanticPartitionKey, semanticPromptOf } from './request-keys';

const base: ChatCompletionRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Hello   there' },
  ],
  temperature: 0,
};

describe('exactCacheKey', () => {
  it('is stable across member order, explicit nulls and transport fields', () => {
    const reordered = { temperature: 0, messages: base.messages, model: 'gpt-4o-mini', top_p: null, stream: true, user: 'x', metadata: { k: 'v' }, n: 1 };
    expect(exactCacheKey({ request: reordered as ChatCompletionRequest })).toBe(exactCacheKey({ request: base }));
  });

  it.each<[string, Partial<ChatCompletionRequest>]>([
    ['model', { model: 'gpt-4o' }],
    ['temperature', { temperature: 0.5 }],
    ['top_p', { top_p: 0.9 }],
    ['max_tokens', { max_tokens: 10 }],
    ['max_completion_tokens', { max_completion_tokens: 10 }],
    ['seed', { seed: 1 }],
    ['stop', { stop: ['\n'] }],
    ['presence_penalty', { presence_penalty: 1 }],
    ['frequency_penalty', { frequency_penalty: 1 }],
    ['response_format', { response_format: { type: 'json_object' } }],
    ['tools', { tools: [{ type: 'function', function: { name: 'f' } }] }],
    ['tool_choice', { tool_choice: 'required' }],
    ['a vendor extension', { reasoning_effort: 'high' } as Partial<ChatCompletionRequest>],
    ['the system prompt', { messages: [{ role: 'system', content: 'You are verbose.' }, { role: 'user', content: 'Hello   there' }] }],
    ['the user prompt', { messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'Hello there!' }] }],
  ])('changes with %s', (_, change) => {
    expect(exactCacheKey({ request: { ...base, ...change } })).not.toBe(exactCacheKey({ request: base }));
  });

  it('changes with the route key and with a model override', () => {
    expect(exactCacheKey({ request: base, routeKey: 'strategy=cost' })).not.toBe(exactCacheKey({ request: base }));
    expect(exactCacheKey({ request: base, model: 'claude' })).toBe(exactCacheKey({ request: { ...base, model: 'claude' } }));
  });
});

describe('semanticPartitionKey and semanticPromptOf', () => {
  it('ignores the last user prompt and sampling knobs, but not the system prompt or the embedder', () => {
    const other = { ...base, temperature: 0.3, seed: 4, messages: [base.messages[0]!, { role: 'user' as const, content: 'Something else' }] };
    expect(semanticPartitionKey({ request: other }, 'e1')).toBe(semanticPartitionKey({ request: base }, 'e1'));
    expect(semanticPartitionKey({ request: base }, 'e2')).not.toBe(semanticPartitionKey({ request: base }, 'e1'));
    const otherSystem = { ...base, messages: [{ role: 'system' as const, content: 'Be kind.' }, base.messages[1]!] };
    expect(semanticPartitionKey({ request: otherSystem }, 'e1')).not.toBe(semanticPartitionKey({ request: base }, 'e1'));
  });

  it('embeds only a plain-text last user message, whitespace collapsed', () => {
    expect(semanticPromptOf(base)).toBe('Hello there');
    expect(semanticPromptOf({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] })).toBe('a b');
    const image = { ...base, messages: [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'http://x/y.png' } }] }] };
    expect(semanticPromptOf(image)).toBeNull();
    expect(semanticPromptOf({ ...base, messages: [{ role: 'tool', content: 'r', tool_call_id: 'c' }] })).toBeNull();
    expect(promptSummaryOf(base)).toBe('Hello   there');
  });
});

describe('cacheScopeOf', () => {
  it('scopes by team, by key when configured, and a key without a team by key', () => {
    expect(cacheScopeOf({ apiKeyId: 'k', teamId: 't' }, 'team')).toEqual({ tenant: 'team:t' });
    expect(cacheScopeOf({ apiKeyId: 'k', teamId: 't' }, 'key')).toEqual({ tenant: 'key:k' });
    expect(cacheScopeOf({ apiKeyId: 'k', teamId: null }, 'team')).toEqual({ tenant: 'key:k' });
  });
});
