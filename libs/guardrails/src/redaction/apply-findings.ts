import { GatewayError } from '@llmgw/contracts';
import type { Finding } from '../findings/finding';
import { ruleOf } from '../findings/finding';
import type { GuardrailEngine } from '../engine/guardrail-engine';
import type { ActionSet } from './action-set';
import type { PlaceholderMap } from './placeholder-map';

export interface ApplyOptions {
  /** Text sits inside a JSON string (tool-call arguments): never split an escape sequence. */
  json?: boolean;
  /** Output side: mask-mode findings are left in place for the caller (their own data). */
  output?: boolean;
}

/** The error every block raises: the rule, never the matched text. Actions go along for metering. */
export function guardrailBlocked(rule: string, actions: ActionSet): GatewayError {
  return new GatewayError('guardrail_blocked', `Request blocked by guardrail rule ${rule}`, {
    code: rule,
    metadata: { actions: actions.list() },
  });
}

/**
 * Records each finding's action and rewrites the text: redact and mask replace the span with
 * its placeholder, block throws after every finding has been recorded, flag leaves the text.
 */
export function applyFindings(
  text: string,
  findings: readonly Finding[],
  engine: GuardrailEngine,
  placeholders: PlaceholderMap,
  actions: ActionSet,
  options: ApplyOptions = {},
): string {
  if (findings.length === 0) return text;
  let blocked: string | undefined;
  let out = '';
  let cursor = 0;
  for (const finding of findings) {
    let mode = engine.modeOf(finding);
    if (mode === 'mask' && options.output) mode = 'flag';
    actions.add(finding, mode);
    if (mode === 'block') blocked ??= ruleOf(finding);
    if (mode !== 'redact' && mode !== 'mask') continue;
    let start = finding.start;
    if (options.json && start > 0 && text[start - 1] === '\\') start += 1;
    if (start < cursor || start >= finding.end) continue;
    out += text.slice(cursor, start) + placeholders.placeholderFor(finding.type, text.slice(start, finding.end), mode === 'mask');
    cursor = finding.end;
  }
  if (blocked) throw guardrailBlocked(blocked, actions);
  return cursor === 0 ? text : out + text.slice(cursor);
}
