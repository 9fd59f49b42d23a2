import { eachMatch, type Detector } from '../detector';
import type { Finding } from '../../findings/finding';

// Header and payload are base64url JSON objects, so both start with `eyJ` ('{"').
const JWT = /(?<![\w-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,4096}(?![\w-])/g;

export const jwtDetector: Detector = {
  family: 'secret',
  types: ['jwt'],
  detect(text: string, out: Finding[]): void {
    // '.eyJ' (the payload's start) is rarer than 'eyJ': fewer false starts for indexOf.
    if (text.indexOf('.eyJ') === -1) return;
    eachMatch(JWT, text, (match) => out.push({ detector: 'secret', type: 'jwt', start: match.index, end: match.index + match[0].length }));
  },
};
