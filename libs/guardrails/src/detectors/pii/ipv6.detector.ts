import type { Detector } from '../detector';
import type { Finding } from '../../findings/finding';

// Candidates grow outwards from each ':' over hex digits, colons and dots (an IPv4 tail), then
// are validated structurally in code: one indexOf per colon instead of a regex at every position.
function isAddressChar(code: number): boolean {
  return (code >= 48 && code <= 58) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102) || code === 46;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4_TAIL = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function groupsValid(groups: string[]): number {
  let count = 0;
  for (let i = 0; i < groups.length; i += 1) {
    const group = groups[i] ?? '';
    if (i === groups.length - 1 && group.includes('.')) {
      if (!IPV4_TAIL.test(group)) return -1;
      count += 2;
    } else if (HEX_GROUP.test(group)) count += 1;
    else return -1;
  }
  return count;
}

/** Without '::' an address has 6 or 7 colons: `12:30:45` is refused before any string is built. */
function enoughColons(text: string, start: number, end: number): boolean {
  let colons = 0;
  for (let i = start; i < end; i += 1) {
    if (text.charCodeAt(i) !== 58) continue;
    if (text.charCodeAt(i + 1) === 58) return true;
    colons += 1;
  }
  return colons >= 6;
}

export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  if (halves.length === 1) return groupsValid(text.split(':')) === 8;
  const left = halves[0] ? groupsValid(halves[0].split(':')) : 0;
  const right = halves[1] ? groupsValid(halves[1].split(':')) : 0;
  return left >= 0 && right >= 0 && left + right <= 7;
}

export const ipv6Detector: Detector = {
  family: 'pii',
  types: ['ipv6'],
  detect(text: string, out: Finding[]): void {
    if (text.indexOf(':') === -1) return;
    for (let colon = text.indexOf(':'); colon !== -1; ) {
      let start = colon;
      while (start > 0 && colon - start < 5 && isAddressChar(text.charCodeAt(start - 1))) start -= 1;
      let end = colon + 1;
      while (end < text.length && end - start < 46 && isAddressChar(text.charCodeAt(end))) end += 1;
      while (end > colon + 1 && text.charCodeAt(end - 1) === 46) end -= 1; // a sentence's full stop
      const next = text.indexOf(':', end);
      colon = next;
      if (start > 0 && (isWordChar(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46)) continue;
      if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
      if (text.charCodeAt(start) === 46 || end - start < 6 || !enoughColons(text, start, end)) continue;
      const value = text.slice(start, end);
      // `::1`, `::` and `Add::Face`-like identifiers: need a digit and at least three groups' worth.
      if (value.length < 6 || !/\d/.test(value) || !isIpv6(value)) continue;
      if (value.split(':').filter((part) => part.length > 0).length < 2) continue;
      out.push({ detector: 'pii', type: 'ipv6', start, end });
    }
  },
};
