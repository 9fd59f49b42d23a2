import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { countCompletionTokens, countPromptTokens, countTextTokens, promptTokenUpperBound, truncateToTokens } from './token-counter';

describe('token counter (o200k_base)', () => {
  it('counts text tokens with the o200k encoding', () => {
    expect(countTextTokens('')).toBe(0);
    expect(countTextTokens('hello world')).toBe(2);
  });

  it('counts special-token look-alikes in user text as plain text instead of refusing them', () => {
    expect(countTextTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('adds OpenAI’s per-message overhead: 3 per message, the role, 1 per name, 3 to prime the reply', () => {
    const one: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'hello world' }] };
    expect(countPromptTokens(one)).toBe(3 + 1 + 2 + 3);
    const named: ChatCompletionRequest = {
      model: 'm',
      messages: [{ role: 'user', content: 'hello world', name: 'bob' }],
    };
    expect(countPromptTokens(named)).toBe(countPromptTokens(one) + 1 + countTextTokens('bob'));
  });

  it('counts text parts and a floor for images', () => {
    const request: ChatCompletionRequest = {
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hello world' },
            { type: 'image_url', image_url: { url: 'https://x/y.png' } },
          ],
        },
      ],
    };
    expect(countPromptTokens(request)).toBe(3 + 1 + 2 + 85 + 3);
  });

  it('counts tool definitions into the prompt and tool calls into the completion', () => {
    const base: ChatCompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'weather?' }] };
    const withTools: ChatCompletionRequest = {
      ...base,
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    };
    expect(countPromptTokens(withTools)).toBeGreaterThan(countPromptTokens(base));
    const call = {
      id: 'call_1',
      type: 'function' as const,
      function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    };
    expect(countCompletionTokens(null, [call])).toBe(
      countTextTokens('get_weather') + countTextTokens('{"city":"Paris"}'),
    );
  });

  it('counts a long unbroken run in pieces: close to exact, and decodes back to the same text', () => {
    const run = 'ab'.repeat(1_500) + 'x' + '🙂'.repeat(300); // the odd 'x' puts some cuts inside surrogate pairs
    const exact = encode(run, { disallowedSpecial: new Set() }).length;
    const counted = countTextTokens(run);
    expect(counted).toBeGreaterThanOrEqual(exact);
    expect(counted).toBeLessThanOrEqual(exact + Math.ceil(run.length / 256));
    expect(truncateToTokens(`${run} tail`, 100_000)).toBe(`${run} tail`);
    expect(countTextTokens('Plain words, each short: counted exactly.')).toBe(encode('Plain words, each short: counted exactly.').length);
  });

  it('truncates to whole tokens', () => {
    const text = 'one two three four five six';
    expect(countTextTokens(truncateToTokens(text, 3))).toBe(3);
    expect(truncateToTokens(text, 100)).toBe(text);
  });
});

describe('promptTokenUpperBound', () => {
  const requests: Array<Pick<ChatCompletionRequest, 'messages' | 'tools'>> = [
    { messages: [{ role: 'user', content: 'Say hello' }] },
    { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'naïve café — 你好世界 🚀🚀 ' + 'x'.repeat(600) }] },
    { messages: [{ role: 'user', name: 'ana', content: [{ type: 'text', text: '1234567890 '.repeat(40) }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] },
    {
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '{"temp":21}' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    },
  ];

  it.each(requests.map((request, i) => [i, request] as const))('is never below the exact count (request %i)', (_i, request) => {
    const exact = countPromptTokens(request);
    const bound = promptTokenUpperBound(request);
    expect(bound).toBeGreaterThanOrEqual(exact);
    // A bound, not a guess: at most one token per byte of text plus the same framing.
    expect(bound).toBeLessThanOrEqual(exact + Buffer.byteLength(JSON.stringify(request)));
  });
});
