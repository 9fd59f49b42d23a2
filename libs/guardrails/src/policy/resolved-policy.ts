import type { PiiType, SecretType } from '../findings/finding';
import type { NamedPattern } from '../detectors/custom/pattern.detector';
import type { DetectMode, PiiMode, SecretMode } from './guardrail-policy.schema';

export interface GuardrailLimits {
  /** Characters over all message texts of a request. */
  maxInputLength: number;
  maxInputTokens: number | undefined;
  /** Characters per choice of a response. */
  maxOutputLength: number;
  maxOutputTokens: number | undefined;
}

/** A policy with every mode decided and every pattern compiled: what the engine runs. */
export interface ResolvedGuardrailPolicy {
  enabled: boolean;
  pii: Record<PiiType, PiiMode>;
  secrets: Record<SecretType, SecretMode>;
  promptInjection: DetectMode;
  sqlInjection: DetectMode;
  custom: Array<NamedPattern & { mode: PiiMode }>;
  deny: NamedPattern[];
  allow: RegExp[];
  limits: GuardrailLimits;
}
