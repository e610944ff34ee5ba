/** The rows the learned major-hazard model trains on: every blind-written set (hazards-majors-a … ), file by file, in file order. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LabelledText } from '../src/services/classifier/learned.js';
import { PROJECT_ROOT } from '../src/services/prompts.js';

/**
 * The sets written to the criteria in docs/major-rules.md. The older sets (fresh, holdout) label by other conventions
 * and, trained on as well, made the model worse on rounds it had not seen (eval:learned: recall 89.9% / false 6.4%
 * against 91.1% / 5.5%).
 */
export const TRAINING_SETS = /^hazards-majors-[a-z]{1,2}\.jsonl$/;

export function majorTrainingFiles(): string[] {
  const dir = path.resolve(PROJECT_ROOT, 'test/fixtures');
  return readdirSync(dir).filter((f) => TRAINING_SETS.test(f)).sort().map((f) => path.join(dir, f));
}

export function majorTrainingRows(files: string[] = majorTrainingFiles()): (LabelledText & { set: string })[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
      const row = JSON.parse(line) as { text: string; major: boolean };
      return { text: row.text, major: row.major === true, set: path.basename(file, '.jsonl').replace(/^hazards-/, '') };
    }),
  );
}
