import type { Detector } from '../detector';
import type { Finding } from '../../findings/finding';

const AT = 64;
const DOT = 46;
const HYPHEN = 45;

// Scans outwards from each '@' instead of a regex: a run of 100 KB of local-part characters
// would otherwise make a `[chars]+@` pattern quadratic. Both walks are bounded (RFC 5321 sizes).
function isLocal(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
    code === DOT || code === 95 || code === 37 || code === 43 || code === HYPHEN
  );
}

function isDomain(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === DOT || code === HYPHEN;
}

function isAlpha(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/** True when the '@' belongs to a URL's user-info (`scheme://user:pass@host`), a secret not an email. */
function insideUrlUserInfo(text: string, localStart: number): boolean {
  const from = Math.max(0, localStart - 256);
  for (let i = localStart - 1; i >= from; i -= 1) {
    const code = text.charCodeAt(i);
    if (code <= 32 || code === 34 || code === 39 || code === 60 || code === 40) return false;
    if (code === 47 && text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 58) return true;
  }
  return false;
}

function validDomain(text: string, start: number, end: number): boolean {
  let lastDot = -1;
  let labelStart = start;
  for (let i = start; i <= end; i += 1) {
    if (i === end || text.charCodeAt(i) === DOT) {
      if (i === labelStart || text.charCodeAt(labelStart) === HYPHEN || text.charCodeAt(i - 1) === HYPHEN) return false;
      if (i < end) lastDot = i;
      labelStart = i + 1;
    }
  }
  if (lastDot < 0 || end - lastDot - 1 < 2) return false;
  for (let i = lastDot + 1; i < end; i += 1) if (!isAlpha(text.charCodeAt(i))) return false;
  // `icon@2x.png`: retina asset names, not addresses.
  return !(end - start > 3 && text.charCodeAt(start + 1) === 120 && text.charCodeAt(start + 2) === DOT && text.charCodeAt(start) <= 57);
}

export const emailDetector: Detector = {
  family: 'pii',
  types: ['email'],
  detect(text: string, out: Finding[]): void {
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      let start = at;
      while (start > 0 && at - start < 64 && isLocal(text.charCodeAt(start - 1))) start -= 1;
      if (start > 0 && isLocal(text.charCodeAt(start - 1))) continue; // local part longer than 64
      while (start < at && text.charCodeAt(start) === DOT) start += 1;
      if (start === at || text.charCodeAt(at - 1) === DOT) continue;
      let end = at + 1;
      while (end < text.length && end - at <= 253 && isDomain(text.charCodeAt(end))) end += 1;
      while (end > at + 1 && (text.charCodeAt(end - 1) === DOT || text.charCodeAt(end - 1) === HYPHEN)) end -= 1;
      const next = text.charCodeAt(end);
      if (next === AT || next === 58 /* ':' scp-style git@host:path */) continue;
      if (!validDomain(text, at + 1, end) || insideUrlUserInfo(text, start)) continue;
      out.push({ detector: 'pii', type: 'email', start, end });
    }
  },
};
