import type { Detector } from '../detector';
import type { Finding } from '../../findings/finding';
import { detectInjection } from './prompt-injection.detector';

// Base64 runs long enough to hide a sentence, found with one character loop (a regex would try
// every word start). Decoded once, checked with the plain rules.
const MIN_RUN = 24;
const MAX_RUN = 8192;

function isBase64(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47;
}

/** Characters that make a run part of a longer token (URL-safe base64, ids): not a payload. */
function isTokenEdge(code: number): boolean {
  return code === 61 || code === 95 || code === 45;
}
const MAX_DECODED_PER_TEXT = 64 * 1024;

function mostlyPrintable(text: string): boolean {
  let printable = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code >= 32 && code < 127) || code === 10 || code === 13 || code === 9) printable += 1;
  }
  return printable >= text.length * 0.95;
}

export const encodedPayloadDetector: Detector = {
  family: 'injection',
  types: ['encoded'],
  detect(text: string, out: Finding[]): void {
    let budget = MAX_DECODED_PER_TEXT;
    let i = 0;
    while (i < text.length && budget > 0) {
      if (!isBase64(text.charCodeAt(i))) {
        i += 1;
        continue;
      }
      const start = i;
      while (i < text.length && isBase64(text.charCodeAt(i))) i += 1;
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end += 1;
      const length = i - start;
      const edged = (start > 0 && isTokenEdge(text.charCodeAt(start - 1))) || (end < text.length && isTokenEdge(text.charCodeAt(end)));
      if (length < MIN_RUN || length > MAX_RUN || length % 4 === 1 || edged) continue;
      budget -= length;
      const decoded = Buffer.from(text.slice(start, end), 'base64').toString('latin1');
      if (!mostlyPrintable(decoded)) continue;
      const inner: Finding[] = [];
      detectInjection(decoded, decoded.toLowerCase(), inner, 'encoded');
      if (inner.length > 0) out.push({ detector: 'injection', type: 'encoded', start, end });
    }
  },
};
