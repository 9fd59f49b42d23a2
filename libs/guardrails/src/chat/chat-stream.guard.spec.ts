import fc from 'fast-check';
import type { ChatCompletionChunk } from '@llmgw/contracts';
import { Guardrails } from '../guardrails.service';
import type { GuardrailPolicy } from '../policy/guardrail-policy.schema';
import { parseGuardrailPolicy } from '../policy/merge-policy';
import type { ChatStreamGuard } from './chat-stream.guard';

const guardrails = (policy: GuardrailPolicy = {}) => new Guardrails(parseGuardrailPolicy(policy, 'test'));
type Delta = ChatCompletionChunk['choices'][number]['delta'];

const chunk = (delta: Delta, finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null, index = 0): ChatCompletionChunk => ({
  id: 's1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'mock-1',
  choices: [{ index, delta, finish_reason: finish }],
});

function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces.filter((piece) => piece.length > 0);
}

/** Streams the pieces as content deltas of choice 0 and returns everything the client receives. */
function run(guard: ChatStreamGuard, pieces: string[], finish = true): { text: string; chunks: ChatCompletionChunk[] } {
  const chunks: ChatCompletionChunk[] = [chunk({ role: 'assistant', content: '' })].flatMap((c) => guard.push(c));
  for (const piece of pieces) chunks.push(...guard.push(chunk({ content: piece })));
  chunks.push(...(finish ? guard.push(chunk({}, 'stop')) : guard.end()));
  return { text: chunks.map((c) => c.choices.map((choice) => choice.delta.content ?? '').join('')).join(''), chunks };
}

const SAMPLE =
  'Hi, reach me at ann.lee@example.com or +44 20 7946 0958. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, ' +
  'SSN 123-45-6789, key AKIAIOSFODNN7EXAMPLE and token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U, ' +
  'db postgres://app:Tr0ub4dor@db:5432/x, host 10.1.2.3. Bye.';

describe('stream guard', () => {
  it('redacts a card split across two chunks at every possible position', () => {
    const expected = guardrails().session().guardText('pay with 4111 1111 1111 1111 now', 'output');
    expect(expected).toBe('pay with [CARD_1] now');
    const text = 'pay with 4111 1111 1111 1111 now';
    for (let cut = 1; cut < text.length; cut += 1) {
      const { text: out } = run(guardrails().session().streamGuard(), [text.slice(0, cut), text.slice(cut)]);
      expect(out).toBe(expected);
    }
  });

  it('property: any chunking of a text gives the same output as guarding it whole', () => {
    const whole = guardrails().session().guardText(SAMPLE, 'output');
    expect(whole).not.toContain('4111');
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
        expect(run(guardrails().session().streamGuard(), split(SAMPLE, cuts)).text).toBe(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('holds back only a bounded tail and emits plain prose without waiting for the finish', () => {
    const guard = guardrails().session().streamGuard();
    const out = guard.push(chunk({ content: 'The quick brown fox jumps over the lazy dog and keeps run' }));
    expect(out[0]?.choices[0]?.delta.content).toBe('The quick brown fox jumps over the lazy dog and keeps ');
    expect(guard.push(chunk({ content: 'ning.' }))).toEqual([]);
    expect(guard.push(chunk({}, 'stop'))[0]?.choices[0]).toEqual({ index: 0, delta: { content: 'running.' }, finish_reason: 'stop' });
  });

  it('restores mask-mode placeholders even when a placeholder is split', () => {
    const session = guardrails({ pii: { mode: 'mask' } }).session();
    session.guardRequest({ model: 'm', messages: [{ role: 'user', content: 'mail ann@example.com' }] });
    const { text } = run(session.streamGuard(), ['Mailed [EM', 'AIL', '_1] ', 'today']);
    expect(text).toBe('Mailed ann@example.com today');
  });

  it('replaces a private-key block that streams line by line, END line included', () => {
    const lines = ['Here:\n-----BEGIN ', 'RSA PRIVATE KEY-----\n', 'MIIEpAIBAAKCAQEAx\n', 'abcDEF123+/=\n', '-----END RSA PRIVATE KEY-----\n', 'done'];
    const { text } = run(guardrails().session().streamGuard(), lines);
    expect(text).toBe('Here:\n[PRIVATE_KEY_1]\ndone');
  });

  it('flushes held text when the upstream ends without a finish_reason', () => {
    const { text } = run(guardrails().session().streamGuard(), ['mail ann@exa', 'mple.com'], false);
    expect(text).toBe('mail [EMAIL_1]');
  });

  it('keeps choices apart and redacts tool-call arguments across chunks', () => {
    const guard = guardrails().session().streamGuard();
    const out = [
      ...guard.push(chunk({ content: 'a 4111 1111 ' }, null, 0)),
      ...guard.push(chunk({ content: 'b 4111 1111 ' }, null, 1)),
      ...guard.push(chunk({ content: '1111 1111 x' }, 'stop', 0)),
      ...guard.push(chunk({ tool_calls: [{ index: 0, id: 't1', type: 'function', function: { name: 'send', arguments: '{"to":"ann@ex' } }] }, null, 1)),
      ...guard.push(chunk({ tool_calls: [{ index: 0, function: { arguments: 'ample.com"}' } }] }, 'tool_calls', 1)),
    ];
    const text = (index: number) => out.flatMap((c) => c.choices.filter((choice) => choice.index === index)).map((choice) => choice.delta.content ?? '').join('');
    const args = out.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? [])).map((call) => call.function?.arguments ?? '').join('');
    expect(text(0)).toBe('a [CARD_1] x');
    expect(text(1)).toBe('b 4111 1111 ');
    expect(JSON.parse(args)).toEqual({ to: '[EMAIL_1]' });
    expect(out.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? []))[0]).toMatchObject({ id: 't1', function: { name: 'send' } });
  });

  it('cuts a choice at max_output_length with finish_reason length', () => {
    const guard = guardrails({ limits: { max_output_length: 10 } }).session().streamGuard();
    const { chunks, text } = run(guard, ['hello world ', 'and more ', 'words here ']);
    expect(text).toBe('hello worl');
    expect(guard.truncated).toBe(true);
    expect(chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter(Boolean)).toEqual(['length']);
  });

  it('reports SQL findings of the whole streamed text at the finish', () => {
    const session = guardrails({ sql_injection: { mode: 'flag' } }).session();
    run(session.streamGuard(), ['Run: DELETE ', 'FROM orders', ';']);
    expect(session.sqlFindings).toEqual(['unscoped_delete']);
  });

  it('passes usage-only chunks through', () => {
    const guard = guardrails().session().streamGuard();
    const usage: ChatCompletionChunk = { ...chunk({}), choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } };
    expect(guard.push(usage)).toEqual([usage]);
  });
});
