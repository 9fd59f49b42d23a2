type O200k = typeof import('gpt-tokenizer/cjs/encoding/o200k_base');

// The o200k tables cost ~70 MB of RSS: loaded only when a text lands between the bounds.
let o200k: O200k | null = null;
const isWithinTokenLimit: O200k['isWithinTokenLimit'] = (text, limit, options) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (memory)
  o200k ??= require('gpt-tokenizer/cjs/encoding/o200k_base') as O200k;
  return o200k.isWithinTokenLimit(text, limit, options);
};

/**
 * Bounds on a text's o200k token count from one character loop, so MAX_INPUT_TOKENS needs the
 * (slow, and quadratic on long unbroken runs) BPE count only when the limit lies between them.
 *
 * Upper: UTF-8 bytes (every token is at least one byte).
 * Lower: the pre-tokenizer never puts letters and digits in one piece, puts at most 3 digits in
 * a piece, and starts a new piece at each ASCII letter run that follows a space or punctuation
 * (a run right after an apostrophe may be a contraction of the previous word: not counted). No
 * o200k token holds more than 26 ASCII letters. Non-ASCII characters extend the current run
 * without counting, which can only lower the bound.
 */
export interface TokenBounds {
  lower: number;
  upper: number;
}

/** Most ASCII letters in one o200k token (the alphabet); token-bounds.spec.ts checks the vocabulary. */
export const MAX_LETTERS_PER_TOKEN = 26;
const MAX_DIGITS_PER_PIECE = 3;
const APOSTROPHE = 39;

const NONE = 0;
const LETTERS = 1;
const DIGITS = 2;

export function tokenBounds(text: string): TokenBounds {
  let lower = 0;
  let run = NONE;
  let count = 0;
  let counted = false;
  const close = () => {
    if (run === LETTERS && counted) lower += Math.max(1, Math.ceil(count / MAX_LETTERS_PER_TOKEN));
    else if (run === DIGITS) lower += Math.ceil(count / MAX_DIGITS_PER_PIECE);
  };
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 128) continue; // joins whatever run is open
    const letter = (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
    const digit = code >= 48 && code <= 57;
    const kind = letter ? LETTERS : digit ? DIGITS : NONE;
    if (kind === run && kind !== NONE) {
      count += 1;
      continue;
    }
    close();
    run = kind;
    count = 1;
    counted = kind === LETTERS && (i === 0 || text.charCodeAt(i - 1) !== APOSTROPHE);
  }
  close();
  return { lower, upper: Buffer.byteLength(text, 'utf8') };
}

// Pieces of an unbroken run are encoded separately: BPE is quadratic in a piece's length.
const LONGEST_PIECE = 256;
const LONG_RUN = /\S{257,}/g;
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * True when the text has at most `limit` tokens. Counting stops once past the limit, and runs
 * longer than 256 characters are counted in 256-character pieces (exact for ordinary text, at
 * most one token more per piece otherwise), so the cost is linear in min(text, limit).
 */
export function withinTokenLimit(text: string, limit: number): boolean {
  const { lower, upper } = tokenBounds(text);
  if (upper <= limit) return true;
  if (lower > limit) return false;
  let left = limit;
  const count = (part: string): boolean => {
    const used = isWithinTokenLimit(part, left, AS_PLAIN_TEXT);
    if (used === false) return false;
    left -= used;
    return true;
  };
  let last = 0;
  for (const run of text.matchAll(LONG_RUN)) {
    const start = run.index;
    if (start > last && !count(text.slice(last, start))) return false;
    const end = start + run[0].length;
    for (let cut = start; cut < end; ) {
      let next = Math.min(end, cut + LONGEST_PIECE);
      if (next < end && isLowSurrogate(text.charCodeAt(next))) next -= 1;
      if (!count(text.slice(cut, next))) return false;
      cut = next;
    }
    last = end;
  }
  return last >= text.length || count(last === 0 ? text : text.slice(last));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
