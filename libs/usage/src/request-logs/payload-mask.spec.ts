import { cutAtWhitespace, maskPayload, maskText, TRUNCATION_MARK } from './payload-mask';

const EMAIL = 'jane.doe@example.com';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

describe('maskPayload', () => {
  it('masks PII and secrets in every string of a chat request, and keeps the shape', () => {
    const request = {
      model: 'gpt-4o-mini',
      temperature: 0.2,
      stream: false,
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: [{ type: 'text', text: `Mail ${EMAIL} the key ${AWS_KEY} please` }] },
      ],
    };
    const { value, truncated } = maskPayload(request, 4_000);
    const stored = JSON.stringify(value);
    expect(truncated).toBe(false);
    expect(stored).not.toContain(EMAIL);
    expect(stored).not.toContain(AWS_KEY);
    expect(value).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, stream: false, messages: [{ role: 'system', content: 'You are helpful.' }, { role: 'user' }] });
    expect(stored).toContain('[EMAIL]');
  });

  it('cuts all text together to the budget, at a word boundary, and says so', () => {
    const long = 'word '.repeat(1_000);
    const { value, truncated } = maskPayload({ a: long, b: long }, 100);
    const { a, b } = value as { a: string; b: string };
    expect(truncated).toBe(true);
    expect(a.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(a.length).toBeLessThanOrEqual(100 + TRUNCATION_MARK.length);
    expect(a.slice(0, -TRUNCATION_MARK.length).split(' ').every((part) => part === 'word')).toBe(true);
    expect(b).toBe(TRUNCATION_MARK); // nothing left for the second field
  });

  it('never keeps a fragment of a secret or an email cut in half', () => {
    const text = `${'x '.repeat(40)}${EMAIL} ${AWS_KEY} tail`;
    for (let budget = 60; budget < text.length; budget += 1) {
      const stored = JSON.stringify(maskPayload({ text }, budget).value);
      expect(stored).not.toMatch(/jane|AKIA/);
    }
  });

  it('drops a long unbroken token at the cut instead of keeping its head (a key in base64, an image)', () => {
    const { value } = maskPayload(`sk-${'a'.repeat(10_000)}`, 50);
    expect(value).toBe(TRUNCATION_MARK);
  });

  it('bounds arrays and nesting, and turns non-JSON values into JSON', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 40; level += 1) deep = { next: deep };
    const { value, truncated } = maskPayload({ items: Array.from({ length: 1_000 }, (_, i) => i), deep, when: new Date(0), big: 12n, nope: undefined, inf: Infinity }, 100_000);
    const out = value as Record<string, unknown>;
    expect(truncated).toBe(true);
    expect((out['items'] as number[]).length).toBe(256);
    expect(JSON.stringify(out['deep'])).toContain(TRUNCATION_MARK);
    expect(out['when']).toBe('1970-01-01T00:00:00.000Z');
    expect(out['big']).toBe('12');
    expect('nope' in out).toBe(false);
    expect(out['inf']).toBeNull();
  });

  it('masks caller-chosen keys too', () => {
    const stored = JSON.stringify(maskPayload({ metadata: { [EMAIL]: 'x' } }, 1_000).value);
    expect(stored).not.toContain(EMAIL);
  });
});

describe('cutAtWhitespace', () => {
  it('keeps the whole text when it fits, else the longest prefix ending a word', () => {
    expect(cutAtWhitespace('hello world', 20)).toBe('hello world');
    expect(cutAtWhitespace('hello world again', 11)).toBe('hello world');
    expect(cutAtWhitespace('hello world again', 10)).toBe('hello');
    expect(cutAtWhitespace('unbroken', 4)).toBe('');
  });
});

describe('maskText', () => {
  it('masks and truncates an error message', () => {
    const message = `upstream said: ${EMAIL} is not allowed ${'blah '.repeat(100)}`;
    const out = maskText(message, 60);
    expect(out).not.toContain(EMAIL);
    expect(out.endsWith(TRUNCATION_MARK)).toBe(true);
  });
});
