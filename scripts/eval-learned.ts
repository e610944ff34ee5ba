/**
 * npm run eval:learned
 * How much the learned second opinion (src/services/classifier/learned.ts) adds, judged the only fair way on data
 * this repository has: on each blind round's first-sight output (docs/majors-*-first-run.txt: what the rules of that
 * day flagged and missed), with a model trained on every other round. Prints, per round and in total, major recall and
 * false alarms for the rules alone and for the rules with the model's doubt and raise (local.ts LEARNED), the raise
 * with its rule found as local.ts finds it (today's ranking and rule sentences). The raise is gated as local.ts gates it
 * (not on a question or an all-clear, not when nothing is open); whether it would also read as a report is not replayed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { judgedItem, LEARNED, raisedRule, readsFigures } from '../src/services/classifier/local.js';
import { indexFor } from '../src/services/classifier/catalogue-index.js';
import { rank } from '../src/services/classifier/scoring.js';
import { defaultCatalogue } from '../src/services/checklist/catalogue.js';
import { majorProbability, trainMajorModel } from '../src/services/classifier/learned.js';
import { normalise } from '../src/services/classifier/text.js';
import { looksLikeQuestion, soundsAllClear } from '../src/services/classifier/signals.js';
import { reportsNothingOpen } from '../src/services/classifier/not-open.js';
import { PROJECT_ROOT } from '../src/services/prompts.js';
import { majorTrainingRows } from './major-training-rows.js';

const rows = majorTrainingRows();
const index = indexFor(defaultCatalogue);
const strip = (line: string) => line.replace(/^\s*\[[^\]]*\]\s*/, '');
const total = { majors: 0, negatives: 0, rulesTp: 0, rulesFp: 0, tp: 0, fp: 0 };
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`.padStart(6);

for (const set of [...new Set(rows.map((r) => r.set))]) {
  const doc = path.resolve(PROJECT_ROOT, `docs/${set}-first-run.txt`);
  if (!existsSync(doc)) continue;
  const lines = readFileSync(doc, 'utf8').split('\n');
  const missed = new Set(lines.filter((l) => l.includes('重大 期望是')).map(strip));
  const falseAlarms = new Set(lines.filter((l) => l.includes('重大 期望否')).map(strip));
  const model = trainMajorModel(rows.filter((r) => r.set !== set), normalise);
  const t = { majors: 0, negatives: 0, rulesTp: 0, rulesFp: 0, tp: 0, fp: 0 };
  for (const row of rows.filter((r) => r.set === set)) {
    const byRules = row.major ? !missed.has(row.text) : falseAlarms.has(row.text);
    const p = majorProbability(normalise(row.text), model);
    // The doubt applies to red lines only (local.ts); a first-run file does not say which rule fired, so every
    // rule match is treated as one here: the figure is an upper bound on the doubt's effect.
    const n = normalise(row.text);
    const guarded = looksLikeQuestion(n) || soundsAllClear(n);
    const doubted = n.length >= LEARNED.doubtFrom && p < (guarded ? LEARNED.doubtAsked : LEARNED.doubt) && !readsFigures(n);
    const ranking = rank(n, index);
    const top = index.items[ranking.items[0]?.index ?? -1]?.code;
    const raised = p >= LEARNED.raise && !guarded && !reportsNothingOpen(n) && ((p >= LEARNED.raiseAlone && judgedItem(top, defaultCatalogue)) || raisedRule(n, ranking, index, defaultCatalogue) !== undefined);
    const flagged = byRules ? !doubted : raised;
    if (row.major) {
      t.majors += 1; t.rulesTp += Number(byRules); t.tp += Number(flagged);
    } else {
      t.negatives += 1; t.rulesFp += Number(byRules); t.fp += Number(flagged);
    }
  }
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += t[k];
  console.log(`${set.padEnd(9)} rules: recall ${pct(t.rulesTp, t.majors)} false ${pct(t.rulesFp, t.negatives)}   with the model: recall ${pct(t.tp, t.majors)} false ${pct(t.fp, t.negatives)}`);
}
console.log(`${'total'.padEnd(9)} rules: recall ${pct(total.rulesTp, total.majors)} false ${pct(total.rulesFp, total.negatives)}   with the model: recall ${pct(total.tp, total.majors)} false ${pct(total.fp, total.negatives)}`);
