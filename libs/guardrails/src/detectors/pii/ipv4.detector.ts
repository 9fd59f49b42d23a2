import type { Detector } from '../detector';
import { ScanText } from '../scan-text';
import type { Finding } from '../../findings/finding';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const CANDIDATE = new RegExp(`(?<![\\w.\\-])${OCTET}(?:\\.${OCTET}){3}(?![\\w\\-]|\\.\\d)`, 'g');
// "version 1.2.3.4", "v2.0.0.1", "Chrome/1.2.3.4", "section 4.5.3.1": dotted quads that are not addresses.
const VERSION_CONTEXT = /(?:version|ver\.?|release|build|firmware|v|section|sec\.|§|chapter|clause|paragraph|step)\s*[:=]?\s*$|[A-Za-z]\/$/i;

/** Loopback, unspecified and netmasks identify no one. */
function notPersonal(text: string): boolean {
  return text.startsWith('127.') || text === '0.0.0.0' || text.startsWith('255.');
}

export const ipv4Detector: Detector = {
  family: 'pii',
  types: ['ipv4'],
  detect(text: string, out: Finding[], scan = new ScanText(text)): void {
    if (text.indexOf('.') === -1) return;
    scan.matchInRegions(4, CANDIDATE, (value, index) => {
      if (notPersonal(value)) return;
      if (VERSION_CONTEXT.test(text.slice(Math.max(0, index - 12), index))) return;
      out.push({ detector: 'pii', type: 'ipv4', start: index, end: index + value.length });
    });
  },
};
