import { describe, expect, it } from 'vitest';
import { classifyLocal } from '../../../../src/services/classifier/index.js';
import { normalise } from '../../../../src/services/classifier/text.js';
import { detectEmergency } from '../../../../src/services/emergency/detect.js';
import { emergencyTypes } from '../../../../src/services/emergency/emergency-types.js';

describe('emergency types', () => {
  it('covers the incidents the issue names, each with immediate steps that say whom to call', () => {
    const codes = emergencyTypes.map((t) => t.code);
    for (const code of ['food-poisoning', 'gas-leak', 'crush', 'fire', 'injury']) expect(codes).toContain(code);
    for (const type of emergencyTypes) {
      expect(type.steps.length, type.code).toBeGreaterThanOrEqual(2);
      expect(type.steps.join(''), type.code).toMatch(/1[12]0|119|报告/);
    }
  });

  for (const type of emergencyTypes) {
    it(`${type.code}: detected in its examples, not in its near misses`, () => {
      for (const text of type.examples) {
        expect(detectEmergency(normalise(text))?.code, text).toBe(type.code);
        const result = classifyLocal(text);
        expect(result.emergency, text).toEqual({ type: type.code, title: type.title });
        expect(result.isHazardLike, text).toBe(true);
      }
      for (const text of type.nearMisses) expect(detectEmergency(normalise(text)), text).toBeUndefined();
    });
  }
});
