import type { Detector } from '../detector';
import { ScanText } from '../scan-text';
import type { Finding } from '../../findings/finding';
import { luhnValid } from '../checksums';

// 13-19 digits, optionally grouped by single spaces or dashes. Each repetition consumes exactly
// one digit, so backtracking is bounded by the repetition count.
const CANDIDATE = /(?<![\d\-.,/])(?:\d[ -]?){12,18}\d(?![\d]|[-.,/]\d)/g;

/** Issuer prefixes (IIN ranges) of the card networks, with their valid lengths. */
function knownIssuer(d: string): boolean {
  const len = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (d[0] === '4') return len === 13 || len === 16 || len === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return len === 15; // Amex
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) return len >= 16 && len <= 19; // Discover
  if (p2 === 62) return len >= 16 && len <= 19; // UnionPay
  if (p4 >= 3528 && p4 <= 3589) return len >= 16 && len <= 19; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return len >= 14 && len <= 19; // Diners
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return len >= 12 && len <= 19; // Maestro
  return false;
}

export const cardDetector: Detector = {
  family: 'pii',
  types: ['card'],
  detect(text: string, out: Finding[], scan = new ScanText(text)): void {
    scan.matchInRegions(13, CANDIDATE, (raw, index) => {
      const hasSpace = raw.includes(' ');
      if (hasSpace && raw.includes('-')) return; // mixed separators: a list of numbers, not a card
      const digits = hasSpace || raw.includes('-') ? raw.replace(/[ -]/g, '') : raw;
      if (digits.length < 13 || digits.length > 19 || !luhnValid(digits) || !knownIssuer(digits)) return;
      out.push({ detector: 'pii', type: 'card', start: index, end: index + raw.length });
    });
  },
};
