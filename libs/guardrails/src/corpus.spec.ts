import { readFileSync } from 'node:fs';
import path from 'node:path';
import { belowTarget, scoreCorpus, type CorpusCase } from './evaluation/corpus-score';

const cases = JSON.parse(readFileSync(path.join(__dirname, '../../../bench/guardrails/corpus.json'), 'utf8')) as CorpusCase[];

describe('labelled corpus (bench/guardrails/corpus.json)', () => {
  const { scores, mistakes } = scoreCorpus(cases);

  it('has at least 400 cases, tricky negatives included', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(cases.filter((item) => item.labels.length === 0).length).toBeGreaterThanOrEqual(150);
  });

  it('covers every PII type and the main secret types', () => {
    const rules = new Set(scores.map((score) => score.rule));
    for (const rule of ['pii.email', 'pii.phone', 'pii.ssn', 'pii.card', 'pii.iban', 'pii.ipv4', 'pii.ipv6', 'secret.openai_key', 'secret.aws_access_key', 'secret.jwt', 'secret.private_key', 'secret.connection_string'])
      expect(rules).toContain(rule);
  });

  it('meets precision 0.98 and recall 0.95 for every PII and secret type', () => {
    const failing = belowTarget(scores).map((score) => ({ ...score, mistakes: mistakes.filter((mistake) => mistake.rule === score.rule) }));
    expect(failing).toEqual([]);
  });
});
