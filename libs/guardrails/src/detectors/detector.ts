import type { Finding } from '../findings/finding';
import type { ScanText } from './scan-text';

/**
 * One check over a text. Detectors append to `out` (no intermediate arrays on the hot path) and
 * must run in time linear in the text: bounded quantifiers, boundary look-behinds, cheap
 * prefilters before any regex.
 */
export interface Detector {
  readonly family: Finding['detector'];
  /** The types this detector can report; the engine skips it when all of them are off. */
  readonly types: readonly string[];
  /** `scan` shares prefilter facts between detectors; a detector builds its own when absent. */
  detect(text: string, out: Finding[], scan?: ScanText): void;
}

/** Runs a global regex over `text`, calling `accept` for each match; the regex is reset first. */
export function eachMatch(regex: RegExp, text: string, accept: (match: RegExpExecArray) => void): void {
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length === 0) regex.lastIndex += 1;
    accept(match);
  }
}
