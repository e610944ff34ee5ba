/**
 * `npm run bench` part `classify`: the local classifier's cost per report, on every labelled report the fixtures hold,
 * beside a reference measured in the same run on the same texts: normalising the text alone (what any reading of a
 * report costs before a rule is looked at). The timing that used to be a test lives here: a timed test is a flaky test.
 * Per text, the best of 5 runs, so GC pauses and other processes are not counted as the classifier's cost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyLocal } from '../src/services/classifier/index.js';
import { normalise } from '../src/services/classifier/text.js';
import { PROJECT_ROOT } from '../src/services/prompts.js';

const FIXTURES = path.resolve(PROJECT_ROOT, 'test/fixtures');
const texts = readdirSync(FIXTURES)
  .filter((f) => /^hazards-.*\.jsonl$/.test(f))
  .flatMap((f) => readFileSync(path.join(FIXTURES, f), 'utf8').split('\n').filter(Boolean))
  .map((line) => String(JSON.parse(line).text));

function timeEach(fn: (text: string) => unknown): { p50: number; p99: number; mean: number } {
  for (const text of texts) fn(text); // JIT warm-up
  const times = texts.map((text) => {
    let best = Infinity;
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      fn(text);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  });
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(times.length / 2)],
    p99: times[Math.ceil(times.length * 0.99) - 1],
    mean: times.reduce((a, b) => a + b, 0) / times.length,
  };
}

const fmt = (r: { p50: number; p99: number; mean: number }) => `p50 ${r.p50.toFixed(3)} ms  p99 ${r.p99.toFixed(3)} ms  mean ${r.mean.toFixed(3)} ms`;
const reference = timeEach((text) => normalise(text));
const local = timeEach((text) => classifyLocal(text));
console.log(`${texts.length} labelled reports`);
console.log(`normalise only (reference)   ${fmt(reference)}`);
console.log(`classifyLocal                ${fmt(local)}   target: p99 < 2 ms`);
