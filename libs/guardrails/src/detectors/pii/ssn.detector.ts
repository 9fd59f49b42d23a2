import { eachMatch, type Detector } from '../detector';
import { ScanText } from '../scan-text';
import type { Finding } from '../../findings/finding';

// Dashed form on its own; spaced or bare nine digits only after a keyword ("SSN: 123 45 6789").
const DASHED = /(?<![\d\-./:])(\d{3})-(\d{2})-(\d{4})(?![\d]|[-.]\d)/g;
const KEYWORD = /\b(?:ssn|social security(?: number| no\.?| #)?|sozialversicherungsnummer)\b[^\d\n]{0,16}?(\d{3} ?\d{2} ?\d{4})(?![\d])/gi;
// KEYWORD's nine digits lie in one numeric region; the keyword (25 characters at most) ends at
// most 16 characters before them, so it sits in the 41 characters ahead of that region.
const KEYWORD_NEAR = /ssn|social security|sozialversicherung/i;
const KEYWORD_REACH = 48;

/** SSA rules: area 001-899 except 666, group 01-99, serial 0001-9999. */
function validSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a > 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

export const ssnDetector: Detector = {
  family: 'pii',
  types: ['ssn'],
  detect(text: string, out: Finding[], scan = new ScanText(text)): void {
    scan.matchInRegions(9, DASHED, (value, index, match) => {
      if (validSsn(match[1] ?? '', match[2] ?? '', match[3] ?? '')) out.push({ detector: 'pii', type: 'ssn', start: index, end: index + value.length });
    });
    if (!scan.mentionsBefore(KEYWORD_NEAR, 9, KEYWORD_REACH)) return;
    eachMatch(KEYWORD, text, (match) => {
      const value = match[1] ?? '';
      if (value.includes('-')) return;
      const digits = value.replace(/ /g, '');
      if (!validSsn(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) return;
      const end = match.index + match[0].length;
      out.push({ detector: 'pii', type: 'ssn', start: end - value.length, end });
    });
  },
};
