/** What a detector reports: where, and which rule. Never the matched text (it is PII or a secret). */
export interface Finding {
  /** The detector family, first half of the rule name: `pii`, `secret`, `injection`, `sql`, `custom`, `deny`. */
  detector: DetectorFamily;
  /** The kind within the family: `email`, `aws_access_key`, `override`, `stacked`, a custom pattern name. */
  type: string;
  /** UTF-16 offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
}

export type DetectorFamily = 'pii' | 'secret' | 'injection' | 'sql' | 'custom' | 'deny';

export const PII_TYPES = ['email', 'phone', 'ssn', 'card', 'iban', 'ipv4', 'ipv6'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export const SECRET_TYPES = [
  'openai_key',
  'anthropic_key',
  'google_api_key',
  'aws_access_key',
  'aws_secret_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'slack_webhook',
  'stripe_key',
  'npm_token',
  'huggingface_token',
  'sendgrid_key',
  'jwt',
  'private_key',
  'connection_string',
] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

export const INJECTION_TYPES = ['override', 'role_hijack', 'exfiltration', 'encoded'] as const;
export type InjectionType = (typeof INJECTION_TYPES)[number];

export const SQL_TYPES = ['stacked', 'tautology', 'comment_terminator', 'union_select', 'drop', 'truncate', 'unscoped_delete', 'unscoped_update'] as const;
export type SqlType = (typeof SQL_TYPES)[number];

/** `pii.email`: the bounded rule name used in actions, error codes and metrics labels. */
export function ruleOf(finding: Pick<Finding, 'detector' | 'type'>): string {
  return `${finding.detector}.${finding.type}`;
}
