// Duplicate detection on true and false pairs (test/fixtures/duplicate-pairs.jsonl): dev-set reports with a second
// teacher's paraphrase (true), and dev-set reports of the same item or the same words at another place (false).
// Both reports go through the local classifier, as in the bot, so the item and area are the ones the bot would use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyLocal } from '../../../../src/services/classifier/local';
import { isDuplicate, placesConflict, similarity } from '../../../../src/services/hazards/duplicates';

const pairs = readFileSync('test/fixtures/duplicate-pairs.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { a: string; b: string; dup: boolean });

function judged(a: string, b: string): boolean {
  const ca = classifyLocal(a);
  const cb = classifyLocal(b);
  return isDuplicate({ area: cb.area, item: cb.item, description: b, location: cb.location }, { area: ca.area, itemCode: ca.item, description: a, location: ca.location }) > 0;
}

describe('duplicates', () => {
  it('finds the true pairs and none of the false ones', () => {
    const truePairs = pairs.filter((p) => p.dup);
    const falsePairs = pairs.filter((p) => !p.dup);
    const found = truePairs.filter((p) => judged(p.a, p.b)).length;
    const wrong = falsePairs.filter((p) => judged(p.a, p.b)).map((p) => `${p.a} | ${p.b}`);
    expect(truePairs.length).toBeGreaterThanOrEqual(20);
    expect(falsePairs.length).toBeGreaterThanOrEqual(30);
    // Measured: 23/24 found (the miss is a pair the classifier puts in different areas), 0/33 wrong.
    expect(found).toBeGreaterThanOrEqual(23);
    expect(wrong).toEqual([]);
  });
  it('the issue example is a duplicate; another floor, side or room is not', () => {
    expect(judged('三楼楼梯口堆了很多旧桌椅', '三楼楼梯口堆了好多旧课桌椅把疏散通道堵了')).toBe(true);
    expect(placesConflict('三楼楼梯口', '五楼楼梯口')).toBe(true);
    expect(placesConflict('东侧楼梯', '西侧楼梯')).toBe(true);
    expect(placesConflict('302寝室', '305寝室')).toBe(true);
    expect(placesConflict('男生宿舍', '女生宿舍')).toBe(true);
    expect(placesConflict('三楼楼梯口', '3楼楼梯口')).toBe(false);
    expect(similarity({ description: '三楼楼梯口堆了杂物' }, { description: '五楼楼梯口堆了杂物' })).toBe(0);
  });
});
