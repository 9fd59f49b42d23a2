import { eachMatch, type Detector } from '../detector';
import { ScanText } from '../scan-text';
import type { Finding } from '../../findings/finding';

// Candidates are one character class with a bounded repeat (linear); the structure is checked
// in code, which is cheaper and clearer than nesting optional groups in the pattern.
const INTERNATIONAL = /(?<![\w+])(?:\+|00)[1-9][\d \-.()/]{6,22}\d(?!\w)/g;
const NANP = /(?<![\w.+\-/$#])(?:1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w-]|[.:]\d)/g;
const NATIONAL = /(?<![\w.+\-/:$#])0\d{1,4}(?:[ -]\d{2,8}){1,4}(?![\w-]|[.:/]\d)/g;
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/;
const KEYWORD = /\b(?:phone|tel|telephone|mobile|cell|fax|whatsapp|call me at|text me at)\b[^\d\n+]{0,12}?(\+?\d[\d \-.()]{5,18}\d)(?![\w-])/gi;
// KEYWORD's number (7+ digits) lies in one numeric region and its keyword ends at most 12
// characters before it, so the keyword sits in the 22 characters ahead of that region.
const KEYWORD_NEAR = /phone|tel|mobile|cell|fax|whatsapp|call me|text me/i;
const KEYWORD_REACH = 32;

function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) count += 1;
  }
  return count;
}

/**
 * Keeps the leading part of an international candidate that looks like one number: groups
 * separated by single separators (a space next to a parenthesis is fine), at most 15 digits
 * (E.164). Returns the accepted length or 0.
 */
function internationalLength(raw: string): number {
  let digits = 0;
  let accepted = 0;
  let separatorRun = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] ?? '';
    if (ch >= '0' && ch <= '9') {
      digits += 1;
      separatorRun = 0;
      if (digits > 15) return 0;
      accepted = i + 1;
    } else if (ch === '+' && i === 0) {
      accepted = 1;
    } else {
      separatorRun += 1;
      const pairWithParen = separatorRun === 2 && (ch === '(' || ch === ' ') && (raw[i - 1] === ')' || raw[i - 1] === ' ');
      if (separatorRun > 1 && !pairWithParen) break;
      if (ch === '/' || ch === '.') {
        if (separatorRun > 1) break;
      }
    }
  }
  return digits >= 8 ? accepted : 0;
}

/** Adds a phone finding unless an earlier rule already covers that span. */
function push(out: Finding[], first: number, start: number, end: number): void {
  for (let i = first; i < out.length; i += 1) {
    const seen = out[i];
    if (seen && seen.start < end && start < seen.end) return;
  }
  out.push({ detector: 'pii', type: 'phone', start, end });
}

export const phoneDetector: Detector = {
  family: 'pii',
  types: ['phone'],
  detect(text: string, out: Finding[], scan = new ScanText(text)): void {
    const first = out.length;
    if (!scan.hasRegion(7)) return;
    if (text.indexOf('+') !== -1 || text.indexOf('00') !== -1) {
      scan.matchInRegions(7, INTERNATIONAL, (raw, index) => {
        const length = internationalLength(raw);
        if (length === 0) return;
        // Dotted runs after a '+' are more often versions or scores than numbers.
        const value = raw.slice(0, length);
        if (/\d\.\d+\.\d/.test(value) && !/[ ()-]/.test(value)) return;
        // `00` is a dialling prefix only before a full number (001-01-0001 is an SSN shape).
        if (value.startsWith('00') && digitCount(value) < 11) return;
        push(out, first, index, index + length);
      });
    }
    scan.matchInRegions(7, NANP, (raw, index) => push(out, first, index, index + raw.length));
    scan.matchInRegions(7, NATIONAL, (raw, index) => {
      const digits = digitCount(raw);
      if (digits >= 10 && digits <= 11) push(out, first, index, index + raw.length);
    });
    if (!scan.mentionsBefore(KEYWORD_NEAR, 7, KEYWORD_REACH)) return;
    eachMatch(KEYWORD, text, (match) => {
      const value = match[1] ?? '';
      if (SSN_SHAPE.test(value)) return;
      const digits = digitCount(value);
      if (digits < 7 || digits > 15) return;
      const end = match.index + match[0].length;
      push(out, first, end - value.length, end);
    });
  },
};
