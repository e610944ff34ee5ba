import { describe, expect, it } from 'vitest';
import { QUANZHOU_CALENDAR } from '../../../../src/services/deadlines/calendar';
import { resolveFiling } from '../../../../src/services/deadlines/filing-alias';
import { shanghaiDate } from '../../../../src/services/time';

const at = (y: number, m: number, d: number) => shanghaiDate(y, m, d, 10);
const resolve = (text: string, when: Date) => {
  const r = resolveFiling(QUANZHOU_CALENDAR, text, when);
  return r.ok ? `${r.deadline.key} ${r.occurrence.date} ${r.occurrence.period}` : r.reason;
};

describe('resolveFiling (/已报送 <事项>)', () => {
  it('maps the short words to the nearest occurrence', () => {
    expect(resolve('方案', at(2025, 2, 10))).toBe('plan 2025-02-21 2025');
    expect(resolve('季报', at(2025, 4, 20))).toBe('q1 2025-04-01 2025Q1'); // late Q1 filing
    expect(resolve('季报', at(2025, 6, 20))).toBe('q2 2025-07-01 2025Q2'); // early Q2 filing
    expect(resolve('季报', at(2025, 12, 20))).toBe('q4 2026-01-01 2025Q4');
    // 季报 and 年度工作总结 are separate filings on 1/1.
    expect(resolve('年报', at(2026, 1, 3))).toBe('annual 2026-01-01 2025');
    expect(resolve('年度工作总结', at(2026, 1, 3))).toBe('annual 2026-01-01 2025');
    expect(resolve('评估报告', at(2025, 3, 10))).toBe('self-assessment 2025-03-20 2025');
    expect(resolve('自评', at(2025, 3, 10))).toBe('school-self-assessment 2025-03-31 2025');
    expect(resolve('季报数据', at(2026, 3, 10))).toBe('q1-school 2026-03-28 2026Q1');
    // The 2025 plan is one-off: nothing to file in 2027.
    expect(resolve('方案', at(2027, 2, 10))).toBe('no-occurrence');
  });

  it('honours an explicit period', () => {
    expect(resolve('季报 2025Q3', at(2025, 12, 20))).toBe('q3 2025-10-01 2025Q3');
    expect(resolve('季报 第二季度', at(2025, 12, 20))).toBe('q2 2025-07-01 2025Q2');
    expect(resolve('季报 Q4', at(2025, 12, 20))).toBe('q4 2026-01-01 2025Q4');
  });

  it('refuses unknown words and untracked stage ends', () => {
    expect(resolve('督导帮扶', at(2025, 9, 1))).toBe('unknown');
    expect(resolve('随便', at(2025, 9, 1))).toBe('unknown');
    const r = resolveFiling(QUANZHOU_CALENDAR, '随便', at(2025, 9, 1));
    expect(r.ok ? [] : r.known).toEqual(['方案', '评估报告', '自评', '季报', '季报数据', '年报']);
  });
});
