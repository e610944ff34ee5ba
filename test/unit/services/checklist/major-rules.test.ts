import { describe, expect, it } from 'vitest';
import { getItem, majorRules } from '../../../../src/services/checklist/catalogue.js';
import { combinedRules, ruleMeta } from '../../../../src/services/checklist/data/rule-sources.js';
import { classifyLocal } from '../../../../src/services/classifier/index.js';
import { matchMajorRules } from '../../../../src/services/classifier/major-match.js';
import { normalise } from '../../../../src/services/classifier/text.js';
import { defaultCatalogue } from '../../../../src/services/checklist/catalogue.js';

describe('major rules as data', () => {
  it('gives every shipped rule a source, a guide area, a kind of judgement, examples and near misses', () => {
    for (const rule of majorRules) {
      const meta = ruleMeta[rule.code];
      expect(meta, rule.code).toBeDefined();
      expect(meta.source.document.length, rule.code).toBeGreaterThan(3);
      expect(meta.examples.length, rule.code).toBeGreaterThanOrEqual(2);
      expect(meta.nearMisses.length, rule.code).toBeGreaterThanOrEqual(1);
      // Only text read in the guide itself may be a certain (non-suspected) major.
      if (!rule.suspected) expect(meta.source.level, rule.code).toBe('guide');
    }
    expect(Object.keys(ruleMeta).sort()).toEqual(majorRules.map((r) => r.code).sort());
  });

  it('covers every area the guide names in 第二条', () => {
    const covered = new Set(Object.values(ruleMeta).map((m) => m.guideArea));
    expect([...covered].sort()).toEqual(['building', 'crowd', 'fire', 'food', 'lab', 'traffic', 'utilities']);
  });

  for (const rule of majorRules) {
    const meta = ruleMeta[rule.code];
    it(`${rule.code} fires on its own examples and not on its near misses`, () => {
      for (const text of meta?.examples ?? []) {
        const matched = matchMajorRules(normalise(text), defaultCatalogue).map((r) => r.code);
        expect(matched, text).toContain(rule.code);
        const result = classifyLocal(text);
        expect(result.major.flag, text).toBe(true);
        expect(result.risk, text).toBe('red');
      }
      for (const text of meta?.nearMisses ?? []) {
        expect(classifyLocal(text).major, text).toEqual({ flag: false });
      }
    });
  }

  it('has combined rules over real items with a threshold above one', () => {
    for (const rule of combinedRules) {
      expect(rule.threshold, rule.code).toBeGreaterThan(1);
      expect(getItem(rule.fileUnder), rule.code).toBeDefined();
      for (const item of rule.items) expect(getItem(item), `${rule.code} → ${item}`).toBeDefined();
    }
  });
});
