import { eachMatch, type Detector } from '../detector';
import type { Finding } from '../../findings/finding';

const BEGIN = /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const END_MARKER = /-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
/** Longest block we look for an END marker in; an unterminated block runs to the end of the text. */
const MAX_BLOCK = 16_384;

export const privateKeyDetector: Detector = {
  family: 'secret',
  types: ['private_key'],
  detect(text: string, out: Finding[]): void {
    if (text.indexOf('PRIVATE KEY') === -1) return;
    eachMatch(BEGIN, text, (match) => {
      END_MARKER.lastIndex = match.index + match[0].length;
      const end = END_MARKER.exec(text);
      const blockEnd = end && end.index - match.index <= MAX_BLOCK ? end.index + end[0].length : text.length;
      out.push({ detector: 'secret', type: 'private_key', start: match.index, end: blockEnd });
      BEGIN.lastIndex = Math.max(BEGIN.lastIndex, blockEnd);
    });
  },
};

/** True when the text holds a BEGIN marker with no END after it (streams wait for the end). */
export function hasOpenPrivateKey(text: string): number {
  const begin = text.lastIndexOf('-----BEGIN ');
  if (begin === -1) return -1;
  const end = text.indexOf('-----END ', begin);
  return end === -1 ? begin : -1;
}
