/** Shape check for any Classification a test gets back, whatever path produced it. */
import { expect } from 'vitest';
import { z } from 'zod';
import { getItem } from '../../src/services/checklist/catalogue.js';
import { AREA_CODES } from '../../src/services/checklist/types.js';
import type { Classification } from '../../src/services/classifier/index.js';

const classificationSchema = z
  .object({
    area: z.enum(AREA_CODES),
    item: z.string(),
    risk: z.enum(['red', 'orange', 'yellow', 'blue']),
    major: z
      .object({
        flag: z.boolean(),
        criterion: z.string().optional(),
        citation: z.string().optional(),
        suspected: z.boolean().optional(),
      })
      .strict(),
    location: z.string().optional(),
    confidence: z.number().min(0).max(1),
    source: z.enum(['llm', 'local']),
    candidates: z.array(z.object({ item: z.string(), area: z.enum(AREA_CODES), score: z.number() }).strict()).max(8),
    isHazardLike: z.boolean(),
    emergency: z.object({ type: z.string(), title: z.string() }).strict().optional(),
  })
  .strict();

export function expectValidClassification(result: Classification): void {
  classificationSchema.parse(result);
  const item = getItem(result.item);
  expect(item, `unknown item ${result.item}`).toBeDefined();
  expect(item?.area).toBe(result.area);
  if (result.major.flag) {
    expect(result.risk).toBe('red');
    expect(result.major.criterion).toBeTruthy();
    expect(result.major.citation).toBeTruthy();
  }
}
