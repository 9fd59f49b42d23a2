/**
 * Facts about a text gathered in one character loop, stored in reusable typed arrays (a scan
 * of a warm instance allocates nothing):
 * - numeric regions: runs of digits and number punctuation (space - . ( ) / +) starting at a
 *   digit (or at the punctuation just before it, not a space), as (start, end, digits) triples;
 * - base64 runs of at least `MIN_BASE64_RUN` characters (A-Z a-z 0-9 + /), as (start, end) pairs.
 */
export interface Prescan {
  regions: Int32Array;
  regionCount: number;
  /** Most digits in one region (0 when there is none). */
  maxDigits: number;
  runs: Int32Array;
  runCount: number;
}

/** Shortest base64 run that can hide a sentence worth checking (encoded-payload detector). */
export const MIN_BASE64_RUN = 24;

const DIGIT = 1;
const NUMBER_PUNCT = 2;
const BASE64 = 4;
const NUMBER = DIGIT | NUMBER_PUNCT;

const CLASSES = new Uint8Array(128);
for (let code = 48; code <= 57; code += 1) CLASSES[code] = DIGIT | BASE64;
for (let code = 65; code <= 90; code += 1) CLASSES[code] = BASE64;
for (let code = 97; code <= 122; code += 1) CLASSES[code] = BASE64;
for (const ch of ' -.()') CLASSES[ch.charCodeAt(0)] = NUMBER_PUNCT;
for (const ch of '+/') CLASSES[ch.charCodeAt(0)] = NUMBER_PUNCT | BASE64;

function grow(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const next = new Int32Array(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

export function prescan(text: string, into: Prescan): Prescan {
  let regions = into.regions;
  let runs = into.runs;
  let regionCount = 0;
  let maxDigits = 0;
  let runCount = 0;
  let regionStart = -1;
  let digits = 0;
  let runStart = -1;
  const length = text.length;
  for (let i = 0; i <= length; i += 1) {
    const code = i < length ? text.charCodeAt(i) : 0; // one past the end closes open runs
    const cls = code < 128 ? CLASSES[code]! : 0;
    if (regionStart >= 0) {
      if ((cls & DIGIT) !== 0) digits += 1;
      else if ((cls & NUMBER) === 0) {
        regions = grow(regions, 3 * regionCount + 3);
        regions[3 * regionCount] = regionStart;
        regions[3 * regionCount + 1] = i;
        regions[3 * regionCount + 2] = digits;
        regionCount += 1;
        if (digits > maxDigits) maxDigits = digits;
        regionStart = -1;
      }
    } else if ((cls & DIGIT) !== 0) {
      // Punctuation right before the first digit belongs to the number ("+44", "(555"), a space does not.
      let start = i;
      while (start > 0) {
        const before = text.charCodeAt(start - 1);
        if (before === 32 || before >= 128 || (CLASSES[before]! & NUMBER_PUNCT) === 0) break;
        start -= 1;
      }
      regionStart = start;
      digits = 1;
    }
    if ((cls & BASE64) !== 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart >= MIN_BASE64_RUN) {
        runs = grow(runs, 2 * runCount + 2);
        runs[2 * runCount] = runStart;
        runs[2 * runCount + 1] = i;
        runCount += 1;
      }
      runStart = -1;
    }
  }
  into.regions = regions;
  into.runs = runs;
  into.regionCount = regionCount;
  into.maxDigits = maxDigits;
  into.runCount = runCount;
  return into;
}
