import { eachMatch, type Detector } from '../detector';
import type { Finding, SecretType } from '../../findings/finding';

interface KeyRule {
  type: SecretType;
  /** A literal every match contains: a missing one skips the regex (most texts hold none). */
  prefix: string;
  regex: RegExp;
  /** Random keys mix letters and digits; words like `sk-learn-style-guide` do not. */
  mixed?: boolean;
  /** The secret is the last capture group, not the whole match (context-anchored rules). */
  lastGroup?: boolean;
}

// Token shapes as the vendors document them. Boundaries are look-arounds on the token alphabet,
// repeats are bounded, so every rule is linear in the text.
const RULES: KeyRule[] = [
  { type: 'anthropic_key', prefix: 'sk-ant-', regex: /(?<![\w-])sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{20,300}(?![\w-])/g },
  { type: 'openai_key', prefix: 'sk-', regex: /(?<![\w-])sk-(?!ant-)(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,300}(?![\w-])/g, mixed: true },
  { type: 'google_api_key', prefix: 'AIza', regex: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { type: 'aws_access_key', prefix: 'A', regex: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g, mixed: true },
  {
    type: 'aws_secret_key',
    prefix: 'ecret',
    regex: /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s{0,4}[:=]\s{0,4}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    lastGroup: true,
  },
  { type: 'github_token', prefix: 'gh', regex: /(?<![\w])gh[pousr]_[A-Za-z0-9]{36,251}(?![\w])/g },
  { type: 'github_token', prefix: 'github_pat_', regex: /(?<![\w])github_pat_[A-Za-z0-9_]{22,255}(?![\w])/g },
  { type: 'gitlab_token', prefix: 'glpat-', regex: /(?<![\w-])glpat-[A-Za-z0-9_-]{20,64}(?![\w-])/g },
  { type: 'slack_token', prefix: 'xox', regex: /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,250}(?![\w-])/g, mixed: true },
  { type: 'slack_webhook', prefix: 'hooks.slack.com', regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_/]{20,160}/g },
  { type: 'stripe_key', prefix: '_live_', regex: /(?<![\w])(?:sk|rk)_live_[A-Za-z0-9]{16,247}(?![\w])/g },
  { type: 'stripe_key', prefix: '_test_', regex: /(?<![\w])(?:sk|rk)_test_[A-Za-z0-9]{16,247}(?![\w])/g },
  { type: 'npm_token', prefix: 'npm_', regex: /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g },
  { type: 'huggingface_token', prefix: 'hf_', regex: /(?<![\w])hf_[A-Za-z0-9]{34,40}(?![\w])/g, mixed: true },
  { type: 'sendgrid_key', prefix: 'SG.', regex: /(?<![\w])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![\w-])/g },
];

function mixesLettersAndDigits(value: string): boolean {
  return /\d/.test(value) && /[A-Za-z]/.test(value) && !/^[a-z-]+$/.test(value.replace(/\d/g, ''));
}

export const providerKeysDetector: Detector = {
  family: 'secret',
  types: [...new Set(RULES.map((rule) => rule.type))],
  detect(text: string, out: Finding[]): void {
    for (const rule of RULES) {
      if (text.indexOf(rule.prefix) === -1 && !(rule.lastGroup && text.indexOf(rule.prefix.toUpperCase()) !== -1)) continue;
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
