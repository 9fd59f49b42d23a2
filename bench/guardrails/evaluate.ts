// Precision and recall per detector type over the labelled corpus (corpus.json beside this file).
// Exits 1 when a PII or secret type is below precision 0.98 or recall 0.95.
//   BUILD_OUT_DIR=/tmp/build-h1 node tools/build.mjs && node /tmp/build-h1/bench/guardrails/evaluate.js [--verbose]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { belowTarget, CORPUS_TARGETS as TARGETS, scoreCorpus, type CorpusCase } from '@llmgw/guardrails';

const corpusPath = [path.join(__dirname, 'corpus.json'), path.resolve(__dirname, '../../../bench/guardrails/corpus.json'), path.resolve('bench/guardrails/corpus.json')].find((candidate) => {
  try {
    readFileSync(candidate);
    return true;
  } catch {
    return false;
  }
});
if (!corpusPath) throw new Error('corpus.json not found (run from the repository root)');
const cases = JSON.parse(readFileSync(corpusPath, 'utf8')) as CorpusCase[];
const { scores, mistakes } = scoreCorpus(cases);

console.log(`corpus: ${cases.length} cases, ${cases.filter((item) => item.labels.length === 0).length} without any label (pure negatives)`);
console.log(`${'rule'.padEnd(28)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} ${'precision'.padStart(10)} ${'recall'.padStart(8)}`);
for (const score of scores) {
  console.log(
    `${score.rule.padEnd(28)} ${String(score.tp).padStart(4)} ${String(score.fp).padStart(4)} ${String(score.fn).padStart(4)} ${score.precision.toFixed(3).padStart(10)} ${score.recall.toFixed(3).padStart(8)}`,
  );
}
if (process.argv.includes('--verbose')) for (const mistake of mistakes) console.log(`  case ${mistake.id} ${mistake.kind} ${mistake.rule}: ${JSON.stringify(mistake.span)}`);
else if (mistakes.length > 0) console.log(`${mistakes.length} mistakes (--verbose lists them)`);
const failing = belowTarget(scores);
if (failing.length > 0) {
  console.log(`BELOW TARGET (P >= ${TARGETS.precision}, R >= ${TARGETS.recall}): ${failing.map((score) => score.rule).join(', ')}`);
  process.exit(1);
}
console.log(`all PII and secret types meet P >= ${TARGETS.precision} and R >= ${TARGETS.recall}`);
