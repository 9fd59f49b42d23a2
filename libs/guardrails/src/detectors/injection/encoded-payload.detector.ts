import type { Detector } from '../detector';
import type { Finding } from '../../findings/finding';
import { ScanText } from '../scan-text';
import { detectInjection } from './prompt-injection.detector';

// Base64 runs long enough to hide a sentence come from the shared prescan (one character loop
// for all detectors; a regex would try every word start). Decoded once, checked with the plain rules.
const MAX_RUN = 8192;
const MAX_DECODED_PER_TEXT = 64 * 1024;
const EQUALS = 61;

/** Characters that make a run part of a longer token (URL-safe base64, ids): not a payload. */
function isTokenEdge(code: number): boolean {
  return code === EQUALS || code === 95 || code === 45;
}

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
  detect(text: string, out: Finding[], scan = new ScanText(text)): void {
    const { runs, runCount } = scan.base64Runs();
    let budget = MAX_DECODED_PER_TEXT;
    for (let r = 0; r < runCount && budget > 0; r += 1) {
      const start = runs[2 * r]!;
      const runEnd = runs[2 * r + 1]!;
      let end = runEnd;
      while (end < text.length && end - runEnd < 2 && text.charCodeAt(end) === EQUALS) end += 1;
      const length = runEnd - start;
      const edged = (start > 0 && isTokenEdge(text.charCodeAt(start - 1))) || (end < text.length && isTokenEdge(text.charCodeAt(end)));
      if (length > MAX_RUN || length % 4 === 1 || edged) continue;
      budget -= length;
      const decoded = Buffer.from(text.slice(start, end), 'base64').toString('latin1');
      if (!mostlyPrintable(decoded)) continue;
      const inner: Finding[] = [];
      detectInjection(decoded, decoded.toLowerCase(), inner, 'encoded');
      if (inner.length > 0) out.push({ detector: 'injection', type: 'encoded', start, end });
    }
  },
};
