import { eachMatch, type Detector } from '../detector';
import type { Finding, SecretType } from '../../findings/finding';

interface KeyRule {
  type: SecretType;
  /** Literals of which every match contains one: none present skips the regex (most texts hold none). */
  prefixes: readonly string[];
  /**
   * Shorter literals of which every match contains one, starting with a character rare in prose
   * ('_', '-', ':'): checked first because indexOf stops at every occurrence of a needle's first
   * character ('sk-' is slow to rule out in English text, 'k-' is not).
   */
  anchors?: readonly string[];
  regex: RegExp;
  /** Random keys mix letters and digits; words like `sk-learn-style-guide` do not. */
  mixed?: boolean;
  /** The secret is the last capture group, not the whole match (context-anchored rules). */
  lastGroup?: boolean;
}

// Token shapes as the vendors document them. Boundaries are look-arounds on the token alphabet,
// repeats are bounded, so every rule is linear in the text.
const RULES: KeyRule[] = [
  { type: 'anthropic_key', prefixes: ['sk-ant-'], anchors: ['k-'], regex: /(?<![\w-])sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{20,300}(?![\w-])/g },
  { type: 'openai_key', prefixes: ['sk-'], anchors: ['k-'], regex: /(?<![\w-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,300}(?![\w-])/g, mixed: true },
  { type: 'google_api_key', prefixes: ['AIza'], regex: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { type: 'aws_access_key', prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g, mixed: true },
  {
    type: 'aws_secret_key',
    prefixes: ['ecret'],
    anchors: ['cret', 'CRET'],
    regex: /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s{0,4}[:=]\s{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    lastGroup: true,
  },
  { type: 'github_token', prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], anchors: ['_'], regex: /(?<![\w])gh[pousr]_[A-Za-z0-9]{36,251}(?![\w])/g },
  { type: 'github_token', prefixes: ['github_pat_'], anchors: ['_'], regex: /(?<![\w])github_pat_[A-Za-z0-9_]{22,255}(?![\w])/g },
  { type: 'gitlab_token', prefixes: ['glpat-'], regex: /(?<![\w-])glpat-[A-Za-z0-9_-]{20,64}(?![\w-])/g },
  { type: 'slack_token', prefixes: ['xox'], regex: /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,250}(?![\w-])/g, mixed: true },
  { type: 'slack_webhook', prefixes: ['hooks.slack.com'], anchors: ['://'], regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_/]{20,160}/g },
  { type: 'stripe_key', prefixes: ['_live_'], anchors: ['_'], regex: /(?<![\w])(?:sk|rk)_live_[A-Za-z0-9]{16,247}(?![\w])/g },
  { type: 'stripe_key', prefixes: ['_test_'], anchors: ['_'], regex: /(?<![\w])(?:sk|rk)_test_[A-Za-z0-9]{16,247}(?![\w])/g },
  { type: 'npm_token', prefixes: ['npm_'], anchors: ['_'], regex: /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g },
  { type: 'huggingface_token', prefixes: ['hf_'], anchors: ['_'], regex: /(?<![\w])hf_[A-Za-z0-9]{34,40}(?![\w])/g, mixed: true },
  { type: 'sendgrid_key', prefixes: ['SG.'], regex: /(?<![\w])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![\w-])/g },
];

function mentionsPrefix(text: string, rule: KeyRule): boolean {
  if (rule.anchors && !rule.anchors.some((anchor) => text.indexOf(anchor) !== -1)) return false;
  for (const prefix of rule.prefixes) {
    if (text.indexOf(prefix) !== -1) return true;
    // Context-anchored rules are case-insensitive: `AWS_SECRET_ACCESS_KEY` as well.
    if (rule.lastGroup && text.indexOf(prefix.toUpperCase()) !== -1) return true;
  }
  return false;
}

function mixesLettersAndDigits(value: string): boolean {
  return /\d/.test(value) && /[A-Za-z]/.test(value) && !/^[a-z-]+$/.test(value.replace(/\d/g, ''));
}

export const providerKeysDetector: Detector = {
  family: 'secret',
  types: [...new Set(RULES.map((rule) => rule.type))],
  detect(text: string, out: Finding[]): void {
    for (const rule of RULES) {
      if (!mentionsPrefix(text, rule)) continue;
      eachMatch(rule.regex, text, (match) => {
        let start = match.index;
        const end = match.index + match[0].length;
        if (rule.lastGroup) start = end - (match[match.length - 1] ?? '').length;
        if (rule.mixed && !mixesLettersAndDigits(text.slice(start, end))) return;
        out.push({ detector: 'secret', type: rule.type, start, end });
      });
    }
  },
};
