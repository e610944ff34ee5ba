/**
 * npm run train:major
 * Trains the learned second opinion on major hazards (src/services/classifier/learned.ts) on the blind-written
 * labelled sets and writes src/services/classifier/major-model.json. Deterministic: the same rows give the same file,
 * which test/unit/services/classifier/learned.test.ts checks. Run it after adding a labelled set.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeModel, trainMajorModel } from '../src/services/classifier/learned.js';
import { normalise } from '../src/services/classifier/text.js';
import { PROJECT_ROOT } from '../src/services/prompts.js';
import { majorTrainingRows } from './major-training-rows.js';

const rows = majorTrainingRows();
const started = Date.now();
const model = trainMajorModel(rows, normalise);
const out = path.resolve(PROJECT_ROOT, 'src/services/classifier/major-model.json');
writeFileSync(out, `${JSON.stringify(encodeModel(model))}\n`);
console.log(`trained on ${rows.length} labelled reports (${rows.filter((r) => r.major).length} major) in ${Date.now() - started} ms → ${path.relative(PROJECT_ROOT, out)}`);
