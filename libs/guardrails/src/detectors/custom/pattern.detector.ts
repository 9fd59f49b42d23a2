import { eachMatch, type Detector } from '../detector';
import type { DetectorFamily, Finding } from '../../findings/finding';

export interface NamedPattern {
  name: string;
  regex: RegExp;
}

/** Custom redaction patterns (`custom.<name>`) or deny patterns (`deny.<name>`) from the policy. */
export function patternDetector(family: Extract<DetectorFamily, 'custom' | 'deny'>, patterns: readonly NamedPattern[]): Detector {
  return {
    family,
    types: patterns.map((pattern) => pattern.name),
    detect(text: string, out: Finding[]): void {
      for (const pattern of patterns) {
        eachMatch(pattern.regex, text, (match) => {
          if (match[0].length > 0) out.push({ detector: family, type: pattern.name, start: match.index, end: match.index + match[0].length });
        });
      }
    },
  };
}

/** Spans the allow patterns cover: findings inside one are dropped (e.g. the company's support address). */
export function allowedSpans(text: string, allow: readonly RegExp[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const regex of allow) eachMatch(regex, text, (match) => spans.push([match.index, match.index + match[0].length]));
  return spans;
}
