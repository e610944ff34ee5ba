import { describe, expect, it } from 'vitest';
import { chineseToNumber, numbersIn, sentenceCount, unsupportedNumbers } from '../../../../src/services/summary/numbers';
import { rejectReason } from '../../../../src/services/summary/narrative';

const FACTS = ['隐患 新增 86 · 销号 71 · 在办 42（🔴2 🟠9 🟡24 🔵7）· 逾期 5', '销号率 83% · 销号用时中位数 2.4 天', '年度目标：标杆学校 9/13'].join('\n');

describe('numbers in a narrative', () => {
  it('reads Arabic figures, decimals, thousands separators and Chinese numerals before a measure word', () => {
    expect(numbersIn('新增 86 条，销号率 83%，用时 2.4 天，共 13,000 个岗位')).toEqual([86, 83, 2.4, 13000]);
    expect(numbersIn('红色两条、逾期十二所，一百零五项')).toEqual([2, 12, 105]);
    // Words that merely contain numerals are not figures.
    expect(numbersIn('一般风险、三张清单、第一责任人')).toEqual([]);
  });

  it('converts Chinese numerals', () => {
    expect(chineseToNumber('十')).toBe(10);
    expect(chineseToNumber('二十四')).toBe(24);
    expect(chineseToNumber('两万')).toBe(20000);
    expect(chineseToNumber('一万三千')).toBe(13000);
    expect(chineseToNumber('三五')).toBeNaN();
  });

  it('flags figures the facts do not contain, comparing as numbers', () => {
    expect(unsupportedNumbers('新增 86 条，销号率 83.0%，红色两条', FACTS)).toEqual([]);
    expect(unsupportedNumbers('新增 86 条，其中 15 条已整改', FACTS)).toEqual([15]);
    expect(unsupportedNumbers('在办四十三条', FACTS)).toEqual([43]);
  });

  it('counts sentences and refuses answers that are too long, invented or marked up', () => {
    expect(sentenceCount('第一句。第二句！第三句？')).toBe(3);
    expect(rejectReason('本月新增 86 条，销号 71 条。逾期 5 条需跟进。', FACTS)).toBeNull();
    expect(rejectReason('本月新增 87 条。', FACTS)).toContain('87');
    expect(rejectReason('一。二。三。四。五。六。七。', FACTS)).toContain('sentences');
    expect(rejectReason('详见 https://example.com 。', FACTS)).toBe('markup or links');
  });
});
