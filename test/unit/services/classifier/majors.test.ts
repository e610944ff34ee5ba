import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLocal, evaluate, parseLabelledJsonl } from '../../../../src/services/classifier/index.js';
import { PROJECT_ROOT } from '../../../../src/services/prompts.js';

/**
 * Majors beyond fire, near misses and emergencies (issue 19), 100 sentences each, written by someone who did not
 * see the rules. Local classifier, no model. First sight of each (before any change prompted by it):
 *   majors-a: area 88.0%, major recall 29/70 (41.4%), false majors 1/30, emergencies 12/15 (1 false of 85)
 *     → fixes in general terms (word lists, new rules for the other areas, emergencies as suspected majors)
 *   majors-b (after the majors-a fixes, still unseen): area 88.0%, major recall 37/70 (52.9%), false majors 1/30,
 *     emergencies 9/15 (0 false) — the honest held-out figure
 *     → fixes in general terms again
 * Now both are regression sets: they must stay at the targets.
 */
const FILES = ['hazards-majors-a.jsonl', 'hazards-majors-b.jsonl'].map((f) => path.resolve(PROJECT_ROOT, 'test/fixtures', f));

describe.each(FILES)('local classifier on %s', (file) => {
  const rows = parseLabelledJsonl(readFileSync(file, 'utf8'));

  it('meets the targets: major recall ≥ 95%, false major alarms ≤ 3%, area accuracy ≥ 95%, every emergency found', async () => {
    expect(rows).toHaveLength(100);
    const result = await evaluate(rows, (text) => classifyLocal(text));
    for (const miss of result.misses) console.info(`  ${miss.expected} → ${miss.got} (${miss.item}) ${miss.text}`);
    expect(result.major.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.major.falseAlarmRate).toBeLessThanOrEqual(0.03);
    expect(result.areaAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.emergency.recall).toBe(1);
    expect(result.emergency.fp).toBeLessThanOrEqual(1);
  });
});
