import { decode, encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { MAX_LETTERS_PER_TOKEN, tokenBounds, withinTokenLimit } from './token-bounds';

const SAMPLES = [
  'The quick brown fox jumps over the lazy dog while the team discusses latency budgets.',
  "Don't stop; we'll see what's next. It's 12:30:45 on 2024-05-14, build 8812, p99 870 ms.",
  'function retry(fn, attempts = 3) {\n  for (let i = 0; i < attempts; i += 1) { try { return fn(); } catch {} }\n}\n',
  'Order 4111111111111112 failed, id 550e8400-e29b-41d4-a716-446655440000, IP 10.20.30.40.',
  'Café naïve résumé — “quoted” 東京都 123４５6 😀😀 emoji and 𝟏𝟐𝟑 digits, ĳ ligature',
  'camelCaseIdentifierWithManyWords HTTPServerError XMLHttpRequest snake_case_name',
  '<|endoftext|> <|im_start|>system\nYou are helpful<|im_end|>',
  "rock'n'roll 'quoted' l'homme O'Neil ''double'' 'S 'T 'RE",
  '\t\n\r  \n\n   spaces   and\ttabs\r\n',
  '0123456789'.repeat(20) + ' ' + 'abc1'.repeat(30),
  'a'.repeat(300) + ' ' + 'Zz'.repeat(150) + ' ' + 'abcdefghijklmnopqrstuvwxyz'.repeat(4),
  'ÀÉÎ'.repeat(50) + 'xyz' + 'é'.repeat(40),
];

describe('token bounds (o200k_base)', () => {
  it('no o200k token holds more than MAX_LETTERS_PER_TOKEN ASCII letters or more than 3 digits', () => {
    let letters = 0;
    let digits = 0;
    let decoded = 0;
    for (let rank = 0; rank < 200_019; rank += 1) {
      let text: string;
      try {
        text = decode([rank]);
      } catch {
        continue; // unused ranks (holes in the vocabulary) and special tokens
      }
      decoded += 1;
      letters = Math.max(letters, text.replace(/[^A-Za-z]/g, '').length);
      digits = Math.max(digits, text.replace(/[^0-9]/g, '').length);
    }
    expect(decoded).toBeGreaterThan(199_000);
    expect(letters).toBe(MAX_LETTERS_PER_TOKEN);
    expect(digits).toBe(3);
  });

  it.each(SAMPLES.map((text) => [text.slice(0, 40), text]))('lower <= exact count <= upper: %j', (_name, text) => {
    const exact = encode(text, { disallowedSpecial: new Set() }).length;
    const { lower, upper } = tokenBounds(text);
    expect(lower).toBeLessThanOrEqual(exact);
    expect(upper).toBeGreaterThanOrEqual(exact);
    expect(lower).toBeGreaterThan(0);
  });

  it('agrees with the exact count on every limit around it, and far from it', () => {
    for (const text of SAMPLES.filter((sample) => !/\S{257,}/.test(sample))) {
      const exact = encode(text, { disallowedSpecial: new Set() }).length;
      for (const limit of [1, exact - 1, exact, exact + 1, 10 * exact]) {
        if (limit > 0) expect([text.slice(0, 20), limit, withinTokenLimit(text, limit)]).toEqual([text.slice(0, 20), limit, exact <= limit]);
      }
    }
  });

  it('decides a 100 KB unbroken run from the bounds alone, without BPE on it', () => {
    const run = 'a'.repeat(102_400);
    expect(tokenBounds(run).lower).toBe(Math.ceil(102_400 / MAX_LETTERS_PER_TOKEN));
    expect(withinTokenLimit(run, 1_000)).toBe(false);
    expect(withinTokenLimit(run, 102_400)).toBe(true);
  });

  it('counts a long run near the limit in pieces (never fewer tokens than the bound)', () => {
    const run = 'ab'.repeat(2_000);
    const { lower } = tokenBounds(run);
    expect(withinTokenLimit(run, lower - 1)).toBe(false);
    expect(withinTokenLimit(run, 4_000)).toBe(true);
  });
});
