import { GuardrailEngine } from '../engine/guardrail-engine';
import { ruleOf } from '../findings/finding';
import { mergeGuardrailPolicies, parseGuardrailPolicy } from '../policy/merge-policy';

export interface CorpusCase {
  id: number;
  text: string;
  /** Every occurrence of `value` in `text` must be found as `rule` (e.g. `pii.email`). */
  labels: Array<{ rule: string; value: string }>;
  note?: string;
}

export interface RuleScore {
  rule: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface CorpusMistake {
  id: number;
  rule: string;
  kind: 'fp' | 'fn';
  /** The corpus is synthetic test data, so showing the span is fine here (never in production logs). */
  span: string;
}

/** Every detector on: PII and secrets redact, prompt injection and SQL flag. */
export function corpusEngine(): GuardrailEngine {
  return new GuardrailEngine(mergeGuardrailPolicies(parseGuardrailPolicy({ sql_injection: { mode: 'flag' } }, 'corpus')));
}

function occurrences(text: string, value: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) spans.push([at, at + value.length]);
  return spans;
}

/**
 * Span-level scoring: a finding is a true positive when it overlaps a labelled occurrence of
 * its rule, a false positive otherwise; a labelled occurrence nothing overlaps is a miss.
 */
export function scoreCorpus(cases: readonly CorpusCase[], engine = corpusEngine()): { scores: RuleScore[]; mistakes: CorpusMistake[] } {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (rule: string) => {
    let entry = counts.get(rule);
    if (!entry) counts.set(rule, (entry = { tp: 0, fp: 0, fn: 0 }));
    return entry;
  };
  const mistakes: CorpusMistake[] = [];
  for (const item of cases) {
    const findings = engine.scan(item.text, { injection: true, sql: true });
    const labelled = item.labels.flatMap((label) => {
      const spans = occurrences(item.text, label.value);
      if (spans.length === 0) throw new Error(`corpus case ${item.id}: label value not in text`);
      return spans.map(([start, end]) => ({ rule: label.rule, start, end }));
    });
    for (const finding of findings) {
      const rule = ruleOf(finding);
      if (labelled.some((label) => label.rule === rule && finding.start < label.end && label.start < finding.end)) continue;
      count(rule).fp += 1;
      mistakes.push({ id: item.id, rule, kind: 'fp', span: item.text.slice(finding.start, finding.end) });
    }
    for (const label of labelled) {
      const hit = findings.some((finding) => ruleOf(finding) === label.rule && finding.start < label.end && label.start < finding.end);
      if (hit) count(label.rule).tp += 1;
      else {
        count(label.rule).fn += 1;
        mistakes.push({ id: item.id, rule: label.rule, kind: 'fn', span: item.text.slice(label.start, label.end) });
      }
    }
  }
  const scores = [...counts.entries()]
    .map(([rule, { tp, fp, fn }]) => ({ rule, tp, fp, fn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) }))
    .sort((a, b) => a.rule.localeCompare(b.rule));
  return { scores, mistakes };
}

/** Targets of issue 7: every PII and secret type at precision >= 0.98 and recall >= 0.95. */
export const TARGETS = { precision: 0.98, recall: 0.95 } as const;

export function belowTarget(scores: readonly RuleScore[]): RuleScore[] {
  return scores.filter(
    (score) => (score.rule.startsWith('pii.') || score.rule.startsWith('secret.')) && (score.precision < TARGETS.precision || score.recall < TARGETS.recall),
  );
}
