import type { Detector } from '../detectors/detector';
import { ScanText } from '../detectors/scan-text';
import type { Finding, PiiType, SecretType } from '../findings/finding';
import { patternDetector, allowedSpans } from '../detectors/custom/pattern.detector';
import type { GuardrailMode } from '../policy/guardrail-policy.schema';
import type { ResolvedGuardrailPolicy } from '../policy/resolved-policy';
import { INJECTION_DETECTORS, PII_DETECTORS, SECRET_DETECTORS, SQL_DETECTORS } from './detector-sets';

/** Which checks a text gets: messages to the provider, or what comes back. */
export type Direction = 'input' | 'output';

/** Redacting detectors win overlaps in this order; then the longer span. */
const PRIORITY: Record<Finding['detector'], number> = { deny: 0, secret: 1, custom: 2, pii: 3, injection: 4, sql: 4 };

/**
 * One compiled policy: the detectors it needs, the mode of every finding. Built once per
 * distinct policy and shared by all requests that use it; holds no per-request state.
 */
export class GuardrailEngine {
  private readonly redacting: Detector[];
  private readonly injection: Detector[];
  private readonly sql: Detector[];
  /**
   * Prescan buffers reused by every scan (one allocation per engine instead of one per text).
   * Safe because `scan` is synchronous and never re-entered: detectors do not call back into it.
   */
  private readonly shared = new ScanText();

  constructor(readonly policy: ResolvedGuardrailPolicy) {
    const on = (detector: Detector, modes: Record<string, GuardrailMode>) => detector.types.some((type) => modes[type] !== 'off');
    this.redacting = [
      ...SECRET_DETECTORS.filter((detector) => on(detector, policy.secrets)),
      ...PII_DETECTORS.filter((detector) => on(detector, policy.pii)),
    ];
    const custom = policy.custom.filter((pattern) => pattern.mode !== 'off');
    if (custom.length > 0) this.redacting.push(patternDetector('custom', custom));
    if (policy.deny.length > 0) this.redacting.push(patternDetector('deny', policy.deny));
    this.injection = policy.promptInjection === 'off' ? [] : [...INJECTION_DETECTORS];
    this.sql = policy.sqlInjection === 'off' ? [] : [...SQL_DETECTORS];
  }

  get enabled(): boolean {
    return this.policy.enabled;
  }

  modeOf(finding: Pick<Finding, 'detector' | 'type'>): GuardrailMode {
    switch (finding.detector) {
      case 'pii':
        return this.policy.pii[finding.type as PiiType] ?? 'off';
      case 'secret':
        return this.policy.secrets[finding.type as SecretType] ?? 'off';
      case 'custom':
        return this.policy.custom.find((pattern) => pattern.name === finding.type)?.mode ?? 'off';
      case 'deny':
        return 'block';
      case 'injection':
        return this.policy.promptInjection;
      case 'sql':
        return this.policy.sqlInjection;
    }
  }

  /**
   * Findings in `text`, non-overlapping among those that change the text, sorted by start.
   * `injection` adds the prompt-injection checks (user and tool messages), `sql` the SQL ones.
   */
  scan(text: string, checks: { injection?: boolean; sql?: boolean } = {}): Finding[] {
    if (!this.policy.enabled || text.length === 0) return [];
    const raw: Finding[] = [];
    const shared = this.shared.reset(text);
    try {
      for (const detector of this.redacting) detector.detect(text, raw, shared);
      if (checks.injection) for (const detector of this.injection) detector.detect(text, raw, shared);
      if (checks.sql) for (const detector of this.sql) detector.detect(text, raw, shared);
    } finally {
      shared.reset(''); // keep no reference to the request's text
    }
    if (raw.length === 0) return raw;
    const kept = raw.filter((finding) => this.modeOf(finding) !== 'off');
    const allowed = this.policy.allow.length > 0 ? allowedSpans(text, this.policy.allow) : [];
    const visible = allowed.length === 0 ? kept : kept.filter((f) => !allowed.some(([s, e]) => f.start >= s && f.end <= e));
    return resolveOverlaps(visible);
  }
}

/** Keeps one finding per overlapping group of text-changing findings (flag-only ones all stay). */
export function resolveOverlaps(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  findings.sort((a, b) => a.start - b.start || PRIORITY[a.detector] - PRIORITY[b.detector] || b.end - a.end);
  const out: Finding[] = [];
  let last: Finding | undefined;
  for (const finding of findings) {
    if (finding.detector === 'injection' || finding.detector === 'sql') {
      out.push(finding);
      continue;
    }
    if (last && finding.start < last.end) {
      const better = PRIORITY[finding.detector] < PRIORITY[last.detector] ||
        (PRIORITY[finding.detector] === PRIORITY[last.detector] && finding.end - finding.start > last.end - last.start);
      if (!better) continue;
      out.splice(out.indexOf(last), 1);
    }
    out.push(finding);
    last = finding;
  }
  return out;
}
