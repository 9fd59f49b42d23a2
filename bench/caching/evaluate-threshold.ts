// Hit rate on paraphrases and false-hit rate on near-misses of the semantic cache, at several
// thresholds, with the offline embedder (Universal Sentence Encoder Lite), with and without the
// lexical guard. The default SIMILARITY_THRESHOLD is the lowest threshold whose false-hit rate
// (guard on) is <= 1% on every set and at which cosine alone already refuses at least 40% of the
// tuning near-misses: the guard was tuned on them, so it is the second line, not the only one.
//   BUILD_OUT_DIR=/tmp/build-h2 node tools/build.mjs &&
//   NODE_PATH=$PWD/node_modules node /tmp/build-h2/bench/caching/evaluate-threshold.js   (from the repository root)
// Three sets: pairs.json (tuning), pairs-heldout.json and pairs-heldout-2.json (never tuned on).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lexicallyCompatible, OfflineEmbedder } from '@llmgw/caching';

interface Pair {
  a: string;
  b: string;
  same: boolean;
  category: string;
}

const THRESHOLDS = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const TARGET_FALSE_HIT = 0.01;
/** Cosine alone must refuse at least this share of the tuning set's near-misses. */
const MIN_COSINE_REFUSALS = 0.4;

function pairsFile(name: string): Pair[] {
  // The JSON sits beside the source; the built script runs from another folder.
  const candidates = [path.join(__dirname, name), path.resolve('bench/caching', name)];
  for (const file of candidates) {
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { pairs: Pair[] }).pairs;
    } catch {
      // try the next place
    }
  }
  throw new Error(`bench/caching/${name} not found: run from the repository root`);
}

const dot = (x: Float32Array, y: Float32Array) => x.reduce((sum, value, i) => sum + value * y[i]!, 0);
const pct = (part: number, whole: number) => `${((part / Math.max(1, whole)) * 100).toFixed(1)}%`.padStart(6);

type Scored = Pair & { similarity: number; guard: boolean };

interface Row {
  threshold: number;
  plainFalseHitRate: number;
  guardedFalseHitRate: number;
}

function table(label: string, scored: Scored[]): Row[] {
  const paraphrases = scored.filter((pair) => pair.same);
  const nearMisses = scored.filter((pair) => !pair.same);
  console.log(`\n${label}: ${scored.length} pairs (${paraphrases.length} paraphrases, ${nearMisses.length} near-misses)`);
  console.log(`guard alone: passes ${pct(paraphrases.filter((p) => p.guard).length, paraphrases.length)} of paraphrases, ${pct(nearMisses.filter((p) => p.guard).length, nearMisses.length)} of near-misses`);
  console.log('threshold | cosine only: hit rate  false hits | cosine + lexical guard: hit rate  false hits');
  const rows: Row[] = [];
  for (const threshold of THRESHOLDS) {
    const hit = (pair: Scored, guarded: boolean) => pair.similarity >= threshold && (!guarded || pair.guard);
    const [plain, guarded] = [false, true].map((on) => ({
      hits: paraphrases.filter((pair) => hit(pair, on)).length,
      falseHits: nearMisses.filter((pair) => hit(pair, on)).length,
    })) as [{ hits: number; falseHits: number }, { hits: number; falseHits: number }];
    rows.push({ threshold, plainFalseHitRate: plain.falseHits / nearMisses.length, guardedFalseHitRate: guarded.falseHits / nearMisses.length });
    console.log(
      `${threshold.toFixed(2).padStart(9)} | ${pct(plain.hits, paraphrases.length).padStart(21)}  ${pct(plain.falseHits, nearMisses.length).padStart(10)} | ${pct(guarded.hits, paraphrases.length).padStart(31)}  ${pct(guarded.falseHits, nearMisses.length).padStart(10)}`,
    );
  }
  return rows;
}

async function main(): Promise<void> {
  const sets = { tuning: pairsFile('pairs.json'), heldout: pairsFile('pairs-heldout.json'), heldout2: pairsFile('pairs-heldout-2.json') };
  const all = [...sets.tuning, ...sets.heldout, ...sets.heldout2];
  const embedder = new OfflineEmbedder();
  const texts = [...new Set(all.flatMap((pair) => [pair.a, pair.b]))];
  const started = performance.now();
  const vectors = await embedder.embed(texts);
  const embedMs = performance.now() - started;
  await embedder.close();
  console.log(`embedded ${texts.length} prompts in ${embedMs.toFixed(0)} ms (${(embedMs / texts.length).toFixed(1)} ms each, batches of 32, worker start included)`);
  const vectorOf = new Map(texts.map((text, i) => [text, vectors[i]!]));
  const score = (pairs: Pair[]): Scored[] =>
    pairs.map((pair) => ({ ...pair, similarity: dot(vectorOf.get(pair.a)!, vectorOf.get(pair.b)!), guard: lexicallyCompatible(pair.a, pair.b) }));
  const tuning = score(sets.tuning);
  const tuningRows = table('pairs.json (the lexical guard was tuned on these)', tuning);
  const heldout = score(sets.heldout);
  const heldout2 = score(sets.heldout2);
  const heldoutRows = [table('pairs-heldout.json (written after tuning, never tuned on)', heldout), table('pairs-heldout-2.json (written before the word-order / opposite-verb change, never tuned on)', heldout2)];
  const chosen =
    THRESHOLDS.find((threshold, i) => {
      const sets = [tuningRows[i]!, ...heldoutRows.map((rows) => rows[i]!)];
      return sets.every((row) => row.guardedFalseHitRate <= TARGET_FALSE_HIT) && tuningRows[i]!.plainFalseHitRate <= 1 - MIN_COSINE_REFUSALS;
    }) ?? null;
  console.log(
    `\nchosen SIMILARITY_THRESHOLD (lowest with guarded false hits <= ${TARGET_FALSE_HIT * 100}% on every set, and cosine alone refusing >= ${MIN_COSINE_REFUSALS * 100}% of the tuning near-misses): ${chosen ?? 'none'}`,
  );
  const nearMisses = [...tuning, ...heldout, ...heldout2].filter((pair) => !pair.same);
  if (chosen !== null) {
    for (const leak of nearMisses.filter((pair) => pair.similarity >= chosen && pair.guard))
      console.log(`  false hit at ${leak.similarity.toFixed(3)} [${leak.category}]: "${leak.a}" / "${leak.b}"`);
    for (const miss of [...heldout, ...heldout2].filter((pair) => pair.same && pair.similarity >= chosen && !pair.guard))
      console.log(`  paraphrase vetoed by the guard at ${miss.similarity.toFixed(3)} [${miss.category}]: "${miss.a}" / "${miss.b}"`);
  }
  const byCategory = new Map<string, number[]>();
  for (const pair of nearMisses) byCategory.set(pair.category, [...(byCategory.get(pair.category) ?? []), pair.similarity]);
  console.log('\nnear-miss cosine by category (median / max): why cosine alone cannot separate them');
  for (const [category, values] of byCategory) {
    const sorted = values.sort((x, y) => x - y);
    console.log(`  ${category.padEnd(20)} ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)} / ${sorted.at(-1)!.toFixed(3)}`);
  }
  const paraSorted = tuning.filter((pair) => pair.same).map((pair) => pair.similarity).sort((x, y) => x - y);
  console.log(`  paraphrases          ${paraSorted[Math.floor(paraSorted.length / 2)]!.toFixed(3)} median, ${paraSorted[0]!.toFixed(3)} min`);
}

void main();
