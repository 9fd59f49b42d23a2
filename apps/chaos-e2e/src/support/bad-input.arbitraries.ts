import fc from 'fast-check';

/** A request body as bytes on the wire, with the content type it claims. */
export interface BadBody {
  kind: string;
  body: string | Uint8Array;
  contentType: string | null;
}

const HUGE = 200_000;

/** Unusual Unicode: lone surrogates, NUL, bidi overrides, zero-width, combining marks, emoji. */
const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e\u202d', '\u200b\ufeff', 'e\u0301\u0301\u0301', '👩‍👩‍👧‍👦', '\u2028\u2029', '%00', '${jndi:ldap://x}'),
);

/** A value of the wrong kind, size or sign for any field, as JSON text (deep nesting built as text: JSON.stringify would overflow the stack). */
export const weirdJson: fc.Arbitrary<string> = fc.oneof(
  fc
    .oneof(
      fc.constantFrom<unknown>(null, true, false, 0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 1e-320, 0.5, -999_999_999, '', ' ', '0', 'null', 'NaN'),
      fc.integer(),
      fc.double(),
      oddText,
      fc.constant('x'.repeat(HUGE)),
      fc.constant(Array.from({ length: 20_000 }, () => 1)),
      fc.jsonValue({ maxDepth: 3 }),
      fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
      fc.dictionary(oddText, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 5 }),
    )
    .map((value) => JSON.stringify(value) ?? 'null'),
  fc.integer({ min: 50, max: 20_000 }).map((depth) => '[{"a":'.repeat(depth) + '1' + '}]'.repeat(depth)),
);

/** The base body with one field (known or unknown) set to a weird value, maybe another dropped. */
function mutated(base: Record<string, unknown>): fc.Arbitrary<BadBody> {
  const keys = Object.keys(base);
  const names = fc.constantFrom('__proto__', 'constructor', 'prototype', 'model', 'messages');
  const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), oddText, names) : fc.oneof(oddText, names);
  return fc
    .record({ key, value: weirdJson, drop: fc.option(fc.integer({ min: 0, max: Math.max(0, keys.length - 1) })) })
    .map(({ key: field, value, drop }) => {
      const body: Record<string, unknown> = { ...base };
      if (drop !== null && keys[drop] !== undefined) delete body[keys[drop]];
      delete body[field];
      // Written as text: JSON.parse makes a real own "__proto__" key, as an attacker's body would.
      const rest = JSON.stringify(body).slice(1, -1);
      return { kind: 'wrong field', body: `{${rest}${rest ? ',' : ''}${JSON.stringify(field)}:${value}}`, contentType: 'application/json' };
    });
}

/** Numbers no JavaScript double holds exactly, written as raw JSON literals. */
function absurdNumbers(base: Record<string, unknown>): fc.Arbitrary<BadBody> {
  return fc
    .record({
      key: fc.constantFrom(...Object.keys(base).filter((name) => typeof base[name] === 'number'), 'max_tokens', 'temperature', 'n', 'limit'),
      literal: fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0', '1E+2', '0.000000000000000000000000001', '-9223372036854775809'),
    })
    .map(({ key, literal }) => ({ kind: 'absurd number', body: `${JSON.stringify({ ...base, [key]: 0 }).replace(`"${key}":0`, `"${key}":${literal}`)}`, contentType: 'application/json' }));
}

/** Truncated, unbalanced or otherwise broken JSON text, and JSON that is not an object. */
function brokenJson(base: Record<string, unknown>): fc.Arbitrary<BadBody> {
  const whole = JSON.stringify(base);
  return fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, whole.length - 1) }).map((cut) => ({ kind: 'truncated JSON', body: whole.slice(0, cut), contentType: 'application/json' })),
    fc.constantFrom('{', '}', '{"a":}', "{'a':1}", '{"a":1,}', '[1,2', 'nul', 'undefined', '{"a":1}{"b":2}', '\ufeff{}', '{"a":"\\u12"}', '{"a":"\\x41"}').map((body) => ({ kind: 'broken JSON', body, contentType: 'application/json' })),
    fc.jsonValue({ maxDepth: 2 }).filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)).map((value) => ({ kind: 'not an object', body: JSON.stringify(value), contentType: 'application/json' })),
    fc.integer({ min: 1_000, max: 100_000 }).map((depth) => ({ kind: 'deep nesting', body: '['.repeat(depth) + ']'.repeat(depth), contentType: 'application/json' })),
    fc.integer({ min: 1_000, max: 50_000 }).map((depth) => ({ kind: 'deep nesting', body: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), contentType: 'application/json' })),
  );
}

/** Bytes that are not UTF-8, and content types the endpoint does not take. */
function wrongEncoding(base: Record<string, unknown>): fc.Arbitrary<BadBody> {
  const whole = JSON.stringify(base);
  return fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => ({ kind: 'raw bytes', body: bytes, contentType: 'application/json' })),
    fc.constantFrom([0xc3, 0x28], [0xa0, 0xa1], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0xff, 0xfe]).map((bad) => {
      const text = Buffer.from(whole.includes('"') ? whole.replace(/"([^"]*)"(?=[,}]|$)/, '"$1XX"') : '{"text":"XX"}');
      const at = text.indexOf('XX');
      return { kind: 'invalid UTF-8', body: Buffer.concat([text.subarray(0, at), Buffer.from(bad), text.subarray(at + 2)]), contentType: 'application/json' };
    }),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml').map((contentType) => ({ kind: 'content type', body: whole, contentType })),
    fc.constant({ kind: 'no content type', body: whole, contentType: null }),
  );
}

/** Every kind of bad body for an endpoint whose valid body looks like `base`. */
export function badBodies(base: Record<string, unknown>): fc.Arbitrary<BadBody> {
  return fc.oneof(
    { arbitrary: mutated(base), weight: 4 },
    { arbitrary: absurdNumbers(base), weight: 1 },
    { arbitrary: brokenJson(base), weight: 2 },
    { arbitrary: wrongEncoding(base), weight: 1 },
  );
}

/** A body just over the limit: well-formed JSON with one long string. */
export function oversizedBody(base: Record<string, unknown>, limitBytes: number): BadBody {
  return { kind: 'over the size limit', body: JSON.stringify({ ...base, padding: 'x'.repeat(limitBytes + 1) }), contentType: 'application/json' };
}

/** Every UTF-8 byte percent-encoded (encodeURIComponent throws on lone surrogates). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

/** Query strings with odd, huge, repeated or wrongly typed parameters. */
export function badQueries(names: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.constantFrom('', '-1', '0', '1e400', 'NaN', 'null', '[]', '{}', '%', '%zz', '%00', '%ff%fe', 'x'.repeat(5_000), '2026-13-45', '9999999999999999999'),
    oddText.map(percentEncoded),
    fc.integer().map(String),
  );
  const name = fc.oneof(fc.constantFrom(...names), fc.constantFrom('__proto__', 'constructor', 'unknown'), oddText.map(percentEncoded));
  return fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 6 }).map((pairs) => pairs.map(([key, val]) => `${key}=${val}`).join('&'));
}

/** Path parameters that are not ids. */
export const badPathParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '-1', 'null', 'undefined', '00000000-0000-0000-0000-000000000000', "' OR '1'='1", '..%2F..%2Fetc%2Fpasswd', '%00', '%ff', 'x'.repeat(3_000), '1e400', '%2e%2e'),
  oddText.filter((text) => text.length > 0).map(percentEncoded),
  fc.uuid(),
);
